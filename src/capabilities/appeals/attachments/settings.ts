import { FILE_MEDIA_TYPES, type FileMediaType } from "../../../platform/files/sniff.js";

/** The media types an appeal may carry. */
export const ATTACHMENT_MEDIA_TYPES = FILE_MEDIA_TYPES;
export type AttachmentMediaType = FileMediaType;

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
