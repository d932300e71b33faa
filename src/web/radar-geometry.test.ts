import { describe, expect, it } from 'vitest';
import { closedPath, layoutRadar, stepRadius, wrapLabel, type RadarAxisInput } from './radar-geometry.js';

const axis = (id: string, value: number | null, target: number | null = 2): RadarAxisInput => ({
  id,
  label: id,
  value,
  target,
});

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

describe('stepRadius', () => {
  it('puts the first level on the first ring and the last on the outer one', () => {
    expect(stepRadius(0, 4, 100)).toBe(25);
    expect(stepRadius(3, 4, 100)).toBe(100);
    expect(stepRadius(9, 4, 100)).toBe(100);
    expect(stepRadius(0, 0, 100)).toBe(0);
  });
});

describe('closedPath', () => {
  it('draws through every point and closes', () => {
    expect(
      closedPath([
        { x: 0, y: -1 },
        { x: 1, y: 0 },
      ]),
    ).toBe('M0 -1 L1 0 Z');
    expect(closedPath([])).toBe('');
  });
});

describe('layoutRadar', () => {
  it('starts at the top and goes clockwise, one axis per competency', () => {
    const layout = layoutRadar([axis('a', 3), axis('b', 3), axis('c', 3), axis('d', 3)], 4, { radius: 100 });
    expect(layout.axes.map((a) => a.end)).toEqual([
      { x: 0, y: -100 },
      { x: 100, y: 0 },
      { x: 0, y: 100 },
      { x: -100, y: 0 },
    ]);
  });

  it('anchors labels away from the chart', () => {
    const layout = layoutRadar([axis('top', 0), axis('right', 0), axis('bottom', 0), axis('left', 0)], 4);
    expect(layout.axes.map((a) => a.label.anchor)).toEqual(['middle', 'start', 'middle', 'end']);
    const [top, , bottom] = layout.axes;
    expect(top?.label.y).toBeLessThan(-150);
    expect(bottom?.label.y).toBeGreaterThan(150);
  });

  it('draws my ratings and the target, passing through the centre where nothing is observed', () => {
    const layout = layoutRadar([axis('a', 0, 1), axis('b', null, 1), axis('c', 1, null), axis('d', 1, 1)], 2, {
      radius: 100,
    });
    expect(layout.valuePath).toBe('M0 -50 L0 0 L0 100 L-100 0 Z');
    expect(layout.targetPath).toBe('M0 -100 L100 0 L0 0 L-100 0 Z');
    expect(layout.axes[1]?.value).toBeNull();
    expect(layout.axes[2]?.target).toBeNull();
  });

  it('leaves the polygons out when there is nothing to draw', () => {
    const layout = layoutRadar([axis('a', null, null), axis('b', null, null), axis('c', null, null)], 3);
    expect(layout.valuePath).toBe('');
    expect(layout.targetPath).toBe('');
  });

  it('draws one ring per level, the outermost at the full radius', () => {
    const layout = layoutRadar([axis('a', 0), axis('b', 0), axis('c', 0)], 4, { radius: 100 });
    expect(layout.rings.map((r) => r.radius)).toEqual([25, 50, 75, 100]);
    expect(layout.rings[3]?.points.split(' ')).toHaveLength(3);
  });

  it('makes room for the labels beside, above and below the chart in the viewBox', () => {
    const layout = layoutRadar([axis('top', 0), axis('right', 0), axis('bottom', 0), axis('left', 0)], 1, {
      radius: 100,
      padding: 50,
      labelGap: 10,
      lineHeight: 10,
    });
    const [x, y, width, height] = layout.viewBox.split(' ').map(Number);
    expect([x, width]).toEqual([-150, 300]);
    const [top, , bottom] = layout.axes;
    expect(y).toBeLessThanOrEqual((top?.label.y ?? 0) - 10);
    expect((y ?? 0) + (height ?? 0)).toBeGreaterThan(bottom?.label.y ?? 0);
    expect(height).toBeLessThan(300);
  });
});
