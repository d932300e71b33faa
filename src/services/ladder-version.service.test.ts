import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import { openDatabase } from '../store/database.js';
import {
  activateLadderVersion,
  diffLadderVersions,
  findActiveLadderRef,
  LadderCache,
  listLadderVersionSummaries,
  resolveLadderVersion,
  storeLadderVersion,
} from './ladder-version.service.js';
import { openSmallWorkspace, RENAMED_OPS, SMALL_LADDER_TEXT, smallLadder } from './small-workspace.fixtures.js';
import type { LadderSource } from './ladder-files.js';
import { activateLadder, type Workspace } from './workspace.service.js';

/*
 * The stored versions of a ladder: which one is in use, finding one by a short
 * hash the way git finds a commit, and what changed between two of them.
 */

let workspace: Workspace;
let first: LadderSource;

beforeEach(async () => {
  ({ workspace, source: first } = await openSmallWorkspace());
});

afterEach(async () => {
  await workspace.close();
});

describe('ladder versions', () => {
  it('lists every stored version, oldest first, and marks the one in use', async () => {
    const second = smallLadder(RENAMED_OPS);
    await activateLadder(workspace.db, second);
    const summaries = (await listLadderVersionSummaries(workspace.db)).items;
    expect(summaries.map(({ hash, title, active }) => ({ hash, title, active }))).toEqual([
      { hash: first.ladder.hash, title: 'Small test ladder', active: false },
      { hash: second.ladder.hash, title: 'Small test ladder', active: true },
    ]);
    expect(summaries.every((s) => s.id === 'small' && s.loadedAt !== '')).toBe(true);
    expect(await findActiveLadderRef(workspace.db)).toEqual({ id: 'small', hash: second.ladder.hash });
  });

  it('marks a stored version of another ladder with the same hash as not in use', async () => {
    const other = smallLadder((t) => t.replace('id: small\n', 'id: other\n'));
    await workspace.db
      .insertInto('ladderVersions')
      .values({
        ladderId: 'other',
        hash: first.ladder.hash,
        title: 'Other',
        sourceYaml: other.text,
        loadedAt: '2999-01-01T00:00:00.000Z',
      })
      .execute();
    const summaries = (await listLadderVersionSummaries(workspace.db)).items;
    expect(summaries.map((s) => [s.id, s.active])).toEqual([
      ['small', true],
      ['other', false],
    ]);
  });

  it('lists a version stored in a database that has none in use as not in use', async () => {
    const empty = await openDatabase({ kind: 'sqlite', file: ':memory:' }, { create: true });
    try {
      await empty
        .insertInto('ladderVersions')
        .values({
          ladderId: 'small',
          hash: first.ladder.hash,
          title: 'Small',
          sourceYaml: first.text,
          loadedAt: '2026-01-01T00:00:00.000Z',
        })
        .execute();
      expect((await listLadderVersionSummaries(empty)).items.map((s) => s.active)).toEqual([false]);
    } finally {
      await empty.destroy();
    }
  });

  it('says a database without a ladder needs init, and lists its versions as none in use', async () => {
    const empty = await openDatabase({ kind: 'sqlite', file: ':memory:' }, { create: true });
    try {
      await expect(findActiveLadderRef(empty)).rejects.toMatchObject({
        code: 'database_missing',
        message: 'this database has no ladder yet: run "longhaul init" first',
      });
      expect(await listLadderVersionSummaries(empty)).toEqual({ items: [], nextCursor: null });
    } finally {
      await empty.destroy();
    }
  });
});

describe('resolveLadderVersion', () => {
  /** Seventeen versions: two of them must share the first character of their hash. */
  async function manyVersions(): Promise<string[]> {
    const hashes = [first.ladder.hash];
    for (let i = 1; i < 17; i += 1) {
      const version = smallLadder((t) => t.replace('title: Small test ladder', `title: Small test ladder ${i}`));
      await activateLadder(workspace.db, version);
      hashes.push(version.ladder.hash);
    }
    return hashes;
  }

  it('finds a version by its whole hash or by a unique prefix, in either case', async () => {
    const hash = first.ladder.hash;
    expect((await resolveLadderVersion(workspace.db, 'small', hash)).hash).toBe(hash);
    expect((await resolveLadderVersion(workspace.db, 'small', hash.slice(0, 7))).hash).toBe(hash);
    expect((await resolveLadderVersion(workspace.db, 'small', hash.slice(0, 7).toUpperCase())).hash).toBe(hash);
  });

  it('refuses a prefix that several versions share, naming the field it came from', async () => {
    const hashes = await manyVersions();
    const shared = hashes.map((h) => h[0]).find((c, i, all) => all.indexOf(c) !== i);
    if (shared === undefined) throw new Error('no shared first character');
    const matching = hashes.filter((h) => h.startsWith(shared)).length;
    const error = await resolveLadderVersion(workspace.db, 'small', shared, 'from').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const message = `"${shared}" matches ${matching} versions of ladder "small"; give more characters of the hash`;
    expect(error).toMatchObject({
      code: 'input_invalid',
      message: `from: ${message}`,
      problems: [{ path: ['from'], message }],
    });
    await expect(resolveLadderVersion(workspace.db, 'small', shared)).rejects.toMatchObject({
      message: `hash: ${message}`,
    });
  });

  it('names the known versions when no hash matches, and an unknown ladder', async () => {
    await expect(resolveLadderVersion(workspace.db, 'small', 'ffff0000')).rejects.toMatchObject({
      code: 'ladder_not_found',
      message: `version "ffff0000" not found in ladder "small" (versions: ${first.ladder.hash.slice(0, 12)})`,
    });
    await expect(resolveLadderVersion(workspace.db, 'large', first.ladder.hash)).rejects.toMatchObject({
      code: 'ladder_not_found',
      message: 'ladder "large" not found in this database',
    });
  });
});

