/**
 * Where the SDK processor sends a batch of sealed frames: one attempt, no
 * retry (the processor retries with its own backoff, gives a batch up after
 * retry.maxElapsedMs, and at once on a permanent failure).
 *
 * - SdkExporterTarget: the app's SDK LogRecordExporter, given the frames as
 *   ReadableLogRecords built by the SDK transformer's rules (convert.ts).
 * - OtlpTarget (otlp-target.ts): sealog's own OTLP/HTTP protobuf encoding of
 *   the frames, as chained.
 */
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { errorMessage } from '../errors.js';
import type { ResourceLogs } from '../otlp/types.js';
import { toReadables } from './convert.js';

export interface Attempt {
  ok: boolean;
  error?: string;
  /**
   * A failure that retrying cannot fix (a status other than 429, 502, 503
   * and 504, as classifyHttpStatus says; a batch that cannot be encoded):
   * the call is given up at once and its records declared lost.
   */
  permanent?: boolean;
  /** The server's delay hint (Retry-After), when it gave one. */
  retryAfterMs?: number;
  /** Accepted, with something the processor must say. */
  warning?: string;
  /** Accepted as a partial success: the backend said it rejected `rejected` records (maybe 0, with a message). */
  partial?: { status: number; rejected: number; message: string };
}

export interface ExportTarget {
  send(frames: readonly ResourceLogs[], signal: AbortSignal): Promise<Attempt>;
  shutdown(): Promise<void>;
}

/** A batch that could not be converted or encoded: retrying would fail the same way. */
export function notEncodable(err: unknown): Attempt {
  return { ok: false, permanent: true, error: `the batch could not be encoded: ${errorMessage(err)}` };
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

  /** One export() call; ends at its answer, at the time limit, or when `signal` aborts (shutdown), whichever is first. */
  send(frames: readonly ResourceLogs[], signal: AbortSignal): Promise<Attempt> {
    let records: ReadableLogRecord[];
    try {
      records = toReadables(frames);
    } catch (err) {
      return Promise.resolve(notEncodable(err));
    }
    const timeoutMs = this.#timeoutMs;
    return new Promise((resolve) => {
      const end = (a: Attempt): void => {
        clearTimeout(t);
        signal.removeEventListener('abort', onAbort);
        resolve(a);
      };
      const onAbort = (): void => end({ ok: false, error: 'aborted by shutdown' });
      const t = setTimeout(() => end({ ok: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        this.#exporter.export(records, (res) => end(res.code === EXPORT_SUCCESS ? { ok: true } : { ok: false, error: errorMessage(res.error ?? 'export failed') }));
      } catch (err) {
        end({ ok: false, error: errorMessage(err) });
      }
    });
  }

  shutdown(): Promise<void> {
    return this.#exporter.shutdown();
  }
}
