/** The media types Halyq stores, each recognised by its first bytes. */
export const FILE_MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type FileMediaType = (typeof FILE_MEDIA_TYPES)[number];

const startsWith = (buffer: Buffer, bytes: number[], offset = 0): boolean =>
  buffer.length >= offset + bytes.length && bytes.every((b, i) => buffer[offset + i] === b);

/**
 * How many leading bytes are searched for web content: 1445, the "resource header" that the
 * WHATWG MIME Sniffing standard reads to decide that a resource is HTML, so a file a browser
 * (or a viewer that sniffs as browsers do) would open as a page is caught. A PDF's or image's
 * own metadata further on (XMP) is not read.
 */
export const ACTIVE_CONTENT_WINDOW = 1445;

/** Markers of a web page, SVG, XML or script, searched without regard to case. */
const ACTIVE_MARKERS = [
  "<html",
  "<!doctype",
  "<script",
  "<svg",
  "<?xml",
  "<body",
  "<iframe",
  "<head",
  "<object",
  "<embed",
  "javascript:",
];

/**
 * Whether the file's first bytes hold web page, SVG, XML or script content: such a file is
 * refused even when it also starts like a PDF or an image (a polyglot). NUL bytes are dropped
 * first so that a UTF-16 text is read too.
 */
export function hasActiveContent(buffer: Buffer): boolean {
  const head = buffer
    .subarray(0, ACTIVE_CONTENT_WINDOW)
    .toString("latin1")
    .replace(/\0/g, "")
    .toLowerCase();
  return ACTIVE_MARKERS.some((marker) => head.includes(marker));
}

/**
 * The media type of a file judged by its leading magic bytes alone (never by its name, the type
 * the browser declared, or a signature found further in), or null when it is none of the
 * accepted ones: a PDF starts with `%PDF-` at offset 0, a JPEG with FF D8 FF, a PNG with its
 * 8-byte signature.
 */
export function sniffMediaType(buffer: Buffer): FileMediaType | null {
  if (buffer.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}

/** The extension a file of this type is saved with when downloaded. */
export function extensionOf(mediaType: string): string {
  return mediaType === "application/pdf" ? ".pdf" : mediaType === "image/png" ? ".png" : ".jpg";
}

/**
 * The name a stored file is downloaded under: its own name with the extension of the type its
 * content was found to be (`report.html` stored as a PDF is `report.pdf`), never the one it came
 * with.
 */
export function downloadName(fileName: string, mediaType: string): string {
  const ext = extensionOf(mediaType);
  // Names stored before invisible and direction-changing characters were removed at upload.
  const name = fileName.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu, "");
  const dot = name.lastIndexOf(".");
  const stem = (dot > 0 ? name.slice(0, dot) : name).replace(/[.\s]+$/u, "") || "file";
  return `${stem}${ext}`;
}
