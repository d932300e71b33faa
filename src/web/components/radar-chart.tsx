import { useId, useSyncExternalStore } from 'react';
import { layoutRadar, plotSeries, type RadarOptions } from '../../shared/radar.js';
import { pluralise } from '../format.js';

/** One competency on the radar, with the words for its two values. */
export interface RadarChartAxis {
  id: string;
  label: string;
  /** Scale position of my rating; null when not observed. */
  value: number | null;
  /** Scale position the target asks for; null when it does not apply. */
  target: number | null;
  valueText: string;
  targetText: string;
  /** False when the rating lacks the evidence the ladder asks for it to count; true or absent otherwise. */
  supported?: boolean;
  /** Pieces of evidence the ladder asks for the rating to count at the target level. */
  evidenceNeeded?: number;
}

/** Props of RadarChart. */
export interface RadarChartProps {
  axes: readonly RadarChartAxis[];
  /** The titles of the scale's steps, lowest first: one ring each. */
  steps: readonly string[];
  /** What the target polygon stands for, such as "Senior". */
  targetName: string;
  /** A sentence for the SVG's <desc>: what the chart shows, in words. */
  description: string;
  /** Whose ratings the chart shows, as the legend names them: "Your ratings" by default. */
  ratingsName?: string;
}

/** The same breakpoint as the stylesheet's: below it the names give way to numbers and a key. */
const NARROW = '(max-width: 40rem)';

/**
 * Type sizes in SVG units. The chart is laid out for the width it is shown
 * at, so on a phone the numbers and the ring names stay at least 12 px tall
 * on screen instead of shrinking with a viewBox wide enough for the names.
 */
const WIDE: RadarOptions & { fontSize: number; ringFontSize: number } = {
  fontSize: 14,
  lineHeight: 16,
  wrapAt: 16,
  charWidth: 0.62,
  ringFontSize: 12,
};
const COMPACT: RadarOptions & { fontSize: number; ringFontSize: number } = {
  fontSize: 24,
  labelGap: 10,
  charWidth: 0.65,
  ringFontSize: 15,
};

function subscribeNarrow(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the screen is as narrow as a phone, following rotation and resizing. */
function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribeNarrow,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}

/** How an axis is named where its rating needs a word of explanation. */
function axisName(axis: RadarChartAxis): string {
  if (axis.value === null) return `${axis.label} (not observed)`;
  if (axis.supported === false) return `${axis.label} (unsupported)`;
  return axis.label;
}

/** The rating in the table, saying when it lacks the evidence it needs to count. */
function ratingText(axis: RadarChartAxis, targetName: string): string {
  if (axis.value === null || axis.supported !== false) return axis.valueText;
  const needed = axis.evidenceNeeded ?? 0;
  return needed > 0
    ? `${axis.valueText}, unsupported (needs ${pluralise(needed, 'piece of evidence', 'pieces of evidence')} to count at ${targetName})`
    : `${axis.valueText}, unsupported`;
}

/**
 * My ratings against a target level as a radar: one axis per competency, one
 * ring per level. Drawn by hand in SVG (no chart library) from the geometry
 * the static site uses too, with a title and description for assistive
 * technology and the same numbers as a table. A competency that is not
 * observed leaves a gap in my ratings (its axis dashed), because a point at
 * the centre would read as "rated lowest"; a rating without the evidence it
 * needs is a hollow dot.
 */
