// Route-level code splitting without preact/compat: load a module once, render its component.
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n.ts';

export interface LazyComponent<P extends object> extends FunctionComponent<P> {
  /**
   * Loads the module ahead of its first render (the scanner does this for the check route), so
   * that the route then renders at once instead of showing "loading" for a render and a frame.
   */
  preload(): void;
}

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const start = (): Promise<ComponentType<P>> =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    ));
  function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState<unknown>(undefined);
    const { t } = useI18n();
    useEffect(() => {
      if (loaded) return;
      let live = true;
      start().then(
        (c) => {
          if (live) setComponent(() => c);
        },
        (e: unknown) => {
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
  }
  Lazy.preload = (): void => void start().catch(() => undefined);
  return Lazy;
}
