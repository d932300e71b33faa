import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../core/domain-error.js';
import {
  competenciesOf,
  findTrack,
  NOT_OBSERVED,
  ratingScale,
  resolveCompetency,
  type Ladder,
  type ScaleStep,
} from '../core/ladder.js';
import type { Competency, Level, Track } from '../core/ladder.schema.js';
import { countingIndex, evidenceNeeds } from '../core/level-rule.js';
import { listAssessments } from '../store/assessment.repository.js';
import { runInTransaction } from '../store/database.js';
import { listEvidence } from '../store/evidence.repository.js';
import { findPersonById, insertPerson, listPeople, updatePerson } from '../store/people.repository.js';
import type { Database, EvidenceKind, EvidenceVisibility, PersonRow } from '../store/schema.js';
import { getSetting, setSetting, SETTING_KEYS } from '../store/settings.repository.js';
import { createDemoAccounts } from './account.service.js';
import { recordAssessment } from './assessment.service.js';
import { demoData, type DemoData, type EvidenceTemplate, type TeamSpec, type Tier } from './demo-data/demo-data.js';
import { isIsoDate, logEvidence } from './evidence.service.js';
import { seededRandom } from '../shared/random.js';

/** How much the demo organisation contains, for the command that seeded it to report. */
export interface DemoSummary {
  /** Everyone in the database afterwards, the local person included. */
  people: number;
  teams: number;
  /** Pieces of evidence recorded, across everyone. */
  evidence: number;
  /** Self and manager assessments recorded, across everyone. */
  assessments: number;
}

/** What seeding needs besides the database and the ladder. */
export interface SeedDemoOptions {
  /** `YYYY-MM-DD`; every date of the demo history lies on or before it, none after. */
  today: string;
  /** Picks one of many equally plausible organisations; the same seed always gives the same one. */
  seed?: number;
  /** The person `longhaul init` created; they join Payments and get the richest history. */
  localPersonId: string;
}

/**
 * Fills an empty, initialised database with a demo organisation. Deterministic: same seed, same data.
 *
 * A first-time visitor should meet a living product rather than an empty
 * screen: forty people in five teams with a year of evidence and assessments,
 * and their own person placed in one team with a history that shows growth.
 * Everything goes through the same services a real user's input does, so the
 * demo can never hold data the product would refuse, and runs in one
 * transaction, so it is fast and a failure leaves the database as it was.
 *
 * @throws DomainError `input_invalid` (a bad `today`), `person_not_found`,
 * `conflict` (the database already holds data, or `ladder` is not the active
 * ladder version).
 */
export async function seedDemoOrganisation(
  db: Kysely<Database>,
  ladder: Ladder,
  options: SeedDemoOptions,
): Promise<DemoSummary> {
  if (!isIsoDate(options.today)) {
    throw new DomainError('input_invalid', `"${options.today}" is not a date; use YYYY-MM-DD`, [
      { path: ['today'], message: 'use YYYY-MM-DD' },
    ]);
  }
  return runInTransaction(db, async (trx) => {
    const local = await checkEmpty(trx, ladder, options.localPersonId);
    const seeder = new Seeder(trx, ladder, options.today, seededRandom(options.seed ?? DEFAULT_SEED));
    return seeder.seed(local);
  });
}

const DEFAULT_SEED = 20_240_917;

/** Whether the database holds the demo organisation: a server over it may offer the demo's accounts. */
export async function holdsDemo(db: Kysely<Database>): Promise<boolean> {
  return (await getSetting(db, SETTING_KEYS.demoSeededAt)) !== undefined;
}

/* ------------------------------------------------------------------------------------------------------------------
 * The organisation, its evidence templates and the local person's year are data: src/services/demo-data/*.json.
 * Tiers are positions on the default ladder's track: 0 junior, 1 mid-level, 2 senior, 3 architect. Another ladder's
 * levels are mapped onto them by position, so the demo works with any ladder, though its text fits the default.
 * ---------------------------------------------------------------------------------------------------------------- */

const TOP_TIER = 3;

