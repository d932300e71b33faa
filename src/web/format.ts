/**
 * Formatting shared by every screen, so dates, shares and counts read the
 * same everywhere and in British English.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Writes a calendar date (YYYY-MM-DD) or an ISO timestamp as "1 March 2025".
 * Calendar dates have no time zone, so they are read as UTC and never shift a
 * day; timestamps are shown in the reader's zone unless one is given.
 */
export function formatDate(value: string, timeZone?: string): string {
  const dateOnly = DATE_ONLY.exec(value);
  const date = dateOnly === null ? new Date(value) : new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: dateOnly === null ? timeZone : 'UTC',
  }).format(date);
}

/** A compact date for chart axes: "3 Mar 2025". */
export function formatShortDate(value: string, timeZone?: string): string {
  const dateOnly = DATE_ONLY.exec(value);
  const date = dateOnly === null ? new Date(value) : new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: dateOnly === null ? timeZone : 'UTC',
  }).format(date);
}

/** Today's calendar date in the reader's zone, as the date inputs and the API write it. */
export function toIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A 0..1 share as a whole percentage, clamped, for readiness. */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '0%';
  return `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%`;
}

/** "1 item", "3 items": a count with the right form of its noun. */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = DATE_ONLY.exec(value);
  if (match === null) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * An instant as a date and a time in the reader's zone and locale ("4 Dec 2026, 14:05"); `seconds` adds
 * them, for logs where order within a minute matters.
 */
export function formatDateTime(iso: string, options: { seconds?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: options.seconds === true ? 'medium' : 'short',
  });
}

/** Text folded for matching as people type: no accents, no case, so "jose" finds "José". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
