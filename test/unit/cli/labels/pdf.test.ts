import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { fontRuns, labelPdf, winAnsiByte, LABEL_HEIGHT_PT, LABEL_WIDTH_PT, type LabelContent } from '../../../../cli/labels/pdf.ts';

const latin1 = new TextDecoder('latin1');

/** The PDF as text with one character per byte (offsets in the xref are byte offsets). */
function bytesText(pdf: Uint8Array): string {
  return latin1.decode(pdf);
}

interface ParsedPdf {
  objects: Map<number, string>;
  content: string;
}

/** A strict reader for what labelPdf writes: xref offsets must point at each `N 0 obj`. */
function parsePdf(pdf: Uint8Array): ParsedPdf {
  const text = bytesText(pdf);
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const header = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
  const count = Number(header[1]);
  const entries = text.slice(startxref + header[0].length).split('\n').slice(0, count);
  expect(entries[0]).toBe('0000000000 65535 f ');
  const objects = new Map<number, string>();
  for (let n = 1; n < count; n++) {
    const entry = /^(\d{10}) 00000 n $/.exec(entries[n]!);
    expect(entry, `xref entry ${n}`).not.toBeNull();
    const offset = Number(entry![1]);
    expect(text.slice(offset).startsWith(`${n} 0 obj\n`), `object ${n} at ${offset}`).toBe(true);
    const end = text.indexOf('\nendobj\n', offset);
    objects.set(n, text.slice(offset + `${n} 0 obj\n`.length, end));
  }
  const trailer = /trailer\n<< \/Size (\d+) \/Root (\d+) 0 R >>/.exec(text)!;
  expect(Number(trailer[1])).toBe(count);
  expect(objects.get(Number(trailer[2]))).toMatch(/\/Type \/Catalog/);
  // The content stream: its /Length must be its exact byte length.
  const streamObj = [...objects.values()].find((o) => o.includes('stream\n'))!;
  const length = Number(/\/Length (\d+)/.exec(streamObj)![1]);
  const start = streamObj.indexOf('stream\n') + 'stream\n'.length;
  const content = streamObj.slice(start, start + length);
  expect(streamObj.slice(start + length)).toBe('\nendstream');
  return { objects, content };
}

/** Rebuilds the QR matrix from the filled rectangles (`x y w h re`) of the content stream. */
function qrMatrixFromRects(content: string): boolean[][] {
  const rects = [...content.matchAll(/^(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re$/gm)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
  expect(rects.length).toBeGreaterThan(0);
  const cell = rects[0]![3];
  // Every rectangle is one module high and a whole number of modules wide.
  for (const [, , w, h] of rects) {
    expect(h).toBeCloseTo(cell, 1);
    expect(Math.abs(w / cell - Math.round(w / cell))).toBeLessThan(0.05);
  }
  const left = Math.min(...rects.map((r) => r[0]));
  const top = Math.max(...rects.map((r) => r[1] + r[3]));
  const size = Math.round((Math.max(...rects.map((r) => r[0] + r[2])) - left) / cell);
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const [x, y, w] of rects) {
    const row = Math.round((top - (y + cell)) / cell);
    const col = Math.round((x - left) / cell);
    for (let c = col; c < col + Math.round(w / cell); c++) matrix[row]![c] = true;
  }
  return matrix;
}

function qrcodeMatrix(text: string): boolean[][] {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  return Array.from({ length: n }, (_row, r) => Array.from({ length: n }, (_col, c) => !!qr.modules.get(r, c)));
}

/** Back from a WinAnsi byte to its character (Latin-1 above 0x9F, the table for 0x80–0x9F). */
function fromWinAnsi(byte: number): string {
  if (byte < 0x80 || byte >= 0xa0) return String.fromCharCode(byte);
  for (let cp = 0x100; cp < 0x3000; cp++) if (winAnsiByte(cp) === byte) return String.fromCodePoint(cp);
  return '\ufffd';
}

type Token = { kind: 'string'; value: string } | { kind: 'op'; value: string };

/**
 * A small tokenizer for the content stream (PDF 1.7 §7.3.4): literal strings with their escapes,
 * hex strings (UCS-2 here), and everything else as operator or number tokens.
 */
function tokenize(content: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < content.length) {
    const c = content[i]!;
    if (c === '(') {
      let out = '';
      i++;
      for (;;) {
        const ch = content[i++]!;
        if (ch === ')') break;
        if (ch === '\\') {
          const oct = /^[0-7]{3}/.exec(content.slice(i))?.[0];
          if (oct) {
            out += fromWinAnsi(parseInt(oct, 8));
            i += 3;
          } else out += content[i++];
        } else out += ch;
      }
      tokens.push({ kind: 'string', value: out });
    } else if (c === '<') {
      const end = content.indexOf('>', i);
      const hex = content.slice(i + 1, end);
      let out = '';
      for (let k = 0; k < hex.length; k += 4) out += String.fromCharCode(parseInt(hex.slice(k, k + 4), 16));
      tokens.push({ kind: 'string', value: out });
      i = end + 1;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      const token = /^[^\s()<>]+/.exec(content.slice(i))![0];
      i += token.length;
      tokens.push({ kind: 'op', value: token });
    }
  }
  return tokens;
}

