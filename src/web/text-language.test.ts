import { describe, expect, it } from "vitest";
import { langOf, writtenIn } from "./text-language.js";

describe("the language of a text nobody declared", () => {
  it("tells Kazakh, Russian and English apart", () => {
    expect(writtenIn("Көшедегі шұңқырды қашан жөндейсіздер?")).toBe("kk");
    expect(writtenIn("Когда отремонтируют дорогу на улице Кенесары?")).toBe("ru");
    expect(writtenIn("When will the road be repaired?")).toBe("en");
    expect(writtenIn("Яма у дома 40 в районе Байқоңыр, машины повреждают колёса и диски")).toBe(
      "ru",
    );
    expect(writtenIn("12 34")).toBeUndefined();
  });

  it("marks only a text in another language than the page", () => {
    expect(langOf("Когда отремонтируют дорогу?", "kk")).toBe("ru");
    expect(langOf("Когда отремонтируют дорогу?", "ru")).toBeUndefined();
  });
});
