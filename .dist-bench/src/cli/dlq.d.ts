import type { Command } from 'commander';
export interface DlqIo {
    out(line: string): void;
    err(line: string): void;
}
export interface DlqListOptions {
    dir: string;
    json?: boolean;
}
export interface DlqReplayOptions {
    dir: string;
    exporter: string;
    endpoint: string;
    /** `name=value` pairs. */
    header?: string[];
    delete?: boolean;
    /** Per-request timeout (default 30 s). */
    timeoutMs?: number;
}
export declare function runDlqList(opts: DlqListOptions, io?: DlqIo): Promise<number>;
export declare function runDlqReplay(opts: DlqReplayOptions, io?: DlqIo): Promise<number>;
/** Adds `dlq list` and `dlq replay` under the `spool` command. */
export declare function registerDlqCommands(spoolCommand: Command): void;
