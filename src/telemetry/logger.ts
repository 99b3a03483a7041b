/**
 * Structured JSON logs on stderr (one object per line). Components receive a
 * Logger; none calls console.* directly. Secrets must never be passed in.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (e.g. { component: 'exporter/otlphttp' }). */
  child(fields: LogFields): Logger;
}

export interface LogSink {
  write(line: string): void;
}

function safeJson(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return value.message;
  return value;
}

export function createLogger(opts: { level?: LogLevel; sink?: LogSink; fields?: LogFields } = {}): Logger {
  const min = LEVEL_RANK[opts.level ?? 'info'];
  const sink: LogSink = opts.sink ?? { write: (line) => process.stderr.write(line) };
  const base = opts.fields ?? {};
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (LEVEL_RANK[level] < min) return;
    const obj: LogFields = { ts: new Date().toISOString(), level, msg, ...base, ...fields };
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
export function createMemoryLogger(level: LogLevel = 'debug'): Logger & { lines: LogFields[] } {
  const lines: LogFields[] = [];
  const logger = createLogger({ level, sink: { write: (l) => lines.push(JSON.parse(l) as LogFields) } });
  return Object.assign(logger, { lines });
}

export const NOOP_LOGGER: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return NOOP_LOGGER;
  },
};
