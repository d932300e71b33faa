import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ladder } from '../core/ladder.js';
import { listAssessments, type AssessmentRecord } from '../store/assessment.repository.js';
import { listEvidence, type EvidenceRecord } from '../store/evidence.repository.js';
import { listPeople } from '../store/people.repository.js';
import type { PersonRow } from '../store/schema.js';
import localHistory from './demo-data/local-history.json' with { type: 'json' };
import organisation from './demo-data/organisation.json' with { type: 'json' };
import { seedDemoOrganisation } from './demo.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from './ladder-files.js';
import { RENAMED_OPS, smallLadder } from './small-workspace.fixtures.js';
import { activateLadder, initialiseWorkspace, openWorkspace, type Workspace } from './workspace.service.js';

/*
 * The records the demo organisation is made of, as a first-time visitor reads
 * them in the people list, an evidence list or a history: who reports to whom,
 * job titles that name levels, addresses nobody owns, links of the right
 * kind, dates and times of a working year, and the notes a manager writes.
 */

const TODAY = '2026-11-28';

let dir: string;
let workspace: Workspace | undefined;
let ladder: Ladder;
let local: PersonRow;
let people: PersonRow[];
const evidence = new Map<string, EvidenceRecord[]>();
const assessments = new Map<string, AssessmentRecord[]>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-demo-records-'));
});

let seeded = 0;

/**
 * A new database seeded with the demo, read into the maps above. Each test
 * seeds its own: a mutation run credits a test only with the code it ran.
 */
async function seed(options: { demo: boolean } = { demo: true }): Promise<Workspace> {
  await workspace?.close();
  evidence.clear();
  assessments.clear();
  workspace = await openWorkspace(join(dir, `demo-${seeded++}.db`), { create: true });
  const source = await readLadderFile(DEFAULT_LADDER_FILE);
  ladder = source.ladder;
  local = (await initialiseWorkspace(workspace.db, { ladder: source, personName: 'Robin Visitor' })).person;
  if (!options.demo) return workspace;
  await seedDemoOrganisation(workspace.db, ladder, { today: TODAY, localPersonId: local.id });
  people = await listPeople(workspace.db);
  for (const person of people) {
    evidence.set(person.id, await listEvidence(workspace.db, { personId: person.id }));
    assessments.set(person.id, await listAssessments(workspace.db, person.id));
  }
  return workspace;
}

afterAll(async () => {
  await workspace?.close();
  rmSync(dir, { recursive: true, force: true });
});

