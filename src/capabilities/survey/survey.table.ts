/** One answer to the portal survey: where it was asked, the answer, the day. Nothing else. */
export interface SurveyAnswersTable {
  id: string;
  context: string;
  answer: string;
  day: string;
}

/** A keyed hash of (browser session, question, day): one answer each; deleted after the day. */
export interface SurveyReceiptsTable {
  key: string;
  day: string;
}

/** This capability's tables, as Kysely sees them. */
export interface SurveyTables {
  survey_answers: SurveyAnswersTable;
  survey_receipts: SurveyReceiptsTable;
}
