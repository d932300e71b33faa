import { competenciesOf, findLevel, findTrack, firstStepIndex, ratingScale } from './ladder.js';
import type { Competency, LadderDefinition, Track } from './ladder.schema.js';
import { formatNumber, listNames, plural, resolveLevelStarts } from './policies/common.policy.js';

/**
 * The evidence rule and the level rule in words: what a level asks, stated
 * from the same ladder fields the engine judges with, so the sentence a person
 * reads cannot drift from the verdict they get.
 */

/**
 * Pieces of evidence a rating of `competency` needs to count at each step of
 * the track's rating scale (levels; milestones under the points policy),
 * lowest first. A level's `evidence` holds from that level up until a higher
 * level sets its own; a competency's expectation may override it at one step
 * with its own `evidence`. Milestones have no level value, only overrides.
 */
export function evidenceNeeds(ladder: LadderDefinition, track: Track, competency: Competency): number[] {
  if (ladder.policy.kind === 'points') {
    return ladder.policy.milestones.map((m) => competency.levels[m.id]?.evidence ?? 0);
  }
  let inherited = 0;
  return track.levels.map((level) => {
    if (level.evidence !== undefined) inherited = level.evidence;
    return competency.levels[level.id]?.evidence ?? inherited;
  });
}

/**
 * The step a rating counts at under the evidence rule: the highest step at or
 * below the rated one whose evidence requirement the count meets, or -1 when
 * none is. Taking the highest such step means more evidence, or a higher
 * rating, never makes a rating count lower.
 */
export function countingIndex(needs: readonly number[], ratedIndex: number, evidenceCount: number): number {
  for (let i = Math.min(ratedIndex, needs.length - 1); i >= 0; i--) if (evidenceCount >= (needs[i] ?? 0)) return i;
  return -1;
}

/**
 * The rule a level of a track asks, in one paragraph generated from the
 * ladder's policy, its `required` lists and its evidence rule, for every
 * policy kind. For example: "At least 80% of the rated competencies that
 * apply at Senior rated Senior or above, none more than one level below;
 * "Reliability" rated Senior or above; at least 6 competencies rated; each
 * rating needs 2 pieces of evidence to count at Senior; every lower level met."
 *
 * @throws DomainError `track_not_found`, `level_not_found`.
 */
export function describeLevelRule(ladder: LadderDefinition, trackId: string | undefined, levelId: string): string {
  const track = findTrack(ladder, trackId);
  const level = findLevel(track, levelId);
  const index = track.levels.indexOf(level);
  const name = level.title;
  const policy = ladder.policy;
  const parts: string[] = [];
  const rated = (n: number) => `at least ${n} ${plural(n, 'competency', 'competencies')} rated`;

  switch (policy.kind) {
    case 'coverage': {
      const share = `At least ${formatNumber(policy.share * 100)}% of the rated competencies that apply at ${name} rated ${name} or above`;
      parts.push(index === 0 ? share : `${share}, none more than one level below`);
      const required = requiredTitles(ladder, track, level.required ?? []);
      if (required.length > 0) parts.push(`${listNames(required, required.length)} rated ${name} or above`);
      parts.push(rated(policy.minObserved));
      break;
    }
    case 'all':
      parts.push(`Every rated competency that applies at ${name} rated ${name} or above`, rated(policy.minObserved));
      break;
    case 'weighted-average': {
      const entries =
        policy.bands?.map((b) => ({ level: b.level, value: b.from })) ??
        track.levels.map((l, i) => ({ level: l.id, value: i }));
      const start = resolveLevelStarts(track.levels, entries)[index] ?? null;
      const scale = track.levels.map((l, i) => `${l.title} ${i}`).join(', ');
      if (start === null) parts.push(`No weighted average reaches ${name}: the policy gives it no band`);
      else if (start === 0) parts.push(`Any weighted average of the ratings (${name} is the floor)`);
      else parts.push(`A weighted average of the ratings of at least ${formatNumber(start)} (counting ${scale})`);
      parts.push(rated(policy.minObserved));
      break;
    }
    case 'points': {
      const start =
        resolveLevelStarts(
          track.levels,
          policy.thresholds.map((t) => ({ level: t.level, value: t.points })),
        )[index] ?? null;
      if (start === null) parts.push(`No points total reaches ${name}: the policy gives it no threshold`);
      else if (start === 0) parts.push(`Any points total (${name} is the floor)`);
      else
        parts.push(
          `A total of at least ${formatNumber(start)} ${plural(start, 'point', 'points')}, each competency earning the points of the milestone it is rated at`,
        );
      break;
    }
  }
  const evidence = describeEvidence(ladder, track, index);
  if (evidence !== null) parts.push(evidence);
  // Points and bands rise with the levels, so reaching one reaches those below; the other policies say it.
  if (index > 0 && (policy.kind === 'coverage' || policy.kind === 'all')) parts.push('every lower level met');
  return `${parts.join('; ')}.`;
}

/** The evidence part of a level's rule, or null when the level asks for none. */
function describeEvidence(ladder: LadderDefinition, track: Track, index: number): string | null {
  const competencies = competenciesOf(ladder, track);
  if (ladder.policy.kind === 'points') {
    const asking = competencies.filter((c) => evidenceNeeds(ladder, track, c).some((n) => n > 0)).length;
    if (asking === 0) return null;
    return `a rating counts at a milestone only with the evidence its expectation asks for (${asking} ${plural(asking, 'competency asks', 'competencies ask')} for some)`;
  }
  const level = track.levels[index];
  if (level === undefined) return null;
  let base = 0;
  for (const l of track.levels.slice(0, index + 1)) if (l.evidence !== undefined) base = l.evidence;
  const scale = ratingScale(ladder, track);
  const exceptions = competencies
    .filter((c) => {
      const first = firstStepIndex(c, scale);
      return first !== -1 && first <= index;
    })
    .map((c) => ({ title: c.title, needs: evidenceNeeds(ladder, track, c)[index] ?? 0 }))
    .filter((c) => c.needs !== base);
  const pieces = (n: number) => `${n} ${plural(n, 'piece', 'pieces')} of evidence`;
  const others = exceptions.map((c) => `"${c.title}" ${c.needs}`).join(', ');
  if (base > 0) {
    return `each rating needs ${pieces(base)} to count at ${level.title}${others === '' ? '' : ` (${others})`}`;
  }
  if (exceptions.length === 0) return null;
  return `a rating needs evidence to count at ${level.title}: ${exceptions.map((c) => `"${c.title}" ${pieces(c.needs)}`).join(', ')}`;
}

/** Titles of the required competencies, by id (the id itself when the ladder lacks it). */
function requiredTitles(ladder: LadderDefinition, track: Track, ids: readonly string[]): string[] {
  const competencies = competenciesOf(ladder, track);
  return ids.map((id) => competencies.find((c) => c.id === id)?.title ?? id);
}
