// The shell: header, the current route, the bottom navigation (thumb reach on a phone), the
// update prompt. Routes other than home load on demand.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n.ts';
import { lazyComponent } from './lazy.tsx';
import { onLinkClick, useRoute, type RouteName } from './router.ts';
import { Home } from './routes/home.tsx';
import { UpdatePrompt } from './components/update-prompt.tsx';
import { Announcer } from './announcer.tsx';
import { RouteHeading } from './focus.tsx';
import type { MessageKey } from './messages.ts';

const Verify = lazyComponent(() => import('./routes/verify.tsx').then((m) => m.VerifyRoute));
const Scan = lazyComponent(() => import('./routes/scan.tsx').then((m) => m.ScanRoute));
const Ledger = lazyComponent(() => import('./routes/ledger.tsx').then((m) => m.LedgerRoute));
const Settings = lazyComponent(() => import('./routes/settings.tsx').then((m) => m.SettingsRoute));

const NAV: Array<{ name: RouteName; href: string; label: MessageKey; icon: string }> = [
  { name: 'home', href: '/', label: 'nav.home', icon: 'M3 11 12 3l9 8v10h-6v-6H9v6H3z' },
  {
    name: 'scan',
    href: '/scan',
    label: 'nav.scan',
    icon: 'M3 8V3h5M16 3h5v5M21 16v5h-5M8 21H3v-5M7 12h10',
  },
  { name: 'ledger', href: '/ledger', label: 'nav.ledger', icon: 'M5 3h14v18H5zM9 8h6M9 12h6M9 16h4' },
  {
    name: 'settings',
    href: '/settings',
    label: 'nav.settings',
    icon: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4',
  },
];

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}

function RouteView() {
  const route = useRoute();
  const { t } = useI18n();
  switch (route.name) {
    case 'home':
      return <Home />;
    // One check route: a parcel or a receipt link, verified once (routes/verify.tsx).
    case 'verify':
    case 'receipt-import':
      return <Verify fragment={route.fragment} />;
    case 'scan':
      // A found code goes straight to the check route: have it ready to render.
      Verify.preload();
      return <Scan />;
    case 'ledger':
      return <Ledger />;
    case 'settings':
      return <Settings />;
    default:
      return (
        <section>
          <RouteHeading text={t('notFound.title')} />
          <a class="button" href="/">
            {t('error.home')}
          </a>
        </section>
      );
  }
}

export function App() {
  const { t } = useI18n();
  const route = useRoute();
  const online = useOnline();
  const section = route.name === 'receipt-import' ? 'ledger' : route.name === 'verify' ? 'scan' : route.name;
  return (
    <div class="app" onClick={onLinkClick}>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <a class="brand" href="/" aria-label={t('app.name')}>
          <img src="/icons/icon.svg" alt="" width="28" height="28" />
          <span>{t('app.name')}</span>
        </a>
      </header>
      {!online && (
        <p class="offline-banner" role="status">
          {t('common.offline')}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        <RouteView />
      </main>
      <nav class="tabbar" aria-label="CrossCheck">
        {NAV.map((item) => (
          <a href={item.href} class="tab" aria-current={section === item.name ? 'page' : undefined}>
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
              <path d={item.icon} />
            </svg>
            <span>{t(item.label)}</span>
          </a>
        ))}
      </nav>
      <UpdatePrompt />
      <Announcer />
    </div>
  );
}
