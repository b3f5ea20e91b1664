// Entry: render the shell at once, register the service worker, and let routes load lazily.
import { render } from 'preact';
import { App } from './app.tsx';
import { initLocale } from './i18n.ts';
import { initTheme } from './theme.ts';
import { registerServiceWorker } from './service-worker.ts';
import { extensionRuntime } from './extension-runtime.ts';

initLocale();
initTheme();
render(<App />, document.getElementById('app')!);
registerServiceWorker();
// One ledger with the browser extension, only where the browser offers the channel (SYNC.md).
if (extensionRuntime()) void import('./extension-link.ts').then((m) => m.startExtensionLink()).catch(() => {});
