// The app icon, drawn from one geometry into both SVG (the source, also the favicon) and PNG
// (what install prompts, Android and iOS need). Generated at build time, so no binary is committed
// and the PNGs can never drift from the SVG.
//
// Conventions (ux-anchors.md §4): separate `maskable` icons with the artwork inside the 80 % safe
// zone, never `"any maskable"`; a 180 px apple-touch-icon with a full-bleed background because iOS
// rounds the corners itself and ignores manifest icons when one is present.
import { deflateSync } from 'node:zlib';

export type IconVariant = 'any' | 'maskable' | 'apple';

const BACKGROUND = [0x0b, 0x6e, 0x4f] as const; // deep green, the "genuine" colour of the app
const FOREGROUND = [0xff, 0xff, 0xff] as const;

interface Geometry {
  /** Corner radius of the background square, as a fraction of the side (0 = full bleed). */
  cornerRadius: number;
  /** Scale of the artwork around the centre (maskable icons keep it inside the safe zone). */
  scale: number;
}

function geometryOf(variant: IconVariant): Geometry {
  if (variant === 'any') return { cornerRadius: 0.22, scale: 1 };
  // Maskable safe zone is a circle of radius 40 % of the side; the ring below has outer radius
  // 0.33, so 0.8 × 0.33 ≈ 0.27 stays inside with room for the platform's mask.
  if (variant === 'maskable') return { cornerRadius: 0, scale: 0.8 };
  return { cornerRadius: 0, scale: 0.9 };
}

// Artwork in unit coordinates (0..1, centre 0.5): a ring and a check mark.
const RING = { r: 0.3, stroke: 0.06 };
const CHECK: Array<[number, number]> = [
  [0.36, 0.51],
  [0.46, 0.61],
  [0.65, 0.4],
];
const CHECK_STROKE = 0.075;

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

export function appIconSvg(variant: IconVariant): string {
  const { cornerRadius, scale } = geometryOf(variant);
  const s = 512;
  const t = (v: number) => +(((v - 0.5) * scale + 0.5) * s).toFixed(2);
  const rx = +(cornerRadius * s).toFixed(2);
  const points = CHECK.map(([x, y]) => `${t(x)},${t(y)}`).join(' ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${s} ${s}" width="${s}" height="${s}">`,
    `<rect width="${s}" height="${s}" rx="${rx}" fill="${rgb(BACKGROUND)}"/>`,
    `<circle cx="${s / 2}" cy="${s / 2}" r="${+(RING.r * scale * s).toFixed(2)}" fill="none" stroke="${rgb(FOREGROUND)}" stroke-width="${+(RING.stroke * scale * s).toFixed(2)}"/>`,
    `<polyline points="${points}" fill="none" stroke="${rgb(FOREGROUND)}" stroke-width="${+(CHECK_STROKE * scale * s).toFixed(2)}" stroke-linecap="round" stroke-linejoin="round"/>`,
    `</svg>`,
  ].join('');
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + u * dx), py - (ay + u * dy));
}

/** Signed distance to a rounded square covering the unit square (negative inside). */
function roundedSquareDistance(px: number, py: number, r: number): number {
  const qx = Math.abs(px - 0.5) - (0.5 - r);
  const qy = Math.abs(py - 0.5) - (0.5 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** RGBA pixels of the icon at `size`×`size`, anti-aliased by signed distances. */
export function appIconPixels(variant: IconVariant, size: number): Uint8Array {
  const { cornerRadius, scale } = geometryOf(variant);
  const out = new Uint8Array(size * size * 4);
  const pixel = 1 / size;
  const coverage = (signedDistance: number) => Math.max(0, Math.min(1, 0.5 - signedDistance / pixel));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = (x + 0.5) / size;
      const py = (y + 0.5) / size;
      const bg = cornerRadius === 0 ? 1 : coverage(roundedSquareDistance(px, py, cornerRadius));
      // Artwork space: undo the scale around the centre.
      const ax = (px - 0.5) / scale + 0.5;
      const ay = (py - 0.5) / scale + 0.5;
      const ringD = Math.abs(Math.hypot(ax - 0.5, ay - 0.5) - RING.r) - RING.stroke / 2;
      let checkD = Infinity;
      for (let i = 0; i + 1 < CHECK.length; i++) {
        const [x0, y0] = CHECK[i]!;
        const [x1, y1] = CHECK[i + 1]!;
        checkD = Math.min(checkD, distanceToSegment(ax, ay, x0, y0, x1, y1) - CHECK_STROKE / 2);
      }
      const fg = coverage(Math.min(ringD, checkD) * scale);
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(BACKGROUND[c]! * (1 - fg) + FOREGROUND[c]! * fg);
      out[o + 3] = Math.round(255 * bg);
    }
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A minimal PNG encoder (8-bit RGBA, filter 0) — enough for icons, no dependency. */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, filter 0, no interlace
  const raw = new Uint8Array((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const png = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    png.set(p, o);
    o += p.length;
  }
  return png;
}

const png = (variant: IconVariant, size: number) => encodePng(appIconPixels(variant, size), size, size);

/** Every icon file the manifest and index.html refer to, path → bytes or text. */
let files: Array<{ fileName: string; source: Uint8Array | string }> | undefined;

export function appIconFiles(): Array<{ fileName: string; source: Uint8Array | string }> {
  files ??= [
    { fileName: 'icons/icon.svg', source: appIconSvg('any') },
    { fileName: 'icons/icon-192.png', source: png('any', 192) },
    { fileName: 'icons/icon-512.png', source: png('any', 512) },
    { fileName: 'icons/maskable-192.png', source: png('maskable', 192) },
    { fileName: 'icons/maskable-512.png', source: png('maskable', 512) },
    { fileName: 'icons/apple-touch-icon.png', source: png('apple', 180) },
  ];
  return files;
}
