import path from "node:path";
import { attachmentSettings } from "./settings.js";
import { type FileMediaType, hasActiveContent, sniffMediaType } from "./sniff.js";

/** A file as it arrived, before any check. */
export interface IncomingFile {
  buffer: Buffer;
  fileName: string;
}

/** A file name safe to store and to show: no folders, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, "/"));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "").trim();
  if (!cleaned || cleaned === "." || cleaned === "..") return "file";
  const max = attachmentSettings.maxNameLength;
  if (cleaned.length <= max) return cleaned;
  const ext = path.extname(cleaned).slice(0, 10);
  return `${cleaned.slice(0, max - ext.length)}${ext}`;
}

/** "10 MB": the size limit as people read it. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

/**
 * What is wrong with one file by the limits every capability shares, checked in the order people
 * are told: empty, over the size limit, holding web page, SVG, XML or script content (refused even
 * when it also starts like a PDF or image), not a PDF, JPEG or PNG by its content. Each capability
 * words the problem in its own messages and counts files against its own owner.
 */
export function inspectFile(
  buffer: Buffer,
):
  | { ok: true; mediaType: FileMediaType }
  | { ok: false; problem: "empty" | "too_large" | "active_content" | "type" } {
  if (buffer.length === 0) return { ok: false, problem: "empty" };
  if (buffer.length > attachmentSettings.maxBytes) return { ok: false, problem: "too_large" };
  if (hasActiveContent(buffer)) return { ok: false, problem: "active_content" };
  const mediaType = sniffMediaType(buffer);
  return mediaType ? { ok: true, mediaType } : { ok: false, problem: "type" };
}
