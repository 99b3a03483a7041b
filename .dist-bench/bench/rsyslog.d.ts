import { type BenchContext, type RunMetrics } from './scenarios/types.js';
/** The rsyslogd path, or why the peer cannot run (a message to print). */
export declare function locateRsyslogd(log: (s: string) => void): Promise<{
    path: string;
} | {
    skip: string;
}>;
/** rsyslogd's version line, e.g. "rsyslogd  8.2302.0 (aka 2023.02) ...". */
export declare function rsyslogVersion(path: string): Promise<string>;
/**
 * A private rsyslog config: imfile (inotify) on the input, everything
 * forwarded over plain TCP in rsyslog's default forwarding format, with the
 * default in-memory queues; no input sockets, state files in `work`.
 */
export declare function rsyslogConf(input: string, work: string, port: number): string;
export declare function runRsyslog(ctx: BenchContext, rsyslogd: string): Promise<RunMetrics>;
