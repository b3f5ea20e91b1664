// Where focus goes, so a keyboard or screen-reader user lands on what changed instead of <body>:
// after an in-app navigation, on the new screen's heading (which also names the document); after
// an action whose button goes away ("Add to my ledger", "Mark returned", "This is my parcel"), on
// its result. The browser keeps focus where it is on a first load.
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { takeRouteFocus } from './router.ts';

const APP_NAME = 'CrossCheck';

/**
 * The screen's <h1>: names the document ("Quota ledger · CrossCheck") and takes focus when it
 * appears after an in-app navigation. `hidden` keeps it for screen readers only (home shows the
 * brand in the top bar instead).
 */
export function RouteHeading({ text, id, hidden }: { text: string; id?: string; hidden?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    document.title = text === APP_NAME ? APP_NAME : `${text} · ${APP_NAME}`;
  }, [text]);
  useLayoutEffect(() => {
    if (takeRouteFocus()) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} class={hidden ? 'visually-hidden' : undefined} data-route-heading="">
      {text}
    </h1>
  );
}

export interface ActionFocus<T extends HTMLElement> {
  /** Put on the element that shows the action's result (it gets tabIndex -1). */
  ref: RefObject<T | null>;
  /** Call in the action's handler: the result element is focused the next time it is rendered. */
  arm(): void;
}

/** Focus for an action's result: `arm()` on the action, `ref` on what the action shows. */
export function useActionFocus<T extends HTMLElement>(): ActionFocus<T> {
  const ref = useRef<T>(null);
  const armed = useRef(false);
  useLayoutEffect(() => {
    if (armed.current && ref.current) {
      armed.current = false;
      ref.current.focus();
    }
  });
  return { ref, arm: () => void (armed.current = true) };
}
