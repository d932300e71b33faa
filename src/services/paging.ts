import { DomainError } from '../core/domain-error.js';

/*
 * Cursor paging, the one way every list is read in pages. A page is the rows
 * after a position in the list's fixed order (keyset paging), so a page costs
 * the same however deep it is, and a row written meanwhile never shifts the
 * next page into a duplicate or a gap. The cursor is that position, encoded:
 * opaque to clients, checked on the way in.
 */

/** How many rows a page holds unless the request asks for fewer or more. */
export const DEFAULT_PAGE_SIZE = 50;

/** The most rows one page may hold: bounds every list response, whatever the data. */
export const MAX_PAGE_SIZE = 200;

/** The longest cursor accepted; every cursor this module makes is far shorter. */
export const MAX_CURSOR_LENGTH = 1_000;

/** What a caller asks of a list: how many rows, and after which position. */
export interface PageRequest {
  /** 1 to MAX_PAGE_SIZE; DEFAULT_PAGE_SIZE when left out. */
  limit?: number;
  /** The `nextCursor` of the previous page; the first page when left out. */
  cursor?: string;
}

/** One page of a list, and how to ask for the next. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to read the next page; null on the last page. */
  nextCursor: string | null;
}

/** A position in a list: the values of its sort key, in order, for the last row of a page. */
export type PageKey = readonly string[];

/** A page request checked and decoded: a row count and, past the first page, the key to start after. */
export interface PagePlan {
  limit: number;
  after: PageKey | undefined;
}

/**
 * Checks a page request for a list of `kind` whose key has `arity` parts.
 * A cursor made for another list, or not made here at all, is refused rather
 * than read as some other position.
 *
 * @throws DomainError `input_invalid` naming `limit` or `cursor`.
 */
export function planPage(kind: string, arity: number, request: PageRequest = {}): PagePlan {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    const message = `must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
    throw new DomainError('input_invalid', `limit: ${message}`, [{ path: ['limit'], message }]);
  }
  if (request.cursor === undefined) return { limit, after: undefined };
  return { limit, after: decodeCursor(kind, arity, request.cursor) };
}

/**
 * Turns the rows a query fetched (at most `limit + 1`, in list order) into a
 * page: the extra row, when there is one, only says that a next page exists.
 */
export function toPage<T>(kind: string, rows: readonly T[], limit: number, keyOf: (row: T) => PageKey): Page<T> {
  if (rows.length <= limit) return { items: [...rows], nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1] as T;
  return { items, nextCursor: encodeCursor(kind, keyOf(last)) };
}

/**
 * Reads one page of a list whose order is the key `keyOf` gives: checks the
 * request, asks `fetchRows` for at most `limit` rows after the decoded key
 * (one more than the page holds, to learn whether a next page exists), and
 * makes the page. The key's length is the cursor's arity, so a cursor always
 * decodes to a key of the shape the repository takes.
 *
 * @throws DomainError `input_invalid` naming `limit` or `cursor`.
 */
export async function readPage<T, N extends 2 | 3>(
  kind: string,
  request: PageRequest,
  arity: N,
  fetchRows: (after: KeyOf<N> | undefined, limit: number) => Promise<T[]>,
  keyOf: (row: T) => KeyOf<N>,
): Promise<Page<T>> {
  const plan = planPage(kind, arity, request);
  // planPage checked that the key has `arity` strings: the shape KeyOf<N> names.
  const rows = await fetchRows(plan.after as KeyOf<N> | undefined, plan.limit + 1);
  return toPage(kind, rows, plan.limit, keyOf);
}

/** A sort key of two or three parts, the lengths the lists use. */
export type KeyOf<N extends 2 | 3> = N extends 2 ? readonly [string, string] : readonly [string, string, string];

/** Reads every page of a list into one array, for a caller (a report, a file) that needs all of it. */
export async function readAllPages<T>(readPage: (request: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage({ limit: MAX_PAGE_SIZE, cursor });
    for (const item of page.items) all.push(item);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

/** The cursor for the position `key` in a list of `kind`: base64url of a small JSON array. */
export function encodeCursor(kind: string, key: PageKey): string {
  return Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');
}

function decodeCursor(kind: string, arity: number, cursor: string): PageKey {
  const refuse = (): never => {
    const message = 'is not a cursor of this list; pass the nextCursor of the previous page unchanged';
    throw new DomainError('input_invalid', `cursor: ${message}`, [{ path: ['cursor'], message }]);
  };
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return refuse();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (!Array.isArray(decoded) || decoded.length !== arity + 1 || decoded[0] !== kind) return refuse();
  const key = decoded.slice(1);
  if (!key.every((part): part is string => typeof part === 'string')) return refuse();
  return key;
}
