/*
 * The geometry of a radar chart, for the web app's progress radar and the
 * static site's level charts alike: one axis per competency, one ring per
 * step of the scale, and any number of series drawn over them. Pure numbers
 * in, SVG coordinates out, centred on (0, 0), so each renderer only draws.
 *
 * A value is measured in rings: 0 is the centre, `rings` the outer ring. A
 * missing value (null) is a gap in the series, never a point at the centre:
 * the centre would read as "rated lowest" when the truth is "not known".
 */

/** A point in SVG user units. */
export interface Point {
  x: number;
  y: number;
}

/** Sizes of the chart, in SVG user units. */
export interface RadarOptions {
  /** Radius of the outer ring. */
  radius?: number;
  /** Space between the outer ring and the axis labels. */
  labelGap?: number;
  /** Font size of the axis labels, used to place them and to make room for them. */
  fontSize?: number;
  /** Distance between the baselines of a wrapped label's lines. */
  lineHeight?: number;
  /** Characters per label line before wrapping (at spaces only). */
  wrapAt?: number;
  /** Average glyph width as a share of the font size, to estimate how wide a label is. */
  charWidth?: number;
  /** Font size of the ring labels, so they sit inside their ring. */
  ringFontSize?: number;
  /** Margin around everything drawn. */
  padding?: number;
}

/** Where an axis label goes: the first line's baseline, the anchor and the wrapped lines. */
export interface RadarLabel {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  lines: string[];
  /** Distance between the lines' baselines. */
  lineHeight: number;
}

/** One axis: its direction, its end on the outer ring and its label. */
export interface RadarAxis {
  /** Angle in radians, 0 pointing right, growing clockwise (SVG's y points down); the first axis points up. */
  angle: number;
  end: Point;
  label: RadarLabel;
}

/** One ring of the grid. */
export interface RadarRing {
  /** 1 for the innermost ring, `rings` for the outer one. */
  ring: number;
  radius: number;
  /** The ring as a <polygon points="…"> value. */
  points: string;
  /** Baseline start of the ring's label: beside the first axis, just inside the ring. */
  labelAt: Point;
}

/** The grid of a radar: everything but the series. */
export interface RadarFrame {
  /** The SVG viewBox, tight around the rings and the estimated extent of every label. */
  viewBox: string;
  radius: number;
  /** How many rings the scale has; a value of `rings` sits on the outer ring. */
  scale: number;
  rings: RadarRing[];
  axes: RadarAxis[];
}

/** A value on one axis, in rings (0 the centre); null when there is none, which leaves a gap. */
export type RadarValue = number | null;

/** One series drawn over the frame. */
export interface RadarSeries {
  /** Each axis's vertex, or null where the value is missing. */
  vertices: Array<Point | null>;
  /** The whole series as a <polygon points="…"> value; null when a value is missing, as a closed shape would lie. */
  polygon: string | null;
  /** The outline as an SVG path: closed when every value is there, else one open line per run of neighbouring values. */
  outline: string;
  /** The area to fill as an SVG path: the polygon, or a fan from the centre over each run, so a gap stays empty. */
  area: string;
}

const round = (n: number) => Math.round(n * 100) / 100 + 0;

function at(radius: number, angle: number): Point {
  return { x: round(radius * Math.cos(angle)), y: round(radius * Math.sin(angle)) };
}

function pointList(points: readonly Point[]): string {
  return points.map((p) => `${p.x},${p.y}`).join(' ');
}

function line(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
}

/** Wraps a label into lines of at most `width` characters, breaking at spaces only. */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** The angle of axis `i` of `count`: the first points up, the rest follow clockwise. */
export function axisAngle(i: number, count: number): number {
  return -Math.PI / 2 + (2 * Math.PI * i) / Math.max(count, 1);
}

