/** Where in the portal the question is asked: after an interaction has finished. */
export const SURVEY_CONTEXTS = [
  "appeal_filed",
  "answer_read",
  "petition_signed",
  "ballot_cast",
] as const;
export type SurveyContext = (typeof SURVEY_CONTEXTS)[number];

/** "Did you do what you came here to do today?" */
export const SURVEY_ANSWERS = ["all", "most", "some", "none"] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

export const isContext = (v: string): v is SurveyContext =>
  (SURVEY_CONTEXTS as readonly string[]).includes(v);
export const isAnswer = (v: string): v is SurveyAnswer =>
  (SURVEY_ANSWERS as readonly string[]).includes(v);

/**
 * Pew Research Center (Pew Internet & American Life Project), "Government Online", Aaron
 * Smith, 27 April 2010: of government website users, 50% accomplished everything they set
 * out to do in their last visit, 28% most of it, 5% nothing. The report's summary gives no
 * figure for "some"; the remaining 17% covers "some" and those who did not answer, so it is
 * shown as derived, never as a published figure.
 */
export const PEW_2010 = {
  source: "Pew Research Center, Government Online (Aaron Smith, 27 April 2010)",
  url: "https://www.pewresearch.org/internet/2010/04/27/government-online/",
  shares: { all: 0.5, most: 0.28, some: null, none: 0.05 } as Record<SurveyAnswer, number | null>,
  remainder: 0.17,
};

/** A path on this site to send the person back to, or "/" for anything else. */
export function localPath(value: string | undefined): string {
  const v = (value ?? "").trim();
  if (v.length > 500 || !/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/.test(v)) return "/";
  return v;
}

export interface Tally {
  total: number;
  counts: Record<SurveyAnswer, number>;
}

export function emptyTally(): Tally {
  return { total: 0, counts: { all: 0, most: 0, some: 0, none: 0 } };
}

/** A share of the total, or null when nobody answered. */
export const shareOf = (t: Tally, a: SurveyAnswer): number | null =>
  t.total > 0 ? t.counts[a] / t.total : null;
