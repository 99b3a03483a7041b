/**
 * What the status page at `/` shows: a snapshot the agent builds on demand.
 */
export interface ExporterStatus {
    id: string;
    /** Records appended to the spool and not yet acknowledged by this exporter. */
    lagRecords: number;
    /** Age in seconds of the oldest record not yet acknowledged (0 when caught up). */
    lagSeconds: number;
    /** Records acknowledged by the backend since start. */
    sent: number;
    /** Records written to dead letters since start. */
    deadLettered: number;
}
export interface PipelineStatus {
    /** `logs` or `logs/<name>`. */
    name: string;
    /** Stream id: `<agent id>/<pipeline name>`. */
    stream: string;
    receivers: string[];
    processors: string[];
    exporters: ExporterStatus[];
    spool: {
        bytes: number;
        maxBytes: number;
        fillRatio: number;
        segments: number;
    };
    /** Last `sealog.seq` written to the chain. */
    lastSeq: number;
    /** Wall-clock ms of the last seal, if one was made. */
    lastSealAtMs?: number;
    keyEpoch: number;
}
export interface StatusSnapshot {
    agentId: string;
    version: string;
    startedAtMs: number;
    pipelines: PipelineStatus[];
}
