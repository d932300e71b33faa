import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatNumber, MetricsRegistry } from './metrics.js';

describe('the metrics registry', () => {
  it('renders counters by label set, in the text format 0.0.4', () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter('app_requests_total', 'Requests.\nAll of them.', ['method', 'status']);
    requests.inc({ method: 'GET', status: '200' });
    requests.inc({ method: 'GET', status: '200' }, 2);
    requests.inc({ method: 'POST', status: '422' });
    expect(requests.get({ method: 'GET', status: '200' })).toBe(3);
    expect(registry.render()).toBe(
      [
        '# HELP app_requests_total Requests.\\nAll of them.',
        '# TYPE app_requests_total counter',
        'app_requests_total{method="GET",status="200"} 3',
        'app_requests_total{method="POST",status="422"} 1',
        '',
      ].join('\n'),
    );
  });

  it('renders histograms with cumulative buckets, +Inf, sum and count', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('app_seconds', 'Latency.', ['route'], [0.1, 0.5, 1]);
    for (const value of [0.05, 0.1, 0.3, 2]) latency.observe({ route: '/a' }, value);
    expect(registry.render().split('\n')).toEqual([
      '# HELP app_seconds Latency.',
      '# TYPE app_seconds histogram',
      'app_seconds_bucket{route="/a",le="0.1"} 2',
      'app_seconds_bucket{route="/a",le="0.5"} 3',
      'app_seconds_bucket{route="/a",le="1"} 3',
      'app_seconds_bucket{route="/a",le="+Inf"} 4',
      'app_seconds_sum{route="/a"} 2.45',
      'app_seconds_count{route="/a"} 4',
      '',
    ]);
  });

  it('escapes label values and formats special numbers as Prometheus reads them', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect([Infinity, -Infinity, NaN, 0.25, 3].map(formatNumber)).toEqual(['+Inf', '-Inf', 'NaN', '0.25', '3']);
    const registry = new MetricsRegistry();
    registry.counter('odd_total', 'Odd.', ['path']).inc({ path: '/x"y' });
    expect(registry.render()).toContain('odd_total{path="/x\\"y"} 1');
  });

  it('refuses what would produce an invalid exposition', () => {
    const registry = new MetricsRegistry();
    registry.counter('dup_total', 'x');
    expect(() => registry.counter('dup_total', 'x')).toThrow(/twice/);
    expect(() => registry.counter('bad-name', 'x')).toThrow(/invalid metric name/);
    expect(() => registry.counter('ok_total', 'x', ['le'])).toThrow(/invalid label/);
    expect(() => registry.histogram('h', 'x', [], [])).toThrow(/buckets/);
    const counter = registry.counter('c_total', 'x', ['a']);
    expect(() => counter.inc({ b: '1' })).toThrow(/takes labels a/);
    expect(() => counter.inc({ a: '1' }, -1)).toThrow(/cannot go down/);
  });

  it('renders nothing for an empty registry, and a metric without labels plainly', () => {
    const registry = new MetricsRegistry();
    expect(registry.render()).toBe('');
    registry.counter('plain_total', 'Plain.').inc();
    expect(registry.render()).toContain('\nplain_total 1\n');
  });
});