const byName = (name: string): PersonRow => {
  const person = people.find((p) => p.name === name);
  if (person === undefined) throw new Error(`no ${name}`);
  return person;
};
const allEvidence = () => [...evidence.values()].flat();
const allAssessments = () => [...assessments.values()].flat();
const daysBefore = (date: string) => (Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;

/** What a visitor reads in demo organisation, one check a sentence. */
const ORGANISATION: Record<string, () => void> = {
  'reports to the head of engineering through one manager per team': () => {
    const head = byName(organisation.headOfEngineering);
    expect(head).toMatchObject({ title: 'Head of Engineering', managerId: null, team: null });
    for (const team of organisation.teams) {
      const manager = byName(team.manager);
      expect(manager).toMatchObject({ title: 'Engineering Manager', team: team.name, managerId: head.id });
      for (const member of team.members) {
        expect(byName(member.name)).toMatchObject({ team: team.name, managerId: manager.id });
      }
    }
    expect(people.find((p) => p.id === local.id)).toMatchObject({
      team: organisation.localPerson.team,
      managerId: byName(organisation.teams.find((t) => t.name === organisation.localPerson.team)?.manager ?? '').id,
      title: 'Mid-level Engineer',
    });
  },

  'gives every engineer the job title of their level': () => {
    const titles = ['Junior Engineer', 'Mid-level Engineer', 'Senior Engineer', 'Architect'];
    for (const team of organisation.teams) {
      for (const member of team.members) expect(byName(member.name).title).toBe(titles[member.tier]);
    }
  },

  'writes every address at example.com from the name, accents and dotless i spelt plainly': () => {
    expect(byName('Amara Nwosu').email).toBe('amara.nwosu@example.com');
    expect(byName('Emre Yıldız').email).toBe('emre.yildiz@example.com');
    expect(byName('Zsófia Kovács').email).toBe('zsofia.kovacs@example.com');
    expect(byName('Diego Castañeda').email).toBe('diego.castaneda@example.com');
    for (const person of people) {
      expect(person.email).toMatch(/^[a-z0-9]+(\.[a-z0-9]+)+@example\.com$/);
    }
  },
};

/** What a visitor reads in demo evidence, one check a sentence. */
const EVIDENCE: Record<string, () => void> = {
  'fills every placeholder of its titles and bodies': () => {
    for (const e of allEvidence()) {
      expect(`${e.title}\n${e.body}`).not.toMatch(/[{}]/);
      expect(e.title).not.toMatch(/^\s|\s$/);
    }
  },

  'writes numbers that fit together: a few pull requests, steps and review comments': () => {
    const numbers = (pattern: RegExp) =>
      allEvidence().flatMap((e) => [...e.body.matchAll(pattern)].map((m) => Number(m[1])));
    const pullRequests = numbers(/Split the work into (\d+) pull requests/g);
    const steps = numbers(/Moved over in (\d+) steps/g);
    const comments = numbers(/Left (\d+) comments/g);
    for (const list of [pullRequests, steps, comments]) expect(list.length).toBeGreaterThan(0);
    for (const n of pullRequests) expect(n >= 4 && n <= 8, `${n} pull requests`).toBe(true);
    for (const n of steps) expect(n >= 3 && n <= 7, `${n} steps`).toBe(true);
    for (const n of comments) expect(n % 3 === 0 && n >= 6 && n <= 18, `${n} comments`).toBe(true);
  },

  'starts a design option taken from the team’s words with a capital letter': () => {
    const options = allEvidence().flatMap((e) => [...e.body.matchAll(/^2\. (.+)$/gm)].map((m) => m[1] ?? ''));
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) expect(option[0]).toBe(option[0]?.toUpperCase());
    const designs = organisation.teams.flatMap((t) => t.designs);
    for (const option of options) expect(designs.map((d) => d[0]?.toUpperCase() + d.slice(1))).toContain(option);
  },

  'links deliveries to a pull request and other work to a page of the team wiki, in the section of its kind': () => {
    const links = allEvidence().flatMap((e) => e.links.map((link) => ({ kind: e.kind, link, personId: e.personId })));
    expect(links.length).toBeGreaterThan(50);
    const prNumbers: number[] = [];
    for (const { kind, link, personId } of links.filter((l) => l.personId !== local.id)) {
      const team = organisation.teams.find((t) => t.name === people.find((p) => p.id === personId)?.team);
      const space = team?.slug ?? 'engineering';
      const pr = new RegExp(`^https://git\\.example\\.com/${space}/[a-z0-9-]+/pull/(\\d+)$`).exec(link);
      const wiki = new RegExp(`^https://wiki\\.example\\.com/${space}/(incidents|designs|notes)/[a-z0-9-]+$`).exec(
        link,
      );
      expect(pr !== null || wiki !== null, link).toBe(true);
      if (pr !== null) prNumbers.push(Number(pr[1]));
      if (wiki !== null && kind !== 'delivery') {
        expect(wiki[1]).toBe(kind === 'incident' ? 'incidents' : kind === 'design' ? 'designs' : 'notes');
      }
    }
    expect(prNumbers.length).toBeGreaterThan(5);
    expect(new Set(prNumbers).size).toBe(prNumbers.length);
    expect(Math.min(...prNumbers)).toBeGreaterThanOrEqual(100);
  },

  'dates each person’s evidence on different days of the past year, never today or later': () => {
    for (const person of people.filter((p) => p.id !== local.id)) {
      const dates = (evidence.get(person.id) ?? []).map((e) => e.date);
      expect(new Set(dates).size, person.name).toBe(dates.length);
      for (const date of dates) {
        expect(daysBefore(date)).toBeGreaterThanOrEqual(1);
        expect(daysBefore(date)).toBeLessThanOrEqual(364);
      }
    }
  },

  'gives everyone but the visitor at most sixteen pieces, some of them shared, some with a body': () => {
    for (const person of people.filter((p) => p.id !== local.id)) {
      expect((evidence.get(person.id) ?? []).length).toBeLessThanOrEqual(16);
    }
    const others = allEvidence().filter((e) => e.personId !== local.id);
    const shared = others.filter((e) => e.visibility === 'managers').length / others.length;
    expect(shared).toBeGreaterThan(0.2);
    expect(shared).toBeLessThan(0.6);
    const withBody = others.filter((e) => e.body !== '').length / others.length;
    expect(withBody).toBeGreaterThan(0.2);
    expect(withBody).toBeLessThan(0.9);
  },

  'gives the visitor the hand-written year, naming a more junior teammate': () => {
    const mine = evidence.get(local.id) ?? [];
    expect(mine).toHaveLength(localHistory.evidence.length);
    const juniors = organisation.teams
      .find((t) => t.name === organisation.localPerson.team)
      ?.members.filter((m) => m.tier < organisation.localPerson.tier)
      .map((m) => m.name);
    const mentioned = mine.filter((e) => juniors?.some((name) => e.title.includes(name)));
    const templated = localHistory.evidence.filter((e) => e.title.includes('{colleague}'));
    expect(mentioned.length).toBe(templated.length);
    const dates = mine.map((e) => daysBefore(e.date)).sort((a, b) => a - b);
    expect(dates).toEqual(localHistory.evidence.map((e) => e.daysAgo).sort((a, b) => a - b));
    // One piece is shared with a named mentor only, not with the managers.
    const named = mine.filter((e) => e.visibility === 'people');
    expect(named.map((e) => e.sharedWith.map((p) => p.name))).toEqual([['Sofia Lindqvist']]);
    expect(named[0]?.title).toMatch(/duplicate payout incident/);
  },
};

