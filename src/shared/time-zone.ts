/*
 * Calendar dates as a person lives them. "Today" depends on where someone is:
 * at 20:00 UTC it is already tomorrow in Kiritimati and still this afternoon
 * in Pago Pago. Every edge (server, CLI, web app) takes today from here, in the
 * person's own time zone, so the date a form offers is the date the server
 * accepts. Pure: Intl only, no Node or browser API.
 */

/** The time zone used when nothing better is known: the one every ISO-8601 instant in the store is written in. */
export const FALLBACK_TIME_ZONE = 'UTC';

/** The earliest date evidence may carry; anything older is a typo (1025 for 2025), not a career. */
export const EARLIEST_DATE = '1900-01-01';

/**
 * The IANA name Intl resolves a time zone to (`europe/berlin` becomes
 * `Europe/Berlin`, `US/Pacific` becomes `America/Los_Angeles`), or undefined
 * when Intl does not know it. Names are stored in this form so that two
 * spellings of one zone compare equal.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Whether Intl knows a time zone by this name, so a setting can be refused before it is stored. */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

/**
 * The calendar date (YYYY-MM-DD) at instant `now` in `timeZone`: the one
 * definition of "today" for evidence dates, form defaults and reports.
 *
 * @throws RangeError when `timeZone` is not a zone Intl knows (check with isTimeZone first).
 */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}
