/** The media types Halyq stores, each recognised by its first bytes. */
export const FILE_MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type FileMediaType = (typeof FILE_MEDIA_TYPES)[number];

const startsWith = (buffer: Buffer, bytes: number[], offset = 0): boolean =>
  buffer.length >= offset + bytes.length && bytes.every((b, i) => buffer[offset + i] === b);

/**
 * The media type of a file judged by its content alone (never by its name or the type the
 * browser declared), or null when it is none of the accepted ones.
 */
export function sniffMediaType(buffer: Buffer): FileMediaType | null {
  // "%PDF-"; a few producers put junk before it, which readers accept within the first 1 KB.
  const head = buffer.subarray(0, 1024);
  if (head.indexOf("%PDF-", 0, "latin1") !== -1) return "application/pdf";
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}

/** The extension a file of this type is saved with when downloaded. */
export function extensionOf(mediaType: string): string {
  return mediaType === "application/pdf" ? ".pdf" : mediaType === "image/png" ? ".png" : ".jpg";
}
