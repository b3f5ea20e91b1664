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

function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

function pdfLiteral(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** UTF-16BE hex string for the UCS-2 CMap; characters outside the BMP become U+FFFD. */
function ucs2Hex(text: string): string {
  let hex = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // U+00B7 has no glyph in the readers' STSong substitutes; the ideographic-free hyphen does.
    const unit = cp > 0xffff || cp < 0x20 ? 0xfffd : cp === 0xb7 ? 0x2d : cp;
    hex += unit.toString(16).padStart(4, '0');
  }
  return `<${hex.toUpperCase()}>`;
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
  return isAscii(line)
    ? `BT /F1 ${size} Tf ${round2(x)} ${round2(y)} Td ${pdfLiteral(line)} Tj ET`
    : `BT /F2 ${size} Tf ${round2(x)} ${round2(y)} Td ${ucs2Hex(line)} Tj ET`;
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