export function RadarChart({ axes, steps, targetName, description, ratingsName = 'Your ratings' }: RadarChartProps) {
  const id = useId();
  const narrow = useNarrow();
  const sizes = narrow ? COMPACT : WIDE;
  const frame = layoutRadar(
    axes.map((axis, i) => (narrow ? String(i + 1) : axisName(axis))),
    steps.length,
    sizes,
  );
  // The first level sits on the first ring, so a rating of the lowest level still shows.
  const mine = plotSeries(
    frame,
    axes.map((a) => (a.value === null ? null : a.value + 1)),
  );
  // Where the target does not apply it asks nothing: the centre. With no target at all (points) there is no polygon.
  const anyTarget = axes.some((a) => a.target !== null);
  const target = plotSeries(
    frame,
    axes.map((a) => (anyTarget ? (a.target === null ? 0 : a.target + 1) : null)),
  );
  const anyUnobserved = axes.some((a) => a.value === null);
  const anyUnsupported = axes.some((a) => a.value !== null && a.supported === false);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure className="chart radar" data-layout={narrow ? 'compact' : 'wide'}>
      <svg viewBox={frame.viewBox} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart__svg">
        <title id={titleId}>{`${ratingsName} against ${targetName}`}</title>
        <desc id={descId}>{description}</desc>
        <g className="radar__grid" aria-hidden="true">
          {frame.rings.map((ring) => (
            <polygon key={ring.ring} points={ring.points} className="radar__ring" />
          ))}
          {frame.axes.map((axis, i) => (
            <line
              key={axes[i]?.id ?? i}
              x1={0}
              y1={0}
              x2={axis.end.x}
              y2={axis.end.y}
              className={axes[i]?.value === null ? 'radar__axis radar__axis--unobserved' : 'radar__axis'}
              data-competency={axes[i]?.id}
            />
          ))}
        </g>
        {target.outline === '' ? null : <path d={target.outline} className="radar__target" aria-hidden="true" />}
        {mine.area === '' ? null : <path d={mine.area} className="radar__area" aria-hidden="true" />}
        {mine.outline === '' ? null : <path d={mine.outline} className="radar__value" aria-hidden="true" />}
        {/* Ring names sit beside the first axis, inside their ring, with a halo so lines crossing them do not hide them; the dots stay on top. */}
        <g aria-hidden="true">
          {frame.rings.map((ring, i) => (
            <text
              key={ring.ring}
              x={ring.labelAt.x}
              y={ring.labelAt.y}
              className="radar__ring-label"
              style={{ fontSize: sizes.ringFontSize }}
            >
              {steps[i]}
            </text>
          ))}
        </g>
        <g aria-hidden="true">
          {mine.vertices.map((vertex, i) => {
            const axis = axes[i];
            if (vertex === null || axis === undefined) return null;
            const unsupported = axis.supported === false;
            return (
              <circle
                key={axis.id}
                cx={vertex.x}
                cy={vertex.y}
                r={unsupported ? 5.5 : 4}
                className={unsupported ? 'radar__dot radar__dot--unsupported' : 'radar__dot'}
                data-competency={axis.id}
              />
            );
          })}
        </g>
        {/* On a phone the names would shrink to a few pixels: numbers stand in for them, with a key below. */}
        <g className={narrow ? 'radar__numbers' : 'radar__labels'} aria-hidden="true">
          {frame.axes.map((axis, i) => (
            <text
              key={axes[i]?.id ?? i}
              x={axis.label.x}
              y={axis.label.y}
              textAnchor={axis.label.anchor}
              className={narrow ? 'radar__number' : 'radar__label'}
              style={{ fontSize: sizes.fontSize }}
            >
              {axis.label.lines.map((line, lineIndex) => (
                <tspan key={lineIndex} x={axis.label.x} dy={lineIndex === 0 ? 0 : axis.label.lineHeight}>
                  {line}
                </tspan>
              ))}
            </text>
          ))}
        </g>
      </svg>
      <ol className="radar__key" aria-hidden="true">
        {axes.map((axis) => (
          <li key={axis.id}>{axisName(axis)}</li>
        ))}
      </ol>
      <figcaption className="chart__legend">
        <span className="legend-item">
          <span className="swatch swatch--value" aria-hidden="true" /> {ratingsName}
        </span>
        {anyTarget ? (
          <span className="legend-item">
            <span className="swatch swatch--target" aria-hidden="true" /> What {targetName} asks
          </span>
        ) : null}
        {anyUnobserved ? (
          <span className="legend-item">
            <span className="swatch swatch--gap" aria-hidden="true" /> Gap: not observed
          </span>
        ) : null}
        {anyUnsupported ? (
          <span className="legend-item">
            <span className="swatch swatch--unsupported" aria-hidden="true" /> Unsupported: not enough evidence to count
          </span>
        ) : null}
      </figcaption>
      <details className="disclosure chart__table">
        <summary>Show the ratings as a table</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              {ratingsName} against {targetName}
            </caption>
            <thead>
              <tr>
                <th scope="col">Competency</th>
                <th scope="col">Your rating</th>
                <th scope="col">{targetName} asks</th>
              </tr>
            </thead>
            <tbody>
              {axes.map((axis) => (
                <tr key={axis.id}>
                  <th scope="row">{axis.label}</th>
                  <td>{ratingText(axis, targetName)}</td>
                  <td>{axis.targetText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