/** Lays out the grid for axes with these labels on a scale of `rings` rings. */
export function layoutRadar(labels: readonly string[], rings: number, options: RadarOptions = {}): RadarFrame {
  const radius = options.radius ?? 150;
  const labelGap = options.labelGap ?? 14;
  const fontSize = options.fontSize ?? 14;
  const lineHeight = options.lineHeight ?? Math.round(fontSize * 1.2);
  const wrapAt = options.wrapAt ?? 16;
  const charWidth = options.charWidth ?? 0.6;
  const ringFontSize = options.ringFontSize ?? 12;
  const padding = options.padding ?? 8;
  const scale = Math.max(0, Math.floor(rings));

  let minX = -radius;
  let maxX = radius;
  let minY = -radius;
  let maxY = radius;
  const axes = labels.map((text, i): RadarAxis => {
    const angle = axisAngle(i, labels.length);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const lines = wrapLabel(text, wrapAt);
    const anchorPoint = at(radius + labelGap, angle);
    const anchor = cos > 0.2 ? 'start' : cos < -0.2 ? 'end' : 'middle';
    const height = Math.max(0, lines.length - 1) * lineHeight;
    // Labels above the chart grow upwards, those below grow downwards, the rest centre on their axis.
    const y =
      sin < -0.3
        ? anchorPoint.y - height - fontSize * 0.25
        : sin > 0.3
          ? anchorPoint.y + fontSize * 0.9
          : anchorPoint.y - height / 2 + fontSize * 0.35;
    const width = Math.max(0, ...lines.map((l) => l.length)) * fontSize * charWidth;
    const left =
      anchor === 'start' ? anchorPoint.x : anchor === 'end' ? anchorPoint.x - width : anchorPoint.x - width / 2;
    if (lines.length > 0) {
      minX = Math.min(minX, left);
      maxX = Math.max(maxX, left + width);
      minY = Math.min(minY, y - fontSize);
      maxY = Math.max(maxY, y + height + fontSize * 0.3);
    }
    return { angle, end: at(radius, angle), label: { x: anchorPoint.x, y: round(y), anchor, lines, lineHeight } };
  });

  const ringList = Array.from({ length: scale }, (_, k): RadarRing => {
    const r = ((k + 1) / scale) * radius;
    return {
      ring: k + 1,
      radius: round(r),
      points: pointList(labels.map((_, i) => at(r, axisAngle(i, labels.length)))),
      labelAt: { x: round(ringFontSize * 0.4), y: round(-r + ringFontSize + 1) },
    };
  });

  const box = [minX - padding, minY - padding, maxX - minX + 2 * padding, maxY - minY + 2 * padding];
  return { viewBox: box.map(round).join(' '), radius, scale, rings: ringList, axes };
}

/**
 * Plots one series over a frame. Values are clamped to the scale; a null
 * value leaves its axis out, and the lines and the fill break there.
 */
export function plotSeries(frame: RadarFrame, values: readonly RadarValue[]): RadarSeries {
  const vertices = frame.axes.map((axis, i) => {
    const value = values[i];
    if (value === null || value === undefined) return null;
    const share = frame.scale === 0 ? 0 : Math.min(Math.max(value, 0), frame.scale) / frame.scale;
    return at(share * frame.radius, axis.angle);
  });
  const present = vertices.filter((v): v is Point => v !== null);
  if (present.length === 0) return { vertices, polygon: null, outline: '', area: '' };
  if (present.length === vertices.length) {
    const closed = `${line(present)} Z`;
    return { vertices, polygon: pointList(present), outline: closed, area: closed };
  }
  // Runs of neighbouring values, going round from the first axis after a gap.
  const count = vertices.length;
  const start = vertices.findIndex((v, i) => v !== null && vertices[(i - 1 + count) % count] === null);
  const runs: Point[][] = [];
  let run: Point[] = [];
  for (let k = 0; k < count; k += 1) {
    const vertex = vertices[(start + k) % count];
    if (vertex === null || vertex === undefined) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(vertex);
  }
  if (run.length > 0) runs.push(run);
  const joined = runs.filter((r) => r.length > 1);
  return {
    vertices,
    polygon: null,
    outline: joined.map(line).join(' '),
    area: joined.map((r) => `M0 0 ${line(r).replace(/^M/, 'L')} Z`).join(' '),
  };
}
