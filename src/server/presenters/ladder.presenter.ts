import type { Ladder as LoadedLadder } from '../../core/ladder.js';
import type { LadderDiff as CoreLadderDiff } from '../../core/ladder-diff.js';
import { describeLevelRule } from '../../core/level-rule.js';
import type { LadderVersionSummary } from '../../services/ladder-version.service.js';
import type { Ladder, LadderDiff, LadderVersion } from '../api-contract.js';

/** One stored ladder version in the list of versions. */
export function presentLadderVersion(version: LadderVersionSummary): LadderVersion {
  return {
    id: version.id,
    hash: version.hash,
    title: version.title,
    loadedAt: version.loadedAt,
    active: version.active,
  };
}

/** A whole ladder as its file defines it (defaults filled in), with its hash and each level's rule in words. */
export function presentLadder(ladder: LoadedLadder): Ladder {
  return {
    ...ladder,
    tracks: ladder.tracks.map((track) => ({
      ...track,
      levels: track.levels.map((level) => ({ ...level, rule: describeLevelRule(ladder, track.id, level.id) })),
    })),
  };
}

/** The changes between two versions, in the core's words. */
export function presentLadderDiff(diff: CoreLadderDiff): LadderDiff {
  return { from: { ...diff.from }, to: { ...diff.to }, changes: diff.changes.map((change) => ({ ...change })) };
}
