import type { Competency, Expectation, LadderDefinition } from './ladder.schema.js';

/** One difference between two versions of a ladder, in the words of the ladder. */
export type LadderChange =
  | { kind: 'level-added'; track: string; level: string; title: string }
  | { kind: 'level-removed'; track: string; level: string; title: string }
  | { kind: 'level-retitled'; track: string; level: string; from: string; to: string }
  | { kind: 'level-renamed'; track: string; level: string; from: string; title: string }
  | { kind: 'levels-reordered'; track: string; from: string[]; to: string[] }
  | { kind: 'track-added'; track: string; title: string }
  | { kind: 'track-removed'; track: string; title: string }
  | { kind: 'competency-added'; competency: string; title: string }
  | { kind: 'competency-removed'; competency: string; title: string }
  | { kind: 'competency-renamed'; competency: string; from: string; title: string }
  | {
      kind: 'competency-changed';
      competency: string;
      field: 'title' | 'category' | 'weight' | 'track' | 'description';
      from: string;
      to: string;
    }
  | { kind: 'expectation-added'; competency: string; level: string; text: string }
  | { kind: 'expectation-removed'; competency: string; level: string; text: string }
  | {
      kind: 'expectation-changed';
      competency: string;
      level: string;
      field: 'expectation' | 'signals' | 'notYet';
      from: string;
      to: string;
    }
  | { kind: 'policy-changed'; from: string; to: string };

/** The result of comparing two ladder versions. */
export interface LadderDiff {
  from: { id: string; hash?: string };
  to: { id: string; hash?: string };
  changes: LadderChange[];
}

/**
 * Compares two versions of a ladder: what a reviewer needs to approve a change
 * to the company ladder, and what the history of ratings has to follow. A
 * competency whose `formerly` lists an id of the old version is a rename, not
 * a removal plus an addition.
 */
export function diffLadders(
  before: LadderDefinition & { hash?: string },
  after: LadderDefinition & { hash?: string },
): LadderDiff {
  const changes: LadderChange[] = [];

  const oldTracks = new Map(before.tracks.map((t) => [t.id, t]));
  const newTracks = new Map(after.tracks.map((t) => [t.id, t]));
  for (const track of before.tracks) {
    if (!newTracks.has(track.id)) changes.push({ kind: 'track-removed', track: track.id, title: track.title });
  }
  for (const track of after.tracks) {
    const old = oldTracks.get(track.id);
    if (old === undefined) {
      changes.push({ kind: 'track-added', track: track.id, title: track.title });
      continue;
    }
    const oldLevels = new Map(old.levels.map((l) => [l.id, l]));
    // A level is the same level when its id is kept or listed in its `formerly`.
    const previousId = (level: (typeof track.levels)[number]) =>
      oldLevels.has(level.id) ? level.id : level.formerly?.find((id) => oldLevels.has(id));
    const carriedOver = new Set(track.levels.map(previousId).filter((id) => id !== undefined));
    for (const level of old.levels) {
      if (!carriedOver.has(level.id))
        changes.push({ kind: 'level-removed', track: track.id, level: level.id, title: level.title });
    }
    for (const level of track.levels) {
      const from = previousId(level);
      const was = from === undefined ? undefined : oldLevels.get(from);
      if (was === undefined) {
        changes.push({ kind: 'level-added', track: track.id, level: level.id, title: level.title });
        continue;
      }
      if (was.id !== level.id)
        changes.push({ kind: 'level-renamed', track: track.id, level: level.id, from: was.id, title: level.title });
      if (was.title !== level.title) {
        changes.push({ kind: 'level-retitled', track: track.id, level: level.id, from: was.title, to: level.title });
      }
    }
    const keptOld = old.levels.map((l) => l.id).filter((id) => carriedOver.has(id));
    const keptNew = track.levels.map(previousId).filter((id) => id !== undefined);
    if (keptOld.join() !== keptNew.join()) {
      changes.push({ kind: 'levels-reordered', track: track.id, from: keptOld, to: keptNew });
    }
  }

  const oldById = new Map(before.competencies.map((c) => [c.id, c]));
  const matched = new Set<string>();
  for (const competency of after.competencies) {
    let old = oldById.get(competency.id);
    if (old === undefined) {
      const formerId = competency.formerly?.find((id) => oldById.has(id));
      old = formerId === undefined ? undefined : oldById.get(formerId);
      if (old !== undefined) {
        changes.push({ kind: 'competency-renamed', competency: competency.id, from: old.id, title: competency.title });
      }
    }
    if (old === undefined) {
      changes.push({ kind: 'competency-added', competency: competency.id, title: competency.title });
      continue;
    }
    matched.add(old.id);
    changes.push(...diffCompetency(old, competency));
  }
  for (const competency of before.competencies) {
    if (!matched.has(competency.id)) {
      changes.push({ kind: 'competency-removed', competency: competency.id, title: competency.title });
    }
  }

  const oldPolicy = JSON.stringify(before.policy);
  const newPolicy = JSON.stringify(after.policy);
  if (oldPolicy !== newPolicy) changes.push({ kind: 'policy-changed', from: oldPolicy, to: newPolicy });

  return { from: { id: before.id, hash: before.hash }, to: { id: after.id, hash: after.hash }, changes };
}

