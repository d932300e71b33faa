import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import type { PersonRow } from '../store/schema.js';
import {
  bodyTooLongMessage,
  countEvidence,
  deleteEvidence,
  editEvidence,
  findEvidence,
  getEvidence,
  getEvidenceIncludingDeleted,
  isIsoDate,
  logEvidence,
  undeleteEvidence,
  type LogEvidenceInput,
} from './evidence.service.js';
import { openSmallWorkspace, RENAMED_OPS, smallLadder } from './small-workspace.fixtures.js';
import { activateLadder, type Workspace } from './workspace.service.js';

/*
 * Logging, editing, finding and counting evidence on the small ladder, over a
 * real SQLite database: what is refused and in which words, and how evidence
 * follows a competency renamed in a later ladder version.
 */

const TODAY = '2026-03-10';
const VALID: LogEvidenceInput = { title: 'Ran the billing migration', kind: 'delivery', competencies: ['scope'] };

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

/** The problems a refused input reports, as `path: message` lines. */
async function refusal(run: () => Promise<unknown>): Promise<string[]> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  expect(error.code).toBe('input_invalid');
  return (error.problems ?? []).map((p) => `${p.path.join('.')}: ${p.message}`);
}

const log = (input: Partial<LogEvidenceInput>) =>
  logEvidence(workspace.db, ladder, me.id, { ...VALID, ...input }, TODAY);

describe('logEvidence', () => {
  it('records evidence with its defaults: dated today, private, no body and no links', async () => {
    const evidence = await logEvidence(workspace.db, ladder, me.id, VALID, TODAY);
    expect(evidence).toMatchObject({
      personId: me.id,
      date: TODAY,
      title: 'Ran the billing migration',
      body: '',
      kind: 'delivery',
      links: [],
      visibility: 'private',
      ladderId: 'small',
      ladderHash: ladder.hash,
      competencyIds: ['scope'],
    });
    expect(await getEvidence(workspace.db, ladder, evidence.id)).toEqual(evidence);
  });

  it('keeps what was given: trimmed title, body, links, date, visibility, and competency ids trimmed', async () => {
    const evidence = await log({
      title: '  Wrote the runbook  ',
      body: 'Steps for a failover.',
      links: ['https://example.test/runbook', 'http://example.test/old'],
      date: '2026-03-01',
      visibility: 'managers',
      competencies: [' ops ', 'scope'],
    });
    expect(evidence).toMatchObject({
      title: 'Wrote the runbook',
      body: 'Steps for a failover.',
      links: ['https://example.test/runbook', 'http://example.test/old'],
      date: '2026-03-01',
      visibility: 'managers',
      competencyIds: ['ops', 'scope'],
    });
  });

  const refused: { name: string; input: Partial<LogEvidenceInput>; problems: string[] }[] = [
    { name: 'an empty title', input: { title: '   ' }, problems: ['title: the title must not be empty'] },
    {
      name: 'a title of invisible characters only',
      input: { title: '\u200b\u200e' },
      problems: ['title: the title has no visible characters; say what was done in words'],
    },
    {
      name: 'a title longer than 200 characters',
      input: { title: 'x'.repeat(201) },
      problems: ['title: the title is 201 characters; keep it under 200 and put details in the body'],
    },
    {
      name: 'a body over the limit',
      input: { body: 'x'.repeat(20_001) },
      problems: ['body: the body is 20,001 characters; keep it to 20,000 and link to anything longer'],
    },
    {
      name: 'an unknown kind',
      input: { kind: 'heroics' },
      problems: [
        'kind: "heroics" is not a kind of evidence (kinds: incident, design, review, mentoring, delivery, other)',
      ],
    },
    {
      name: 'no competency',
      input: { competencies: [] },
      problems: ['competencies: name at least one competency the evidence supports (competencies: scope, ops)'],
    },
    {
      name: 'too many competencies',
      input: { competencies: Array.from({ length: 51 }, () => 'scope') },
      problems: ['competencies: name at most 50 competencies (51 given)'],
    },
    {
      name: 'unknown competencies, the known ones named once',
      input: { competencies: ['scope', 'speed', 'charm'] },
      problems: [
        'competencies.1: "speed" is not a competency of ladder "small" (competencies: scope, ops)',
        'competencies.2: "charm" is not a competency of ladder "small"',
      ],
    },
    {
      name: 'a date that is not a calendar date',
      input: { date: '2026-02-30' },
      problems: ['date: "2026-02-30" is not a date; use YYYY-MM-DD'],
    },
    {
      name: 'a date in the future',
      input: { date: '2026-03-11' },
      problems: ['date: 2026-03-11 is in the future; evidence records what already happened'],
    },
    {
      name: 'a date before 1900',
      input: { date: '1899-12-31' },
      problems: ['date: 1899-12-31 is before 1900; check the year'],
    },
    {
      name: 'too many links',
      input: { links: Array.from({ length: 51 }, (_, i) => `https://example.test/${i}`) },
      problems: ['links: give at most 50 links (51 given)'],
    },
    {
      name: 'links that are not http(s)',
      input: { links: ['https://example.test/ok', 'ftp://example.test/file', 'not a url'] },
      problems: [
        'links.1: "ftp://example.test/file" is not an http(s) URL',
        'links.2: "not a url" is not an http(s) URL',
      ],
    },
  ];

  it.each(refused)('refuses $name, and records nothing', async ({ input, problems }) => {
    expect(await refusal(() => log(input))).toEqual(problems);
    expect((await findEvidence(workspace.db, ladder, me.id)).items).toEqual([]);
  });

  it('accepts the edges of each limit', async () => {
    const evidence = await log({
      title: 'x'.repeat(200),
      body: 'y'.repeat(20_000),
      date: '1900-01-01',
      competencies: Array.from({ length: 50 }, () => 'scope'),
      links: Array.from({ length: 50 }, (_, i) => `https://example.test/${i}`),
    });
    expect(evidence.title).toHaveLength(200);
    expect(evidence.links).toHaveLength(50);
    expect((await log({ date: TODAY })).date).toBe(TODAY);
  });

  it('reports every problem of an input at once, in field order', async () => {
    expect(await refusal(() => log({ title: '', kind: 'x', date: 'soon' }))).toEqual([
      'title: the title must not be empty',
      'kind: "x" is not a kind of evidence (kinds: incident, design, review, mentoring, delivery, other)',
      'date: "soon" is not a date; use YYYY-MM-DD',
    ]);
  });
});

