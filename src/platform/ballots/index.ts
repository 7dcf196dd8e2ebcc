/**
 * Secret, durable ballots shared by every capability that votes (polls, participatory
 * budgets): the batching ballot box over the kernel's group commit, the shuffled multi-row
 * writes, and the confirmation seal, receipt code and signed moment of the confirmation step.
 */
export {
  BallotBox,
  type BatchWriter,
  type CastOutcome,
  enrolVoters,
  insertRows,
  randomId,
  shuffle,
  type VoterRoll,
} from "./box.js";
export {
  CONFIRMATION_TTL_MS,
  issueSeal,
  receiptCodeOf,
  type SealContext,
  sealHolds,
  signedMoment,
} from "./seal.js";
