class SeriesImpl {
    value = 0;
    inc(by = 1) {
        this.value += by;
    }
    set(value) {
        this.value = value;
    }
    get() {
        return this.value;
    }
}
export class Metric {
    name;
    help;
    kind;
    #series = new Map();
    #collect;
    constructor(name, help, kind) {
        this.name = name;
        this.help = help;
        this.kind = kind;
    }
    labels(labels = {}) {
        const key = labelKey(labels);
        let entry = this.#series.get(key);
        if (!entry) {
            entry = { labels: { ...labels }, s: new SeriesImpl() };
            this.#series.set(key, entry);
        }
        return entry.s;
    }
    inc(by = 1, labels = {}) {
        this.labels(labels).inc(by);
    }
    set(value, labels = {}) {
        this.labels(labels).set(value);
    }
    /** Drops a labelled series (e.g. when a component is removed on reload). */
    remove(labels) {
        this.#series.delete(labelKey(labels));
    }
    /** A callback run before rendering, to refresh gauges computed on demand. */
    onCollect(fn) {
        this.#collect = fn;
    }
    render() {
        this.#collect?.();
        let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} ${this.kind}\n`;
        for (const { labels, s } of this.#series.values()) {
            out += `${this.name}${formatLabels(labels)} ${formatValue(s.value)}\n`;
        }
        return out;
    }
}
function labelKey(labels) {
    const keys = Object.keys(labels).sort();
    return keys.map((k) => `${k}=${labels[k]}`).join('\u0000');
}
function escapeLabel(v) {
    return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
function formatLabels(labels) {
    const keys = Object.keys(labels);
    if (keys.length === 0)
        return '';
    return '{' + keys.map((k) => `${k}="${escapeLabel(labels[k])}"`).join(',') + '}';
}
function formatValue(v) {
    if (Number.isNaN(v))
        return 'NaN';
    if (v === Infinity)
        return '+Inf';
    if (v === -Infinity)
        return '-Inf';
    return String(v);
}
export class MetricsRegistry {
    #metrics = new Map();
    counter(name, help) {
        return this.#get(name, help, 'counter');
    }
    gauge(name, help) {
        return this.#get(name, help, 'gauge');
    }
    #get(name, help, kind) {
        let m = this.#metrics.get(name);
        if (!m) {
            m = new Metric(name, help, kind);
            this.#metrics.set(name, m);
        }
        else if (m.kind !== kind) {
            throw new Error(`metric ${name} registered as ${m.kind}, not ${kind}`);
        }
        return m;
    }
    get(name) {
        return this.#metrics.get(name);
    }
    render() {
        let out = '';
        for (const m of this.#metrics.values())
            out += m.render();
        return out;
    }
}
//# sourceMappingURL=metrics.js.map