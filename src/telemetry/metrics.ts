/**
 * A small Prometheus registry: counters and gauges with labels, rendered in
 * the text exposition format (version 0.0.4). Hot paths call `inc` on a
 * pre-bound series (`counter.labels({...})`) to avoid per-call allocation.
 */
export type Labels = Record<string, string>;

export interface Series {
  inc(by?: number): void;
  set(value: number): void;
  get(): number;
}

class SeriesImpl implements Series {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
  set(value: number): void {
    this.value = value;
  }
  get(): number {
    return this.value;
  }
}

export type MetricKind = 'counter' | 'gauge';

export class Metric {
  readonly #series = new Map<string, { labels: Labels; s: SeriesImpl }>();
  #collect?: () => void;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly kind: MetricKind,
  ) {}
  labels(labels: Labels = {}): Series {
    const key = labelKey(labels);
    let entry = this.#series.get(key);
    if (!entry) {
      entry = { labels: { ...labels }, s: new SeriesImpl() };
      this.#series.set(key, entry);
    }
    return entry.s;
  }
  inc(by = 1, labels: Labels = {}): void {
    this.labels(labels).inc(by);
  }
  set(value: number, labels: Labels = {}): void {
    this.labels(labels).set(value);
  }
  /** Drops a labelled series (e.g. when a component is removed on reload). */
  remove(labels: Labels): void {
    this.#series.delete(labelKey(labels));
  }
  /** A callback run before rendering, to refresh gauges computed on demand. */
  onCollect(fn: () => void): void {
    this.#collect = fn;
  }
  render(): string {
    this.#collect?.();
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} ${this.kind}\n`;
    for (const { labels, s } of this.#series.values()) {
      out += `${this.name}${formatLabels(labels)} ${formatValue(s.value)}\n`;
    }
    return out;
  }
}

function labelKey(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  return keys.map((k) => `${k}=${labels[k]}`).join('\u0000');
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  return '{' + keys.map((k) => `${k}="${escapeLabel(labels[k]!)}"`).join(',') + '}';
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();
  counter(name: string, help: string): Metric {
    return this.#get(name, help, 'counter');
  }
  gauge(name: string, help: string): Metric {
    return this.#get(name, help, 'gauge');
  }
  #get(name: string, help: string, kind: MetricKind): Metric {
    let m = this.#metrics.get(name);
    if (!m) {
      m = new Metric(name, help, kind);
      this.#metrics.set(name, m);
    } else if (m.kind !== kind) {
      throw new Error(`metric ${name} registered as ${m.kind}, not ${kind}`);
    }
    return m;
  }
  get(name: string): Metric | undefined {
    return this.#metrics.get(name);
  }
  render(): string {
    let out = '';
    for (const m of this.#metrics.values()) out += m.render();
    return out;
  }
}
