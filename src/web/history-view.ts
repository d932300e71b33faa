import type { HistoryEntry } from '../server/api-contract.js';

/**
 * How the history screen reads the History answer: the demonstrated level
 * per assessment as a scale position, one series per competency, and what
 * changed between one assessment and the one before it.
 */

/** A competency's ratings across the assessments, as scale positions. */
export interface CompetencySeries {
  id: string;
  title: string;
  values: Array<number | null>;
}

/** The demonstrated level of each entry as its position among the track's levels; null when none. */
export function demonstratedSeries(
  entries: readonly HistoryEntry[],
  levelIds: readonly string[],
): Array<number | null> {
  return entries.map((entry) => {
    if (entry.demonstrated === null) return null;
    const index = levelIds.indexOf(entry.demonstrated.id);
    return index === -1 ? null : index;
  });
}

/** One series per competency that appears in any entry, in order of first appearance. */
export function competencySeries(entries: readonly HistoryEntry[]): CompetencySeries[] {
  const series = new Map<string, CompetencySeries>();
  entries.forEach((entry, i) => {
    for (const rating of entry.ratings) {
      let line = series.get(rating.competencyId);
      if (line === undefined) {
        line = { id: rating.competencyId, title: rating.title, values: entries.map(() => null) };
        series.set(rating.competencyId, line);
      }
      line.title = rating.title;
      line.values[i] = rating.index;
    }
  });
  return [...series.values()];
}

/** One change of rating (or of its note) between an assessment and the one before it. */
export interface RatingChange {
  competencyId: string;
  title: string;
  from: string | null;
  to: string | null;
  /** Why the assessor gave the rating; null when they wrote nothing. */
  note: string | null;
}

/**
 * What each entry changed against the previous entry of the same kind (a
 * manager's assessment is compared with the manager's last one, not with a
 * self-assessment); the first of a kind lists every rating it makes. A new
 * note on an unchanged rating counts as a change, so every note is shown once,
 * with the assessment that wrote it.
 */
export function ratingChanges(entries: readonly HistoryEntry[]): RatingChange[][] {
  return entries.map((entry, i) => {
    const previous = entries.slice(0, i).findLast((e) => e.kind === entry.kind);
    const before = new Map((previous?.ratings ?? []).map((r) => [r.competencyId, r]));
    return entry.ratings
      .map((r) => {
        const earlier = before.get(r.competencyId);
        return {
          competencyId: r.competencyId,
          title: r.title,
          from: earlier?.level?.title ?? null,
          to: r.level?.title ?? null,
          note: r.note,
          noteChanged: r.note !== (earlier?.note ?? null),
        };
      })
      .filter((change) =>
        previous === undefined
          ? change.to !== null || change.note !== null
          : change.from !== change.to || change.noteChanged,
      )
      .map(({ noteChanged: _noteChanged, ...change }) => change);
  });
}

/** A change in words: "Design: Mid-level → Senior", or "Design: Senior (new note)" when only the note changed. */
export function describeChange(change: RatingChange): string {
  const to = change.to ?? 'not observed';
  if (change.from === change.to) return `${change.title}: ${to} (new note)`;
  if (change.from === null) return `${change.title}: ${to}`;
  return `${change.title}: ${change.from} → ${to}`;
}

/** Which assessments the history shows. */
export type HistoryKind = 'self' | 'manager' | 'all';

/**
 * Reads the `kind` query value. Without one the history shows
 * self-assessments when there are any, since mixing two people's views in one
 * line makes it zig-zag.
 */
export function readHistoryKind(value: string | null, entries: readonly HistoryEntry[]): HistoryKind {
  if (value === 'self' || value === 'manager' || value === 'all') return value;
  return entries.some((e) => e.kind === 'self') ? 'self' : 'all';
}

/** The entries of a kind, oldest first as the server sent them. */
export function entriesOfKind(entries: readonly HistoryEntry[], kind: HistoryKind): HistoryEntry[] {
  return kind === 'all' ? [...entries] : entries.filter((e) => e.kind === kind);
}

/** Reads the `lines` query value: the competency ids whose thin lines are shown. */
export function readShownLines(value: string | null, known: readonly string[]): string[] {
  if (value === null) return [];
  if (value === 'all') return [...known];
  const wanted = new Set(value.split(',').map((id) => id.trim()));
  return known.filter((id) => wanted.has(id));
}

/** Writes the shown competency lines for the `lines` query value; null when none. */
export function writeShownLines(shown: readonly string[], known: readonly string[]): string | null {
  if (shown.length === 0) return null;
  if (known.length > 0 && known.every((id) => shown.includes(id))) return 'all';
  return known.filter((id) => shown.includes(id)).join(',');
}