/** Most pieces of evidence anyone but the local person logs in the demo year. */
const MAX_EVIDENCE = 16;

/** The concrete nouns and numbers one piece of evidence is written with, by placeholder name. */
interface Slots {
  team: TeamSpec;
  system: string;
  system2: string;
  incident: string;
  design: string;
  feature: string;
  bug: string;
  migration: string;
  standard: string;
  /** A teammate, preferably one more junior than the author. */
  colleague: string;
  minutes: number;
  count: number;
}

/**
 * Fills a text's placeholders: `{system}` with the slot's value, `{Design}`
 * with it capitalised, `{count+2}` and `{count*3}` with a little arithmetic.
 * A placeholder without a value is a bug in the data and throws.
 */
function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(
    /\{([A-Za-z][A-Za-z0-9]*)(?:([+*])(\d+))?\}/g,
    (_whole, name: string, op?: string, operand?: string) => {
      const key = name.charAt(0).toLowerCase() + name.slice(1);
      const value = values[key];
      if (value === undefined) throw new Error(`the demo data has no value for {${name}} in "${text}"`);
      if (op !== undefined) {
        const n = Number(value);
        return String(op === '+' ? n + Number(operand) : n * Number(operand));
      }
      return key === name ? String(value) : capitalise(String(value));
    },
  );
}

function slotValues(s: Slots): Record<string, string | number> {
  return { ...s, team: s.team.name };
}

/** A template's title for these slots. */
function titleOf(template: EvidenceTemplate, s: Slots): string {
  return fill(template.title, slotValues(s));
}

/** A template's Markdown body for these slots, or '' when it has none. */
function bodyOf(template: EvidenceTemplate, s: Slots, shared: DemoData['templates']['sharedBodies']): string {
  const body = template.body;
  if (body === undefined) return '';
  const lines = Array.isArray(body) ? body : (shared[body.shared] ?? []);
  return fill(lines.join('\n'), slotValues(s));
}

/** Where a piece of evidence's link points, or null for none: a pull request or a page on the wiki. */
function linkFor(template: EvidenceTemplate, s: Slots, space: string, title: string, prNumber: number): string | null {
  const where = template.link ?? (template.kind === 'delivery' ? 'pr' : 'wiki');
  if (where === 'none') return null;
  if (where === 'pr') return `https://git.example.com/${space}/${slugify(s.system)}/pull/${prNumber}`;
  const section = template.kind === 'incident' ? 'incidents' : template.kind === 'design' ? 'designs' : 'notes';
  return `https://wiki.example.com/${space}/${section}/${slugify(title)}`;
}

/* ------------------------------------------------------------------------------------------------------------------
 * The seeding itself.
 * ---------------------------------------------------------------------------------------------------------------- */

interface SeededPerson {
  row: PersonRow;
  team: TeamSpec | null;
  tier: Tier;
  role: 'engineer' | 'manager' | 'head';
  /** Their most recent self-assessment, which a manager assessment follows. */
  latestSelf?: { daysAgo: number; ratings: Record<string, string> };
}

