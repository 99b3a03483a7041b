/**
 * The file exporter: OTLP JSON lines exactly like the OpenTelemetry
 * Collector's file exporter (one ExportLogsServiceRequest per line, one line
 * per batch), appended to `path` and never truncated.
 *
 * Delivery: a batch is acknowledged on the spool only after its line has
 * been written to the file (write(2) returned; the data is in the OS page
 * cache and survives a crash of the agent). The file is fsynced at rotation,
 * at drain and at shutdown. A crash after the write but before the ack
 * writes the batch again after restart (at-least-once; identical duplicates
 * are not a finding for `sealog verify`).
 */
import type { FileExporterConfig } from '../../config/types.js';
import type { Exporter, ExporterDeps } from '../types.js';
export declare class FileExporter implements Exporter {
    #private;
    readonly id: string;
    constructor(cfg: FileExporterConfig, deps: ExporterDeps);
    start(): Promise<void>;
    drain(timeoutMs: number): Promise<boolean>;
    shutdown(): Promise<void>;
}
