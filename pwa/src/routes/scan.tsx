// The in-app scanner. Known pitfalls it answers (ux-anchors.md §3.3): an explainer before the
// browser's permission prompt; the camera stopped when the app is hidden (iOS home-screen apps
// lose the stream after backgrounding) and restarted on return; "no frames" detected and a retry
// offered; photo and paste fallbacks always on screen; torch and zoom only when offered.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n.ts';
import { RouteHeading, useActionFocus } from '../focus.tsx';
import { announce } from '../announcer.tsx';
import { markStep } from '../timing.ts';
import { navigate } from '../router.ts';
import { CameraError, startCamera, type Camera, type CameraFeatures } from '../scan/camera.ts';
import { qrDetector, type QrDetector } from '../scan/detector.ts';
import { inAppTarget } from '../scan/target.ts';
import type { MessageKey } from '../messages.ts';

type Phase =
  | { name: 'explainer' }
  | { name: 'starting' }
  | { name: 'scanning' }
  | { name: 'paused' }
  | { name: 'problem'; message: MessageKey };

const NO_FRAMES_AFTER_MS = 4000;


export function ScanRoute() {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>({ name: 'explainer' });
  const [features, setFeatures] = useState<CameraFeatures>({ torch: false });
  const [torchOn, setTorchOn] = useState(false);
  const [zoom, setZoom] = useState<number | undefined>(undefined);
  const [foreign, setForeign] = useState<string | undefined>(undefined);
  const [photoProblem, setPhotoProblem] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const cameraRef = useRef<Camera | undefined>(undefined);
  const detectorRef = useRef<Promise<QrDetector> | undefined>(undefined);
  const wantCamera = useRef(false);
  const loopToken = useRef(0);
  const verifyModule = useRef<typeof import('./verify.tsx') | undefined>(undefined);

  const detector = () => (detectorRef.current ??= qrDetector());

  const handleText = (text: string): boolean => {
    const target = inAppTarget(text);
    if (target.kind === 'route') {
      markStep('found');
      // The check starts here, before the camera is let go and the app moves to its screen (both
      // take tens of ms), and the check route takes it. The verify module is loaded while the
      // camera runs; should it not be yet, the check starts as soon as it is.
      const { fragment } = target;
      if (verifyModule.current) verifyModule.current.beginCheck(fragment);
      else void import('./verify.tsx').then((m) => m.beginCheck(fragment));
      stopCamera();
      wantCamera.current = false;
      navigate(target.path);
      return true;
    }
    setForeign(target.text);
    return false;
  };

  const stopCamera = () => {
    loopToken.current++;
    cameraRef.current?.stop();
    cameraRef.current = undefined;
    if (videoRef.current) videoRef.current.srcObject = null;
  };

  const scanLoop = async (token: number, startedAt: number) => {
    const video = videoRef.current;
    if (!video) return;
    const found = await detector();
    let interval = 100;
    let sawFrame = false;
    let lastForeign = '';
    while (token === loopToken.current) {
      if (video.readyState >= 2 && video.videoWidth > 0) {
        if (!sawFrame) markStep('firstFrame');
        sawFrame = true;
        const t0 = performance.now();
        let texts: string[] = [];
        try {
          texts = await found.detect(video);
        } catch {
          texts = [];
        }
        // Adaptive pace: weak phones decode slower, so back off instead of queueing work.
        interval = performance.now() - t0 > 120 ? 250 : 100;
        if (token !== loopToken.current) return;
        for (const text of texts) {
          if (text === lastForeign) continue;
          if (handleText(text)) return;
          lastForeign = text;
        }
      } else if (!sawFrame && performance.now() - startedAt > NO_FRAMES_AFTER_MS) {
        stopCamera();
        setPhase({ name: 'problem', message: 'scan.noFrames' });
        return;
      }
      await new Promise((r) => setTimeout(r, interval));
    }
  };

  // The explainer's "Start", "Stop" and "Try again" go away when used: focus moves to the control
  // that takes their place (Stop while the camera runs, Try again after a problem, Start after Stop).
  // Only when the user pressed one: the camera starting by itself leaves focus where it is.
  const startFocus = useActionFocus<HTMLButtonElement>();
  const stopFocus = useActionFocus<HTMLButtonElement>();
  const retryFocus = useActionFocus<HTMLButtonElement>();
  const startByUser = () => {
    stopFocus.arm();
    void start(true);
  };

  const start = async (byUser = false) => {
    wantCamera.current = true;
    setPhase({ name: 'starting' });
    setForeign(undefined);
    void detector(); // load the decoder while the permission prompt is up
    try {
      const camera = await startCamera();
      if (!wantCamera.current || document.visibilityState === 'hidden') {
        camera.stop();
        return;
      }
      cameraRef.current = camera;
      setFeatures(camera.features);
      setTorchOn(false);
      setZoom(camera.features.zoom?.value);
      const video = videoRef.current!;
      video.srcObject = camera.stream;
      await video.play().catch(() => {});
      setPhase({ name: 'scanning' });
      markStep('cameraStarted');
      const token = ++loopToken.current;
      void scanLoop(token, performance.now());
    } catch (e) {
      wantCamera.current = false;
      if (byUser) retryFocus.arm();
      const kind = e instanceof CameraError ? e.kind : 'failed';
      setPhase({ name: 'problem', message: kind === 'denied' ? 'scan.denied' : kind === 'failed' ? 'scan.noFrames' : 'scan.noCamera' });
    }
  };

  // Start at once only if the permission is already granted (then there is no prompt to explain).
  useEffect(() => {
    let live = true;
    // While the camera runs, get the verify screen and the trust data ready: a found code then
    // goes straight to its verdict.
    void import('./verify.tsx').then((m) => {
      verifyModule.current = m;
      m.warmUp();
    });
    navigator.permissions
      ?.query({ name: 'camera' as PermissionName })
      .then((status) => {
        if (live && status.state === 'granted') void start();
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  // Camera off in the background, back on when the app returns; always off when leaving the route.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        if (cameraRef.current) {
          stopCamera();
          setPhase({ name: 'paused' });
        }
      } else if (wantCamera.current && !cameraRef.current) {
        void start();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    addEventListener('pagehide', stopCamera);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      removeEventListener('pagehide', stopCamera);
      wantCamera.current = false;
      stopCamera();
    };
  }, []);

  const onPhoto = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setPhotoProblem(false);
    setForeign(undefined);
    try {
      const bitmap = await createImageBitmap(file);
      const texts = await (await detector()).detect(bitmap);
      bitmap.close();
      if (texts.length === 0) setPhotoProblem(true);
      else handleText(texts[0]!);
    } catch {
      setPhotoProblem(true);
    }
  };

  const toggleTorch = async () => {
    const next = !torchOn;
    await cameraRef.current?.setTorch(next).catch(() => {});
    setTorchOn(next);
  };

  const onZoom = async (event: Event) => {
    const value = Number((event.currentTarget as HTMLInputElement).value);
    setZoom(value);
    await cameraRef.current?.setZoom(value).catch(() => {});
  };

  const live = phase.name === 'scanning' || phase.name === 'starting';
  // The camera's progress is spoken through the shell's live region (the hint below comes and goes).
  useEffect(() => {
    if (phase.name === 'starting') announce(t('scan.loading'));
    else if (phase.name === 'scanning') announce(t('scan.aim'));
  }, [phase.name]);
  return (
    <section aria-labelledby="scan-title">
      <RouteHeading id="scan-title" text={t('scan.title')} />
      {phase.name === 'explainer' && (
        <div class="card" data-scan-explainer="">
          <h2>{t('scan.explainer.title')}</h2>
          <p>{t('scan.explainer.body')}</p>
          <button type="button" class="button primary block big" ref={startFocus.ref} data-action="scan-start" onClick={startByUser}>
            {t('scan.start')}
          </button>
        </div>
      )}
      <div class="scanner" hidden={!live} data-scanner-state={phase.name}>
        <video ref={videoRef} muted playsInline autoplay aria-label={t('scan.aim')} />
        <div class="frame" aria-hidden="true" />
        <div class="controls">
          {features.torch && (
            <button type="button" class="button" aria-pressed={torchOn} onClick={() => void toggleTorch()}>
              {torchOn ? t('scan.torch.off') : t('scan.torch.on')}
            </button>
          )}
          {features.zoom && zoom !== undefined && (
            <label class="visually-hidden" for="zoom">
              {t('scan.zoom')}
            </label>
          )}
          {features.zoom && zoom !== undefined && (
            <input
              id="zoom"
              type="range"
              min={features.zoom.min}
              max={features.zoom.max}
              step={features.zoom.step}
              value={zoom}
              onInput={(e) => void onZoom(e)}
            />
          )}
        </div>
      </div>
      {live && (
        <p class="hint">
          {phase.name === 'starting' ? t('scan.loading') : t('scan.aim')} {!features.torch && t('scan.lowLight')}
        </p>
      )}
      {phase.name === 'paused' && <p class="notice">{t('scan.paused')}</p>}
      {phase.name === 'problem' && (
        <div class="notice notice-warn" role="alert">
          <p>{t(phase.message)}</p>
          <button type="button" class="button" ref={retryFocus.ref} data-action="scan-retry" onClick={startByUser}>
            {t('scan.retry')}
          </button>
        </div>
      )}
      {foreign !== undefined && (
        <div class="notice notice-warn" role="alert" data-scan-foreign="">
          <p>{t('error.notCrossCheck')}</p>
          <pre class="code">{foreign}</pre>
        </div>
      )}
      {photoProblem && (
        <p class="notice notice-warn" role="alert" data-scan-photo-problem="">
          {t('scan.photo.none')}
        </p>
      )}
      <div class="fallbacks">
        {live && (
          <button
            type="button"
            class="button"
            ref={stopFocus.ref}
            data-action="scan-stop"
            onClick={() => {
              startFocus.arm();
              wantCamera.current = false;
              stopCamera();
              setPhase({ name: 'explainer' });
            }}
          >
            {t('scan.stop')}
          </button>
        )}
        <label class="button" for="photo">
          {t('scan.photo')}
        </label>
        <input id="photo" class="visually-hidden" type="file" accept="image/*" capture="environment" onChange={(e) => void onPhoto(e)} />
        <a class="button ghost" href="/#paste">
          {t('scan.paste')}
        </a>
      </div>
    </section>
  );
}
