import { useSyncExternalStore } from 'react';

/**
 * The browser's address as a store React can subscribe to: pushState and
 * replaceState through `navigate`, the back and forward buttons through
 * popstate. A router library would add 10 KB for what these lines do.
 */

const listeners = new Set<() => void>();
let navigated = false;

function notify(): void {
  for (const listener of listeners) listener();
}

function onPopState(): void {
  navigated = true;
  notify();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', onPopState);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', onPopState);
  };
}

function snapshot(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** Goes to another view without reloading; `replace` swaps the current history entry (for filters). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const before = snapshot();
  if (options.replace === true) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  const after = snapshot();
  // A new path is a new view: it takes the focus (see Page). Any new history entry starts at the top.
  if (before.split('?')[0] !== after.split('?')[0]) navigated = true;
  if (options.replace !== true && before !== after) window.scrollTo(0, 0);
  notify();
}

/**
 * Whether the person has moved between views since the page loaded. Only
 * then does a new view take the focus: on first load it stays at the top of
 * the document, where assistive technology expects it.
 */
export function hasNavigated(): boolean {
  return navigated;
}

/** The current path and query, re-rendering the caller when either changes. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const queryAt = href.indexOf('?');
  return queryAt === -1
    ? { pathname: href, search: '' }
    : { pathname: href.slice(0, queryAt), search: href.slice(queryAt) };
}
