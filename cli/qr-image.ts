// QR images of credentials with the `qrcode` package. Node-only: PNG output goes through
// qrcode's server renderer (pngjs), and its types need Node's, so it lives with the CLI
// (`crosscheck qr`), outside the platform-free core.
//
// Segments are chosen explicitly rather than left to qrcode's optimiser, so the size of a code
// depends on our encoding alone: the bare form is one alphanumeric segment; the URL form is a
// byte segment (the URL up to "#CC1:") followed by one numeric segment (the digits).
import QRCode from 'qrcode';

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

interface Segment {
  data: string;
  mode: 'numeric' | 'alphanumeric' | 'byte';
}

const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/;
const URL_WITH_DIGITS = /^(https?:\/\/[^#\s]+#[A-Z0-9]{1,8}:)([0-9]+)$/;

/** The segments we encode `text` with; undefined when qrcode's own choice is as good. */
export function qrSegments(text: string): Segment[] | undefined {
  if (ALPHANUMERIC.test(text)) return [{ data: text, mode: 'alphanumeric' }];
  const url = URL_WITH_DIGITS.exec(text);
  if (url) return [{ data: url[1]!, mode: 'byte' }, { data: url[2]!, mode: 'numeric' }];
  return undefined;
}

function input(text: string): string | Segment[] {
  return qrSegments(text) ?? text;
}

/** The QR version (1–40) `text` needs at error-correction level `level`. */
export function qrVersion(text: string, level: QrErrorLevel = 'M'): number {
  return QRCode.create(input(text) as string, { errorCorrectionLevel: level }).version;
}

export interface QrImageOptions {
  level?: QrErrorLevel;
  /** Quiet zone in modules; ISO/IEC 18004 asks for 4. */
  margin?: number;
  /** PNG: pixels per module. */
  scale?: number;
}

export async function qrSvg(text: string, opts: QrImageOptions = {}): Promise<string> {
  return QRCode.toString(input(text) as string, { type: 'svg', errorCorrectionLevel: opts.level ?? 'M', margin: opts.margin ?? 4 });
}

export async function qrPng(text: string, opts: QrImageOptions = {}): Promise<Uint8Array> {
  const buffer = await QRCode.toBuffer(input(text) as string, { type: 'png', errorCorrectionLevel: opts.level ?? 'M', margin: opts.margin ?? 4, scale: opts.scale ?? 4 });
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
