import type { PDFDocument, PDFFont, PDFPage, RGB } from "pdf-lib";
import { fontBytes } from "./fonts.js";

/** An outgoing letter of a state body, every word already in the letter's language. */
export interface Letter {
  /** BCP 47 language of the text (the PDF's /Lang). */
  language: string;
  /** The document's title in the PDF's properties. */
  title: string;
  letterhead: {
    /** The body's name. */
    name: string;
    /** Its address and contacts, one line each; none when unknown. */
    lines: string[];
  };
  /** "Исх. № ЖТ-2026-000013/1 от 7 декабря 2026 г.": the outgoing number and date, written out. */
  reference: string;
  /** To whom: the addressee's name and address, one line each. */
  addressee: string[];
  /** "О рассмотрении обращения …", or null. */
  subject: string | null;
  /** The text; paragraphs are separated by blank lines, lines within them wrap. */
  body: string;
  /** Blocks under the text, each with a heading, e.g. the legal basis or how to appeal. */
  sections?: { heading: string; text: string }[];
  signer: { position: string; name: string };
  /** The QR code of the verification page and the words printed beside it. */
  verification?: { url: string; caption: string[] };
  /** When the letter was made (the PDF's dates, so the same letter renders the same bytes). */
  createdAt: Date;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 70, right: 50, top: 56, bottom: 60 };
const SIZE = 11;
const LEADING = 15;
/**
 * pdf-lib, its font engine and the QR code maker (some 60 MB of memory together) are loaded by
 * the first letter a process renders, not at start: most serving processes never render one.
 */
async function pdfTools() {
  const [pdf, fontkit, qrcode] = await Promise.all([
    import("pdf-lib"),
    import("@pdf-lib/fontkit"),
    import("qrcode"),
  ]);
  return { pdf, fontkit: fontkit.default, QRCode: qrcode.default };
}
type PdfTools = Awaited<ReturnType<typeof pdfTools>>;

/** Ink and grey, in pdf-lib's colour shape (`rgb()` builds the same object). */
const INK = { type: "RGB", red: 0.05, green: 0.05, blue: 0.05 } as RGB;
const GREY = { type: "RGB", red: 0.33, green: 0.33, blue: 0.33 } as RGB;

/**
 * Breaks text into lines no wider than `width`, keeping words whole unless one alone is wider.
 * Each word is measured once (a line's width is the sum of its words and spaces): measuring
 * whole candidate lines would shape the same text over and over.
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = (s: string) => font.widthOfTextAtSize(s, size);
  const space = measure(" ");
  const lines: string[] = [];
  for (const raw of text.split("\n")) {
    const words = raw.split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      lines.push("");
      continue;
    }
    let line = "";
    let used = 0;
    for (const word of words) {
      let w = measure(word);
      if (line && used + space + w <= width) {
        line = `${line} ${word}`;
        used += space + w;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the line (a long link) is cut between characters.
      let rest = word;
      while (w > width) {
        let cut = Math.max(1, Math.floor((rest.length * width) / w));
        while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
        w = measure(rest);
      }
      line = rest;
      used = w;
    }
    lines.push(line);
  }
  return lines;
}

/** Characters the fonts cannot draw (controls, odd spaces) taken out or made plain. */
function printable(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\t\u00a0\u2000-\u200a\u202f]/g, " ")
    .replace(/[\p{Cc}\p{Cf}]/gu, (c) => (c === "\n" ? c : ""));
}

class Writer {
  page: PDFPage;
  y: number;
  constructor(
    private doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN.top;
  }
  get width(): number {
    return A4.width - MARGIN.left - MARGIN.right;
  }
  room(height: number): void {
    if (this.y - height >= MARGIN.bottom) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN.top;
  }
  lines(
    text: string,
    opts: {
      font?: PDFFont;
      size?: number;
      color?: RGB;
      x?: number;
      width?: number;
    } = {},
  ): void {
    const font = opts.font ?? this.regular;
    const size = opts.size ?? SIZE;
    const x = opts.x ?? MARGIN.left;
    const leading = size * 1.36;
    for (const line of wrap(
      printable(text),
      font,
      size,
      opts.width ?? this.width - (x - MARGIN.left),
    )) {
      this.room(leading);
      this.y -= leading;
      if (line) this.page.drawText(line, { x, y: this.y, size, font, color: opts.color ?? INK });
    }
  }
  gap(points: number): void {
    this.y -= points;
  }
}

