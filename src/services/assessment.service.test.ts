import type { InsertQueryNode, Kysely, KyselyPlugin, RootOperationNode } from 'kysely';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import { competenciesOf, findTrack, type Ladder } from '../core/ladder.js';
import type { Track } from '../core/ladder.schema.js';
import { insertAssessment, listAssessments } from '../store/assessment.repository.js';
import { openDatabase } from '../store/database.js';
import { insertPerson } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import { getSetting, SETTING_KEYS } from '../store/settings.repository.js';
import { currentRatings, findPersonTrack, recordAssessment } from './assessment.service.js';
import { buildHistory } from './history.service.js';
import { readLadderFile, type LadderSource } from './ladder-files.js';
import { LadderCache } from './ladder-version.service.js';
import { LADDERS, TWO_TRACK_LADDER_FILE } from './ladders.fixtures.js';
import { getProgress } from './progress.service.js';
import {
  activateLadder,
  initialiseWorkspace,
  loadActiveLadder,
  openWorkspace,
  type Workspace,
} from './workspace.service.js';

/*
 * Recording assessments and reading the ratings in force, over a real SQLite
 * database, on every ladder that ships: what carries forward, on which
 * track, and what a failure part-way leaves behind.
 */

/** Like the store suite: LONGHAUL_TEST_DIALECTS picks the databases; PostgreSQL being down is a failure. */
const DIALECTS = (process.env.LONGHAUL_TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
const POSTGRES_URL = process.env.LONGHAUL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let workspace: Workspace | undefined;
let db: Kysely<Database>;
let me: PersonRow;

async function open(file: string): Promise<LadderSource> {
  workspace = await openWorkspace(':memory:', { create: true });
  db = workspace.db;
  const source = await readLadderFile(file);
  ({ person: me } = await initialiseWorkspace(db, { ladder: source, personName: 'Noor Haddad' }));
  return source;
}

afterEach(async () => {
  await workspace?.close();
  workspace = undefined;
});

/** The competencies of a track, and the ids of its lowest and second level. */
function onTrack(ladder: Ladder, trackId?: string) {
  const track = findTrack(ladder, trackId);
  const [low, high] = track.levels.map((l) => l.id);
  if (low === undefined || high === undefined) throw new Error(`track "${track.id}" needs two levels for these tests`);
  return { track, ids: competenciesOf(ladder, track).map((c) => c.id), low, high };
}

/** A database that fails the first statement `matches` picks, as a full disk or a lost connection would. */
function failingOn(database: Kysely<Database>, matches: (node: RootOperationNode) => boolean): Kysely<Database> {
  let failed = false;
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      if (!failed && matches(node)) {
        failed = true;
        throw new Error('the disk is full');
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return database.withPlugin(plugin);
}

function isInsertInto(node: RootOperationNode, table: string): node is InsertQueryNode {
  return node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === table;
}

for (const { name, file } of LADDERS) {
  describe(`recording assessments on ${name}`, () => {
    let ladder: Ladder;
    beforeEach(async () => {
      ({ ladder } = await open(file));
    });

    it('keeps the ratings an assessment does not name, so every assessment is complete', async () => {
      const { ids, low, high } = onTrack(ladder);
      const [a, b] = ids as [string, string];
      await recordAssessment(db, ladder, { personId: me.id, assessorId: me.id, kind: 'self', ratings: { [a]: low } });
      const second = await recordAssessment(db, ladder, {
        personId: me.id,
        assessorId: me.id,
        kind: 'self',
        ratings: { [b]: high },
      });
      expect(Object.fromEntries(second.ratings.map((r) => [r.competencyId, r.rating]))).toEqual({
        [a]: low,
        [b]: high,
      });
    });

    it('answers progress on every track once the person has been assessed on each', async () => {
      for (const track of ladder.tracks) {
        const { ids, low } = onTrack(ladder, track.id);
        await recordAssessment(db, ladder, {
          personId: me.id,
          assessorId: me.id,
          kind: 'self',
          track: track.id,
          ratings: Object.fromEntries(ids.map((id) => [id, low])),
        });
      }
      for (const track of ladder.tracks) {
        const { evaluation } = await getProgress(db, ladder, me.id, { track: track.id });
        expect(evaluation.track.id).toBe(track.id);
        expect(evaluation.observed).toBe(onTrack(ladder, track.id).ids.length);
      }
    });

    it('writes nothing when the database fails part-way through the ratings', async () => {
      const { ids, low } = onTrack(ladder);
      const before = await recordAssessment(db, ladder, {
        personId: me.id,
        assessorId: me.id,
        kind: 'self',
        ratings: { [ids[0] as string]: low },
      });
      const broken = failingOn(db, (node) => isInsertInto(node, 'ratings'));
      await expect(
        recordAssessment(broken, ladder, {
          personId: me.id,
          assessorId: me.id,
          kind: 'self',
          ratings: Object.fromEntries(ids.map((id) => [id, low])),
        }),
      ).rejects.toThrow('the disk is full');

      expect(await listAssessments(db, me.id)).toEqual([before]);
      expect((await currentRatings(db, ladder, me.id)).assessment?.id).toBe(before.id);
    });

    it('keeps both sets of ratings when two assessments are recorded at the same moment', async () => {
      const { ids, low, high } = onTrack(ladder);
      const [a, b] = ids as [string, string];
      const record = (ratings: Record<string, string>) =>
        recordAssessment(db, ladder, { personId: me.id, assessorId: me.id, kind: 'self', ratings });
      await Promise.all([record({ [a]: low }), record({ [b]: high })]);

      const { ratings } = await currentRatings(db, ladder, me.id);
      expect(ratings).toEqual({ [a]: low, [b]: high });
    });

    it('leaves the previous ladder active when switching ladders fails part-way', async () => {
      const other = await readLadderFile(LADDERS.find((l) => l.file !== file)?.file ?? TWO_TRACK_LADDER_FILE);
      const broken = failingOn(
        db,
        (node) => isInsertInto(node, 'settings') && JSON.stringify(node).includes(SETTING_KEYS.activeLadderHash),
      );
      await expect(activateLadder(broken, other)).rejects.toThrow('the disk is full');

      const active = await loadActiveLadder(db);
      expect([active.id, active.hash]).toEqual([ladder.id, ladder.hash]);
      expect(await getSetting(db, SETTING_KEYS.activeLadderId)).toBe(ladder.id);

      await activateLadder(db, other);
      expect((await loadActiveLadder(db)).hash).toBe(other.ladder.hash);
    });
  });
}

describe('tracks on the two-track ladder', () => {
  let ladder: Ladder;
  let ic: Track;
  let em: Track;
  beforeEach(async () => {
    ({ ladder } = await open(TWO_TRACK_LADDER_FILE));
    ic = findTrack(ladder, 'ic');
    em = findTrack(ladder, 'em');
  });

  const self = (track: string | undefined, ratings: Record<string, string>) =>
    recordAssessment(db, ladder, { personId: me.id, assessorId: me.id, kind: 'self', track, ratings });
  const ratingsOf = (assessment: { ratings: { competencyId: string; rating: string }[] }) =>
    Object.fromEntries(assessment.ratings.map((r) => [r.competencyId, r.rating]));

  it('has competencies on both tracks and competencies of one track only', () => {
    const icIds = competenciesOf(ladder, ic).map((c) => c.id);
    const emIds = competenciesOf(ladder, em).map((c) => c.id);
    expect(icIds).toEqual(expect.arrayContaining(['reliability', 'communication', 'design', 'quality']));
    expect(emIds).toEqual(expect.arrayContaining(['reliability', 'communication', 'hiring', 'feedback']));
    expect(emIds).not.toContain('design');
    expect(icIds).not.toContain('hiring');
  });

  it('carries ratings forward only within a track: ic, then em, then ic again', async () => {
    // "Not observed" fits every track's scale, so it is what used to leak from one track into the other.
    const first = await self('ic', {
      reliability: 'senior',
      design: 'senior',
      quality: 'not-observed',
      communication: 'not-observed',
    });
    const second = await self('em', { reliability: 'manager', hiring: 'manager' });
    const third = await self('ic', { quality: 'senior' });

    expect(second.trackId).toBe('em');
    expect(ratingsOf(second)).toEqual({ reliability: 'manager', hiring: 'manager' });
    expect(third.trackId).toBe('ic');
    expect(ratingsOf(third)).toEqual({
      reliability: 'senior',
      design: 'senior',
      quality: 'senior',
      communication: 'not-observed',
    });

    // Nothing stored earlier was touched.
    const stored = await listAssessments(db, me.id);
    expect(stored.map((a) => a.id)).toEqual([first.id, second.id, third.id]);
    expect(stored[0]).toEqual(first);
    expect(stored[1]).toEqual(second);
  });

  it('reads progress on the track last assessed, and on the other track when asked', async () => {
    await self('ic', {
      reliability: 'senior',
      design: 'senior',
      communication: 'senior',
      quality: 'not-observed',
    });
    expect((await getProgress(db, ladder, me.id)).evaluation.demonstrated?.id).toBe('senior');

    await self('em', { reliability: 'manager', hiring: 'manager', feedback: 'manager' });
    const mine = await getProgress(db, ladder, me.id);
    expect(mine.evaluation.track.id).toBe('em');
    expect(mine.evaluation.demonstrated?.id).toBe('manager');
    expect(mine.evaluation.observed).toBe(3);

    const before = await getProgress(db, ladder, me.id, { track: 'ic' });
    expect(before.evaluation.track.id).toBe('ic');
    expect(before.evaluation.demonstrated?.id).toBe('senior');
    expect(before.evaluation.observed).toBe(3);
  });

  it('starts a new track with no ratings, and records on the person’s track when none is named', async () => {
    await self('ic', { reliability: 'senior' });
    await self('em', { hiring: 'manager' });
    const fresh = await currentRatings(db, ladder, me.id, { track: 'em' });
    expect(fresh.ratings).toEqual({ hiring: 'manager' });

    const unnamed = await self(undefined, { feedback: 'manager' });
    expect(unnamed.trackId).toBe('em');
    expect(ratingsOf(unnamed)).toEqual({ hiring: 'manager', feedback: 'manager' });
    expect((await findPersonTrack(db, ladder, me.id)).id).toBe('em');
  });

  it('refuses a competency of the other track, naming it', async () => {
    await self('em', { hiring: 'manager' });
    const error = await self(undefined, { design: 'senior' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('rating_invalid');
    expect((error as DomainError).message).toMatch(/^ratings\.design: "design" is not a competency of track "em"/);
    expect(await listAssessments(db, me.id)).toHaveLength(1);
  });

  it('ignores ratings stored on a track they do not belong to, as the old carry-forward wrote them', async () => {
    // Before the fix, an em assessment carried design and quality (ic only) over from an ic assessment.
    await insertAssessment(db, {
      personId: me.id,
      assessorId: me.id,
      kind: 'self',
      ladderId: ladder.id,
      ladderHash: ladder.hash,
      trackId: 'em',
      ratings: [
        { competencyId: 'design', rating: 'senior' },
        { competencyId: 'quality', rating: 'not-observed' },
        { competencyId: 'hiring', rating: 'manager' },
        { competencyId: 'feedback', rating: 'manager' },
        { competencyId: 'reliability', rating: 'manager' },
      ],
    });

    const { evaluation } = await getProgress(db, ladder, me.id);
    expect(evaluation.track.id).toBe('em');
    expect(evaluation.observed).toBe(3);
    expect(evaluation.demonstrated?.id).toBe('manager');

    const next = await self(undefined, { communication: 'manager' });
    expect(ratingsOf(next)).toEqual({
      hiring: 'manager',
      feedback: 'manager',
      reliability: 'manager',
      communication: 'manager',
    });
  });

  it('keeps assessments on the old track in history, each read on its own track', async () => {
    await self('ic', { reliability: 'senior', design: 'senior', quality: 'senior' });
    await self('em', { reliability: 'manager', hiring: 'manager', feedback: 'manager' });
    const history = (await buildHistory(db, new LadderCache(), me.id)).items;
    expect(history.map((h) => [h.assessment.trackId, h.demonstrated?.id ?? null])).toEqual([
      ['em', 'manager'],
      ['ic', 'senior'],
    ]);
    expect(history[1]?.ratings.map((r) => r.competencyId)).toEqual(['design', 'quality', 'reliability']);
  });

  it('puts a person on the first track when the ladder in use no longer has theirs', async () => {
    await self('em', { hiring: 'manager', feedback: 'manager', reliability: 'manager' });
    const single = await readLadderFile(LADDERS[0]?.file ?? '');
    await activateLadder(db, single);

    const { evaluation, assessedAt } = await getProgress(db, single.ladder, me.id);
    expect(evaluation.track.id).toBe(single.ladder.tracks[0]?.id);
    expect(assessedAt).toBeNull();
    expect((await buildHistory(db, new LadderCache(), me.id)).items.map((h) => h.demonstrated?.id)).toEqual([
      'manager',
    ]);
  });

  it('gives a manager assessment the person’s own track when the manager names none', async () => {
    await self('em', { hiring: 'manager' });
    const manager = await insertPerson(db, { name: 'Ines Moreau' });
    const assessed = await recordAssessment(db, ladder, {
      personId: me.id,
      assessorId: manager.id,
      kind: 'manager',
      ratings: { feedback: 'senior-manager' },
    });
    expect(assessed.trackId).toBe('em');
    expect(ratingsOf(assessed)).toEqual({ feedback: 'senior-manager' });
  });
});

if (DIALECTS.includes('postgres')) {
  describe('recording assessments on PostgreSQL, where requests run on several connections at once', () => {
    const admin = new Client({ connectionString: POSTGRES_URL });
    const schema = `longhaul_test_tracks_${Math.random().toString(36).slice(2, 10)}`;
    let pg: Kysely<Database>;
    let ladder: Ladder;
    let person: PersonRow;

    beforeAll(async () => {
      await admin.connect();
      await admin.query(`create schema "${schema}"`);
      const url = new URL(POSTGRES_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      pg = await openDatabase({ kind: 'postgres', connectionString: url.toString() });
      const source = await readLadderFile(TWO_TRACK_LADDER_FILE);
      ladder = source.ladder;
      ({ person } = await initialiseWorkspace(pg, { ladder: source, personName: 'Noor Haddad' }));
    });

    afterAll(async () => {
      await pg?.destroy();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    });

    it('keeps every set of ratings when several assessments are recorded at the same moment', async () => {
      const given = { reliability: 'manager', hiring: 'manager', feedback: 'senior-manager', delivery: 'director' };
      await Promise.all(
        Object.entries(given).map(([id, level]) =>
          recordAssessment(pg, ladder, {
            personId: person.id,
            assessorId: person.id,
            kind: 'self',
            track: 'em',
            ratings: { [id]: level },
          }),
        ),
      );
      expect((await currentRatings(pg, ladder, person.id)).ratings).toEqual(given);
      expect(await listAssessments(pg, person.id)).toHaveLength(4);
    });

    it('writes nothing when the database fails part-way through the ratings', async () => {
      const before = await listAssessments(pg, person.id);
      const broken = failingOn(pg, (node) => isInsertInto(node, 'ratings'));
      await expect(
        recordAssessment(broken, ladder, {
          personId: person.id,
          assessorId: person.id,
          kind: 'self',
          ratings: { communication: 'manager' },
        }),
      ).rejects.toThrow('the disk is full');
      expect(await listAssessments(pg, person.id)).toEqual(before);
    });
  });
}