describe('diffLadderVersions', () => {
  it('compares two stored versions named by short hashes', async () => {
    const second = smallLadder(RENAMED_OPS);
    await activateLadder(workspace.db, second);
    const diff = await diffLadderVersions(
      workspace.db,
      new LadderCache(),
      'small',
      first.ladder.hash.slice(0, 8),
      second.ladder.hash.slice(0, 8),
    );
    expect(diff.from).toEqual({ id: 'small', hash: first.ladder.hash });
    expect(diff.to).toEqual({ id: 'small', hash: second.ladder.hash });
    expect(diff.changes).toEqual([
      { kind: 'competency-renamed', competency: 'operations', from: 'ops', title: 'Operations' },
    ]);
  });
});

describe('LadderCache', () => {
  it('parses a version once and hands back the same ladder', async () => {
    const cache = new LadderCache();
    const a = await cache.version(workspace.db, 'small', first.ladder.hash);
    const b = await cache.active(workspace.db);
    expect(a).toBe(b);
    expect(a.hash).toBe(first.ladder.hash);
  });

  it('does not remember a version that was not stored yet', async () => {
    const cache = new LadderCache();
    const later = smallLadder(RENAMED_OPS);
    await expect(cache.version(workspace.db, 'small', later.ladder.hash)).rejects.toMatchObject({
      code: 'ladder_not_found',
    });
    await activateLadder(workspace.db, later);
    expect((await cache.version(workspace.db, 'small', later.ladder.hash)).hash).toBe(later.ladder.hash);
    expect((await cache.active(workspace.db)).competencies.map((c) => c.id)).toEqual(['scope', 'operations']);
  });
});

describe('activateLadderVersion', () => {
  it('makes an older stored version active again, by a short hash, for every cache on the database at once', async () => {
    const second = smallLadder(RENAMED_OPS);
    await activateLadder(workspace.db, second);
    // Two servers on one database: each has its own cache, and both have already read the active ladder.
    const here = new LadderCache();
    const elsewhere = new LadderCache();
    expect((await elsewhere.active(workspace.db)).hash).toBe(second.ladder.hash);
    const activated = await activateLadderVersion(workspace.db, here, 'small', first.ladder.hash.slice(0, 10));
    expect(activated).toMatchObject({ id: 'small', hash: first.ladder.hash, active: true });
    expect((await here.active(workspace.db)).hash).toBe(first.ladder.hash);
    expect((await elsewhere.active(workspace.db)).hash).toBe(first.ladder.hash);
    expect((await listLadderVersionSummaries(workspace.db)).items.map((s) => [s.hash, s.active])).toEqual([
      [first.ladder.hash, true],
      [second.ladder.hash, false],
    ]);
  });

  it('leaves the active version as it is for an unknown version or ladder', async () => {
    const cache = new LadderCache();
    await expect(activateLadderVersion(workspace.db, cache, 'small', 'ffff0000')).rejects.toMatchObject({
      code: 'ladder_not_found',
    });
    await expect(activateLadderVersion(workspace.db, cache, 'large', first.ladder.hash)).rejects.toMatchObject({
      code: 'ladder_not_found',
    });
    expect(await findActiveLadderRef(workspace.db)).toEqual({ id: 'small', hash: first.ladder.hash });
  });

  it('refuses a stored text that no longer parses, keeping the active version', async () => {
    await workspace.db
      .insertInto('ladderVersions')
      .values({
        ladderId: 'small',
        hash: 'b'.repeat(64),
        title: 'Broken',
        sourceYaml: 'id: small\ntitle: [',
        loadedAt: '2999-01-01T00:00:00.000Z',
      })
      .execute();
    await expect(activateLadderVersion(workspace.db, new LadderCache(), 'small', 'bbbb')).rejects.toBeInstanceOf(
      DomainError,
    );
    expect(await findActiveLadderRef(workspace.db)).toEqual({ id: 'small', hash: first.ladder.hash });
  });
});

describe('storeLadderVersion', () => {
  it('stores a new version without making it active, and storing it again changes nothing', async () => {
    const next = smallLadder(RENAMED_OPS);
    const stored = await storeLadderVersion(workspace.db, next.text, 'small-next.yaml');
    expect(stored).toMatchObject({ id: 'small', hash: next.ladder.hash, title: 'Small test ladder', active: false });
    expect(await storeLadderVersion(workspace.db, next.text, 'small-next.yaml')).toEqual(stored);
    expect(await findActiveLadderRef(workspace.db)).toEqual({ id: 'small', hash: first.ladder.hash });
    expect((await listLadderVersionSummaries(workspace.db)).items).toHaveLength(2);
    expect((await storeLadderVersion(workspace.db, first.text, 'small.yaml')).active).toBe(true);
  });

  it('refuses a wrong file with every problem at its line and column, storing nothing', async () => {
    const wrong = SMALL_LADDER_TEXT.replace('category: craft\n', 'category: nowhere\n');
    const error = await storeLadderVersion(workspace.db, wrong, 'next.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ladder_invalid' });
    const problems = (error as DomainError).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.source === 'next.yaml' && typeof p.line === 'number')).toBe(true);
    expect((await listLadderVersionSummaries(workspace.db)).items).toHaveLength(1);
  });
});
