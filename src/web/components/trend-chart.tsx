import { useId } from 'react';
import {
  levelScale,
  linePath,
  seriesPoints,
  spaceTicks,
  timeScale,
  timeTicks,
  type PlotArea,
} from '../trend-geometry.js';

/** One line of the chart. */
export interface TrendSeries {
  id: string;
  title: string;
  /** Scale position per entry; null where there is none. */
  values: ReadonlyArray<number | null>;
}

/** Props of TrendChart. */
export interface TrendChartProps {
  /** The assessments, oldest first: when each was made (ms) and how to write its date. */
  entries: ReadonlyArray<{ id: string; time: number; dateText: string; shortDateText: string }>;
  /** The titles of the scale's steps, lowest first. */
  steps: readonly string[];
  /** The demonstrated level, the chart's main line. */
  demonstrated: TrendSeries;
  /** Thin lines, one per competency shown; their position in `palette` picks the colour. */
  competencies: ReadonlyArray<TrendSeries & { colour: number }>;
  /** A sentence for the SVG's <desc>. */
  description: string;
  /** Drawn narrow, for a phone: the whole time span fits the screen, with fewer date labels. */
  compact?: boolean;
}

const HEIGHT = 320;
/** The drawing's width and plot area: wide for a desktop, narrow enough for a phone to show it whole. */
const LAYOUTS: Readonly<Record<'wide' | 'compact', { width: number; area: PlotArea }>> = {
  wide: { width: 720, area: { left: 110, top: 24, width: 720 - 110 - 32, height: HEIGHT - 24 - 56 } },
  compact: { width: 380, area: { left: 84, top: 24, width: 380 - 84 - 36, height: HEIGHT - 24 - 56 } },
};

/**
 * Levels over time as an SVG line chart drawn by hand: the demonstrated level
 * as a bold line, chosen competencies as thin ones. Gaps in a line are
 * assessments without a value (nothing demonstrated, not observed).
 */
export function TrendChart({ entries, steps, demonstrated, competencies, description, compact }: TrendChartProps) {
  const id = useId();
  const { width: WIDTH, area: AREA } = LAYOUTS[compact === true ? 'compact' : 'wide'];
  const times = entries.map((e) => e.time);
  const x = timeScale(times, AREA);
  const y = levelScale(steps.length, AREA);
  // A date label is about 85 units wide at this size; closer ones would overlap.
  const ticks = spaceTicks(timeTicks(times, 6), x, 95);
  const demonstratedPoints = seriesPoints(times, demonstrated, x, y);
  return (
    <figure className="chart trend">
      {/* Compact on a phone, so the latest assessments are on the screen without scrolling sideways. */}
      <div className="chart__scroll" role="region" aria-label="Levels over time, scrollable" tabIndex={0}>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          className="chart__svg"
        >
          <title id={`${id}-title`}>Your levels over time</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <g className="trend__grid" aria-hidden="true">
            {steps.map((title, step) => (
              <g key={title}>
                <line
                  x1={AREA.left}
                  x2={AREA.left + AREA.width}
                  y1={y(step)}
                  y2={y(step)}
                  className="trend__gridline"
                />
                <text x={AREA.left - 10} y={y(step) + 4} textAnchor="end" className="trend__axis-label">
                  {title}
                </text>
              </g>
            ))}
            {ticks.map((time) => {
              const entry = entries.find((e) => e.time === time);
              return (
                <text
                  key={time}
                  x={x(time)}
                  y={AREA.top + AREA.height + 28}
                  textAnchor="middle"
                  className="trend__axis-label"
                >
                  {entry?.shortDateText}
                </text>
              );
            })}
          </g>
          <g aria-hidden="true">
            {competencies.map((series) => {
              const points = seriesPoints(times, series, x, y);
              return (
                <g key={series.id} className={`trend__series series-${series.colour % 12}`}>
                  <path d={linePath(points)} className="trend__line trend__line--thin" />
                  {points.map((point, i) =>
                    point === null ? null : <circle key={i} cx={point.x} cy={point.y} r={3} className="trend__dot" />,
                  )}
                </g>
              );
            })}
            <g className="trend__series trend__series--main">
              <path d={linePath(demonstratedPoints)} className="trend__line" />
              {demonstratedPoints.map((point, i) =>
                point === null ? null : (
                  <circle key={entries[i]?.id ?? i} cx={point.x} cy={point.y} r={5} className="trend__dot">
                    <title>{`${entries[i]?.dateText ?? ''}: ${steps[demonstrated.values[i] ?? 0] ?? ''}`}</title>
                  </circle>
                ),
              )}
            </g>
          </g>
        </svg>
      </div>
    </figure>
  );
}
