import { randomUUID } from 'node:crypto';

/** A new primary key: ids are text UUIDs so any process, on any database, can make one. */
export function newId(): string {
  return randomUUID();
}

let lastMillis = 0;

/**
 * The current instant as ISO-8601 UTC text, strictly later than the previous
 * call in this process. Rows are ordered by these timestamps ("latest
 * assessment", "newest evidence first"), so two writes in the same
 * millisecond must still sort in the order they happened.
 */
export function nowIso(): string {
  const millis = Math.max(Date.now(), lastMillis + 1);
  lastMillis = millis;
  return new Date(millis).toISOString();
}

/**
 * Splits a list into slices of at most `size`, so an `in (...)` list never
 * exceeds what a driver accepts as bound parameters (SQLite and pg both cap it).
 */
export function chunk<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Removes duplicates and sorts, so id lists read back the same however they were written. */
export function uniqueSorted(items: readonly string[]): string[] {
  return [...new Set(items)].sort();
}

/**
 * The key people are listed by: the name without accents and case, as hex of
 * its UTF-8 bytes. Hex digits sort the same under every collation, so SQLite
 * (bytes) and PostgreSQL (its locale) list the same people in the same order,
 * and a page cursor means the same position on both.
 */
export function nameSortKey(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return Buffer.from(folded, 'utf8').toString('hex');
}
