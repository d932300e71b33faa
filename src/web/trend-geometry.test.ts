import { describe, expect, it } from 'vitest';
import { levelScale, linePath, seriesPoints, spaceTicks, timeScale, timeTicks } from './trend-geometry.js';

const area = { left: 10, top: 20, width: 100, height: 60 };

describe('timeScale', () => {
  it('spreads instants across the area, oldest on the left', () => {
    const x = timeScale([1000, 3000, 2000], area);
    expect([x(1000), x(2000), x(3000)]).toEqual([10, 60, 110]);
  });

  it('puts a single instant in the middle', () => {
    expect(timeScale([5000], area)(5000)).toBe(60);
    expect(timeScale([5000, 5000], area)(5000)).toBe(60);
    expect(timeScale([], area)(0)).toBe(60);
  });
});

describe('levelScale', () => {
  it('puts the first level at the bottom and the last at the top', () => {
    const y = levelScale(4, area);
    expect([y(0), y(1), y(3)]).toEqual([80, 60, 20]);
  });

  it('centres a one-level scale', () => {
    expect(levelScale(1, area)(0)).toBe(50);
  });
});

describe('seriesPoints and linePath', () => {
  it('draws a line through the values and lifts the pen over gaps', () => {
    const times = [0, 1, 2, 3, 4];
    const x = (t: number) => t * 10;
    const y = (s: number) => 100 - s * 10;
    const points = seriesPoints(times, { id: 'd', values: [0, 1, null, 2, 3] }, x, y);
    expect(points[2]).toBeNull();
    expect(linePath(points)).toBe('M0 100 L10 90 M30 80 L40 70');
  });

  it('treats missing values as gaps and draws nothing for an empty series', () => {
    expect(
      linePath(
        seriesPoints(
          [0, 1],
          { id: 'x', values: [] },
          (t) => t,
          (s) => s,
        ),
      ),
    ).toBe('');
    expect(linePath([null, { x: 1, y: 2 }, null])).toBe('M1 2');
  });
});

describe('timeTicks', () => {
  it('labels every entry when they fit, once each, in order', () => {
    expect(timeTicks([3, 1, 2, 2])).toEqual([1, 2, 3]);
  });

  it('spreads the labels and keeps the first and last when there are many', () => {
    const times = Array.from({ length: 20 }, (_, i) => i);
    const ticks = timeTicks(times, 5);
    expect(ticks).toHaveLength(5);
    expect(ticks[0]).toBe(0);
    expect(ticks[4]).toBe(19);
  });
});

describe('spaceTicks', () => {
  const x = (t: number) => t;

  it('drops labels that would overlap, keeping the first and the last', () => {
    expect(spaceTicks([0, 10, 100, 105, 200, 210], x, 50)).toEqual([0, 100, 210]);
  });

  it('keeps everything that fits', () => {
    expect(spaceTicks([0, 60, 120], x, 50)).toEqual([0, 60, 120]);
  });

  it('keeps only the first when the last would collide with it', () => {
    expect(spaceTicks([0, 10], x, 50)).toEqual([0]);
    expect(spaceTicks([], x, 50)).toEqual([]);
  });
});
