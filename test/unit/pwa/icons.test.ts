import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appIconFiles, appIconPixels, encodePng, type IconVariant } from '../../../pwa/icons/app-icon.ts';
import { readTrustInputs } from '../../../pwa/build.config.ts';

/** Reads back our own PNGs (8-bit RGBA, filter 0) to check what install prompts will show. */
function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let o = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  while (o < png.length) {
    const len = view.getUint32(o);
    const type = new TextDecoder().decode(png.subarray(o + 4, o + 8));
    const data = png.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(o + 8);
      height = view.getUint32(o + 12);
    }
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

describe('app icons', () => {
  it('ships every size the manifest and iOS need', () => {
    const names = appIconFiles().map((f) => f.fileName);
    expect(names).toEqual([
      'icons/icon.svg',
      'icons/icon-192.png',
      'icons/icon-512.png',
      'icons/maskable-192.png',
      'icons/maskable-512.png',
      'icons/apple-touch-icon.png',
    ]);
  });

  it.each([
    ['icons/icon-192.png', 192, 0],
    ['icons/icon-512.png', 512, 0],
    ['icons/maskable-192.png', 192, 255],
    ['icons/maskable-512.png', 512, 255],
    ['icons/apple-touch-icon.png', 180, 255],
  ])('%s is a %i px PNG; corner alpha %i (rounded "any" icon vs full-bleed maskable)', (name, size, cornerAlpha) => {
    const file = appIconFiles().find((f) => f.fileName === name)!;
    const { width, height, rgba } = decodePng(file.source as Uint8Array);
    expect([width, height]).toEqual([size, size]);
    expect(rgba[3]).toBe(cornerAlpha);
    const centre = ((size / 2) * size + size / 2) * 4;
    expect(rgba[centre + 3]).toBe(255);
  });

  it.each<IconVariant>(['any', 'maskable', 'apple'])('keeps the %s artwork inside the maskable safe zone', (variant) => {
    const size = 200;
    const px = appIconPixels(variant, size);
    // Foreground (white) pixels must lie within 40 % of the side from the centre.
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const o = (y * size + x) * 4;
        if (px[o]! > 200 && px[o + 1]! > 200) expect(Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2)).toBeLessThan(0.4 * size);
      }
    }
  });

  it('encodes exactly the pixels it is given', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    expect(decodePng(encodePng(rgba, 2, 2)).rgba).toEqual(rgba);
  });
});

describe('build inputs', () => {
  it('builds without a demo world, saying why', () => {
    const inputs = readTrustInputs('/nonexistent/demo');
    expect(inputs.roots).toEqual([]);
    expect(inputs.bundle).toBeUndefined();
    expect(inputs.problem).toMatch(/without pinned roots/);
  });
});