function diffCompetency(before: Competency, after: Competency): LadderChange[] {
  const changes: LadderChange[] = [];
  const id = after.id;
  for (const field of ['title', 'category', 'weight', 'track', 'description'] as const) {
    const from = String(before[field] ?? '');
    const to = String(after[field] ?? '');
    if (from !== to) changes.push({ kind: 'competency-changed', competency: id, field, from, to });
  }
  const levels = new Set([...Object.keys(before.levels), ...Object.keys(after.levels)]);
  for (const level of levels) {
    const was = before.levels[level];
    const now = after.levels[level];
    if (was === undefined && now !== undefined) {
      changes.push({ kind: 'expectation-added', competency: id, level, text: now.expectation });
    } else if (was !== undefined && now === undefined) {
      changes.push({ kind: 'expectation-removed', competency: id, level, text: was.expectation });
    } else if (was !== undefined && now !== undefined) {
      changes.push(...diffExpectation(id, level, was, now));
    }
  }
  return changes;
}

function diffExpectation(competency: string, level: string, before: Expectation, after: Expectation): LadderChange[] {
  const changes: LadderChange[] = [];
  if (before.expectation !== after.expectation) {
    changes.push({
      kind: 'expectation-changed',
      competency,
      level,
      field: 'expectation',
      from: before.expectation,
      to: after.expectation,
    });
  }
  for (const field of ['signals', 'notYet'] as const) {
    const was = before[field] ?? [];
    const now = after[field] ?? [];
    const removed = was.filter((item) => !now.includes(item));
    const added = now.filter((item) => !was.includes(item));
    if (removed.length > 0 || added.length > 0) {
      changes.push({
        kind: 'expectation-changed',
        competency,
        level,
        field,
        from: removed.join('\n'),
        to: added.join('\n'),
      });
    }
  }
  return changes;
}

/** Renders a diff for a terminal or a pull-request comment: one line per change, signs like a text diff. */
export function formatLadderDiff(diff: LadderDiff): string {
  const head = `ladder ${diff.from.id}${short(diff.from.hash)} -> ${diff.to.id}${short(diff.to.hash)}`;
  if (diff.changes.length === 0) return `${head}\nno changes`;
  const lines = diff.changes.map(describeChange);
  return [head, ...lines, `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}`].join('\n');
}

function short(hash: string | undefined): string {
  return hash === undefined ? '' : ` (${hash.slice(0, 12)})`;
}

function describeChange(change: LadderChange): string {
  switch (change.kind) {
    case 'track-added':
      return `+ track ${change.track} "${change.title}"`;
    case 'track-removed':
      return `- track ${change.track} "${change.title}"`;
    case 'level-added':
      return `+ level ${change.track}/${change.level} "${change.title}"`;
    case 'level-removed':
      return `- level ${change.track}/${change.level} "${change.title}"`;
    case 'level-renamed':
      return `> level ${change.track}/${change.from} renamed to ${change.level} "${change.title}"`;
    case 'level-retitled':
      return `~ level ${change.track}/${change.level} title: "${change.from}" -> "${change.to}"`;
    case 'levels-reordered':
      return `~ levels of ${change.track} reordered: ${change.from.join(', ')} -> ${change.to.join(', ')}`;
    case 'competency-added':
      return `+ competency ${change.competency} "${change.title}"`;
    case 'competency-removed':
      return `- competency ${change.competency} "${change.title}"`;
    case 'competency-renamed':
      return `> competency ${change.from} renamed to ${change.competency} "${change.title}"`;
    case 'competency-changed':
      return `~ competency ${change.competency} ${change.field}: "${change.from}" -> "${change.to}"`;
    case 'expectation-added':
      return `+ expectation ${change.competency}@${change.level}: ${change.text}`;
    case 'expectation-removed':
      return `- expectation ${change.competency}@${change.level}: ${change.text}`;
    case 'expectation-changed':
      return `~ ${change.field} ${change.competency}@${change.level}\n${indentDiff(change.from, change.to)}`;
    case 'policy-changed':
      return `~ policy: ${change.from} -> ${change.to}`;
  }
}

function indentDiff(from: string, to: string): string {
  const was = from === '' ? [] : from.split('\n').map((line) => `    - ${line}`);
  const now = to === '' ? [] : to.split('\n').map((line) => `    + ${line}`);
  return [...was, ...now].join('\n');
}
