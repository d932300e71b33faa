import type { Locator } from 'playwright-core';

/** Escapes text for use inside a regular expression, so titles such as "Mid-level" match literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name that starts with `text` followed by the end or a space: "Senior" matches "Senior (current rating)". */
export function startsWithWord(text: string): RegExp {
  return new RegExp(`^${escapeRegExp(text)}(\\s|$)`);
}

/** Collapses runs of white space, as a reader sees text. */
export function squash(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The text of every element a locator matches, as written in the page (CSS text-transform ignored). */
export async function textsOf(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map(squash);
}

/** The text of the one element a locator matches, as written in the page. */
export async function textOf(locator: Locator): Promise<string> {
  return squash(await locator.textContent());
}