/**
 * Renders an outgoing letter as an A4 PDF: the letterhead, the outgoing number and date, the
 * addressee, the subject, the text over as many pages as it needs, the signer, and the QR code
 * of the page where anyone can check the letter's signature (also a link, with its address
 * printed, for a letter read on screen). Noto Sans is embedded (subset), so Kazakh letters
 * print as written.
 */
export async function renderLetter(letter: Letter): Promise<Buffer> {
  const tools = await pdfTools();
  const doc = await tools.pdf.PDFDocument.create();
  doc.registerFontkit(tools.fontkit);
  const regular = await doc.embedFont(await fontBytes("regular"), { subset: true });
  const bold = await doc.embedFont(await fontBytes("bold"), { subset: true });
  doc.setTitle(letter.title);
  doc.setAuthor(letter.letterhead.name);
  doc.setProducer("Halyq");
  doc.setCreator("Halyq");
  doc.setCreationDate(letter.createdAt);
  doc.setModificationDate(letter.createdAt);
  doc.setLanguage(letter.language);

  const w = new Writer(doc, regular, bold);
  // Letterhead: the body's name centred in bold, its contacts under it, a rule.
  for (const line of wrap(printable(letter.letterhead.name), bold, 14, w.width)) {
    w.y -= 19;
    const x = MARGIN.left + (w.width - bold.widthOfTextAtSize(line, 14)) / 2;
    w.page.drawText(line, { x, y: w.y, size: 14, font: bold, color: INK });
  }
  for (const contact of letter.letterhead.lines) {
    for (const line of wrap(printable(contact), regular, 9, w.width)) {
      w.y -= 12;
      const x = MARGIN.left + (w.width - regular.widthOfTextAtSize(line, 9)) / 2;
      w.page.drawText(line, { x, y: w.y, size: 9, font: regular, color: GREY });
    }
  }
  w.y -= 8;
  w.page.drawLine({
    start: { x: MARGIN.left, y: w.y },
    end: { x: A4.width - MARGIN.right, y: w.y },
    thickness: 1,
    color: INK,
  });
  w.gap(6);
  w.lines(letter.reference, { size: 10 });
  // The addressee, on the right half, as letters are laid out.
  w.gap(10);
  const half = MARGIN.left + w.width / 2;
  for (const line of letter.addressee) w.lines(line, { x: half, font: bold });
  if (letter.subject) {
    w.gap(14);
    w.lines(letter.subject, { font: bold, width: w.width * 0.6 });
  }
  w.gap(10);
  for (const paragraph of printable(letter.body).split(/\n\s*\n/)) {
    w.lines(paragraph.trim());
    w.gap(LEADING - SIZE);
  }
  for (const section of letter.sections ?? []) {
    w.gap(6);
    w.lines(section.heading, { font: bold });
    w.lines(section.text);
  }
  // The signer: the position on the left, the name on the right, on one line when they fit.
  w.gap(24);
  w.room(LEADING * 3);
  const nameWidth = bold.widthOfTextAtSize(letter.signer.name, SIZE);
  w.lines(letter.signer.position, { width: w.width - nameWidth - 20 });
  w.page.drawText(letter.signer.name, {
    x: A4.width - MARGIN.right - nameWidth,
    y: w.y,
    size: SIZE,
    font: bold,
    color: INK,
  });
  if (letter.verification) await drawVerification(tools, doc, w, letter.verification);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** The QR code (a link too) and the words beside it, at the foot of the letter. */
async function drawVerification(
  tools: PdfTools,
  doc: PDFDocument,
  w: Writer,
  verification: NonNullable<Letter["verification"]>,
): Promise<void> {
  const png = await tools.QRCode.toBuffer(verification.url, {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 1,
    width: 240,
  });
  const image = await doc.embedPng(png);
  const side = 84;
  w.gap(24);
  w.room(side + 10);
  const top = w.y;
  const y = top - side;
  w.page.drawImage(image, { x: MARGIN.left, y, width: side, height: side });
  const x = MARGIN.left + side + 12;
  w.y = top + 2;
  for (const line of [...verification.caption, verification.url]) {
    w.lines(line, { x, size: 8.5, color: GREY });
  }
  const link = doc.context.obj({
    Type: "Annot",
    Subtype: "Link",
    Rect: [MARGIN.left, y, MARGIN.left + side, top],
    Border: [0, 0, 0],
    A: { Type: "Action", S: "URI", URI: tools.pdf.PDFString.of(verification.url) },
  });
  w.page.node.set(tools.pdf.PDFName.of("Annots"), doc.context.obj([doc.context.register(link)]));
  w.y = Math.min(w.y, y);
}
