/**
 * What the admin "Ladder" screen says: short hashes, the address of a diff
 * against the active version, what making a version active changes, and
 * each change of a diff in words. Pure, so it is tested without a browser.
 */

import type { LadderDiff, LadderVersion } from '../server/api-contract.js';
import { hrefWith } from './url-state.js';

/** One change of a diff, as the API sends it. */
export type LadderChange = LadderDiff['changes'][number];

/** A hash as people read it, like a short git commit id. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** The screen's address with one version compared against the active one. */
export function compareHref(version: Pick<LadderVersion, 'id' | 'hash'>): string {
  return hrefWith('/admin/ladder', { compare: `${version.id}@${shortHash(version.hash)}` });
}

/** Reads `?compare=ladder@hash` back; null when absent or malformed. */
export function readCompare(search: string): { id: string; hash: string } | null {
  const value = new URLSearchParams(search).get('compare');
  if (value === null) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  return { id: value.slice(0, at), hash: value.slice(at + 1) };
}

/** The question the confirmation asks before a version becomes active, saying what changes and what does not. */
export function activationQuestion(version: LadderVersion, active: LadderVersion | null): string {
  const from = active === null ? '' : ` instead of ${active.title} (${shortHash(active.hash)})`;
  return (
    `Make ${version.title} (${shortHash(version.hash)}) the active ladder${from}? ` +
    'New evidence and assessments will be recorded against it, for everyone, from now on. ' +
    'Nothing already recorded changes: history keeps the version each rating was made with.'
  );
}

/** What the screen says once a version is active. */
export function activatedMessage(version: LadderVersion): string {
  return `${version.title} (${shortHash(version.hash)}) is now the active ladder: new evidence and assessments are recorded against it.`;
}

const text = (change: LadderChange, key: string): string => {
  const value = change[key];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : '';
};

/** One change of a diff in words, in the ladder's own vocabulary. */
export function describeLadderChange(change: LadderChange): string {
  const t = (key: string) => text(change, key);
  switch (change.kind) {
    case 'track-added':
      return `Track "${t('title')}" (${t('track')}) added`;
    case 'track-removed':
      return `Track "${t('title')}" (${t('track')}) removed`;
    case 'level-added':
      return `Level "${t('title')}" added to track ${t('track')}`;
    case 'level-removed':
      return `Level "${t('title')}" removed from track ${t('track')}`;
    case 'level-retitled':
      return `Level ${t('level')} on track ${t('track')} retitled from "${t('from')}" to "${t('to')}"`;
    case 'level-renamed':
      return `Level ${t('from')} on track ${t('track')} renamed to ${t('level')} ("${t('title')}")`;
    case 'levels-reordered':
      return `Levels of track ${t('track')} reordered: ${t('to')}`;
    case 'competency-added':
      return `Competency "${t('title')}" added`;
    case 'competency-removed':
      return `Competency "${t('title')}" removed`;
    case 'competency-renamed':
      return `Competency ${t('from')} renamed to ${t('competency')} ("${t('title')}")`;
    case 'competency-changed':
      return `Competency ${t('competency')}: ${t('field')} changed`;
    case 'expectation-added':
      return `Expectation added for ${t('competency')} at ${t('level')}`;
    case 'expectation-removed':
      return `Expectation removed for ${t('competency')} at ${t('level')}`;
    case 'expectation-changed':
      return `Expectation for ${t('competency')} at ${t('level')}: ${t('field')} changed`;
    case 'policy-changed':
      return `Level policy changed from ${t('from')} to ${t('to')}`;
    default:
      return change.kind;
  }
}

/** What the screen says once a file is stored: it is not active until an admin makes it so. */
export function storedMessage(version: LadderVersion): string {
  if (version.active) return `${version.title} (${shortHash(version.hash)}) is the active version already.`;
  return `Stored ${version.title} (${shortHash(version.hash)}). It is not active yet: compare it with the active one, then make it active.`;
}
