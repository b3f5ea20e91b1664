// QR detection: the browser's own BarcodeDetector where it exists and reads QR codes (Android,
// macOS, ChromeOS), otherwise the barcode-detector ponyfill (ZXing-C++ as WebAssembly). The wasm
// is a file of this app, precached by the service worker — never fetched from a CDN (the
// package's default is jsDelivr; toolchain.md §4). Loaded only when the scan route needs it.

export interface QrDetector {
  kind: 'native' | 'zxing-wasm';
  /** Decoded texts of the QR codes in the image, largest first. */
  detect(source: ImageBitmapSource): Promise<string[]>;
}

interface DetectedLike {
  rawValue: string;
  boundingBox?: { width: number; height: number };
}

interface DetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedLike[]>;
}

interface DetectorClass {
  new (options?: { formats?: string[] }): DetectorLike;
  getSupportedFormats?(): Promise<readonly string[]>;
}

function texts(found: DetectedLike[]): string[] {
  return found
    .toSorted((a, b) => (b.boundingBox?.width ?? 0) * (b.boundingBox?.height ?? 0) - (a.boundingBox?.width ?? 0) * (a.boundingBox?.height ?? 0))
    .map((f) => f.rawValue)
    .filter((v) => typeof v === 'string' && v.length > 0);
}

async function nativeDetector(): Promise<QrDetector | undefined> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return undefined;
  try {
    const formats = (await Native.getSupportedFormats?.()) ?? [];
    if (!formats.includes('qr_code')) return undefined;
    const detector = new Native({ formats: ['qr_code'] });
    return { kind: 'native', detect: async (source) => texts(await detector.detect(source)) };
  } catch {
    return undefined;
  }
}

let pending: Promise<QrDetector> | undefined;

async function wasmDetector(): Promise<QrDetector> {
  const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
    import('barcode-detector/ponyfill'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ]);
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path),
    },
  });
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  return { kind: 'zxing-wasm', detect: async (source) => texts(await detector.detect(source as never)) };
}

/** The best detector this browser offers (created once per page). */
export function qrDetector(options: { preferWasm?: boolean } = {}): Promise<QrDetector> {
  pending ??= (async () => (options.preferWasm ? undefined : await nativeDetector()) ?? wasmDetector())();
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}