describe('editEvidence', () => {
  it('changes only the fields given and keeps the rest', async () => {
    const logged = await log({ body: 'First draft.', links: ['https://example.test/a'] });
    const edited = await editEvidence(workspace.db, ladder, logged.id, { title: 'Ran the migration' }, TODAY);
    expect(edited).toMatchObject({
      title: 'Ran the migration',
      body: 'First draft.',
      links: ['https://example.test/a'],
      kind: 'delivery',
      date: TODAY,
      competencyIds: ['scope'],
    });
    const again = await editEvidence(
      workspace.db,
      ladder,
      logged.id,
      { kind: 'incident', date: '2026-01-02', links: [], body: '', visibility: 'managers' },
      TODAY,
    );
    expect(again).toMatchObject({ kind: 'incident', date: '2026-01-02', links: [], body: '', visibility: 'managers' });
  });

  it('returns the evidence unchanged when nothing is given', async () => {
    const logged = await log({});
    expect(await editEvidence(workspace.db, ladder, logged.id, {}, TODAY)).toEqual(logged);
  });

  it('moves evidence to the active ladder version when its competencies change, and keeps its version otherwise', async () => {
    const logged = await log({});
    const renamed = smallLadder(RENAMED_OPS);
    await activateLadder(workspace.db, renamed);
    const retitled = await editEvidence(workspace.db, renamed.ladder, logged.id, { title: 'New title' }, TODAY);
    expect(retitled.ladderHash).toBe(ladder.hash);
    const moved = await editEvidence(workspace.db, renamed.ladder, logged.id, { competencies: ['ops'] }, TODAY);
    expect(moved).toMatchObject({ ladderHash: renamed.ladder.hash, competencyIds: ['operations'] });
  });

  it('checks an edit like a new entry', async () => {
    const logged = await log({});
    expect(
      await refusal(() => editEvidence(workspace.db, ladder, logged.id, { title: ' ', date: '2999-01-01' }, TODAY)),
    ).toEqual([
      'title: the title must not be empty',
      'date: 2999-01-01 is in the future; evidence records what already happened',
    ]);
  });

  it('does not find deleted or unknown evidence', async () => {
    const logged = await log({});
    await deleteEvidence(workspace.db, logged.id);
    for (const id of [logged.id, 'no-such-id']) {
      await expect(editEvidence(workspace.db, ladder, id, { title: 'x' }, TODAY)).rejects.toMatchObject({
        code: 'evidence_not_found',
      });
      await expect(editEvidence(workspace.db, ladder, id, {}, TODAY)).rejects.toMatchObject({
        code: 'evidence_not_found',
      });
    }
  });
});

describe('deleting and restoring evidence', () => {
  it('hides deleted evidence until it is restored, and a second restore is harmless', async () => {
    const logged = await log({});
    await deleteEvidence(workspace.db, logged.id);
    await expect(getEvidence(workspace.db, ladder, logged.id)).rejects.toMatchObject({ code: 'evidence_not_found' });
    expect(await getEvidenceIncludingDeleted(workspace.db, logged.id)).toMatchObject({
      deleted: true,
      evidence: { id: logged.id },
    });
    await expect(deleteEvidence(workspace.db, logged.id)).rejects.toMatchObject({ code: 'evidence_not_found' });
    expect(await undeleteEvidence(workspace.db, ladder, logged.id)).toEqual(logged);
    expect(await undeleteEvidence(workspace.db, ladder, logged.id)).toEqual(logged);
    expect(await getEvidenceIncludingDeleted(workspace.db, logged.id)).toMatchObject({ deleted: false });
  });

  it('names evidence that never existed', async () => {
    await expect(getEvidenceIncludingDeleted(workspace.db, 'nope')).rejects.toMatchObject({
      code: 'evidence_not_found',
    });
    await expect(undeleteEvidence(workspace.db, ladder, 'nope')).rejects.toMatchObject({ code: 'evidence_not_found' });
  });
});

