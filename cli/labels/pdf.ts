// Printable parcel labels as PDF, written directly (a label is one page of rectangles and text, so
// a PDF library would be most of the download for little gain). Latin text uses the standard
// Helvetica font; Chinese text uses the predefined Adobe-GB1 font STSong-Light with the
// UniGB-UCS2-H CMap, which PDF readers provide without embedding (PDF 1.7 §9.7.5.2), so the file
// stays a few kilobytes.
import QRCode from 'qrcode';

export interface LabelContent {
  /** What the QR code holds: the verify URL with the credential in the fragment. */
  qrText: string;
  carrier: string;
  waybill: string;
  /** Product lines, e.g. "Hydrating serum 50 ml × 1"; Chinese is fine. */
  productLines: string[];
  /** Small print under the QR code. */
  caption?: string;
  /** Extra lines (declaration number, port, importer …). */
  detailLines?: string[];
}

const MM = 72 / 25.4;
/** A 100 × 150 mm thermal label, the common size for parcel labels in China and elsewhere. */
export const LABEL_WIDTH_PT = round2(100 * MM);
export const LABEL_HEIGHT_PT = round2(150 * MM);

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

// WinAnsiEncoding (PDF 1.7 Annex D.2): Latin-1 from 0xA0 plus these code points in 0x80–0x9F.
const WIN_ANSI_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** The WinAnsi byte for a code point, or undefined when Helvetica cannot show it. */
export function winAnsiByte(cp: number): number | undefined {
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return WIN_ANSI_HIGH[cp];
}

/** A literal string in WinAnsi: printable ASCII as is (\, ( and ) escaped), other bytes in octal. */
function pdfLiteral(text: string): string {
  let out = '(';
  for (const ch of text) {
    const byte = winAnsiByte(ch.codePointAt(0)!)!;
    if (ch === '\\' || ch === '(' || ch === ')') out += `\\${ch}`;
    else if (byte >= 0x20 && byte <= 0x7e) out += ch;
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out})`;
}

/** UTF-16BE hex string for the UCS-2 CMap; characters outside the BMP become U+FFFD. */
function ucs2Hex(text: string): string {
  let hex = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const unit = cp > 0xffff || cp < 0x20 ? 0xfffd : cp;
    hex += unit.toString(16).padStart(4, '0');
  }
  return `<${hex.toUpperCase()}>`;
}

/**
 * Runs of one font each: what Helvetica can show (Latin, with accents, ×, ·, dashes) stays in
 * Helvetica, the rest (Chinese) goes to STSong. Latin inside a CJK font gets the font's fixed
 * half-width advance and looks spaced out, so mixed lines are split rather than sent whole.
 */
export function fontRuns(text: string): { font: 'F1' | 'F2'; text: string }[] {
  const runs: { font: 'F1' | 'F2'; text: string }[] = [];
  for (const ch of text) {
    const font = winAnsiByte(ch.codePointAt(0)!) === undefined ? 'F2' : 'F1';
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

/** Approximate advance width in points, for fitting lines (CJK full-width, Latin half-width). */
function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! > 0x2e7f ? 1 : 0.55;
  return em * size;
}

function fitLine(text: string, size: number, maxWidth: number): string {
  if (textWidth(text, size) <= maxWidth) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, size) > maxWidth) break;
    out += ch;
  }
  return `${out}…`;
}

function textOp(text: string, x: number, y: number, size: number, maxWidth: number): string {
  const line = fitLine(text, size, maxWidth);
  // Within one BT … ET block each Tj advances by the glyphs' widths, so runs follow each other.
  const shows = fontRuns(line).map((r) => `/${r.font} ${size} Tf ${r.font === 'F1' ? pdfLiteral(r.text) : ucs2Hex(r.text)} Tj`);
  return `BT ${round2(x)} ${round2(y)} Td ${shows.join(' ')} ET`;
}

/** The QR code as filled squares, one run-length rectangle per horizontal run of dark modules. */
function qrOps(text: string, x: number, top: number, size: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + 2 * quiet);
  const ops: string[] = ['0 g'];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      const rx = x + (quiet + start) * cell;
      const ry = top - (quiet + row + 1) * cell;
      ops.push(`${round2(rx)} ${round2(ry)} ${round2((col - start) * cell)} ${round2(cell)} re`);
    }
  }
  ops.push('f');
  return ops.join('\n');
}

export function labelPdf(label: LabelContent): Uint8Array {
  const W = LABEL_WIDTH_PT;
  const H = LABEL_HEIGHT_PT;
  const margin = 6 * MM;
  const inner = W - 2 * margin;
  const ops: string[] = [];
  let y = H - margin - 12;
  ops.push(textOp('CrossCheck  跨境验真', margin, y, 12, inner));
  y -= 8;
  ops.push(`0.5 w ${round2(margin)} ${round2(y)} m ${round2(W - margin)} ${round2(y)} l S`);
  y -= 16;
  ops.push(textOp(label.carrier, margin, y, 10, inner));
  y -= 22;
  ops.push(textOp(label.waybill, margin, y, 20, inner));
  y -= 10;
  ops.push(`${round2(margin)} ${round2(y)} m ${round2(W - margin)} ${round2(y)} l S`);
  for (const line of label.productLines.slice(0, 4)) {
    y -= 14;
    ops.push(textOp(line, margin, y, 10, inner));
  }
  for (const line of (label.detailLines ?? []).slice(0, 4)) {
    y -= 11;
    ops.push(textOp(line, margin, y, 7.5, inner));
  }
  const qrSize = Math.min(inner, y - margin - 24);
  const qrX = (W - qrSize) / 2;
  ops.push(qrOps(label.qrText, qrX, y - 4, qrSize));
  ops.push(
    textOp(label.caption ?? 'Scan with your phone camera to verify / 用手机相机扫码验真', margin, margin + 4, 7.5, inner),
  );
  const content = ops.join('\n');

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${new TextEncoder().encode(content).length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  const encoder = new TextEncoder();
  const chunks: string[] = ['%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n'];
  const offsets: number[] = [];
  let length = encoder.encode(chunks[0]).length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = `${i + 1} 0 obj\n${body}\nendobj\n`;
    chunks.push(obj);
    length += encoder.encode(obj).length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n'];
  for (const off of offsets) xref.push(`${String(off).padStart(10, '0')} 00000 n \n`);
  chunks.push(xref.join(''));
  chunks.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return encoder.encode(chunks.join(''));
}
