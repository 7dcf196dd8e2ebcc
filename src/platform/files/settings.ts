/**
 * Limits on the files people send (appeals and their answers, the files of a draft act), kept in
 * one place so an installation can change them: how many files one owner may carry, and how
 * large each may be.
 */
export const attachmentSettings = {
  maxFiles: 5,
  maxBytes: 10 * 1024 * 1024,
  /** Longest file name kept; longer names are shortened, keeping the extension. */
  maxNameLength: 150,
};
