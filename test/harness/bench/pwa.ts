// The PWA's size budgets (issue 4: initial JS ≤ 60 KB gzip, scan route ≤ 25 KB gzip plus the
// WebAssembly) and the time from a QR frame on Chromium's fake camera to the verdict on screen.
// Needs a built dist/pwa (npm run build) and the demo world; the camera part needs Chromium.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchRow } from './_harness.ts';
import { pwaSizeReport } from '../../../pwa/size.ts';

const dist = fileURLToPath(new URL('../../../dist/pwa', import.meta.url));

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  if (!existsSync(`${dist}/.vite/manifest.json`)) {
    ctx.log('pwa: dist/pwa is missing; run `npm run build` first');
    return [];
  }
  const size = pwaSizeReport(dist);
  const rows: BenchRow[] = [
    { label: 'initial JS (gzip)', value: size.initialJs.gzip / 1000, unit: `kB of ${size.initialJs.budget / 1000} kB budget` },
    { label: 'scan route JS (gzip)', value: size.scanRoute.gzip / 1000, unit: `kB of ${size.scanRoute.budget / 1000} kB budget` },
    { label: 'scan route WebAssembly (gzip)', value: (size.scanRoute.wasm?.gzip ?? 0) / 1000, unit: 'kB' },
    { label: 'home, loaded after first paint (gzip)', value: size.homeDeferred.gzip / 1000, unit: 'kB' },
    { label: 'precached for offline (raw)', value: size.precacheBytes / 1000, unit: 'kB' },
  ];
  try {
    const { measureScanToVerdict } = await import('../../e2e/pwa-bench.ts');
    const { FAKE_CAMERA_FRAME_MS } = await import('../../e2e/pwa-harness.ts');
    const scan = await measureScanToVerdict({ runs: ctx.quick ? 2 : 5 });
    rows.push(
      { label: `QR frame → verdict, fake camera (${scan.detector}, median)`, value: scan.median.frameToVerdictMs, unit: 'ms' },
      { label: 'QR decoded → verdict on screen (median)', value: scan.median.foundToVerdictMs, unit: 'ms' },
      // Against the camera's frame interval: how many frames pass between the first frame and the verdict.
      { label: 'QR frame → verdict, in camera frame intervals', value: scan.median.frameToVerdictMs / FAKE_CAMERA_FRAME_MS, unit: `× the ${FAKE_CAMERA_FRAME_MS} ms frame interval` },
    );
  } catch (e) {
    ctx.log(`pwa: camera benchmark skipped: ${(e as Error).message}`);
  }
  return rows;
}
