// User Timing marks (performance.mark) at the steps of a scan: camera started, first frame, QR
// found, verdict shown. The benchmark reads them from the page (test/e2e/pwa-bench.ts).
export type ScanStep = 'cameraStarted' | 'firstFrame' | 'found' | 'verdict';

export function markStep(step: ScanStep): void {
  performance.mark(`crosscheck:${step}`);
}
