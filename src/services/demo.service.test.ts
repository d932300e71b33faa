import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStep, findTrack, NOT_OBSERVED, ratingScale, type Ladder } from '../core/ladder.js';
import { listAssessments, type AssessmentRecord } from '../store/assessment.repository.js';
import { listEvidence } from '../store/evidence.repository.js';
import { listPeople } from '../store/people.repository.js';
import type { PersonRow } from '../store/schema.js';
import { seedDemoOrganisation, type DemoSummary } from './demo.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from './ladder-files.js';
import { getProgress } from './progress.service.js';
import { initialiseWorkspace, openWorkspace, type Workspace } from './workspace.service.js';

const TODAY = '2026-11-28';

let dir: string;
let count = 0;
const open: Workspace[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-demo-'));
});

afterAll(async () => {
  for (const workspace of open) await workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh database as `longhaul init` leaves it, seeded with the demo. */
async function seededWorkspace(seed?: number): Promise<{
  workspace: Workspace;
  ladder: Ladder;
  localId: string;
  summary: DemoSummary;
  people: PersonRow[];
}> {
  const workspace = await openWorkspace(join(dir, `demo-${count++}.db`), { create: true });
  open.push(workspace);
  const source = await readLadderFile(DEFAULT_LADDER_FILE);
  const init = await initialiseWorkspace(workspace.db, { ladder: source, personName: 'Robin Visitor' });
  const summary = await seedDemoOrganisation(workspace.db, source.ladder, {
    today: TODAY,
    seed,
    localPersonId: init.person.id,
  });
  const people = await listPeople(workspace.db);
  return { workspace, ladder: source.ladder, localId: init.person.id, summary, people };
}

/** Mean position on the scale of an assessment's observed ratings: a single number to compare over time. */
function meanRating(ladder: Ladder, assessment: AssessmentRecord): number {
  const scale = ratingScale(ladder, findTrack(ladder, assessment.trackId));
  const positions = assessment.ratings
    .filter((r) => r.rating !== NOT_OBSERVED)
    .map((r) => findStep(scale, r.rating)?.index ?? Number.NaN);
  return positions.reduce((sum, p) => sum + p, 0) / positions.length;
}

describe('seedDemoOrganisation', () => {
  let demo: Awaited<ReturnType<typeof seededWorkspace>>;

  beforeAll(async () => {
    demo = await seededWorkspace();
  });

  it('creates about forty people in five teams, each team with one engineering manager', async () => {
    const { people, summary } = demo;
    expect(people.length).toBeGreaterThanOrEqual(36);
    expect(people.length).toBeLessThanOrEqual(44);
    expect(summary.people).toBe(people.length);
    expect(summary.teams).toBe(5);

    const byId = new Map(people.map((p) => [p.id, p]));
    const teams = new Map<string, PersonRow[]>();
    for (const person of people)
      if (person.team !== null) teams.set(person.team, [...(teams.get(person.team) ?? []), person]);
    expect(teams.size).toBe(5);
    for (const [team, members] of teams) {
      const managers = members.filter((m) => m.title === 'Engineering Manager');
      expect(managers, team).toHaveLength(1);
      const manager = managers[0];
      expect(members.length, team).toBeGreaterThanOrEqual(6);
      for (const member of members) {
        if (member === manager) continue;
        expect(member.managerId, `${member.name} in ${team}`).toBe(manager?.id);
        expect(member.title, member.name).toMatch(/^(Junior Engineer|Mid-level Engineer|Senior Engineer|Architect)$/);
      }
    }
    const heads = people.filter((p) => p.managerId === null);
    expect(heads.map((p) => p.title)).toEqual(['Head of Engineering']);
    for (const person of people) if (person.managerId !== null) expect(byId.has(person.managerId)).toBe(true);
  });

  it('places the local person in a team, with a year of evidence that grows over time', async () => {
    const { workspace, ladder, localId, people } = demo;
    const local = people.find((p) => p.id === localId);
    expect(local).toMatchObject({ name: 'Robin Visitor', team: 'Payments', title: 'Mid-level Engineer' });

    const evidence = await listEvidence(workspace.db, { personId: localId });
    expect(evidence.length).toBeGreaterThanOrEqual(12);
    expect(new Set(evidence.flatMap((e) => e.competencyIds)).size).toBe(ladder.competencies.length);

    const selves = await listAssessments(workspace.db, localId, { kind: 'self' });
    expect(selves.length).toBeGreaterThanOrEqual(3);
    const times = selves.map((a) => a.createdAt);
    expect(times).toEqual([...times].sort());
    expect(new Set(times).size).toBe(times.length);
    const spanDays = (Date.parse(times.at(-1) ?? '') - Date.parse(times[0] ?? '')) / 86_400_000;
    expect(spanDays, 'self-assessments spread over the year').toBeGreaterThan(200);
    const means = selves.map((a) => meanRating(ladder, a));
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThanOrEqual(means[i - 1] ?? Infinity);
    expect(means.at(-1)).toBeGreaterThan(means[0] ?? Infinity);

    const byManager = await listAssessments(workspace.db, localId, { kind: 'manager' });
    expect(byManager.length).toBeGreaterThanOrEqual(1);
    for (const assessment of byManager) expect(assessment.assessorId).toBe(local?.managerId);
  });

  it('shows the local person a demonstrated level and what is next', async () => {
    const { workspace, ladder, localId } = demo;
    const report = await getProgress(workspace.db, ladder, localId);
    expect(report.evaluation.demonstrated?.id).toBe('mid-level');
    expect(report.evaluation.next?.id).toBe('senior');
    expect(report.assessedAt !== null && report.assessedAt < `${TODAY}T23:59:59.999Z`).toBe(true);
  });

  it('gives everyone evidence and a self-assessment, all dated within the past year', async () => {
    const { workspace, people, summary } = demo;
    const yearAgo = '2025-11-28';
    let evidenceTotal = 0;
    let assessmentTotal = 0;
    let withManagerAssessment = 0;
    for (const person of people) {
      const evidence = await listEvidence(workspace.db, { personId: person.id });
      expect(evidence.length, person.name).toBeGreaterThanOrEqual(3);
      if (person.name !== 'Robin Visitor') expect(evidence.length, person.name).toBeLessThanOrEqual(10);
      for (const item of evidence) {
        expect(item.date <= TODAY, `${person.name}: ${item.title} on ${item.date}`).toBe(true);
        expect(item.date >= yearAgo, `${person.name}: ${item.title} on ${item.date}`).toBe(true);
        expect(item.competencyIds.length).toBeGreaterThanOrEqual(1);
      }
      const assessments = await listAssessments(workspace.db, person.id);
      expect(
        assessments.some((a) => a.kind === 'self' && a.assessorId === person.id),
        person.name,
      ).toBe(true);
      for (const a of assessments) expect(a.createdAt < `${TODAY}T00:00:00.000Z`, person.name).toBe(true);
      if (assessments.some((a) => a.kind === 'manager')) withManagerAssessment++;
      evidenceTotal += evidence.length;
      assessmentTotal += assessments.length;
    }
    expect(summary.evidence).toBe(evidenceTotal);
    expect(summary.assessments).toBe(assessmentTotal);
    expect(withManagerAssessment).toBeGreaterThanOrEqual(Math.floor(people.length * 0.4));
    expect(withManagerAssessment).toBeLessThanOrEqual(Math.ceil(people.length * 0.6));
  });

  it('rates most engineers at the level their title names', async () => {
    const { workspace, ladder, people } = demo;
    const levelOfTitle = new Map([
      ['Junior Engineer', 'junior'],
      ['Mid-level Engineer', 'mid-level'],
      ['Senior Engineer', 'senior'],
      ['Architect', 'architect'],
    ]);
    const engineers = people.filter((p) => levelOfTitle.has(p.title ?? ''));
    expect(engineers.length).toBeGreaterThanOrEqual(30);
    expect(new Set(engineers.map((p) => p.title)).size).toBe(4);
    let atTitle = 0;
    for (const engineer of engineers) {
      const report = await getProgress(workspace.db, ladder, engineer.id);
      if (report.evaluation.demonstrated?.id === levelOfTitle.get(engineer.title ?? '')) atTitle++;
    }
    expect(atTitle / engineers.length).toBeGreaterThanOrEqual(0.7);
    expect(atTitle).toBeLessThan(engineers.length);
  });

  it('is deterministic: the same seed gives the same organisation, another seed a different one', async () => {
    const titlesOf = async (d: Awaited<ReturnType<typeof seededWorkspace>>) => {
      const out: string[] = [];
      for (const person of d.people) {
        for (const item of await listEvidence(d.workspace.db, { personId: person.id })) {
          out.push(`${person.name} | ${item.date} | ${item.title}`);
        }
      }
      return out;
    };
    const again = await seededWorkspace();
    expect(await titlesOf(again)).toEqual(await titlesOf(demo));
    expect(again.summary).toEqual(demo.summary);
    const other = await seededWorkspace(7);
    expect(await titlesOf(other)).not.toEqual(await titlesOf(demo));
  });

  it('refuses a database that already holds data, and leaves it unchanged', async () => {
    const { workspace, ladder, localId, people } = demo;
    await expect(
      seedDemoOrganisation(workspace.db, ladder, { today: TODAY, localPersonId: localId }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await listPeople(workspace.db)).toHaveLength(people.length);
  });
});
