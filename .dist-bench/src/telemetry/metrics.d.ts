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
export type MetricKind = 'counter' | 'gauge';
export declare class Metric {
    #private;
    readonly name: string;
    readonly help: string;
    readonly kind: MetricKind;
    constructor(name: string, help: string, kind: MetricKind);
    labels(labels?: Labels): Series;
    inc(by?: number, labels?: Labels): void;
    set(value: number, labels?: Labels): void;
    /** Drops a labelled series (e.g. when a component is removed on reload). */
    remove(labels: Labels): void;
    /** A callback run before rendering, to refresh gauges computed on demand. */
    onCollect(fn: () => void): void;
    render(): string;
}
export declare class MetricsRegistry {
    #private;
    counter(name: string, help: string): Metric;
    gauge(name: string, help: string): Metric;
    get(name: string): Metric | undefined;
    render(): string;
}