/** What a visitor reads in demo assessments, one check a sentence. */
const ASSESSMENTS: Record<string, () => void> = {
  'are made in working hours, on the hour’s minutes, before today': () => {
    for (const a of allAssessments()) {
      expect(a.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T(0[89]|1[0-7]):[0-5]\d:00\.000Z$/);
      expect(daysBefore(a.createdAt.slice(0, 10))).toBeGreaterThanOrEqual(1);
    }
  },

  'give the visitor four self-assessments and two from their manager, as written': () => {
    const mine = assessments.get(local.id) ?? [];
    const kinds = mine.map((a) => a.kind).sort();
    expect(kinds).toEqual(localHistory.assessments.map((a) => a.kind).sort());
    const managerId = people.find((p) => p.id === local.id)?.managerId;
    expect(managerId).toBe(byName('Kwame Asante').id);
    for (const a of mine) expect(a.assessorId).toBe(a.kind === 'self' ? local.id : managerId);
  },

  'have a manager assess about half of the others, a few days after their latest self-assessment, with a note': () => {
    const others = people.filter((p) => p.id !== local.id && p.managerId !== null);
    const assessed = others.filter((p) => (assessments.get(p.id) ?? []).some((a) => a.kind === 'manager'));
    expect(assessed.length).toBe(Math.round(others.length / 2));
    for (const person of assessed) {
      const list = assessments.get(person.id) ?? [];
      const manager = list.find((a) => a.kind === 'manager');
      const self = list.filter((a) => a.kind === 'self').at(-1);
      if (manager === undefined || self === undefined) throw new Error(`no assessments of ${person.name}`);
      expect(manager.assessorId).toBe(person.managerId);
      const gap = daysBefore(self.createdAt.slice(0, 10)) - daysBefore(manager.createdAt.slice(0, 10));
      expect((gap >= 3 && gap <= 12) || daysBefore(manager.createdAt.slice(0, 10)) === 1).toBe(true);
      expect(manager.note).toMatch(
        /^(?:(?:Junior|Mid-level|Senior|Architect) across the board\. Next step: more ownership of the .+\.|Mostly at (?:Junior|Mid-level|Senior|Architect)\. The area to grow next is .+; let us find a project for it\.)$/,
      );
      expect(manager.ratings.every((r) => r.rating !== 'not-observed')).toBe(true);
    }
  },

  'give everyone else one to three self-assessments in the windows of the data, with notes from it': () => {
    const windows = organisation.selfAssessments.windows;
    for (const person of people.filter((p) => p.id !== local.id)) {
      const selves = (assessments.get(person.id) ?? []).filter((a) => a.kind === 'self');
      expect(selves.length).toBeGreaterThanOrEqual(1);
      expect(selves.length).toBeLessThanOrEqual(3);
      const used = windows.slice(windows.length - selves.length);
      selves.forEach((a, i) => {
        const days = daysBefore(a.createdAt.slice(0, 10));
        expect(days).toBeGreaterThanOrEqual(used[i]?.[0] ?? 0);
        expect(days).toBeLessThanOrEqual(used[i]?.[1] ?? 0);
        expect(a.note).not.toMatch(/[{}]/);
        expect(a.note).not.toBe('');
      });
    }
  },
};

