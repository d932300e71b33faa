import { useState } from 'react';

/*
 * Lists the server hands out a page at a time. A screen shows the first page
 * and a "Show more" button; asking for more reads one page further. The pages
 * are read again from the start whenever the screen's data changes (a delete,
 * an undo), so what is shown is never a mix of old and new pages.
 */

/** One page as the API returns it. */
export interface ApiPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Everything read so far, and whether the server has more. */
export interface LoadedPages<T> {
  items: T[];
  more: boolean;
}

/**
 * Reads `count` pages one after the other, following each page's cursor, and
 * stops early at the last page.
 */
export async function loadPages<T>(
  readPage: (cursor: string | undefined) => Promise<ApiPage<T>>,
  count: number,
): Promise<LoadedPages<T>> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let read = 0; read < count; read += 1) {
    const page = await readPage(cursor);
    items.push(...page.items);
    if (page.nextCursor === null) return { items, more: false };
    cursor = page.nextCursor;
  }
  return { items, more: true };
}

/**
 * How many pages a list shows: one for every new `listKey` (new filters
 * start again at the first page), one more each time `showMore` is called.
 */
export function usePageCount(listKey: string): { pages: number; showMore: () => void } {
  const [state, setState] = useState({ listKey, pages: 1 });
  const pages = state.listKey === listKey ? state.pages : 1;
  return { pages, showMore: () => setState({ listKey, pages: pages + 1 }) };
}
