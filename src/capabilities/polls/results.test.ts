import { describe, expect, it } from "vitest";
import { type PollResults, resultsCsv } from "./results.js";

const texts = (s: string) => ({ kk: s, ru: s, en: s });

describe("poll results as CSV", () => {
  it("defuses approved free text that a spreadsheet would run, TAB and CR included", () => {
    const results: PollResults = {
      pollId: "p1",
      kind: "survey",
      title: texts("Buses"),
      publishedAt: "2025-03-19T05:00:00.000Z",
      final: true,
      voters: 4,
      ballots: 4,
      eligible: null,
      turnout: null,
      questions: [
        {
          id: "1",
          kind: "text",
          text: texts("What else?"),
          answered: 4,
          mean: null,
          options: [],
          texts: ['\t=HYPERLINK("http://x")', "\r=1+1", "@SUM(A1)", "More buses"],
        },
      ],
    };
    const lines = resultsCsv(results, "en").split("\r\n");
    expect(lines[0]).toBe(
      "question,question_text,kind,option,option_text,count,answered,voters,eligible",
    );
    expect(lines[1]).toBe(`1,What else?,text,,"'\t=HYPERLINK(""http://x"")",,4,4,`);
    expect(lines[2]).toBe(`1,What else?,text,,"'\r=1+1",,4,4,`);
    expect(lines[3]).toBe("1,What else?,text,,'@SUM(A1),,4,4,");
    expect(lines[4]).toBe("1,What else?,text,,More buses,,4,4,");
    expect(lines[5]).toBe("");
  });
});