describe('findEvidence and countEvidence across a rename', () => {
  it('shows old evidence under the new id, and finds it by either id', async () => {
    const old = await log({ title: 'Paged at night', kind: 'incident', competencies: ['ops'], date: '2026-01-05' });
    const renamed = smallLadder(RENAMED_OPS);
    await activateLadder(workspace.db, renamed);
    const fresh = await logEvidence(
      workspace.db,
      renamed.ladder,
      me.id,
      { title: 'Wrote the runbook', kind: 'design', competencies: ['operations', 'scope'], date: '2026-02-05' },
      TODAY,
    );
    const titles = async (query: Parameters<typeof findEvidence>[3]) =>
      (await findEvidence(workspace.db, renamed.ladder, me.id, query)).items.map((e) => e.title);

    expect((await findEvidence(workspace.db, renamed.ladder, me.id)).items).toMatchObject([
      { id: fresh.id, competencyIds: ['operations', 'scope'] },
      { id: old.id, competencyIds: ['operations'] },
    ]);
    expect(await titles({ competency: 'ops' })).toEqual(['Wrote the runbook', 'Paged at night']);
    expect(await titles({ competency: 'operations' })).toEqual(['Wrote the runbook', 'Paged at night']);
    expect(await titles({ competency: 'scope' })).toEqual(['Wrote the runbook']);
    expect(await titles({ since: '2026-02-01' })).toEqual(['Wrote the runbook']);
    expect(await titles({ until: '2026-02-01' })).toEqual(['Paged at night']);
    expect(await titles({ kind: 'incident' })).toEqual(['Paged at night']);
    expect(await titles({ visibility: 'managers' })).toEqual([]);

    expect(await countEvidence(workspace.db, renamed.ladder, me.id)).toEqual({ operations: 2, scope: 1 });
    expect(await countEvidence(workspace.db, renamed.ladder, me.id, { since: '2026-02-01' })).toEqual({
      operations: 1,
      scope: 1,
    });
    expect(await countEvidence(workspace.db, renamed.ladder, me.id, { visibility: 'managers' })).toEqual({});
  });

  it('refuses a bad filter, naming each field', async () => {
    expect(
      await refusal(() => findEvidence(workspace.db, ladder, me.id, { since: 'May', until: '2026-13-01', kind: 'x' })),
    ).toEqual([
      'since: "May" is not a date; use YYYY-MM-DD',
      'until: "2026-13-01" is not a date; use YYYY-MM-DD',
      'kind: "x" is not a kind of evidence (kinds: incident, design, review, mentoring, delivery, other)',
    ]);
    await expect(findEvidence(workspace.db, ladder, me.id, { competency: 'charm' })).rejects.toMatchObject({
      code: 'competency_not_found',
    });
    const error = await findEvidence(workspace.db, ladder, me.id, { since: 'May' }).catch((e: unknown) => e);
    expect((error as DomainError).message).toBe('since: "May" is not a date; use YYYY-MM-DD');
  });

  it("keeps the id of a competency today's ladder no longer has on the evidence that names it", async () => {
    const logged = await log({ competencies: ['ops', 'scope'] });
    const withoutOps = smallLadder((t) => t.slice(0, t.indexOf('  - id: ops')));
    expect((await getEvidence(workspace.db, withoutOps.ladder, logged.id)).competencyIds).toEqual(['ops', 'scope']);
  });

  it('reports every problem of a filter on its own line', async () => {
    const error = await findEvidence(workspace.db, ladder, me.id, { since: 'May', kind: 'x' }).catch((e: unknown) => e);
    expect((error as DomainError).message).toBe(
      'since: "May" is not a date; use YYYY-MM-DD\nkind: "x" is not a kind of evidence (kinds: incident, design, review, mentoring, delivery, other)',
    );
  });

  it("leaves out counts for competencies today's ladder no longer has", async () => {
    await log({ competencies: ['ops'] });
    const withoutOps = smallLadder((t) => t.slice(0, t.indexOf('  - id: ops')));
    expect(await countEvidence(workspace.db, withoutOps.ladder, me.id)).toEqual({});
  });
});

describe('isIsoDate and the body message', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-1-05', false],
    ['2026-01-05T00:00', false],
    ['x2026-01-05', false],
    ['0000-00-00', false],
  ])('%s is a date: %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('counts characters with separators', () => {
    expect(bodyTooLongMessage(123_456)).toBe(
      'the body is 123,456 characters; keep it to 20,000 and link to anything longer',
    );
  });
});
