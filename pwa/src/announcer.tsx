// The shell's one live region: a screen's action results that appear where focus is not (the
// what-if answer, an import's outcome, a refreshed trust list, the camera starting) are spoken
// through this element, which is in the page from the first paint and never replaced — a live
// region inserted with its text already in it is often not announced. The check screen's verdict
// has its own persistent region, the verdict banner (components/verdict-view.tsx).
import { useEffect, useState } from 'preact/hooks';

let current = '';
const listeners = new Set<(text: string) => void>();

/** Says `text` politely. The same text twice is said twice (cleared for one frame in between). */
export function announce(text: string): void {
  const say = () => {
    current = text;
    for (const l of listeners) l(text);
  };
  if (text === current) {
    current = '';
    for (const l of listeners) l('');
    requestAnimationFrame(say);
  } else say();
}

export function Announcer() {
  const [text, setText] = useState(current);
  useEffect(() => {
    listeners.add(setText);
    return () => void listeners.delete(setText);
  }, []);
  return (
    <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer="">
      {text}
    </p>
  );
}
