import type { Page } from '../../services/paging.js';

/** Presents each item of a page with the item's presenter and passes the cursor of the next page through. */
export function presentPage<T, R>(
  page: Page<T>,
  presentItem: (item: T) => R,
): { items: R[]; nextCursor: string | null } {
  return { items: page.items.map((item) => presentItem(item)), nextCursor: page.nextCursor };
}
