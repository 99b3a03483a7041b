/**
 * The receiver's use of the OTLP codecs: decoding a request body in either
 * wire format, encoding replies, and turning a decode failure into a Failure.
 */
import { errorMessage } from '../../errors.js';
import { DecodeError } from '../../otlp/decode-error.js';
import { decodeLogsJson, encodeExportResponseJson } from '../../otlp/json.js';
import { decodeLogsProto, encodeExportResponseProto } from '../../otlp/proto.js';
import { encodeStatusJson, encodeStatusProto } from '../../otlp/status.js';
import { failures } from './failures.js';
/** Decodes an (already decompressed) ExportLogsServiceRequest; never throws. */
export function decodeRequest(format, body, maxDepth) {
    if (body.length === 0)
        return { ok: true, data: { resourceLogs: [] } };
    try {
        const data = format === 'proto' ? decodeLogsProto(body, { maxDepth }) : decodeLogsJson(body, { maxDepth });
        return { ok: true, data };
    }
    catch (err) {
        return { ok: false, failure: decodeFailure(format, err) };
    }
}
export function decodeFailure(format, err) {
    if (err instanceof DecodeError)
        return failures.undecodable(format, err.path, err.detail);
    // Anything else thrown while decoding hostile bytes (e.g. a RangeError) is still bad input.
    return failures.undecodable(format, '', errorMessage(err));
}
export function encodeResponse(format, response) {
    return format === 'proto' ? encodeExportResponseProto(response) : Buffer.from(encodeExportResponseJson(response), 'utf8');
}
export function statusOf(failure) {
    const status = { code: failure.grpcCode, message: failure.message };
    if (failure.retryAfterMs !== undefined)
        status.retryDelayMs = failure.retryAfterMs;
    if (failure.badRequest !== undefined)
        status.badRequest = failure.badRequest;
    return status;
}
export function encodeFailure(format, failure) {
    const status = statusOf(failure);
    return format === 'proto' ? encodeStatusProto(status) : Buffer.from(encodeStatusJson(status), 'utf8');
}
//# sourceMappingURL=codec.js.map