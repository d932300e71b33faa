/**
 * The geometry of the progress radar: one axis per competency, one ring per
 * level, and two polygons (my ratings, the target level). Pure numbers in,
 * SVG coordinates out, centred on (0, 0), so the chart component only draws.
 */

/** A point in SVG user units. */
export interface Point {
  x: number;
  y: number;
}

/** One competency on the chart. */
export interface RadarAxisInput {
  id: string;
  label: string;
  /** Position of my rating on the scale (0 = first level), or null when not observed. */
  value: number | null;
  /** Position of the target level for this competency, or null when it does not apply. */
  target: number | null;
}

/** Where one axis and its label go. */
export interface RadarAxis {
  id: string;
  /** Angle in radians, 0 pointing right, growing clockwise (SVG's y points down). */
  angle: number;
  end: Point;
  label: { x: number; y: number; anchor: 'start' | 'middle' | 'end'; lines: string[] };
  /** The rating's vertex, or null when not observed (the polygon then passes through the centre). */
  value: Point | null;
  target: Point | null;
}

/** Everything the chart draws. */
export interface RadarLayout {
  /** The SVG viewBox, labels included: wide enough for the side labels, tall enough for those above and below. */
  viewBox: string;
  rings: Array<{ step: number; radius: number; points: string }>;
  axes: RadarAxis[];
  /** SVG path of my ratings; empty when nothing is observed. */
  valuePath: string;
  /** SVG path of the target level; empty when no target applies. */
  targetPath: string;
}

/** Sizes of the chart, in SVG user units. */
export interface RadarOptions {
  /** Radius of the outermost ring. */
  radius?: number;
  /** Space between the outer ring and the labels. */
  labelGap?: number;
  /** Room around the rings for the labels. */
  padding?: number;
  /** Characters per label line before wrapping. */
  labelWidth?: number;
  /** Height of a label line, to place multi-line labels. */
  lineHeight?: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Rounds a point for compact, stable SVG output. */
function at(radius: number, angle: number): Point {
  return { x: round(radius * Math.cos(angle)) + 0, y: round(radius * Math.sin(angle)) + 0 };
}

/** Wraps a label into lines of at most `width` characters, breaking at spaces only. */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Radius of a step on a scale of `steps`: the first level sits on the first
 * ring rather than the centre, so a rating of the lowest level still shows.
 */
export function stepRadius(step: number, steps: number, radius: number): number {
  if (steps <= 0) return 0;
  const clamped = Math.min(Math.max(step, -1), steps - 1);
  return ((clamped + 1) / steps) * radius;
}

/** An SVG path through the points, closed; an empty string for fewer than one point. */
export function closedPath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  return `${points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ')} Z`;
}

/** Lays out the chart for the given axes on a scale of `steps` levels. */
export function layoutRadar(axesIn: readonly RadarAxisInput[], steps: number, options: RadarOptions = {}): RadarLayout {
  const radius = options.radius ?? 150;
  const labelGap = options.labelGap ?? 14;
  const padding = options.padding ?? 130;
  const labelWidth = options.labelWidth ?? 16;
  const lineHeight = options.lineHeight ?? 15;
  const count = axesIn.length;
  const angleOf = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / Math.max(count, 1);

  const axes: RadarAxis[] = axesIn.map((axis, i) => {
    const angle = angleOf(i);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const lines = wrapLabel(axis.label, labelWidth);
    const anchorPoint = at(radius + labelGap, angle);
    const anchor: 'start' | 'middle' | 'end' = Math.abs(cos) < 0.26 ? 'middle' : cos > 0 ? 'start' : 'end';
    // Labels above the chart grow upwards, those below grow downwards, the rest centre on their axis.
    const blockHeight = (lines.length - 1) * lineHeight;
    const y =
      sin < -0.26
        ? anchorPoint.y - blockHeight
        : sin > 0.26
          ? anchorPoint.y + lineHeight * 0.7
          : anchorPoint.y - blockHeight / 2 + 4;
    return {
      id: axis.id,
      angle,
      end: at(radius, angle),
      label: { x: anchorPoint.x, y: round(y), anchor, lines },
      value: axis.value === null ? null : at(stepRadius(axis.value, steps, radius), angle),
      target: axis.target === null ? null : at(stepRadius(axis.target, steps, radius), angle),
    };
  });

  const rings = Array.from({ length: Math.max(steps, 0) }, (_, step) => {
    const r = stepRadius(step, steps, radius);
    const points = axesIn.map((_, i) => at(r, angleOf(i)));
    return { step, radius: round(r), points: points.map((p) => `${p.x},${p.y}`).join(' ') };
  });

  const centre: Point = { x: 0, y: 0 };
  const anyValue = axes.some((a) => a.value !== null);
  const anyTarget = axes.some((a) => a.target !== null);
  // Width leaves room for labels beside the chart; height only for the labels above and below it.
  const extent = radius + padding;
  const top = Math.min(-radius - labelGap, ...axes.map((a) => a.label.y - lineHeight));
  const bottom = Math.max(
    radius + labelGap,
    ...axes.map((a) => a.label.y + (a.label.lines.length - 1) * lineHeight + 6),
  );
  return {
    viewBox: `${-extent} ${round(top)} ${2 * extent} ${round(bottom - top)}`,
    rings,
    axes,
    valuePath: anyValue ? closedPath(axes.map((a) => a.value ?? centre)) : '',
    targetPath: anyTarget ? closedPath(axes.map((a) => a.target ?? centre)) : '',
  };
}
