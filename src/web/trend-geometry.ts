/**
 * The geometry of the history chart: time along x, the level along y, lines
 * that break where there is no value. Pure, so the scales can be tested.
 */

/** The drawing area inside the SVG, in user units. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One series of the chart: a value (a position on the scale) per entry, null where there is none. */
export interface Series {
  id: string;
  values: ReadonlyArray<number | null>;
}

/** A point in SVG user units. */
export interface TrendPoint {
  x: number;
  y: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Maps instants (ms) to x. A single instant, or several at the same time,
 * sit in the middle of the area rather than at its edge.
 */
export function timeScale(times: readonly number[], area: PlotArea): (time: number) => number {
  const finite = times.filter((t) => Number.isFinite(t));
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  if (finite.length === 0 || max === min) return () => round(area.left + area.width / 2);
  return (time) => round(area.left + ((time - min) / (max - min)) * area.width);
}

/** Maps a position on a scale of `steps` levels to y, the first level at the bottom. */
export function levelScale(steps: number, area: PlotArea): (step: number) => number {
  if (steps <= 1) return () => round(area.top + area.height / 2);
  return (step) => round(area.top + area.height - (step / (steps - 1)) * area.height);
}

/** The points of a series; null where it has no value. */
export function seriesPoints(
  times: readonly number[],
  series: Series,
  x: (time: number) => number,
  y: (step: number) => number,
): Array<TrendPoint | null> {
  return times.map((time, i) => {
    const value = series.values[i];
    return value === null || value === undefined ? null : { x: x(time), y: y(value) };
  });
}

/** An SVG path through the points, lifting the pen over gaps; '' when there is nothing to draw. */
export function linePath(points: ReadonlyArray<TrendPoint | null>): string {
  const parts: string[] = [];
  let penDown = false;
  for (const point of points) {
    if (point === null) {
      penDown = false;
      continue;
    }
    parts.push(`${penDown ? 'L' : 'M'}${point.x} ${point.y}`);
    penDown = true;
  }
  return parts.join(' ');
}

/**
 * Up to `max` instants to label along the x axis: every entry when they fit,
 * otherwise evenly spread entries including the first and the last.
 */
export function timeTicks(times: readonly number[], max = 6): number[] {
  const unique = [...new Set(times)].sort((a, b) => a - b);
  if (unique.length <= max) return unique;
  const ticks: number[] = [];
  for (let i = 0; i < max; i += 1) {
    const tick = unique[Math.round((i * (unique.length - 1)) / (max - 1))];
    if (tick !== undefined && !ticks.includes(tick)) ticks.push(tick);
  }
  return ticks;
}

/**
 * Drops tick labels that would overlap: keeps the first, then each one at
 * least `minGap` units right of the last kept; the last tick wins over its
 * neighbour so the latest date is always labelled.
 */
export function spaceTicks(ticks: readonly number[], x: (time: number) => number, minGap: number): number[] {
  const kept: number[] = [];
  for (const tick of ticks) {
    const previous = kept[kept.length - 1];
    if (previous === undefined || x(tick) - x(previous) >= minGap) kept.push(tick);
  }
  const last = ticks[ticks.length - 1];
  if (last !== undefined && kept[kept.length - 1] !== last) {
    while (kept.length > 1 && x(last) - x(kept[kept.length - 1] ?? last) < minGap) kept.pop();
    if (kept.length === 1 && x(last) - x(kept[0] ?? last) < minGap) return kept;
    kept.push(last);
  }
  return kept;
}
