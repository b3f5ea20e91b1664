// The second scan after a parcel verdict: the product's own barcode (EAN/UPC, GS1 DataMatrix, GS1
// QR or Digital Link) compared with the goods the label signs (shared/gs1). A genuine label can be
// peeled off and stuck on a fake (FORMAT.md §8); the product's GTIN, batch and expiry cannot.
// The result sits in one live region that exists from the start, so its change is announced, and
// focus moves to it; it is said in both languages.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParcelClaims } from '../../../shared/credential/claims/index.ts';
import { compareGoods, parseProductCode, type GoodsComparison, type Gs1Error } from '../../../shared/gs1/index.ts';
import { LOCALES, type Localized } from '../../../shared/text/localized.ts';
import { translate, useI18n } from '../i18n.ts';
import type { MessageKey } from '../messages.ts';
import { startCamera, type Camera } from '../scan/camera.ts';
import { productDetector } from '../scan/detector.ts';

type Result = { kind: 'comparison'; comparison: GoodsComparison; code: string } | { kind: 'unreadable'; error: Gs1Error; code: string };

const OUTCOME_KEYS: Record<GoodsComparison['outcome'], MessageKey> = {
  match: 'goods.match',
  mismatch: 'goods.mismatch',
  'not-comparable': 'goods.notComparable',
};

function toneOf(result: Result): 'good' | 'bad' | 'warn' {
  if (result.kind === 'unreadable') return 'warn';
  return result.comparison.outcome === 'match' ? 'good' : result.comparison.outcome === 'mismatch' ? 'bad' : 'warn';
}

/** The heading word and the sentence, in every language (the current one first). */
function texts(result: Result): { locale: (typeof LOCALES)[number]; title: string; sentence: string }[] {
  const key: MessageKey = result.kind === 'unreadable' ? 'goods.unreadable' : OUTCOME_KEYS[result.comparison.outcome];
  const sentence: Localized = result.kind === 'unreadable' ? result.error.message : result.comparison.message;
  return LOCALES.map((locale) => ({ locale, title: translate(locale, key), sentence: sentence[locale] }));
}

export function GoodsCheck({ parcel }: { parcel: ParcelClaims }) {
  const { t, locale } = useI18n();
  const [result, setResult] = useState<Result | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [scanning, setScanning] = useState(false);
  const [cameraProblem, setCameraProblem] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const cameraRef = useRef<Camera | undefined>(undefined);
  const token = useRef(0);

  const show = (code: string, format?: string): boolean => {
    const parsed = parseProductCode(code, format ? { format } : {});
    setResult(parsed.ok ? { kind: 'comparison', comparison: compareGoods(parcel.goods, parsed.value), code } : { kind: 'unreadable', error: parsed.error, code });
    return parsed.ok;
  };

  // Focus follows the result, so a screen-reader user lands on it (it is announced as well).
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const stop = () => {
    token.current++;
    cameraRef.current?.stop();
    cameraRef.current = undefined;
    if (videoRef.current) videoRef.current.srcObject = null;
    setScanning(false);
  };
  useEffect(() => {
    addEventListener('pagehide', stop);
    return () => {
      removeEventListener('pagehide', stop);
      stop();
    };
  }, []);

  const start = async () => {
    setCameraProblem(false);
    setScanning(true);
    const mine = ++token.current;
    const detector = productDetector();
    try {
      const camera = await startCamera();
      if (mine !== token.current) {
        camera.stop();
        return;
      }
      cameraRef.current = camera;
      const video = videoRef.current!;
      video.srcObject = camera.stream;
      await video.play().catch(() => {});
      const found = await detector;
      while (mine === token.current) {
        if (video.readyState >= 2 && video.videoWidth > 0) {
          const codes = await found.detect(video).catch(() => []);
          if (mine !== token.current) return;
          // The parcel's own QR may be in view too: only a product code ends the scan.
          const product = codes.find((c) => parseProductCode(c.text, { format: c.format }).ok);
          if (product) {
            stop();
            show(product.text, product.format);
            return;
          }
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    } catch {
      if (mine === token.current) {
        stop();
        setCameraProblem(true);
      }
    }
  };

  const tone = result && toneOf(result);
  const outcome = result ? (result.kind === 'unreadable' ? 'unreadable' : result.comparison.outcome) : undefined;
  const lines = result ? texts(result).toSorted((a, b) => (a.locale === locale ? -1 : b.locale === locale ? 1 : 0)) : [];
  return (
    <section class="card" aria-labelledby="goods-title" data-goods-check="">
      <h2 id="goods-title">{t('goods.title')}</h2>
      <p class="hint">{t('goods.why')}</p>
      <div class="scanner" hidden={!scanning} data-goods-scanner={scanning ? 'on' : 'off'}>
        <video ref={videoRef} muted playsInline autoplay aria-label={t('goods.aim')} />
        <div class="frame" aria-hidden="true" />
      </div>
      <div class="fallbacks">
        {!scanning ? (
          <button type="button" class="button primary" data-action="scan-goods" onClick={() => void start()}>
            {t('goods.scan')}
          </button>
        ) : (
          <button type="button" class="button" onClick={stop}>
            {t('goods.stop')}
          </button>
        )}
      </div>
      {cameraProblem && (
        <p class="notice notice-warn" role="alert">
          {t('goods.cameraProblem')}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) show(typed);
        }}
      >
        <label for="goods-code">{t('goods.typed')}</label>
        <div class="row">
          <input
            id="goods-code"
            style={{ flex: '1 1 12rem', width: 'auto' }}
            inputMode="text"
            autocomplete="off"
            value={typed}
            onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="button">
            {t('goods.compare')}
          </button>
        </div>
      </form>
      {/* Present from the start (empty) so that the change is announced. */}
      <div
        ref={resultRef}
        class={result ? `notice notice-${tone}` : undefined}
        role="status"
        aria-live="polite"
        aria-atomic="true"
        tabIndex={-1}
        data-goods-result={outcome ?? ''}
        data-goods-differs={result?.kind === 'comparison' ? result.comparison.differs.join(' ') : undefined}
      >
        {result && (
          <>
            {lines.map((l) => (
              <p lang={l.locale} data-goods-lang={l.locale}>
                <strong>{l.title}</strong> — {l.sentence}
              </p>
            ))}
            <p class="muted">{t('goods.scanned', { code: result.code.replaceAll('\x1d', ' ') })}</p>
          </>
        )}
      </div>
    </section>
  );
}
