import type { FastifyReply } from "fastify";
import { downloadName } from "./sniff.js";

/** `filename*` per RFC 6266/5987, with a plain ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends a stored file as a download of the type its content was checked to be, never rendered
 * by the browser in this site's origin (so an uploaded file cannot run as a page here), and
 * named with the extension of that type whatever name it came with (so it opens as that type
 * on the person's computer too).
 * `cacheControl` is the owner's: private files must not be kept by shared caches.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { mediaType: string; fileName: string; buffer: Buffer },
  cacheControl: string,
): FastifyReply {
  return reply
    .header("content-type", file.mediaType)
    .header("content-disposition", contentDisposition(downloadName(file.fileName, file.mediaType)))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", cacheControl)
    .send(file.buffer);
}
