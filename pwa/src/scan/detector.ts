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
  format?: string;
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

/** A code the product scanner found, with the format the detector names ('ean_13', 'data_matrix' …). */
export interface FoundCode {
  text: string;
  format: string;
}

export interface ProductDetector {
  kind: 'native' | 'zxing-wasm';
  detect(source: ImageBitmapSource): Promise<FoundCode[]>;
}

/**
 * The formats a product carries its own number in: EAN/UPC (GTIN), GS1 DataMatrix and GS1 QR or
 * Digital Link QR (GTIN, batch, expiry), GS1-128 and ITF-14 on outer cases.
 */
export const PRODUCT_FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'data_matrix', 'qr_code', 'code_128', 'itf'] as const;

function foundCodes(list: DetectedLike[]): FoundCode[] {
  return list
    .toSorted((a, b) => (b.boundingBox?.width ?? 0) * (b.boundingBox?.height ?? 0) - (a.boundingBox?.width ?? 0) * (a.boundingBox?.height ?? 0))
    .filter((f) => typeof f.rawValue === 'string' && f.rawValue.length > 0)
    .map((f) => ({ text: f.rawValue, format: typeof f.format === 'string' ? f.format : '' }));
}

let pendingProduct: Promise<ProductDetector> | undefined;

/** A detector for product barcodes (created once per page): the browser's own when it reads every format, else ZXing. */
export function productDetector(): Promise<ProductDetector> {
  pendingProduct ??= (async (): Promise<ProductDetector> => {
    const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
    if (Native) {
      try {
        const formats = (await Native.getSupportedFormats?.()) ?? [];
        if (PRODUCT_FORMATS.every((f) => formats.includes(f))) {
          const detector = new Native({ formats: [...PRODUCT_FORMATS] });
          return { kind: 'native', detect: async (source) => foundCodes(await detector.detect(source)) };
        }
      } catch {
        // fall through to ZXing
      }
    }
    const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
      import('barcode-detector/ponyfill'),
      import('zxing-wasm/reader/zxing_reader.wasm?url'),
    ]);
    prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path),
      },
    });
    const detector = new BarcodeDetector({ formats: [...PRODUCT_FORMATS] });
    return { kind: 'zxing-wasm', detect: async (source) => foundCodes((await detector.detect(source as never)) as DetectedLike[]) };
  })();
  pendingProduct.catch(() => {
    pendingProduct = undefined;
  });
  return pendingProduct;
}
