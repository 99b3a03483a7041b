/**
 * The processor's `otlp` option: sealed frames go to an OTLP/HTTP endpoint
 * as protobuf that sealog encodes itself (src/otlp), sent with the agent's
 * HTTP client (undici, keep-alive, the same response handling as the
 * otlphttp exporter) — the records on the wire are exactly the records that
 * were chained, with no SDK transformer in between.
 */
import { promisify } from 'node:util';
import { constants as zlibConstants, gzip } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { errorMessage } from '../errors.js';
import { createDispatcher } from '../exporters/otlphttp/dispatcher.js';
import { buildHeaders } from '../exporters/otlphttp/exporter.js';
import { sendRequest } from '../exporters/otlphttp/send.js';
import { encodeLogsProto } from '../otlp/proto.js';
import type { ResourceLogs } from '../otlp/types.js';
import { notEncodable, type Attempt, type ExportTarget } from './export-target.js';

const gzipAsync = promisify(gzip);

export interface OtlpOptions {
  /** The full logs URL, e.g. `http://127.0.0.1:4318/v1/logs` (as the SDK exporters' `url`). */
  url: string;
  /** Extra request headers (e.g. authorization). */
  headers?: Record<string, string>;
  /** Request body compression (default `none`, as the SDK's OTLP exporters). */
  compression?: 'gzip' | 'none';
}

export class OtlpTarget implements ExportTarget {
  readonly #url: URL;
  readonly #headers: Record<string, string>;
  readonly #gzip: boolean;
  readonly #timeoutMs: number;
  readonly #dispatcher: Dispatcher;

  constructor(o: OtlpOptions, timeoutMs: number, connections: number) {
    let url: URL;
    try {
      url = new URL(o.url);
    } catch {
      throw new TypeError(`SealingLogRecordProcessor: otlp.url is not a URL (${String(o.url)})`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`SealingLogRecordProcessor: otlp.url must be http: or https: (got ${url.protocol})`);
    const compression = o.compression ?? 'none';
    if (compression !== 'gzip' && compression !== 'none') throw new TypeError(`SealingLogRecordProcessor: otlp.compression must be 'gzip' or 'none' (got ${String(compression)})`);
    try {
      this.#headers = buildHeaders({ id: 'sdk', headers: o.headers ?? {}, encoding: 'proto', compression });
    } catch (err) {
      throw new TypeError(`SealingLogRecordProcessor: otlp.headers: ${errorMessage(err)}`);
    }
    this.#url = url;
    this.#gzip = compression === 'gzip';
    this.#timeoutMs = timeoutMs;
    this.#dispatcher = createDispatcher({ tls: { rejectUnauthorized: true }, connections, timeoutMs });
  }

  async send(frames: readonly ResourceLogs[], signal: AbortSignal): Promise<Attempt> {
    let body: Uint8Array;
    try {
      const raw = encodeLogsProto({ resourceLogs: frames as ResourceLogs[] });
      body = this.#gzip ? await gzipAsync(raw, { level: zlibConstants.Z_BEST_SPEED }) : raw;
    } catch (err) {
      return notEncodable(err);
    }
    const out = await sendRequest(this.#dispatcher, { url: this.#url, body, headers: this.#headers, encoding: 'proto', timeoutMs: this.#timeoutMs, signal });
    switch (out.kind) {
      case 'ok':
        // The records were delivered; those a backend then rejects are its decision: declared as loss, not retried.
        if (out.partial !== undefined) return { ok: true, partial: { status: out.status, ...out.partial } };
        return out.note !== undefined ? { ok: true, warning: out.note } : { ok: true };
      case 'retryable':
        return { ok: false, error: describe(out.status, out.message), ...(out.retryAfterMs !== undefined ? { retryAfterMs: out.retryAfterMs } : {}) };
      case 'permanent':
        return { ok: false, permanent: true, error: describe(out.status, out.message) };
      case 'aborted':
        return { ok: false, error: 'aborted by shutdown' };
    }
  }

  shutdown(): Promise<void> {
    return this.#dispatcher.close();
  }
}

function describe(status: number, message: string): string {
  return status > 0 ? `HTTP ${status}: ${message}` : message;
}
