import { describe, expect, it } from 'vitest';
import { layoutRadar, plotSeries, wrapLabel, type RadarFrame } from './radar.js';

const numbers = (box: string) => box.split(' ').map(Number) as [number, number, number, number];

/** Whether a point lies inside the frame's viewBox. */
function inside(frame: RadarFrame, x: number, y: number): boolean {
  const [left, top, width, height] = numbers(frame.viewBox);
  return x >= left && x <= left + width && y >= top && y <= top + height;
}

describe('wrapLabel', () => {
  it.each([
    ['Mentoring and multiplying impact', 16, ['Mentoring and', 'multiplying', 'impact']],
    ['Time horizon', 16, ['Time horizon']],
    ['Supercalifragilistic', 5, ['Supercalifragilistic']],
    ['  spaced   out  ', 20, ['spaced out']],
    ['', 10, []],
  ])('%s at %s', (text, width, expected) => {
    expect(wrapLabel(text, width)).toEqual(expected);
  });
});

describe('layoutRadar', () => {
  it('starts at the top and goes clockwise, one axis per label', () => {
    const frame = layoutRadar(['a', 'b', 'c', 'd'], 4, { radius: 100 });
    expect(frame.axes.map((a) => a.end)).toEqual([
      { x: 0, y: -100 },
      { x: 100, y: 0 },
      { x: 0, y: 100 },
      { x: -100, y: 0 },
    ]);
  });

  it('draws one ring per step, the outermost at the full radius', () => {
    const frame = layoutRadar(['a', 'b', 'c'], 4, { radius: 100 });
    expect(frame.rings.map((r) => r.radius)).toEqual([25, 50, 75, 100]);
    expect(frame.rings[3]?.points.split(' ')).toHaveLength(3);
  });

  it('puts each ring label inside its own ring, beside the first axis, so no two overlap', () => {
    const frame = layoutRadar(['a', 'b', 'c', 'd', 'e'], 5, { radius: 150, ringFontSize: 15 });
    for (const ring of frame.rings) {
      // The baseline is below the ring line and the text's top (one font size up) stays below it too.
      expect(ring.labelAt.y).toBeGreaterThan(-ring.radius + 15);
      expect(ring.labelAt.y).toBeLessThan(-ring.radius + 30);
      expect(ring.labelAt.x).toBeGreaterThan(0);
    }
    const baselines = frame.rings.map((r) => r.labelAt.y);
    for (let i = 1; i < baselines.length; i += 1) {
      expect((baselines[i - 1] ?? 0) - (baselines[i] ?? 0)).toBeGreaterThanOrEqual(15);
    }
  });

  it('anchors labels away from the chart: above grows up, below grows down, sides face outwards', () => {
    const frame = layoutRadar(['top', 'right', 'bottom', 'left'], 4);
    expect(frame.axes.map((a) => a.label.anchor)).toEqual(['middle', 'start', 'middle', 'end']);
    const [top, , bottom] = frame.axes;
    expect(top?.label.y).toBeLessThan(-150);
    expect(bottom?.label.y).toBeGreaterThan(150);
  });

  it('makes room in the viewBox for every label, however long, and no more than it needs', () => {
    const frame = layoutRadar(['Top label', 'A rather long label on the right', 'Bottom', 'Left'], 3, {
      radius: 100,
      fontSize: 10,
      charWidth: 0.5,
      wrapAt: 12,
      padding: 0,
    });
    const [, right, bottom, left] = frame.axes;
    // The right label's longest line is 12 characters: 60 units from where it starts.
    expect(right?.label.lines).toEqual(['A rather', 'long label', 'on the right']);
    expect(inside(frame, (right?.label.x ?? 0) + 60, right?.label.y ?? 0)).toBe(true);
    expect(inside(frame, (left?.label.x ?? 0) - 20, left?.label.y ?? 0)).toBe(true);
    const lastBottomLine = (bottom?.label.y ?? 0) + ((bottom?.label.lines.length ?? 1) - 1) * 12;
    expect(inside(frame, 0, lastBottomLine)).toBe(true);
    const [, , width] = numbers(frame.viewBox);
    expect(width).toBeLessThan(2 * (100 + 14 + 60) + 1);
  });

  it('sizes the chart from its type: larger labels take more room', () => {
    const labels = ['Scope', 'Autonomy', 'Reliability', 'Craft'];
    const small = numbers(layoutRadar(labels, 3, { fontSize: 12 }).viewBox);
    const large = numbers(layoutRadar(labels, 3, { fontSize: 24 }).viewBox);
    expect(large[2]).toBeGreaterThan(small[2]);
  });
});

describe('plotSeries', () => {
  const frame = layoutRadar(['a', 'b', 'c', 'd'], 2, { radius: 100 });

  it('measures values in rings, from the centre to the outer ring, clamping the rest', () => {
    const series = plotSeries(frame, [1, 2, 0, 9]);
    expect(series.vertices).toEqual([
      { x: 0, y: -50 },
      { x: 100, y: 0 },
      { x: 0, y: 0 },
      { x: -100, y: 0 },
    ]);
    expect(series.polygon).toBe('0,-50 100,0 0,0 -100,0');
    expect(series.outline).toBe('M0 -50 L100 0 L0 0 L-100 0 Z');
    expect(series.area).toBe(series.outline);
  });

  it('leaves a gap where a value is missing: no vertex, no point at the centre, the outline broken', () => {
    const series = plotSeries(frame, [1, null, 2, 2]);
    expect(series.vertices[1]).toBeNull();
    expect(series.polygon).toBeNull();
    // One open line from c round to a, skipping b; the fill fans from the centre over the same run.
    expect(series.outline).toBe('M0 100 L-100 0 L0 -50');
    expect(series.outline).not.toContain('Z');
    expect(series.area).toBe('M0 0 L0 100 L-100 0 L0 -50 Z');
    expect(series.outline).not.toMatch(/\b0 0\b/);
  });

  it('draws separate lines for runs split by several gaps, and no line for a lone value', () => {
    const six = layoutRadar(['a', 'b', 'c', 'd', 'e', 'f'], 1, { radius: 10 });
    const series = plotSeries(six, [1, 1, null, 1, null, null]);
    expect(series.outline.match(/M/g)).toHaveLength(1);
    expect(series.outline).toBe(
      `M${series.vertices[0]?.x} ${series.vertices[0]?.y} L${series.vertices[1]?.x} ${series.vertices[1]?.y}`,
    );
    expect(series.vertices[3]).not.toBeNull();
    const two = plotSeries(six, [1, 1, null, 1, 1, null]);
    expect(two.outline.match(/M/g)).toHaveLength(2);
    expect(two.area.match(/Z/g)).toHaveLength(2);
  });

  it('draws nothing when no value is there', () => {
    const series = plotSeries(frame, [null, null, null, null]);
    expect(series).toMatchObject({ polygon: null, outline: '', area: '' });
  });
});
