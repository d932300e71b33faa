import { competenciesOf, ratingScale } from './ladder.js';
import type { LadderDefinition } from './ladder.schema.js';

/** A rule broken by a ladder that is well-formed but does not hang together. */
export interface RuleProblem {
  path: (string | number)[];
  /** True when the problem is the key at `path` itself (an id used as a key). */
  key?: boolean;
  message: string;
}

/**
 * The rules a schema cannot express: unique ids, references that resolve,
 * expectations for every level from a competency's first one up, policy
 * numbers that rise with the levels, and an evidence rule only where ratings
 * name levels. Returns every broken rule.
 */
export function checkLadderRules(ladder: LadderDefinition): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const report = (path: RuleProblem['path'], message: string, key = false) => problems.push({ path, message, key });

  reportDuplicates(ladder.categories, ['categories'], 'category', report);
  reportDuplicates(ladder.tracks, ['tracks'], 'track', report);
  ladder.tracks.forEach((track, t) => {
    reportDuplicates(track.levels, ['tracks', t, 'levels'], 'level', report);
    const levelIds = new Set(track.levels.map((l) => l.id));
    const formerLevel = new Map<string, string>();
    track.levels.forEach((level, l) =>
      level.formerly?.forEach((old, f) => {
        const at = ['tracks', t, 'levels', l, 'formerly', f];
        if (levelIds.has(old))
          report(at, `"${old}" is still the id of a level, so it cannot also be a former id of "${level.id}"`);
        else if (formerLevel.has(old)) report(at, `"${old}" is already a former id of level "${formerLevel.get(old)}"`);
        else formerLevel.set(old, level.id);
      }),
    );
  });
  reportDuplicates(ladder.competencies, ['competencies'], 'competency', report);

  const competencyIds = new Set(ladder.competencies.map((c) => c.id));
  const formerOwner = new Map<string, string>();
  const categoryIds = new Set(ladder.categories.map((c) => c.id));
  const trackIds = new Set(ladder.tracks.map((t) => t.id));

  ladder.competencies.forEach((competency, c) => {
    const at = ['competencies', c];
    if (!categoryIds.has(competency.category)) {
      report(
        [...at, 'category'],
        `category "${competency.category}" does not exist (categories: ${[...categoryIds].join(', ')})`,
      );
    }
    if (competency.track !== undefined && !trackIds.has(competency.track)) {
      report([...at, 'track'], `track "${competency.track}" does not exist (tracks: ${[...trackIds].join(', ')})`);
    }
    competency.formerly?.forEach((old, f) => {
      if (competencyIds.has(old)) {
        report(
          [...at, 'formerly', f],
          `"${old}" is still the id of a competency, so it cannot also be a former id of "${competency.id}"`,
        );
      } else if (formerOwner.has(old)) {
        report([...at, 'formerly', f], `"${old}" is already a former id of "${formerOwner.get(old)}"`);
      } else {
        formerOwner.set(old, competency.id);
      }
    });
  });

  const noun = ladder.policy.kind === 'points' ? 'milestone' : 'level';
  ladder.competencies.forEach((competency, c) => {
    // A competency shared by several tracks holds the expectations of each; every key must name a step of one of them.
    const tracks = ladder.tracks.filter((t) => competency.track === undefined || t.id === competency.track);
    const stepIds = new Set(tracks.flatMap((t) => ratingScale(ladder, t).map((s) => s.id)));
    const where = tracks.length === 1 ? 'track' : 'tracks';
    for (const key of Object.keys(competency.levels)) {
      if (tracks.length > 0 && !stepIds.has(key)) {
        report(
          ['competencies', c, 'levels', key],
          `${noun} "${key}" does not exist on ${where} ${tracks.map((t) => `"${t.id}"`).join(', ')} (${noun}s: ${[...stepIds].join(', ')})`,
          true,
        );
      }
    }
  });

  for (const track of ladder.tracks) {
    const scale = ratingScale(ladder, track);
    for (const competency of competenciesOf(ladder, track)) {
      const c = ladder.competencies.indexOf(competency);
      const first = scale.findIndex((s) => competency.levels[s.id] !== undefined);
      if (first === -1) {
        if (ladder.policy.kind !== 'points' || scale.length > 1) {
          report(
            ['competencies', c, 'levels'],
            `competency "${competency.id}" has no expectation for any ${noun} of track "${track.id}"`,
            true,
          );
        }
        continue;
      }
      for (const step of scale.slice(first)) {
        if (competency.levels[step.id] === undefined) {
          report(
            ['competencies', c, 'levels'],
            `competency "${competency.id}" has no expectation for ${noun} "${step.id}" (it starts at "${scale[first]?.id}", so every ${noun} above needs one)`,
            true,
          );
        }
      }
    }
    track.levels.forEach((level, l) => {
      if (ladder.policy.kind === 'points' && level.evidence !== undefined) {
        report(
          ['tracks', ladder.tracks.indexOf(track), 'levels', l, 'evidence'],
          `level "${level.id}" sets evidence, but under the points policy ratings name milestones, not levels; set evidence on a competency's milestone expectations instead`,
        );
      }
      level.required?.forEach((id, r) => {
        const competency = ladder.competencies.find((x) => x.id === id);
        if (competency === undefined) {
          report(
            ['tracks', ladder.tracks.indexOf(track), 'levels', l, 'required', r],
            `competency "${id}" does not exist`,
          );
        } else if (competency.levels[level.id] === undefined) {
          report(
            ['tracks', ladder.tracks.indexOf(track), 'levels', l, 'required', r],
            `competency "${id}" has no expectation for level "${level.id}", so it cannot be required there`,
          );
        }
      });
    });
  }

  checkPolicy(ladder, report);
  return problems;
}

