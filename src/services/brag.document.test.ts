import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ladder } from '../core/ladder.js';
import type { PersonRow } from '../store/schema.js';
import { buildBragDocument, renderBragMarkdown } from './brag.service.js';
import { logEvidence } from './evidence.service.js';
import { openSmallWorkspace } from './small-workspace.fixtures.js';
import type { Workspace } from './workspace.service.js';

/*
 * A brag document built from a person's evidence on the small ladder: grouped
 * by competency in ladder order, a period when asked, and the Markdown a
 * person pastes into a review.
 */

let workspace: Workspace;
let ladder: Ladder;
let me: PersonRow;

beforeEach(async () => {
  let source;
  ({ workspace, source, me } = await openSmallWorkspace());
  ladder = source.ladder;
});

afterEach(async () => {
  await workspace.close();
});

const TODAY = '2026-06-30';

describe('buildBragDocument', () => {
  it('groups evidence by competency in ladder order, under each it supports, counting each piece once', async () => {
    await logEvidence(
      workspace.db,
      ladder,
      me.id,
      { title: 'Paged at night', kind: 'incident', competencies: ['ops'], date: '2026-01-05' },
      TODAY,
    );
    await logEvidence(
      workspace.db,
      ladder,
      me.id,
      { title: 'Split the service', kind: 'design', competencies: ['ops', 'scope'], date: '2026-03-01' },
      TODAY,
    );
    const doc = await buildBragDocument(workspace.db, ladder, me, { today: TODAY });
    expect(doc).toMatchObject({
      person: { id: me.id, name: 'Noor Haddad' },
      ladder: { id: 'small', hash: ladder.hash, title: 'Small test ladder' },
      since: null,
      generatedOn: TODAY,
      total: 2,
    });
    expect(doc.groups.map((g) => [g.competency, g.evidence.map((e) => e.title)])).toEqual([
      [{ id: 'scope', title: 'Scope', category: 'craft' }, ['Split the service']],
      [{ id: 'ops', title: 'Operations', category: 'craft' }, ['Split the service', 'Paged at night']],
    ]);
    expect(renderBragMarkdown(doc).split('\n')[2]).toBe(
      `Ladder: Small test ladder (${ladder.hash.slice(0, 12)}). 2 pieces of evidence.`,
    );
  });

  it('keeps to the period asked for, and leaves out competencies without evidence in it', async () => {
    await logEvidence(
      workspace.db,
      ladder,
      me.id,
      { title: 'Old', kind: 'other', competencies: ['ops'], date: '2025-12-31' },
      TODAY,
    );
    await logEvidence(
      workspace.db,
      ladder,
      me.id,
      { title: 'New', kind: 'other', competencies: ['scope'], date: '2026-01-01' },
      TODAY,
    );
    const doc = await buildBragDocument(workspace.db, ladder, me, { today: TODAY, since: '2026-01-01' });
    expect(doc.since).toBe('2026-01-01');
    expect(doc.total).toBe(1);
    expect(doc.groups.map((g) => g.competency.id)).toEqual(['scope']);
    expect(renderBragMarkdown(doc).split('\n')[2]).toBe(
      `Ladder: Small test ladder (${ladder.hash.slice(0, 12)}). 1 piece of evidence.`,
    );
  });
});

describe('renderBragMarkdown', () => {
  it('writes a heading with the period, the ladder with its short hash, a section per competency and a line per piece', async () => {
    await logEvidence(
      workspace.db,
      ladder,
      me.id,
      {
        title: 'Split the service',
        kind: 'design',
        competencies: ['scope'],
        date: '2026-03-01',
        body: '\nFirst paragraph.\r\nSecond line.\nThird line.\n\n',
        links: ['https://example.test/a_(b)', 'https://example.test/c'],
      },
      TODAY,
    );
    await logEvidence(
      workspace.db,
      ladder,
      me.id,
      { title: 'Reviewed the schema change', kind: 'review', competencies: ['scope'], date: '2026-02-01', body: '  ' },
      TODAY,
    );
    const doc = await buildBragDocument(workspace.db, ladder, me, { today: TODAY, since: '2026-01-01' });
    expect(renderBragMarkdown(doc)).toBe(
      [
        '# Noor Haddad: evidence, 2026-01-01 to 2026-06-30',
        '',
        `Ladder: Small test ladder (${ladder.hash.slice(0, 12)}). 2 pieces of evidence.`,
        '',
        '## Scope',
        '',
        '- **2026-03-01**, design: Split the service ([link 1](https://example.test/a_%28b%29), [link 2](https://example.test/c))',
        '  First paragraph.',
        '  Second line.',
        '  Third line.',
        '- **2026-02-01**, review: Reviewed the schema change',
        '',
      ].join('\n'),
    );
  });

  it('says how to log evidence when the period has none', async () => {
    const doc = await buildBragDocument(workspace.db, ladder, me, { today: TODAY });
    expect(renderBragMarkdown(doc)).toBe(
      [
        '# Noor Haddad: evidence, up to 2026-06-30',
        '',
        `Ladder: Small test ladder (${ladder.hash.slice(0, 12)}). 0 pieces of evidence.`,
        '',
        'No evidence in this period yet. Log some with `longhaul log "TITLE" --kind KIND --competency ID`.',
        '',
      ].join('\n'),
    );
  });
});
