// Route-level code splitting without preact/compat: load a module once, render its component.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n.ts';

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState<unknown>(undefined);
    const { t } = useI18n();
    useEffect(() => {
      if (loaded) return;
      let live = true;
      pending ??= load();
      pending.then(
        (c) => {
          loaded = c;
          if (live) setComponent(() => c);
        },
        (e: unknown) => {
          pending = undefined;
          if (live) setFailed(e);
        },
      );
      return () => {
        live = false;
      };
    }, []);
    // The browser's own error text (English whatever the app's language) is kept for developers in
    // data-error; the user reads a sentence in the app's language.
    if (failed) return <p class="notice notice-bad" role="alert" data-error={String((failed as Error)?.message ?? failed)}>{t('common.loadFailed')}</p>;
    if (!Component) return <p class="loading" aria-busy="true">{t('common.loading')}</p>;
    return <Component {...props} />;
  };
}