function checkPolicy(ladder: LadderDefinition, report: (path: RuleProblem['path'], message: string) => void): void {
  const policy = ladder.policy;
  const levelIds = new Set(ladder.tracks.flatMap((t) => t.levels.map((l) => l.id)));
  const levelOrder = (id: string) => Math.max(...ladder.tracks.map((t) => t.levels.findIndex((l) => l.id === id)));
  if (policy.kind === 'points') {
    reportDuplicates(policy.milestones, ['policy', 'milestones'], 'milestone', report);
    policy.milestones.forEach((m, i) => {
      const previous = policy.milestones[i - 1];
      if (previous !== undefined && m.points < previous.points) {
        report(
          ['policy', 'milestones', i, 'points'],
          `milestone "${m.id}" earns fewer points (${m.points}) than the one below it (${previous.points})`,
        );
      }
    });
    checkAscending(
      policy.thresholds.map((t) => ({ level: t.level, value: t.points })),
      'thresholds',
      'points',
    );
  }
  if (policy.kind === 'weighted-average' && policy.bands !== undefined) {
    checkAscending(
      policy.bands.map((b) => ({ level: b.level, value: b.from })),
      'bands',
      'from',
    );
  }

  function checkAscending(rows: { level: string; value: number }[], list: string, field: string): void {
    rows.forEach((row, i) => {
      if (!levelIds.has(row.level)) {
        report(
          ['policy', list, i, 'level'],
          `level "${row.level}" does not exist (levels: ${[...levelIds].join(', ')})`,
        );
        return;
      }
      const previous = rows[i - 1];
      if (previous === undefined || !levelIds.has(previous.level)) return;
      if (levelOrder(row.level) <= levelOrder(previous.level)) {
        report(
          ['policy', list, i, 'level'],
          `level "${row.level}" must come after "${previous.level}": list ${list} from the lowest level up`,
        );
      } else if (row.value <= previous.value) {
        report(
          ['policy', list, i, field],
          `"${field}" must be greater than ${previous.value}, the value for "${previous.level}"`,
        );
      }
    });
  }
}

function reportDuplicates(
  items: readonly { id: string }[],
  path: (string | number)[],
  noun: string,
  report: (path: RuleProblem['path'], message: string) => void,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, i);
    else report([...path, i, 'id'], `duplicate ${noun} id "${item.id}" (first used by ${noun} #${first + 1})`);
  });
}
