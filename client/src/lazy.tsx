/** Loads a screen's code on first use, so the public report form does not download the office screens. */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let cached: ComponentType<P> | null = null;
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => cached);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (cached) return;
      load().then(
        (m) => {
          cached = m.default;
          setComponent(() => m.default);
        },
        () => setFailed(true),
      );
    }, []);
    if (failed) return <p class="banner error" role="alert">This screen could not be loaded. Check your connection and reload the page.</p>;
    if (!Component) return <p aria-live="polite"><span class="spinner" aria-hidden="true" /> Loading…</p>;
    return <Component {...props} />;
  };
}
