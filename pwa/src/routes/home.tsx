// Home: the scan button within thumb reach, a paste box, this year's quota at a glance and the
// age of the trust data. Part of the initial bundle, so it stays small: the quota summary and the
// trust status load lazily.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n.ts';
import { lazyComponent } from '../lazy.tsx';
import { navigate, useRoute } from '../router.ts';
import { inAppTarget } from '../scan/target.ts';
import { RouteHeading } from '../focus.tsx';

const QuotaSummary = lazyComponent(() => import('../components/quota-summary.tsx').then((m) => m.QuotaSummary));
const TrustStatus = lazyComponent(() => import('../components/trust-status.tsx').then((m) => m.TrustStatus));

export function Home() {
  const { t } = useI18n();
  const route = useRoute();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState(false);
  const pasteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (route.fragment === 'paste') pasteRef.current?.focus();
  }, [route.fragment]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (text.trim() === '') {
      setProblem(true);
      return;
    }
    const target = inAppTarget(text);
    // Anything that is not ours still goes to the verify screen, which explains what it is.
    navigate(target.kind === 'route' ? target.path : `/verify#${encodeURIComponent(text.trim().slice(0, 20_000))}`);
  };

  return (
    <section>
      <RouteHeading text={t('app.name')} hidden />
      <p class="muted">{t('app.tagline')}</p>
      <a class="button primary block big" href="/scan" data-action="scan">
        <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
          <path d="M3 8V3h5M16 3h5v5M21 16v5h-5M8 21H3v-5M7 12h10" />
        </svg>
        {t('home.scan')}
      </a>
      <p class="hint">{t('home.scanHint')}</p>
      <form class="card" onSubmit={submit}>
        <label for="paste">{t('home.paste.label')}</label>
        <div class="field">
          <textarea
            id="paste"
            ref={pasteRef}
            value={text}
            placeholder={t('home.paste.placeholder')}
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => {
              setText((e.currentTarget as HTMLTextAreaElement).value);
              setProblem(false);
            }}
          />
        </div>
        {problem && (
          <p class="notice notice-warn" role="alert">
            {t('paste.error.empty')}
          </p>
        )}
        <button type="submit" class="button primary">
          {t('home.paste.submit')}
        </button>
      </form>
      <QuotaSummary />
      <TrustStatus />
    </section>
  );
}
