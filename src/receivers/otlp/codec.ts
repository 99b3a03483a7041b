/**
 * The receiver's use of the OTLP codecs: decoding a request body in either
 * wire format, encoding replies, and turning a decode failure into a Failure.
 */
import { errorMessage } from '../../errors.js';
import { DecodeError } from '../../otlp/decode-error.js';
import { decodeLogsJson, encodeExportResponseJson } from '../../otlp/json.js';
import { decodeLogsProto, encodeExportResponseProto } from '../../otlp/proto.js';
import { encodeStatusJson, encodeStatusProto, type RpcStatus } from '../../otlp/status.js';
import type { ExportLogsServiceResponse, LogsData } from '../../otlp/types.js';
import { failures, type Failure } from './failures.js';
import type { WireFormat } from './negotiate.js';

export type DecodeResult = { ok: true; data: LogsData } | { ok: false; failure: Failure };

/** Decodes an (already decompressed) ExportLogsServiceRequest; never throws. */
export function decodeRequest(format: WireFormat, body: Uint8Array, maxDepth: number, onUnrepresentableTime?: () => void): DecodeResult {
  if (body.length === 0) return { ok: true, data: { resourceLogs: [] } };
  try {
    const data = format === 'proto' ? decodeLogsProto(body, { maxDepth }) : decodeLogsJson(body, onUnrepresentableTime ? { maxDepth, onUnrepresentableTime } : { maxDepth });
    return { ok: true, data };
  } catch (err) {
    return { ok: false, failure: decodeFailure(format, err) };
  }
}

export function decodeFailure(format: WireFormat, err: unknown): Failure {
  if (err instanceof DecodeError) return failures.undecodable(format, err.path, err.detail);
  // Anything else thrown while decoding hostile bytes (e.g. a RangeError) is still bad input.
  return failures.undecodable(format, '', errorMessage(err));
}

export function encodeResponse(format: WireFormat, response: ExportLogsServiceResponse): Uint8Array {
  return format === 'proto' ? encodeExportResponseProto(response) : Buffer.from(encodeExportResponseJson(response), 'utf8');
}

export function statusOf(failure: Failure): RpcStatus {
  const status: RpcStatus = { code: failure.grpcCode, message: failure.message };
  if (failure.retryAfterMs !== undefined) status.retryDelayMs = failure.retryAfterMs;
  if (failure.badRequest !== undefined) status.badRequest = failure.badRequest;
  return status;
}

export function encodeFailure(format: WireFormat, failure: Failure): Uint8Array {
  const status = statusOf(failure);
  return format === 'proto' ? encodeStatusProto(status) : Buffer.from(encodeStatusJson(status), 'utf8');
}
