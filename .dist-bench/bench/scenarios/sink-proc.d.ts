/** Parent side of bench/sink.ts: start the sink process, wait for its count. */
import { type ChildProcess } from 'node:child_process';
import type { SinkReport } from '../sink.js';
export interface SinkOptions {
    mode: 'otlp' | 'tcp';
    /** Data records (or lines) after which the sink reports `done`; 0 = not yet known. */
    expect: number;
    latency?: boolean;
}
export declare class SinkProcess {
    readonly child: ChildProcess;
    readonly port: number;
    private doneReport;
    private readonly doneWaiters;
    private readonly statusWaiters;
    private constructor();
    static start(opts: SinkOptions): Promise<SinkProcess>;
    get url(): string;
    expect(count: number): void;
    status(): Promise<SinkReport>;
    cpuSeconds(): number;
    /**
     * Resolves with the sink's report once every expected record arrived.
     * Rejects after timeoutMs, or as soon as `watch` (the process feeding the
     * sink) exits, with what the sink had counted by then.
     */
    waitDone(timeoutMs: number, watch?: {
        child: ChildProcess;
        name: string;
        logTail?: () => string;
    }): Promise<SinkReport>;
    stop(): Promise<void>;
}