describe('the demo records', () => {
  it.each([
    ['the organisation', ORGANISATION],
    ['the evidence', EVIDENCE],
    ['the assessments', ASSESSMENTS],
  ])('%s', async (_name, checks) => {
    await seed();
    for (const [sentence, check] of Object.entries(checks)) {
      try {
        check();
      } catch (error) {
        throw new Error(`${sentence}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  });
});

describe('what seeding refuses', () => {
  it('a day that is not a date', async () => {
    const fresh = await seed({ demo: false });
    await expect(
      seedDemoOrganisation(fresh.db, ladder, { today: '28.11.2026', localPersonId: local.id }),
    ).rejects.toMatchObject({
      code: 'input_invalid',
      message: '"28.11.2026" is not a date; use YYYY-MM-DD',
      problems: [{ path: ['today'], message: 'use YYYY-MM-DD' }],
    });
  });

  it('a database that already holds data, saying what it holds', async () => {
    const seededWorkspace = await seed();
    const mine = { evidence: evidence.get(local.id)?.length, assessments: assessments.get(local.id)?.length };
    await expect(
      seedDemoOrganisation(seededWorkspace.db, ladder, { today: TODAY, localPersonId: local.id }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message:
        `the demo organisation goes only into a new database, and this one already has ${people.length} people, ` +
        `${mine.evidence} pieces of evidence and ${mine.assessments} assessments of Robin Visitor; ` +
        'run "longhaul init" with a new --db to try the demo',
    });
  });

  it('a local person who does not exist', async () => {
    const fresh = await seed({ demo: false });
    await expect(
      seedDemoOrganisation(fresh.db, ladder, { today: TODAY, localPersonId: 'nobody' }),
    ).rejects.toMatchObject({
      code: 'person_not_found',
      message: 'person "nobody" not found; run "longhaul init" first',
    });
  });

  it('a ladder that is not the active one, and seeds the ladder in use on another database', async () => {
    const other = await openWorkspace(':memory:', { create: true });
    try {
      const source = smallLadder();
      const { person } = await initialiseWorkspace(other.db, { ladder: source, personName: 'Robin' });
      const next = smallLadder(RENAMED_OPS);
      await expect(
        seedDemoOrganisation(other.db, next.ladder, { today: TODAY, localPersonId: person.id }),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: `the demo is recorded against the active ladder, and ladder "small" version ${next.ladder.hash.slice(0, 12)} is not it`,
      });
      await activateLadder(other.db, next);
      const summary = await seedDemoOrganisation(other.db, next.ladder, { today: TODAY, localPersonId: person.id });
      expect(summary.people).toBe(people.length);
      const mine = await listEvidence(other.db, { personId: person.id });
      expect(mine.every((e) => e.competencyIds.every((id) => id === 'scope' || id === 'operations'))).toBe(true);
    } finally {
      await other.close();
    }
  });
});
