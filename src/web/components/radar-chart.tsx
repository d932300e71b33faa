import { useId } from 'react';
import { layoutRadar } from '../radar-geometry.js';

/** How far beyond the outer ring the axis numbers sit, as a share of its radius. */
const NUMBER_OFFSET = 1.17;

const round1 = (n: number) => Math.round(n * 10) / 10;

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
}

/**
 * My ratings against a target level as a radar: one axis per competency, one
 * ring per level. Drawn by hand in SVG (no chart library), with a title and
 * description for assistive technology and the same numbers as a table.
 */
export function RadarChart({ axes, steps, targetName, description }: RadarChartProps) {
  const id = useId();
  const layout = layoutRadar(
    axes.map((a) => ({
      id: a.id,
      label: a.value === null ? `${a.label} (not observed)` : a.label,
      value: a.value,
      target: a.target,
    })),
    steps.length,
  );
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure className="chart radar">
      <svg viewBox={layout.viewBox} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart__svg">
        <title id={titleId}>{`Your ratings against ${targetName}`}</title>
        <desc id={descId}>{description}</desc>
        <g className="radar__grid" aria-hidden="true">
          {layout.rings.map((ring) => (
            <polygon key={ring.step} points={ring.points} className="radar__ring" />
          ))}
          {layout.axes.map((axis) => (
            <line key={axis.id} x1={0} y1={0} x2={axis.end.x} y2={axis.end.y} className="radar__axis" />
          ))}
          {layout.rings.map((ring, i) => (
            <text key={ring.step} x={4} y={-ring.radius + 12} className="radar__ring-label">
              {steps[i]}
            </text>
          ))}
        </g>
        {layout.targetPath === '' ? null : <path d={layout.targetPath} className="radar__target" aria-hidden="true" />}
        {layout.valuePath === '' ? null : <path d={layout.valuePath} className="radar__value" aria-hidden="true" />}
        <g aria-hidden="true">
          {layout.axes.map((axis) =>
            axis.value === null ? null : (
              <circle key={axis.id} cx={axis.value.x} cy={axis.value.y} r={4} className="radar__dot" />
            ),
          )}
        </g>
        <g className="radar__labels" aria-hidden="true">
          {layout.axes.map((axis) => (
            <text
              key={axis.id}
              x={axis.label.x}
              y={axis.label.y}
              textAnchor={axis.label.anchor}
              className="radar__label"
            >
              {axis.label.lines.map((line, lineIndex) => (
                <tspan key={lineIndex} x={axis.label.x} dy={lineIndex === 0 ? 0 : 15}>
                  {line}
                </tspan>
              ))}
            </text>
          ))}
        </g>
        {/* On a phone the names would shrink to a few pixels: numbers stand in for them, with a key below. */}
        <g className="radar__numbers" aria-hidden="true">
          {layout.axes.map((axis, i) => (
            <text
              key={axis.id}
              x={round1(axis.end.x * NUMBER_OFFSET)}
              y={round1(axis.end.y * NUMBER_OFFSET + 9)}
              textAnchor="middle"
              className="radar__number"
            >
              {i + 1}
            </text>
          ))}
        </g>
      </svg>
      <ol className="radar__key" aria-hidden="true">
        {axes.map((axis) => (
          <li key={axis.id}>{axis.value === null ? `${axis.label} (not observed)` : axis.label}</li>
        ))}
      </ol>
      <figcaption className="chart__legend">
        <span className="legend-item">
          <span className="swatch swatch--value" aria-hidden="true" /> Your ratings
        </span>
        <span className="legend-item">
          <span className="swatch swatch--target" aria-hidden="true" /> What {targetName} asks
        </span>
      </figcaption>
      <details className="disclosure chart__table">
        <summary>Show the ratings as a table</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Your ratings against {targetName}</caption>
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
                  <td>{axis.valueText}</td>
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
