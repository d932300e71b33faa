import { layoutRadar, plotSeries } from '../shared/radar.js';
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
  /** The name of each ring, innermost first, written beside the first spoke; none when left out. */
  rings?: readonly string[];
}

/** Below three spokes a radar is a line or a dot, so callers show the table alone. */
export const MIN_RADAR_AXES = 3;

/**
 * Large type and narrow labels keep the labels legible when the chart shrinks
 * to a phone's width; long competency titles wrap onto a second or third line.
 */
const SIZES = {
  radius: 150,
  labelGap: 14,
  fontSize: 19,
  lineHeight: 22,
  wrapAt: 13,
  charWidth: 0.58,
  ringFontSize: 14,
} as const;

/**
 * An inline SVG radar: no script, no external asset, readable by a screen
 * reader through its <title> and <desc>. The page puts a data table beside it,
 * which is the accessible and printable form of the same numbers.
 */
export function renderRadarChart(input: RadarChartInput): Html {
  const frame = layoutRadar(
    input.axes.map((axis) => axis.label),
    Math.max(1, input.max),
    SIZES,
  );
  const labels = frame.axes.map(
    ({ label }) =>
      html`<text x="${label.x}" y="${label.y}" text-anchor="${label.anchor}"
        >${label.lines.map((text, n) => html`<tspan x="${label.x}" dy="${n === 0 ? 0 : label.lineHeight}">${text}</tspan>`)}</text
      >`,
  );
  const rings = frame.rings.map((ring) => html`<polygon class="radar-ring" points="${ring.points}" />`);
  const ringNames = frame.rings.map((ring, i) => {
    const name = input.rings?.[i];
    return name === undefined ? '' : html`<text x="${ring.labelAt.x}" y="${ring.labelAt.y}">${name}</text>`;
  });
  const spokes = frame.axes.map(
    ({ end }) => html`<line class="radar-spoke" x1="0" y1="0" x2="${end.x}" y2="${end.y}" />`,
  );
  const hasPrevious = input.axes.some((axis) => axis.previous !== undefined);
  const previous = plotSeries(
    frame,
    input.axes.map((axis) => axis.previous ?? 0),
  );
  const current = plotSeries(
    frame,
    input.axes.map((axis) => axis.value),
  );
  const dots = current.vertices.map((p) =>
    p === null ? '' : html`<circle class="radar-dot" cx="${p.x}" cy="${p.y}" r="4" />`,
  );
  return html`<svg
    class="radar-chart"
    viewBox="${frame.viewBox}"
    role="img"
    aria-labelledby="${input.id}-title ${input.id}-desc"
  >
    <title id="${input.id}-title">${input.title}</title>
    <desc id="${input.id}-desc">${input.description}</desc>
    <g class="radar-grid">${rings}${spokes}</g>
    ${hasPrevious ? html`<polygon class="radar-previous" points="${previous.polygon ?? ''}" />` : ''}
    <polygon class="radar-current" points="${current.polygon ?? ''}" />
    <g class="radar-ring-labels" font-size="${SIZES.ringFontSize}">${ringNames}</g>
    <g class="radar-dots">${dots}</g>
    <g class="radar-labels" font-size="${SIZES.fontSize}">${labels}</g>
  </svg>`;
}
