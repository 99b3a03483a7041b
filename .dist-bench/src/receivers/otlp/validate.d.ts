/**
 * Per-record validation: the checks that reject one log record while the
 * rest of its request is accepted (OTLP partial success). Everything that
 * makes the request itself unreadable (bad protobuf or JSON, nesting deeper
 * than max_nesting_depth, ids that are not hex in JSON) is a decode error
 * raised by the codecs instead, and fails the whole request.
 *
 * A record is rejected when a key occurs twice in one attribute list or
 * kvlist: in the record (its attributes, body, nested values) or in its
 * resource or scope. OTLP says keys MUST be unique; backends silently keep
 * one of the duplicates, so the stored copy could never match what was
 * sealed. (Trace and span ids of the wrong length are decode errors in the
 * codecs, as in the Collector, and fail the whole request.)
 *
 * Pure: no I/O. Allocates nothing for a valid request.
 */
import type { KeyValue, LogsData } from '../../otlp/types.js';
import type { FieldViolation } from './failures.js';
export interface ValidationResult {
    /** The request itself when nothing was rejected, else a copy holding only the accepted records. */
    accepted: LogsData;
    received: number;
    acceptedCount: number;
    rejectedCount: number;
    /** The first violations found, at most `maxReported`, one per rejected record. */
    violations: FieldViolation[];
}
export declare function validateRecords(data: LogsData, maxReported?: number): ValidationResult;
/** A description of the first duplicated key in `kvs` or in any value nested in it, or undefined. */
export declare function duplicateKeyIn(kvs: readonly KeyValue[]): string | undefined;
