/**
 * Structured JSON logs on stderr (one object per line). Components receive a
 * Logger; none calls console.* directly. Secrets must never be passed in.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
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
export declare function createLogger(opts?: {
    level?: LogLevel;
    sink?: LogSink;
    fields?: LogFields;
}): Logger;
/** A logger that records lines in memory, for tests. */
export declare function createMemoryLogger(level?: LogLevel): Logger & {
    lines: LogFields[];
};
export declare const NOOP_LOGGER: Logger;