class Seeder {
  private readonly data = demoData();
  private readonly track: Track;
  private readonly scale: ScaleStep[];
  private readonly competencies: Competency[];
  /** Competency id -> pieces of evidence a rating needs to count at each step of the scale. */
  private readonly needs: Map<string, number[]>;
  private evidence = 0;
  private assessments = 0;
  private prNumber = 100;
  private localId = '';
  /** Titles already used in each team, so teammates' years do not repeat each other. */
  private readonly teamTitles = new Map<string, Set<string>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ladder: Ladder,
    private readonly today: string,
    private readonly random: () => number,
  ) {
    this.track = findTrack(ladder);
    this.scale = ratingScale(ladder, this.track);
    this.competencies = competenciesOf(ladder, this.track);
    this.needs = new Map(this.competencies.map((c) => [c.id, evidenceNeeds(ladder, this.track, c)]));
  }

  async seed(local: PersonRow): Promise<DemoSummary> {
    this.localId = local.id;
    const people = await this.createPeople(local);
    const localPerson = people.find((p) => p.row.id === local.id);
    if (localPerson === undefined) throw new Error('the local person was not placed in a team');
    for (const person of people) {
      if (person === localPerson) await this.seedLocalHistory(person, people);
      else await this.seedHistory(person, people);
    }
    await this.seedManagerAssessments(people.filter((p) => p !== localPerson));
    await this.seedAccounts(people, localPerson);
    return {
      people: people.length,
      teams: this.data.organisation.teams.length,
      evidence: this.evidence,
      assessments: this.assessments,
    };
  }

  /**
   * Accounts for four people, so each view of the product can be tried: the
   * local person (an engineer), their manager, their manager's manager (the
   * skip level) and the admin the organisation names. Demo accounts have no
   * password; a server that runs the demo signs them in with one click.
   */
  private async seedAccounts(people: readonly SeededPerson[], local: SeededPerson): Promise<void> {
    const byId = (id: string | null) => people.find((p) => p.row.id === id);
    const manager = byId(local.row.managerId);
    const skipLevel = byId(manager?.row.managerId ?? null);
    const admin = people.find((p) => p.row.name === this.data.organisation.admins[0]);
    if (manager === undefined || skipLevel === undefined || admin === undefined) {
      throw new Error('the demo organisation has no manager, skip-level manager or admin for its accounts');
    }
    await createDemoAccounts(
      this.db,
      { engineer: local.row.id, manager: manager.row.id, skipLevel: skipLevel.row.id, admin: admin.row.id },
      new Date(`${this.today}T08:00:00.000Z`),
    );
    await setSetting(this.db, SETTING_KEYS.demoSeededAt, new Date().toISOString());
  }

  /** The head of engineering, a manager per team, their engineers, and the local person in Payments. */
  private async createPeople(local: PersonRow): Promise<SeededPerson[]> {
    const people: SeededPerson[] = [];
    const head = await insertPerson(this.db, {
      name: this.data.organisation.headOfEngineering,
      email: emailOf(this.data.organisation.headOfEngineering),
      title: 'Head of Engineering',
      ...this.placement(3, this.data.organisation.headOfEngineering),
    });
    // The ladder has no management track, so managers are rated on the engineers' one: the head of
    // engineering at its top level, engineering managers at Senior.
    people.push({ row: head, team: null, tier: 3, role: 'head' });
    const localPlace = this.data.organisation.localPerson;
    for (const team of this.data.organisation.teams) {
      const manager = await insertPerson(this.db, {
        name: team.manager,
        email: emailOf(team.manager),
        team: team.name,
        title: 'Engineering Manager',
        managerId: head.id,
        ...this.placement(2, team.manager),
      });
      people.push({ row: manager, team, tier: 2, role: 'manager' });
      for (const member of team.members) {
        const row = await insertPerson(this.db, {
          name: member.name,
          email: emailOf(member.name),
          team: team.name,
          title: this.titleFor(member.tier),
          managerId: manager.id,
          ...this.placement(member.tier, member.name),
        });
        people.push({ row, team, tier: member.tier, role: 'engineer' });
      }
      if (team.name === localPlace.team) {
        // The visitor sees the organisation as an engineer does: the admin screens belong to the admins.
        const row = await placeLocalPerson(this.db, local.id, {
          team: team.name,
          title: this.titleFor(localPlace.tier),
          managerId: manager.id,
          ...this.placement(localPlace.tier, null),
        });
        people.push({ row, team, tier: localPlace.tier, role: 'engineer' });
      }
    }
    return people;
  }

  /** A demo person's official track and level, and whether they are an admin (named in the data's `admins`). */
  private placement(tier: Tier, name: string | null): { trackId: string; levelId: string; isAdmin: 0 | 1 } {
    const admin = name !== null && this.data.organisation.admins.includes(name);
    return { trackId: this.track.id, levelId: this.levelFor(tier).id, isAdmin: admin ? 1 : 0 };
  }

  /** A job title naming the person's level, so the people list and the ladder agree at a glance. */
  private titleFor(tier: Tier): string {
    const level = this.levelFor(tier);
    return /engineer|architect|developer/i.test(level.title) ? level.title : `${level.title} Engineer`;
  }

  private levelFor(tier: Tier): Level {
    const levels = this.track.levels;
    return at(levels, Math.round((tier * (levels.length - 1)) / TOP_TIER));
  }

  private stepFor(tier: number): ScaleStep {
    const clamped = Math.min(TOP_TIER, Math.max(0, tier));
    return at(this.scale, Math.round((clamped * (this.scale.length - 1)) / TOP_TIER));
  }

  /**
   * 1 to 3 self-assessments over the past year, fitting the person's level,
   * and the evidence behind them: enough pieces on each competency for its
   * latest rating to count under the ladder's evidence rule, and 3 to 10
   * pieces for anyone whose ratings ask for fewer. A rating the evidence
   * still cannot back comes down to what it backs, so the demo never claims
   * a level on bare self-ratings.
   */
  private async seedHistory(person: SeededPerson, people: readonly SeededPerson[]): Promise<void> {
    const manager = people.find((p) => p.row.id === person.row.managerId);
    const selfCount = this.int(1, 3);
    const { windows: allWindows, notes: allNotes } = this.data.organisation.selfAssessments;
    const windows = allWindows.slice(allWindows.length - selfCount);
    const noteLists = allNotes.slice(allNotes.length - selfCount);
    const planned = windows.map(([from, to], index) => ({
      // Earlier assessments show a little less, so a history drifts upwards as it does in life.
      ratings: this.ratingsFor(person.tier, windows.length - 1 - index),
      daysAgo: this.int(from, to),
      note: this.pick(at(noteLists, index))
        .replace('{manager}', manager?.row.name.split(' ')[0] ?? 'the CTO')
        .replace('{feature}', person.team === null ? 'the engineering strategy' : this.pick(person.team.features))
        .replace('{team}', person.team?.name ?? 'Engineering'),
    }));
    const counts = await this.seedEvidence(person, people, this.evidenceNeeded(planned.at(-1)?.ratings ?? {}));
    for (const assessment of planned) {
      const ratings = this.backedBy(assessment.ratings, counts);
      await this.record(person, person, 'self', assessment.daysAgo, ratings, assessment.note);
      person.latestSelf = { daysAgo: assessment.daysAgo, ratings };
    }
  }

  /**
   * Logs a person's year of evidence: first what their ratings need (the
   * templates that cover the most competencies still short of evidence), then
   * varied work up to 3 to 10 pieces. Returns the pieces per competency.
   */
  private async seedEvidence(
    person: SeededPerson,
    people: readonly SeededPerson[],
    needed: ReadonlyMap<string, number>,
  ): Promise<Map<string, number>> {
    const templates =
      person.role === 'head'
        ? // The head of engineering also does what managers do, across every team.
          [...this.data.templates.head, ...this.data.templates.manager]
        : person.role === 'manager'
          ? this.data.templates.manager
          : this.data.templates.engineer.filter((t) => t.tiers[0] <= person.tier && person.tier <= t.tiers[1]);
    const target = this.int(3, 10);
    const planned = new Map<string, number>();
    const short = (template: EvidenceTemplate) =>
      this.resolveCompetencies(template.competencies).filter((id) => (planned.get(id) ?? 0) < (needed.get(id) ?? 0))
        .length;
    const used = new Set<string>();
    const uses = new Map<EvidenceTemplate, number>();
    const space = person.team?.slug ?? 'engineering';
    const teamUsed = this.teamTitles.get(space) ?? new Set<string>();
    this.teamTitles.set(space, teamUsed);
    const chosen: { template: EvidenceTemplate; slots: Slots; title: string }[] = [];
    // Templates that ran out of fresh titles for this person.
    const exhausted = new Set<EvidenceTemplate>();
    while (chosen.length < MAX_EVIDENCE) {
      const open = templates.filter((t) => !exhausted.has(t) && (uses.get(t) ?? 0) < (t.once === true ? 1 : 3));
      const best = Math.max(0, ...open.map(short));
      if (best === 0 && chosen.length >= target) break;
      // What the ratings still need first; then the least used templates, so a year reads as varied work.
      const helpful = best === 0 ? open.filter((t) => (uses.get(t) ?? 0) < 2) : open.filter((t) => short(t) === best);
      const fewest = Math.min(...helpful.map((t) => uses.get(t) ?? 0));
      const candidates = helpful.filter((t) => (uses.get(t) ?? 0) === fewest);
      let pick: { template: EvidenceTemplate; slots: Slots; title: string } | undefined;
      for (let attempt = 0; attempt < 30 && candidates.length > 0 && pick === undefined; attempt++) {
        const template = this.pick(candidates);
        const slots = this.slotsFor(person, people);
        const title = titleOf(template, slots);
        // A teammate's title only once fresh ones are hard to find: two people may share a migration, rarely more.
        if (!used.has(title) && (attempt >= 20 || !teamUsed.has(title))) pick = { template, slots, title };
      }
      if (pick === undefined) {
        if (candidates.length === 0) break;
        for (const template of candidates) exhausted.add(template);
        continue;
      }
      used.add(pick.title);
      teamUsed.add(pick.title);
      uses.set(pick.template, (uses.get(pick.template) ?? 0) + 1);
      for (const id of this.resolveCompetencies(pick.template.competencies))
        planned.set(id, (planned.get(id) ?? 0) + 1);
      chosen.push(pick);
    }

    const counts = new Map<string, number>();
    const days = this.distinctDays(chosen.length, 1, 364).sort((a, b) => b - a);
    for (const [index, { template, slots, title }] of this.shuffle(chosen).entries()) {
      const body =
        template.body !== undefined && this.chance(0.6)
          ? bodyOf(template, slots, this.data.templates.sharedBodies)
          : '';
      const link = this.chance(body === '' ? 0.25 : 0.6)
        ? linkFor(template, slots, space, title, this.prNumber++)
        : null;
      const logged = await this.logEvidence(person, {
        title,
        kind: template.kind,
        competencies: template.competencies,
        date: this.daysAgo(at(days, index)),
        body,
        links: link === null ? [] : [link],
        visibility: this.chance(person.role === 'engineer' ? 0.3 : 0.5) ? 'managers' : 'private',
      });
      for (const id of logged) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /** Pieces of evidence each rating needs to count where it is rated, by the ladder's evidence rule. */
  private evidenceNeeded(ratings: Readonly<Record<string, string>>): Map<string, number> {
    const needed = new Map<string, number>();
    for (const competency of this.competencies) {
      const step = this.scale.find((s) => s.id === ratings[competency.id]);
      if (step !== undefined) needed.set(competency.id, this.needs.get(competency.id)?.[step.index] ?? 0);
    }
    return needed;
  }

  /**
   * Ratings as the evidence backs them: each one at most the highest step its
   * evidence lets count. A claim with no evidence at all behind it is left
   * out (not observed) rather than rated down, as a person would leave out
   * what they have nothing to show for, as long as the policy's minimum of
   * rated competencies stays rated.
   */
  private backedBy(
    ratings: Readonly<Record<string, string>>,
    counts: ReadonlyMap<string, number>,
  ): Record<string, string> {
    const backed: Record<string, string> = {};
    const unsupported: string[] = [];
    for (const competency of this.competencies) {
      const rated = ratings[competency.id] ?? NOT_OBSERVED;
      const step = this.scale.find((s) => s.id === rated);
      if (step === undefined) {
        backed[competency.id] = rated;
        continue;
      }
      const count = counts.get(competency.id) ?? 0;
      const index = countingIndex(this.needs.get(competency.id) ?? [], step.index, count);
      if (index < step.index && count === 0) unsupported.push(competency.id);
      backed[competency.id] = this.scale.find((s) => s.index === index)?.id ?? NOT_OBSERVED;
    }
    const policy = this.ladder.policy;
    const minObserved = 'minObserved' in policy ? policy.minObserved : 0;
    let observed = Object.values(backed).filter((r) => r !== NOT_OBSERVED).length;
    for (const id of unsupported) {
      if (observed <= minObserved) break;
      backed[id] = NOT_OBSERVED;
      observed--;
    }
    return backed;
  }

  /** The hand-written year of the local person: evidence, four self-assessments and two from their manager. */
  private async seedLocalHistory(person: SeededPerson, people: readonly SeededPerson[]): Promise<void> {
    const juniors = people.filter((p) => p.team === person.team && p.role === 'engineer' && p.tier < person.tier);
    const colleague = juniors.length > 0 ? this.pick(juniors).row.name : 'a new joiner';
    for (const item of this.data.local.evidence) {
      await this.logEvidence(person, {
        title: fill(item.title, { colleague }),
        kind: item.kind,
        competencies: item.competencies,
        date: this.daysAgo(item.daysAgo),
        body: item.body?.join('\n') ?? '',
        links: item.link === undefined ? [] : [item.link],
        visibility: item.visibility,
        sharedWith: item.sharedWith?.map((name) => {
          const named = people.find((p) => p.row.name === name);
          if (named === undefined)
            throw new Error(`demo data: local evidence is shared with "${name}", who is not in the organisation`);
          return named.row.id;
        }),
      });
    }
    const manager = people.find((p) => p.row.id === person.row.managerId) ?? person;
    let selfIndex = 0;
    const growth = this.data.local.fallbackGrowth.paths;
    for (const assessment of this.data.local.assessments) {
      const ratings: Record<string, string> = {};
      const notes: Record<string, string> = {};
      this.competencies.forEach((competency, index) => {
        const planned = Object.entries(assessment.ratings).find(
          ([id]) => resolveCompetency(this.ladder, id)?.id === competency.id,
        );
        const fallback = at(growth, index % growth.length);
        const tier = planned === undefined ? (fallback[Math.min(selfIndex, fallback.length - 1)] ?? null) : planned[1];
        ratings[competency.id] = tier === null ? NOT_OBSERVED : this.stepFor(tier).id;
        const note = Object.entries(assessment.notes ?? {}).find(
          ([id]) => resolveCompetency(this.ladder, id)?.id === competency.id,
        );
        if (note !== undefined) notes[competency.id] = note[1];
      });
      const assessor = assessment.kind === 'self' ? person : manager;
      await this.record(person, assessor, assessment.kind, assessment.daysAgo, ratings, assessment.note, notes);
      if (assessment.kind === 'self') selfIndex++;
    }
  }

  /** A manager assessment for about half of the organisation, a little after their latest self-assessment. */
  private async seedManagerAssessments(people: readonly SeededPerson[]): Promise<void> {
    const assessed = this.shuffle(people.filter((p) => p.row.managerId !== null && p.latestSelf !== undefined));
    const chosen = assessed.slice(0, Math.round(assessed.length / 2));
    // In the order people were created, so the history reads the same whatever the shuffle picked.
    for (const person of people.filter((p) => chosen.includes(p))) {
      const manager = people.find((p) => p.row.id === person.row.managerId);
      const latest = person.latestSelf;
      if (manager === undefined || latest === undefined) continue;
      const daysAgo = Math.max(1, latest.daysAgo - this.int(3, 12));
      const ratings: Record<string, string> = {};
      let growth: Competency | undefined;
      for (const competency of this.competencies) {
        const own = this.scale.findIndex((s) => s.id === latest.ratings[competency.id]);
        const roll = this.random();
        // A manager mostly agrees, sometimes sees one level more or less, and rates what the person left out.
        const index = own === -1 ? this.stepFor(person.tier).index : roll < 0.1 ? own - 1 : roll < 0.18 ? own + 1 : own;
        const rated = at(this.scale, Math.min(this.scale.length - 1, Math.max(0, index)));
        ratings[competency.id] = rated.id;
        if (growth === undefined && rated.index < this.stepFor(person.tier).index) growth = competency;
      }
      const level = this.levelFor(person.tier).title;
      const system = person.team === null ? 'engineering strategy' : this.pick(person.team.systems);
      const note =
        growth === undefined
          ? `${level} across the board. Next step: more ownership of the ${system}.`
          : `Mostly at ${level}. The area to grow next is ${growth.title}; let us find a project for it.`;
      await this.record(person, manager, 'manager', daysAgo, ratings, note);
    }
  }

  /**
   * Ratings for someone at `tier`: mostly at it, a couple one level either
   * side, one or two not observed. Counts are drawn rather than left to
   * chance per competency, so about five in six people demonstrate the level
   * their title names, as in a healthy organisation. Competencies a level
   * requires are rated at least at the person's level, so nobody is blocked
   * by a rule of their own ladder. `extraBelow` marks earlier assessments,
   * which show a little less.
   */
  private ratingsFor(tier: Tier, extraBelow: number): Record<string, string> {
    const levelIndex = this.track.levels.indexOf(this.levelFor(tier));
    const required = new Set(this.track.levels.slice(0, levelIndex + 1).flatMap((l) => l.required ?? []));
    const notObserved = this.pick([0, 1, 1, 2]);
    const below = this.pick([0, 1, 1, 1, 2, 2]) + extraBelow;
    const above = this.pick([0, 1, 1, 2]);
    const ratings: Record<string, string> = {};
    const open: Competency[] = [];
    for (const competency of this.competencies) {
      if (required.has(competency.id)) ratings[competency.id] = this.stepFor(this.chance(0.15) ? tier + 1 : tier).id;
      else open.push(competency);
    }
    this.shuffle(open).forEach((competency, i) => {
      const step =
        i < notObserved
          ? null
          : i < notObserved + below
            ? this.stepFor(tier - 1)
            : i < notObserved + below + above
              ? this.stepFor(tier + 1)
              : this.stepFor(tier);
      ratings[competency.id] = step === null ? NOT_OBSERVED : step.id;
    });
    // Ladder order, so the ratings read the same however the shuffle went.
    return Object.fromEntries(this.competencies.map((c) => [c.id, ratings[c.id] ?? NOT_OBSERVED]));
  }

  /** The nouns for one piece of evidence, from the author's team. */
  private slotsFor(person: SeededPerson, people: readonly SeededPerson[]): Slots {
    const team = person.team ?? this.pick(this.data.organisation.teams);
    const system = this.pick(team.systems);
    const others = team.systems.filter((s) => s !== system);
    // The visitor is left out of others' stories, so their own history is the only one that mentions them.
    const teammates = people.filter(
      (p) => p.team === team && p !== person && p.role === 'engineer' && p.row.id !== this.localId,
    );
    const juniors = teammates.filter((p) => p.tier < person.tier);
    const colleagues = juniors.length > 0 ? juniors : teammates;
    return {
      team,
      system,
      system2: others.length > 0 ? this.pick(others) : system,
      incident: this.pick(team.incidents),
      design: this.pick(team.designs),
      feature: this.pick(team.features),
      bug: this.pick(team.bugs),
      migration: this.pick(team.migrations),
      standard: this.pick(this.data.organisation.standards),
      colleague: colleagues.length > 0 ? this.pick(colleagues).row.name : 'a new joiner',
      minutes: this.int(12, 95),
      count: this.int(2, 6),
    };
  }

  private async logEvidence(
    person: SeededPerson,
    input: {
      title: string;
      kind: EvidenceKind;
      competencies: readonly string[];
      date: string;
      body: string;
      links: string[];
      visibility: EvidenceVisibility;
      sharedWith?: string[];
    },
  ): Promise<string[]> {
    const competencies = this.mapCompetencies(input.competencies);
    await logEvidence(this.db, this.ladder, person.row.id, { ...input, competencies }, this.today);
    this.evidence++;
    return competencies;
  }

  private async record(
    person: SeededPerson,
    assessor: SeededPerson,
    kind: 'self' | 'manager',
    daysAgo: number,
    ratings: Record<string, string>,
    note: string,
    notes: Record<string, string> = {},
  ): Promise<void> {
    const time = `${String(this.int(8, 17)).padStart(2, '0')}:${String(this.int(0, 59)).padStart(2, '0')}:00.000Z`;
    await recordAssessment(this.db, this.ladder, {
      personId: person.row.id,
      assessorId: assessor.row.id,
      kind,
      track: this.track.id,
      ratings,
      notes,
      note,
      createdAt: `${this.daysAgo(daysAgo)}T${time}`,
    });
    this.assessments++;
  }

  /** The default ladder's competency ids, resolved against this ladder; another ladder gets one of its own. */
  private mapCompetencies(ids: readonly string[]): string[] {
    const mapped = this.resolveCompetencies(ids);
    return mapped.length > 0 ? mapped : [this.pick(this.competencies).id];
  }

  /** The default ladder's competency ids that this ladder's track has, by its own ids. */
  private resolveCompetencies(ids: readonly string[]): string[] {
    const mapped = ids
      .map((id) => resolveCompetency(this.ladder, id))
      .filter((c): c is Competency => c !== undefined && this.competencies.includes(c))
      .map((c) => c.id);
    return [...new Set(mapped)];
  }

  private daysAgo(days: number): string {
    return shiftDate(this.today, -days);
  }

  /** `count` different whole numbers between `from` and `to`, inclusive. */
  private distinctDays(count: number, from: number, to: number): number[] {
    const days = new Set<number>();
    while (days.size < Math.min(count, to - from + 1)) days.add(this.int(from, to));
    return [...days];
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private chance(probability: number): boolean {
    return this.random() < probability;
  }

  private pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.random() * items.length));
  }

  private shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [at(out, j), at(out, i)];
    }
    return out;
  }
}

