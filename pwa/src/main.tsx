// Entry: render the shell at once, register the service worker, and let routes load lazily.
import { render } from 'preact';
import { App } from './app.tsx';
import { initLocale } from './i18n.ts';
import { initTheme } from './theme.ts';
import { registerServiceWorker } from './service-worker.ts';

initLocale();
initTheme();
render(<App />, document.getElementById('app')!);
registerServiceWorker();
