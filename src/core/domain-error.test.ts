import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError, notFound, type NotFoundCode, type NotFoundDetails } from './domain-error.js';

describe('notFound: every "not found" error has one form', () => {
  it.each<[NotFoundCode, string | null, NotFoundDetails, string]>([
    ['person_not_found', 'p-42', {}, 'person "p-42" not found'],
    ['evidence_not_found', 'ffffffff', { in: 'your evidence' }, 'evidence "ffffffff" not found in your evidence'],
    [
      'level_not_found',
      'wizard',
      { in: 'track "ic"', known: ['junior', 'senior'] },
      'level "wizard" not found in track "ic" (levels: junior, senior)',
    ],
    [
      'competency_not_found',
      'charisma',
      { in: 'ladder "acme"', known: ['scope'] },
      'competency "charisma" not found in ladder "acme" (competencies: scope)',
    ],
    [
      'track_not_found',
      'em',
      { in: 'ladder "acme"', known: ['ic'] },
      'track "em" not found in ladder "acme" (tracks: ic)',
    ],
    ['ladder_not_found', 'acme', { in: 'this database' }, 'ladder "acme" not found in this database'],
    [
      'ladder_not_found',
      'nope.yaml',
      { kind: 'ladder file', hint: 'it is a directory' },
      'ladder file "nope.yaml" not found; it is a directory',
    ],
    [
      'person_not_found',
      null,
      { kind: 'local person', in: 'this database', hint: 'run "longhaul init" first' },
      'local person not found in this database; run "longhaul init" first',
    ],
    ['assessment_not_found', 'a1', { known: [] }, 'assessment "a1" not found (assessments: none)'],
  ])('%s %s', (code, id, details, message) => {
    const error = notFound(code, id, details);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('is the only way the code builds a *_not_found error', () => {
    const root = new URL('../', import.meta.url).pathname;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          const text = readFileSync(path, 'utf8');
          if (/new DomainError\(\s*'[a-z_]+_not_found'/.test(text)) offenders.push(path.slice(root.length));
        }
      }
    };
    for (const layer of ['core', 'services', 'cli', 'server']) walk(join(root, layer));
    expect(offenders).toEqual([]);
  });
});
