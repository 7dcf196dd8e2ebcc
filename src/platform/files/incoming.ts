import path from "node:path";
import { attachmentSettings } from "./settings.js";
import { type FileMediaType, hasActiveContent, sniffMediaType } from "./sniff.js";

/** A file as it arrived, before any check. */
export interface IncomingFile {
  buffer: Buffer;
  fileName: string;
}

/**
 * A file name safe to store and to show: no folders, no control characters, no invisible or
 * direction-changing characters (a right-to-left override makes `report\u202Egpj.pdf` read
 * as `reportfdp.jpg`), not too long, and cut between characters, never inside one (half an
 * emoji is no text at all, and cannot be named in a download).
 */
export function cleanFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, "/"));
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"<>|*?:]/gu, "")
    .replace(/\p{Cs}/gu, "")
    .trim();
  if (!cleaned || cleaned === "." || cleaned === "..") return "file";
  const max = attachmentSettings.maxNameLength;
  if (cleaned.length <= max) return cleaned;
  const ext = path
    .extname(cleaned)
    .slice(0, 10)
    .replace(/\p{Cs}/gu, "");
  let stem = "";
  for (const ch of cleaned) {
    if (stem.length + ch.length > max - ext.length) break;
    stem += ch;
  }
  return `${stem}${ext}`;
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
