// The rear camera, with torch and zoom when the device offers them (capability-gated: iOS has no
// torch through the web; ux-anchors.md §3.3). The caller stops it when the page is hidden.

export interface CameraFeatures {
  torch: boolean;
  zoom?: { min: number; max: number; step: number; value: number };
}

export interface Camera {
  stream: MediaStream;
  track: MediaStreamTrack;
  features: CameraFeatures;
  setTorch(on: boolean): Promise<void>;
  setZoom(value: number): Promise<void>;
  stop(): void;
}

export type CameraErrorKind = 'denied' | 'no-camera' | 'unsupported' | 'failed';

export class CameraError extends Error {
  constructor(readonly kind: CameraErrorKind, message: string) {
    super(message);
    this.name = 'CameraError';
  }
}

interface RangeCapability {
  min?: number;
  max?: number;
  step?: number;
}

type ExtendedCapabilities = MediaTrackCapabilities & { torch?: boolean; zoom?: RangeCapability; focusMode?: string[] };

export async function startCamera(): Promise<Camera> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unsupported', 'getUserMedia is not available');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      // Rear camera; capped at 720p — enough for a label QR, and cheaper to decode on weak phones.
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (e) {
    const name = (e as DOMException)?.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new CameraError('denied', name);
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new CameraError('no-camera', name);
    throw new CameraError('failed', String((e as Error)?.message ?? e));
  }
  const track = stream.getVideoTracks()[0];
  if (!track) {
    for (const t of stream.getTracks()) t.stop();
    throw new CameraError('no-camera', 'no video track');
  }
  const caps = (track.getCapabilities?.() ?? {}) as ExtendedCapabilities;
  const settings = track.getSettings() as MediaTrackSettings & { zoom?: number };
  if (caps.focusMode?.includes('continuous')) {
    await track.applyConstraints({ advanced: [{ focusMode: 'continuous' } as MediaTrackConstraintSet] }).catch(() => {});
  }
  const features: CameraFeatures = { torch: caps.torch === true };
  if (caps.zoom && typeof caps.zoom.min === 'number' && typeof caps.zoom.max === 'number' && caps.zoom.max > caps.zoom.min) {
    features.zoom = {
      min: caps.zoom.min,
      max: caps.zoom.max,
      step: caps.zoom.step || 0.1,
      value: settings.zoom ?? caps.zoom.min,
    };
  }
  return {
    stream,
    track,
    features,
    setTorch: (on) => track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] }),
    setZoom: (value) => track.applyConstraints({ advanced: [{ zoom: value } as MediaTrackConstraintSet] }),
    stop() {
      for (const t of stream.getTracks()) t.stop();
    },
  };
}
