/**
 * Every way a request can fail, described once for both transports: the
 * gRPC status code, the HTTP status the OTLP/HTTP mapping gives it, the
 * message, and the optional Retry-After / RetryInfo and BadRequest details.
 * Pure: no I/O.
 */
/** gRPC status codes used by the receiver (values from grpc/status.proto). */
export const GrpcCode = {
    OK: 0,
    CANCELLED: 1,
    UNKNOWN: 2,
    INVALID_ARGUMENT: 3,
    DEADLINE_EXCEEDED: 4,
    NOT_FOUND: 5,
    PERMISSION_DENIED: 7,
    RESOURCE_EXHAUSTED: 8,
    UNIMPLEMENTED: 12,
    INTERNAL: 13,
    UNAVAILABLE: 14,
    UNAUTHENTICATED: 16,
};
const CODE_NAMES = Object.fromEntries(Object.entries(GrpcCode).map(([name, code]) => [code, name]));
export function grpcCodeName(code) {
    return CODE_NAMES[code] ?? String(code);
}
/** How long a client should wait when the spool is full. */
export const SPOOL_FULL_RETRY_MS = 2000;
/** How long a client should wait when the receiver is at its concurrency limit or stopping. */
export const BUSY_RETRY_MS = 1000;
export const failures = {
    notFound(path) {
        return {
            httpStatus: 404,
            grpcCode: GrpcCode.NOT_FOUND,
            message: `no OTLP endpoint at ${truncate(path, 200)}: send logs with POST /v1/logs`,
        };
    },
    methodNotAllowed(method) {
        return {
            httpStatus: 405,
            grpcCode: GrpcCode.UNIMPLEMENTED,
            message: `method ${truncate(method, 20)} is not allowed on /v1/logs: use POST`,
        };
    },
    unauthenticated() {
        return {
            httpStatus: 401,
            grpcCode: GrpcCode.UNAUTHENTICATED,
            message: 'missing or wrong bearer token: send "Authorization: Bearer <token>" with the token configured in auth.bearer_token',
        };
    },
    unsupportedMediaType(contentType) {
        const got = contentType === undefined ? 'no Content-Type' : `Content-Type "${truncate(contentType, 100)}"`;
        return {
            httpStatus: 415,
            grpcCode: GrpcCode.INVALID_ARGUMENT,
            message: `${got} is not supported: send application/x-protobuf or application/json`,
        };
    },
    unsupportedEncoding(encoding) {
        return {
            httpStatus: 400,
            grpcCode: GrpcCode.INVALID_ARGUMENT,
            message: `Content-Encoding "${truncate(encoding, 100)}" is not supported: use gzip, deflate or identity`,
        };
    },
    badContentLength(value) {
        return {
            httpStatus: 400,
            grpcCode: GrpcCode.INVALID_ARGUMENT,
            message: `Content-Length "${truncate(value, 40)}" is not a valid length`,
        };
    },
    bodyTooLarge(limit, afterDecompression) {
        const what = afterDecompression ? 'the decompressed request body' : 'the request body';
        return {
            httpStatus: 413,
            grpcCode: GrpcCode.RESOURCE_EXHAUSTED,
            message: `${what} is larger than max_request_body_size (${limit} bytes): send smaller batches`,
        };
    },
    corruptCompression(encoding, detail) {
        return {
            httpStatus: 400,
            grpcCode: GrpcCode.INVALID_ARGUMENT,
            message: `the ${encoding} request body cannot be decompressed: ${detail}`,
        };
    },
    undecodable(format, path, detail) {
        const what = format === 'proto' ? 'protobuf ExportLogsServiceRequest' : 'OTLP/JSON ExportLogsServiceRequest';
        return {
            httpStatus: 400,
            grpcCode: GrpcCode.INVALID_ARGUMENT,
            message: `the body is not a valid ${what}: ${path === '' ? '' : path + ': '}${detail}`,
            badRequest: [{ field: path, description: detail }],
        };
    },
    allRecordsInvalid(count, violations) {
        return {
            httpStatus: 400,
            grpcCode: GrpcCode.INVALID_ARGUMENT,
            message: `all ${count} log records are invalid: ${describe(violations, count)}`,
            badRequest: violations,
        };
    },
    busy(limit) {
        return {
            httpStatus: 503,
            grpcCode: GrpcCode.UNAVAILABLE,
            message: `the receiver is handling its limit of ${limit} concurrent requests: retry later`,
            retryAfterMs: BUSY_RETRY_MS,
        };
    },
    spoolFull() {
        return {
            httpStatus: 503,
            grpcCode: GrpcCode.UNAVAILABLE,
            message: 'the spool is full (exporters are behind): nothing was taken, retry later',
            retryAfterMs: SPOOL_FULL_RETRY_MS,
        };
    },
    pipelineFailed(detail) {
        return {
            httpStatus: 503,
            grpcCode: GrpcCode.UNAVAILABLE,
            message: `the records could not be stored: ${detail}; nothing was acknowledged, retry later`,
        };
    },
    shuttingDown() {
        return {
            httpStatus: 503,
            grpcCode: GrpcCode.UNAVAILABLE,
            message: 'the receiver is shutting down: retry against another instance or later',
            retryAfterMs: BUSY_RETRY_MS,
        };
    },
};
/** `Retry-After` header value: whole seconds, at least 1. */
export function retryAfterSeconds(ms) {
    return String(Math.max(1, Math.ceil(ms / 1000)));
}
/** One-line summary of the first few violations, e.g. `a: x; b: y (and 3 more)`. */
export function describe(violations, total = violations.length, maxShown = 5) {
    const shown = violations.slice(0, maxShown);
    const text = shown.map((v) => `${v.field}: ${v.description}`).join('; ');
    const more = total - shown.length;
    return more > 0 ? `${text} (and ${more} more)` : text;
}
function truncate(s, max) {
    return s.length <= max ? s : s.slice(0, max) + '…';
}
//# sourceMappingURL=failures.js.map