// Time from a QR frame to the verdict, on Chromium's fake camera fed a demo parcel's QR code.
// Used by test/e2e/pwa-camera.test.ts and by `npm run bench` (the lead wires it in): the numbers
// come from User Timing marks the app sets (pwa/src/timing.ts), so they measure the app itself —
// camera frame → decode (zxing wasm or native) → in-app navigation → verification → verdict.
import { launchChromium } from './browser.ts';
import { deepLink, demoWorld, fakeCameraArgs, qrVideo, startServer, verdictOf } from './pwa-harness.ts';
import { toVerifyUrl } from '../../shared/credential/index.ts';

export interface ScanTiming {
  /** First camera frame seen by the scanner → verdict on screen. */
  frameToVerdictMs: number;
  /** QR decoded → verdict on screen (routing + verification + render). */
  foundToVerdictMs: number;
  /** Camera stream started → first frame. */
  cameraToFrameMs: number;
  verdict: string;
}

export interface ScanBenchResult {
  parcel: string;
  detector: string;
  runs: ScanTiming[];
  median: { frameToVerdictMs: number; foundToVerdictMs: number };
}

function median(values: number[]): number {
  const s = values.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Opens /scan `runs` times on a fake camera showing the parcel's verify-URL QR and reads the
 * timing marks. The first run includes compiling the zxing wasm; later ones reuse it per page.
 */
export async function measureScanToVerdict(options: { parcel?: string; runs?: number; distDir?: string } = {}): Promise<ScanBenchResult> {
  const world = demoWorld();
  const parcel = world.parcels.find((p) => p.name === (options.parcel ?? 'parcel-wine-unbound')) ?? world.parcels[0]!;
  const url = toVerifyUrl(world.payload(parcel), world.verifyBase);
  const video = await qrVideo(url, `bench-${parcel.name}`);
  const server = await startServer(options.distDir);
  const browser = await launchChromium({ args: fakeCameraArgs(video) });
  try {
    await browser.context.grantPermissions(['camera'], { origin: server.url });
    const page = await browser.context.newPage();
    // Warm the trust cache (first visit downloads the bundle) so runs measure the scan itself.
    await page.goto(deepLink(server, world.payload(parcel)));
    await verdictOf(page);
    const runs: ScanTiming[] = [];
    let detector = 'unknown';
    for (let i = 0; i < (options.runs ?? 5); i++) {
      await page.goto(`${server.url}/scan`);
      const verdict = await verdictOf(page, 30_000);
      const marks = await page.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name.replace('crosscheck:', ''), m.startTime])),
      );
      detector = await page.evaluate(() => ('BarcodeDetector' in globalThis ? 'native' : 'zxing-wasm'));
      // A missing mark would turn every figure into NaN: say which, and the likely cause.
      const missing = (['cameraStarted', 'firstFrame', 'found', 'verdict'] as const).filter((m) => typeof marks[m] !== 'number');
      if (missing.length > 0) {
        throw new Error(
          `the scan set no ${missing.join(', ')} mark (verdict on screen: ${verdict}); a build older than the demo world pins other trust roots: run \`npm run demo -- --out dist/demo\`, then \`npm run build\``,
        );
      }
      runs.push({
        frameToVerdictMs: marks.verdict! - marks.firstFrame!,
        foundToVerdictMs: marks.verdict! - marks.found!,
        cameraToFrameMs: marks.firstFrame! - marks.cameraStarted!,
        verdict,
      });
    }
    return {
      parcel: parcel.name,
      detector,
      runs,
      median: { frameToVerdictMs: median(runs.map((r) => r.frameToVerdictMs)), foundToVerdictMs: median(runs.map((r) => r.foundToVerdictMs)) },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
