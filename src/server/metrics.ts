/*
 * A small Prometheus registry: counters and histograms with labels, rendered
 * in the text exposition format 0.0.4. Enough for a self-hosted server's
 * /metrics, without a dependency.
 */

/** Label values by label name. */
export type Labels = Readonly<Record<string, string>>;

/** The content type of the text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Latency buckets (seconds) for HTTP requests: a few milliseconds to ten seconds. */
export const HTTP_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Latency buckets (seconds) for database queries, which are mostly well under a millisecond on SQLite. */
export const DB_BUCKETS: readonly number[] = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1];

interface Metric {
  readonly name: string;
  render(): string[];
}

abstract class LabelledMetric<S> implements Metric {
  protected readonly series = new Map<string, { labels: Labels; state: S }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`invalid metric name "${name}"`);
    for (const label of labelNames) {
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label) || label.startsWith('__') || label === 'le') {
        throw new Error(`invalid label name "${label}" for metric "${name}"`);
      }
    }
  }

  protected stateFor(labels: Labels, create: () => S): S {
    const missing = this.labelNames.filter((l) => labels[l] === undefined);
    const unknown = Object.keys(labels).filter((l) => !this.labelNames.includes(l));
    if (missing.length > 0 || unknown.length > 0) {
      throw new Error(`metric "${this.name}" takes labels ${this.labelNames.join(', ')}`);
    }
    const key = this.labelNames.map((l) => labels[l]).join('\u0000');
    let entry = this.series.get(key);
    if (entry === undefined) {
      entry = { labels: Object.fromEntries(this.labelNames.map((l) => [l, labels[l] ?? ''])), state: create() };
      this.series.set(key, entry);
    }
    return entry.state;
  }

  protected header(type: 'counter' | 'histogram'): string[] {
    return [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${type}`];
  }

  abstract render(): string[];
}

/** A value that only goes up: requests served, errors seen. */
export class Counter extends LabelledMetric<{ value: number }> {
  /** Adds `value` (default 1) to the series with these labels. */
  inc(labels: Labels = {}, value = 1): void {
    if (!(value >= 0)) throw new Error(`counter "${this.name}" cannot go down (got ${value})`);
    this.stateFor(labels, () => ({ value: 0 })).value += value;
  }

  /** The current value of one series; 0 when it was never incremented. */
  get(labels: Labels = {}): number {
    const key = this.labelNames.map((l) => labels[l]).join('\u0000');
    return this.series.get(key)?.state.value ?? 0;
  }

  render(): string[] {
    const lines = this.header('counter');
    for (const { labels, state } of this.series.values()) {
      lines.push(`${this.name}${formatLabels(labels)} ${formatNumber(state.value)}`);
    }
    return lines;
  }
}

/** Observations counted into cumulative buckets, with their sum: latencies. */
export class Histogram extends LabelledMetric<{ counts: number[]; sum: number; count: number }> {
  readonly buckets: readonly number[];
  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]) {
    super(name, help, labelNames);
    const sorted = [...buckets].sort((a, b) => a - b);
    if (sorted.length === 0 || sorted.some((b, i) => !Number.isFinite(b) || b === sorted[i - 1])) {
      throw new Error(`histogram "${name}" needs distinct, finite buckets`);
    }
    this.buckets = sorted;
  }

  /** Records one observation (seconds, for latencies). */
  observe(labels: Labels, value: number): void {
    const state = this.stateFor(labels, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((bound, i) => {
      if (value <= bound) state.counts[i] = (state.counts[i] ?? 0) + 1;
    });
    state.sum += value;
    state.count += 1;
  }

  render(): string[] {
    const lines = this.header('histogram');
    for (const { labels, state } of this.series.values()) {
      this.buckets.forEach((bound, i) => {
        lines.push(
          `${this.name}_bucket${formatLabels({ ...labels, le: formatNumber(bound) })} ${state.counts[i] ?? 0}`,
        );
      });
      lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${state.count}`);
      lines.push(`${this.name}_sum${formatLabels(labels)} ${formatNumber(state.sum)}`);
      lines.push(`${this.name}_count${formatLabels(labels)} ${state.count}`);
    }
    return lines;
  }
}

/** The metrics of one server, in registration order. */
export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();

  /** Registers a counter; a second metric with the same name is a programming error. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.#add(new Counter(name, help, labelNames));
  }

  /** Registers a histogram with the given bucket upper bounds. */
  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Histogram {
    return this.#add(new Histogram(name, help, labelNames, buckets));
  }

  /** Every metric in the text exposition format 0.0.4, ending with a newline. */
  render(): string {
    const lines = [...this.#metrics.values()].flatMap((m) => m.render());
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }

  #add<M extends Metric>(metric: M): M {
    if (this.#metrics.has(metric.name)) throw new Error(`metric "${metric.name}" is registered twice`);
    this.#metrics.set(metric.name, metric);
    return metric;
  }
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Go's float formatting as Prometheus reads it: +Inf, -Inf, NaN, else the shortest decimal. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