/**
 * Refuses to seed a database that holds anything beyond what `init` made, so
 * the demo never mixes with real records.
 */
async function checkEmpty(db: Kysely<Database>, ladder: Ladder, localPersonId: string): Promise<PersonRow> {
  const local = await findPersonById(db, localPersonId);
  if (local === undefined) {
    throw notFound('person_not_found', localPersonId, { hint: 'run "longhaul init" first' });
  }
  const activeId = await getSetting(db, SETTING_KEYS.activeLadderId);
  const activeHash = await getSetting(db, SETTING_KEYS.activeLadderHash);
  if (activeId !== ladder.id || activeHash !== ladder.hash) {
    throw new DomainError(
      'conflict',
      `the demo is recorded against the active ladder, and ladder "${ladder.id}" version ${ladder.hash.slice(0, 12)} is not it`,
    );
  }
  const people = await listPeople(db);
  const evidence = await listEvidence(db, { personId: local.id });
  const assessments = await listAssessments(db, local.id);
  if (people.length > 1 || evidence.length > 0 || assessments.length > 0) {
    throw new DomainError(
      'conflict',
      `the demo organisation goes only into a new database, and this one already has ${people.length} people, ` +
        `${evidence.length} pieces of evidence and ${assessments.length} assessments of ${local.name}; ` +
        'run "longhaul init" with a new --db to try the demo',
    );
  }
  return local;
}

/** Puts the local person into their demo team. */
async function placeLocalPerson(
  db: Kysely<Database>,
  id: string,
  placement: { team: string; title: string; managerId: string; trackId: string; levelId: string; isAdmin: 0 | 1 },
): Promise<PersonRow> {
  const person = await updatePerson(db, id, placement);
  if (person === undefined)
    throw notFound('person_not_found', id, { hint: 'the local person disappeared while seeding the demo' });
  return person;
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at index ${index} of ${items.length}`);
  return item;
}

function shiftDate(date: string, days: number): string {
  const shifted = new Date(`${date}T00:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}

/** `Mei Lin Zhou` -> `mei.lin.zhou@example.com`: example.com is reserved, so no real mailbox is ever named. */
function emailOf(name: string): string {
  return `${slugify(name).replace(/-/g, '.')}@example.com`;
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
