// `useLiveQuery` for Preact over Dexie's liveQuery observable: ten lines of our own instead of
// dexie-react-hooks through preact/compat, which once lost reactivity (Dexie issue #1511,
// ux-anchors.md §4). Dexie propagates writes from other tabs too (BroadcastChannel), so two open
// tabs show the same ledger.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type LiveState<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

export function useLiveQuery<T>(querier: () => Promise<T> | T, deps: readonly unknown[]): LiveState<T> {
  const [state, setState] = useState<LiveState<T>>({ status: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(querier).subscribe({
      next: (value) => setState({ status: 'ready', value }),
      error: (error: unknown) => setState({ status: 'error', error }),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the query reads
  }, deps);
  return state;
}
