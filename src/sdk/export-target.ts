/**
 * Where the SDK processor sends a batch of sealed frames: one attempt, no
 * retry (the processor retries with its own backoff and gives a batch up
 * after retry.maxElapsedMs without spoolDir).
 *
 * - SdkExporterTarget: the app's SDK LogRecordExporter, given the frames as
 *   ReadableLogRecords built by the SDK transformer's rules (convert.ts).
 * - OtlpTarget (otlp-target.ts): sealog's own OTLP/HTTP protobuf encoding of
 *   the frames, as chained.
 */
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import { errorMessage } from '../errors.js';
import type { ResourceLogs } from '../otlp/types.js';
import { toReadables } from './convert.js';

export interface Attempt {
  ok: boolean;
  error?: string;
  /** The server's delay hint (Retry-After), when it gave one. */
  retryAfterMs?: number;
  /** Accepted, with something the processor must say (a partial success: records the backend rejected). */
  warning?: string;
}

export interface ExportTarget {
  send(frames: readonly ResourceLogs[], signal: AbortSignal): Promise<Attempt>;
  shutdown(): Promise<void>;
}

/** The SDK's ExportResultCode.SUCCESS (stable in the exporters' contract). */
const EXPORT_SUCCESS = 0;

export class SdkExporterTarget implements ExportTarget {
  readonly #exporter: LogRecordExporter;
  readonly #timeoutMs: number;

  constructor(exporter: LogRecordExporter, timeoutMs: number) {
    this.#exporter = exporter;
    this.#timeoutMs = timeoutMs;
  }

  send(frames: readonly ResourceLogs[]): Promise<Attempt> {
    const records = toReadables(frames);
    const timeoutMs = this.#timeoutMs;
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve({ ok: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
      try {
        this.#exporter.export(records, (res) => {
          clearTimeout(t);
          resolve(res.code === EXPORT_SUCCESS ? { ok: true } : { ok: false, error: errorMessage(res.error ?? 'export failed') });
        });
      } catch (err) {
        clearTimeout(t);
        resolve({ ok: false, error: errorMessage(err) });
      }
    });
  }

  shutdown(): Promise<void> {
    return this.#exporter.shutdown();
  }
}