/** The text shown by Tj inside each BT … ET, one line per text object. */
function textLines(content: string): string[] {
  const lines: string[] = [];
  let line: string | undefined;
  let last: Token | undefined;
  for (const t of tokenize(content)) {
    if (t.kind === 'op' && t.value === 'BT') line = '';
    else if (t.kind === 'op' && t.value === 'ET') {
      expect(line, 'ET without BT').toBeDefined();
      lines.push(line!);
      line = undefined;
    } else if (t.kind === 'op' && t.value === 'Tj') {
      expect(last?.kind, 'Tj shows a string').toBe('string');
      line += last!.value;
    }
    last = t;
  }
  expect(line, 'every BT has its ET').toBeUndefined();
  return lines;
}

/** Operators (outside strings) with their numeric operands, e.g. ["re", 1, 2, 3, 4]. */
function operators(content: string, name: string): number[][] {
  const out: number[][] = [];
  const tokens = tokenize(content);
  tokens.forEach((t, i) => {
    if (t.kind !== 'op' || t.value !== name) return;
    const operands: number[] = [];
    for (let k = i - 1; k >= 0 && tokens[k]!.kind === 'op' && /^-?[\d.]+$/.test(tokens[k]!.value); k--) operands.unshift(Number(tokens[k]!.value));
    out.push(operands);
  });
  return out;
}

const LABEL: LabelContent = {
  qrText: 'http://localhost:4173/verify#CC1:0123456789012345678901234567890123456789',
  carrier: 'SF Express 顺丰速运',
  waybill: 'SF1473742090001',
  productLines: ['经典自动机械表 × 1', 'Vallée Classique Automatic Watch'],
  detailLines: ['GTIN 7612345000046', 'Batch (L7420A) \\ back – slash'],
};

describe('labelPdf', () => {
  it('writes a valid one-page PDF: xref offsets, /Length, trailer, 100 × 150 mm', () => {
    const { objects } = parsePdf(labelPdf(LABEL));
    const page = [...objects.values()].find((o) => o.includes('/Type /Page '))!;
    expect(page).toContain(`/MediaBox [0 0 ${LABEL_WIDTH_PT} ${LABEL_HEIGHT_PT}]`);
    expect(LABEL_WIDTH_PT).toBeCloseTo(283.46, 1);
    expect(LABEL_HEIGHT_PT).toBeCloseTo(425.2, 1);
  });

  it.each([
    ['a short URL', 'http://localhost:4173/verify#CC1:123'],
    ['a parcel-sized URL', `http://localhost:4173/verify#CC1:${'7'.repeat(600)}`],
    ['a bare payload', `CC1:${'ABC DEF$%*+-./:'.repeat(20)}`],
  ])('draws the QR code of %s module for module as qrcode computes it', (_, qrText) => {
    const { content } = parsePdf(labelPdf({ ...LABEL, qrText }));
    expect(qrMatrixFromRects(content)).toEqual(qrcodeMatrix(qrText));
  });

  it('prints the carrier, the waybill, product and detail lines, reading back exactly', () => {
    const lines = textLines(parsePdf(labelPdf(LABEL)).content);
    expect(lines).toEqual(
      expect.arrayContaining(['CrossCheck  跨境验真', LABEL.carrier, LABEL.waybill, ...LABEL.productLines, ...LABEL.detailLines!]),
    );
  });

  it('shortens a line that does not fit, with an ellipsis', () => {
    const long = `${'Very long product name '.repeat(8)}end`;
    const lines = textLines(parsePdf(labelPdf({ ...LABEL, productLines: [long] })).content);
    const printed = lines.find((l) => l.startsWith('Very long'))!;
    expect(printed.length).toBeLessThan(long.length);
    expect(printed.endsWith('…')).toBe(true);
  });

  it('keeps hostile text inside its string: no operator can be smuggled into the content stream', () => {
    const hostile = ') Tj ET 0 0 1000 1000 re f BT (';
    const { content } = parsePdf(labelPdf({ ...LABEL, detailLines: [hostile] }));
    expect(textLines(content)).toContain(hostile);
    // Every rectangle outside a string is a QR module: as many as the QR drawing has, none 1000 wide.
    const rects = operators(content, 're');
    expect(rects.length).toBe([...content.matchAll(/^[\d. -]+ re$/gm)].length);
    expect(rects.every(([, , w]) => w! < 300)).toBe(true);
  });
});

describe('fontRuns', () => {
  it.each([
    ['SF1473742000001', [['F1', 'SF1473742000001']]],
    ['顺丰速运', [['F2', '顺丰速运']]],
    ['Vallée × 1', [['F1', 'Vallée × 1']]],
    ['CrossCheck  跨境验真', [['F1', 'CrossCheck  '], ['F2', '跨境验真']]],
    ['清单 Declaration', [['F2', '清单'], ['F1', ' Declaration']]],
  ])('%s', (text, runs) => {
    expect(fontRuns(text).map((r) => [r.font, r.text])).toEqual(runs);
  });
});
