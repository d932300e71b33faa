import { html, type Html } from './html.js';

/** One spoke of a radar chart. */
export interface RadarAxis {
  label: string;
  /** The value drawn for the subject of the chart, 0 to `max`. */
  value: number;
  /** The value of the series it is compared with, when there is one. */
  previous?: number;
}

/** Everything a radar chart needs; ids must be unique within the page. */
export interface RadarChartInput {
  /** Prefix for the ids of the chart's <title> and <desc>. */
  id: string;
  title: string;
  description: string;
  axes: readonly RadarAxis[];
  /** The value at the outer ring; one ring is drawn per whole number up to it. */
  max: number;
}

/** Below three spokes a radar is a line or a dot, so callers show the table alone. */
export const MIN_RADAR_AXES = 3;

const RADIUS = 150;
const LABEL_GAP = 14;
const FONT_SIZE = 19;
const LINE_HEIGHT = 22;
/**
 * Characters per label line; long competency titles wrap onto a second or
 * third line. Large type and narrow labels keep the labels legible when the
 * chart shrinks to a phone's width.
 */
const WRAP_AT = 13;

/**
 * An inline SVG radar: no script, no external asset, readable by a screen
 * reader through its <title> and <desc>. The page puts a data table beside it,
 * which is the accessible and printable form of the same numbers.
 */
export function renderRadarChart(input: RadarChartInput): Html {
  const count = input.axes.length;
  const max = Math.max(1, input.max);
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / count;
  const point = (i: number, value: number) => {
    const r = (Math.max(0, Math.min(value, max)) / max) * RADIUS;
    return { x: r * Math.cos(angle(i)), y: r * Math.sin(angle(i)) };
  };
  const polygon = (values: readonly number[]) =>
    values
      .map((v, i) => point(i, v))
      .map((p) => `${round(p.x)},${round(p.y)}`)
      .join(' ');

  let minX = -RADIUS;
  let maxX = RADIUS;
  let minY = -RADIUS;
  let maxY = RADIUS;
  const labels = input.axes.map((axis, i) => {
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const x = (RADIUS + LABEL_GAP) * cos;
    const y = (RADIUS + LABEL_GAP) * sin;
    const lines = wrapLabel(axis.label);
    const anchor = cos > 0.12 ? 'start' : cos < -0.12 ? 'end' : 'middle';
    const height = (lines.length - 1) * LINE_HEIGHT;
    const firstBaseline = sin < -0.3 ? y - height - 4 : sin > 0.3 ? y + FONT_SIZE : y - height / 2 + FONT_SIZE * 0.35;
    const width = Math.max(...lines.map((line) => line.length)) * FONT_SIZE * 0.58;
    const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
    minX = Math.min(minX, left);
    maxX = Math.max(maxX, left + width);
    minY = Math.min(minY, firstBaseline - FONT_SIZE);
    maxY = Math.max(maxY, firstBaseline + height + 4);
    return html`<text x="${round(x)}" y="${round(firstBaseline)}" text-anchor="${anchor}"
      >${lines.map((line, n) => html`<tspan x="${round(x)}" dy="${n === 0 ? 0 : LINE_HEIGHT}">${line}</tspan>`)}</text
    >`;
  });

  const rings = Array.from({ length: max }, (_, k) => polygon(input.axes.map(() => k + 1))).map(
    (points) => html`<polygon class="radar-ring" points="${points}" />`,
  );
  const spokes = input.axes.map((_, i) => {
    const end = point(i, max);
    return html`<line class="radar-spoke" x1="0" y1="0" x2="${round(end.x)}" y2="${round(end.y)}" />`;
  });
  const hasPrevious = input.axes.some((axis) => axis.previous !== undefined);
  const current = input.axes.map((axis) => axis.value);
  const dots = current.map((value, i) => {
    const p = point(i, value);
    return html`<circle class="radar-dot" cx="${round(p.x)}" cy="${round(p.y)}" r="4" />`;
  });
  const pad = 8;
  const viewBox = [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad].map(round).join(' ');
  return html`<svg
    class="radar-chart"
    viewBox="${viewBox}"
    role="img"
    aria-labelledby="${input.id}-title ${input.id}-desc"
  >
    <title id="${input.id}-title">${input.title}</title>
    <desc id="${input.id}-desc">${input.description}</desc>
    <g class="radar-grid">${rings}${spokes}</g>
    ${hasPrevious ? html`<polygon class="radar-previous" points="${polygon(input.axes.map((a) => a.previous ?? 0))}" />` : ''}
    <polygon class="radar-current" points="${polygon(current)}" />
    <g class="radar-dots">${dots}</g>
    <g class="radar-labels" font-size="${FONT_SIZE}">${labels}</g>
  </svg>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function wrapLabel(label: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > WRAP_AT) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length === 0 ? [''] : lines;
}
