/**
 * Every way a request can fail, described once for both transports: the
 * gRPC status code, the HTTP status the OTLP/HTTP mapping gives it, the
 * message, and the optional Retry-After / RetryInfo and BadRequest details.
 * Pure: no I/O.
 */
/** gRPC status codes used by the receiver (values from grpc/status.proto). */
export declare const GrpcCode: {
    readonly OK: 0;
    readonly CANCELLED: 1;
    readonly UNKNOWN: 2;
    readonly INVALID_ARGUMENT: 3;
    readonly DEADLINE_EXCEEDED: 4;
    readonly NOT_FOUND: 5;
    readonly PERMISSION_DENIED: 7;
    readonly RESOURCE_EXHAUSTED: 8;
    readonly UNIMPLEMENTED: 12;
    readonly INTERNAL: 13;
    readonly UNAVAILABLE: 14;
    readonly UNAUTHENTICATED: 16;
};
export declare function grpcCodeName(code: number): string;
export interface FieldViolation {
    field: string;
    description: string;
}
export interface Failure {
    httpStatus: number;
    grpcCode: number;
    message: string;
    /** Sent as `Retry-After` (whole seconds, rounded up) and as RetryInfo. */
    retryAfterMs?: number;
    badRequest?: FieldViolation[];
}
/** How long a client should wait when the spool is full. */
export declare const SPOOL_FULL_RETRY_MS = 2000;
/** How long a client should wait when the receiver is at its concurrency limit or stopping. */
export declare const BUSY_RETRY_MS = 1000;
export declare const failures: {
    notFound(path: string): Failure;
    methodNotAllowed(method: string): Failure;
    unauthenticated(): Failure;
    unsupportedMediaType(contentType: string | undefined): Failure;
    unsupportedEncoding(encoding: string): Failure;
    badContentLength(value: string): Failure;
    bodyTooLarge(limit: number, afterDecompression: boolean): Failure;
    corruptCompression(encoding: string, detail: string): Failure;
    undecodable(format: "proto" | "json", path: string, detail: string): Failure;
    allRecordsInvalid(count: number, violations: FieldViolation[]): Failure;
    busy(limit: number): Failure;
    spoolFull(): Failure;
    pipelineFailed(detail: string): Failure;
    shuttingDown(): Failure;
};
/** `Retry-After` header value: whole seconds, at least 1. */
export declare function retryAfterSeconds(ms: number): string;
/** One-line summary of the first few violations, e.g. `a: x; b: y (and 3 more)`. */
export declare function describe(violations: FieldViolation[], total?: number, maxShown?: number): string;
