/** The media types an appeal may carry, each recognised by its first bytes. */
export const ATTACHMENT_MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/**
 * Limits on files, kept in one place so an installation can change them: how many files one
 * appeal (or one answer) may carry, and how large each may be.
 */
export const attachmentSettings = {
  maxFiles: 5,
  maxBytes: 10 * 1024 * 1024,
  /** Longest file name kept; longer names are shortened, keeping the extension. */
  maxNameLength: 150,
};
