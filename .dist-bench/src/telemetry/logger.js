const LEVEL_RANK = { debug: 10, info: 20, warn: 30, error: 40 };
function safeJson(value) {
    if (typeof value === 'bigint')
        return value.toString();
    if (value instanceof Error)
        return value.message;
    return value;
}
export function createLogger(opts = {}) {
    const min = LEVEL_RANK[opts.level ?? 'info'];
    const sink = opts.sink ?? { write: (line) => process.stderr.write(line) };
    const base = opts.fields ?? {};
    const emit = (level, msg, fields) => {
        if (LEVEL_RANK[level] < min)
            return;
        const obj = { ts: new Date().toISOString(), level, msg, ...base, ...fields };
        sink.write(JSON.stringify(obj, (_k, v) => safeJson(v)) + '\n');
    };
    return {
        debug: (m, f) => emit('debug', m, f),
        info: (m, f) => emit('info', m, f),
        warn: (m, f) => emit('warn', m, f),
        error: (m, f) => emit('error', m, f),
        child: (fields) => createLogger({ level: opts.level ?? 'info', sink, fields: { ...base, ...fields } }),
    };
}
/** A logger that records lines in memory, for tests. */
export function createMemoryLogger(level = 'debug') {
    const lines = [];
    const logger = createLogger({ level, sink: { write: (l) => lines.push(JSON.parse(l)) } });
    return Object.assign(logger, { lines });
}
export const NOOP_LOGGER = {
    debug() { },
    info() { },
    warn() { },
    error() { },
    child() {
        return NOOP_LOGGER;
    },
};
//# sourceMappingURL=logger.js.map