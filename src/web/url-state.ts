/**
 * State that belongs in the address bar: filters, the target level, the two
 * levels of a comparison. Reading is forgiving (unknown values fall back to a
 * default) and writing leaves out empty values, so every view has a short,
 * shareable URL.
 */

/** Query values to write; empty, null and undefined ones are left out. */
export type QueryValues = Readonly<Record<string, string | null | undefined>>;

/** Joins a path and query values into an href, keeping the values' order. */
export function hrefWith(path: string, values: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** Reads one query value, treating an empty value as absent. */
export function readParam(search: string, key: string): string | null {
  const value = new URLSearchParams(search).get(key);
  return value === null || value === '' ? null : value;
}

/** The filters of the evidence list; '' means "any". */
export interface EvidenceFilters {
  kind: string;
  competency: string;
  since: string;
  until: string;
}

/** No filter at all. */
export const NO_EVIDENCE_FILTERS: EvidenceFilters = Object.freeze({ kind: '', competency: '', since: '', until: '' });

/** Reads the evidence filters from a query string such as "?kind=design". */
export function readEvidenceFilters(search: string): EvidenceFilters {
  return {
    kind: readParam(search, 'kind') ?? '',
    competency: readParam(search, 'competency') ?? '',
    since: readParam(search, 'since') ?? '',
    until: readParam(search, 'until') ?? '',
  };
}

/** Writes evidence filters as a query string (with "?"), or "" when none is set; the API takes the same one. */
export function evidenceQuery(filters: EvidenceFilters): string {
  const href = hrefWith('', {
    kind: filters.kind,
    competency: filters.competency,
    since: filters.since,
    until: filters.until,
  });
  return href;
}

/** Whether any evidence filter is set, to word the empty state. */
export function hasEvidenceFilters(filters: EvidenceFilters): boolean {
  return filters.kind !== '' || filters.competency !== '' || filters.since !== '' || filters.until !== '';
}

/**
 * The two levels of the comparison view. Unknown or missing ids fall back to
 * the first two levels, so a stale link still shows something sensible.
 */
export function readComparison(search: string, levelIds: readonly string[]): { from: string; to: string } {
  const known = (id: string | null) => (id !== null && levelIds.includes(id) ? id : null);
  const first = levelIds[0] ?? '';
  const second = levelIds[1] ?? first;
  const from = known(readParam(search, 'from'));
  const to = known(readParam(search, 'to'));
  if (from !== null && to !== null) return { from, to };
  if (from !== null) {
    const next = levelIds[levelIds.indexOf(from) + 1];
    return { from, to: next ?? from };
  }
  if (to !== null) {
    const previous = levelIds[levelIds.indexOf(to) - 1];
    return { from: previous ?? to, to };
  }
  return { from: first, to: second };
}
