import { useCallback, useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import { api } from './api-client.js';

/**
 * Loading data for a screen: a key names what is wanted, and a change of key
 * loads again. While a new key loads, the previous data stays available so a
 * filtered list does not blank out on every keystroke.
 */

/** What a screen knows about its data. */
export type Resource<T> =
  { status: 'loading'; previous: T | undefined } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

interface Settled<T> {
  key: string;
  result: { status: 'ready'; data: T } | { status: 'error'; error: unknown };
}

/** Loads with `load` whenever `key` changes; `reload` loads the same key again. */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> & { reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const [lastData, setLastData] = useState<T | undefined>(undefined);
  const fullKey = `${key}#${attempt}`;
  const runLoad = useEffectEvent(load);

  useEffect(() => {
    let live = true;
    runLoad().then(
      (data) => {
        if (!live) return;
        setSettled({ key: fullKey, result: { status: 'ready', data } });
        setLastData(data);
      },
      (error: unknown) => {
        if (live) setSettled({ key: fullKey, result: { status: 'error', error } });
      },
    );
    return () => {
      live = false;
    };
  }, [fullKey]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  if (settled === null || settled.key !== fullKey) return { status: 'loading', previous: lastData, reload };
  return { ...settled.result, reload };
}

function subscribeChanges(listener: () => void): () => void {
  return api.onChange(listener);
}

/**
 * A number that grows with every change the app makes through the API; put
 * it in a resource key to reload after saves, deletions and undos.
 */
export function useApiChanges(): number {
  return useSyncExternalStore(subscribeChanges, () => api.changeCount());
}
