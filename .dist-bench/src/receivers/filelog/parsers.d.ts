/**
 * The receiver's parser chain (pure): json, regex, timestamp and severity,
 * applied in the configured order to each record after it is read. A parser
 * that cannot handle a record leaves it as it is and reports the failure, so
 * a malformed line is still forwarded, unchanged.
 */
import type { FilelogParser } from '../../config/types.js';
import type { AnyValue, LogRecord } from '../../otlp/types.js';
export interface ParserChain {
    /** Names of the parsers, in order (for metric labels). */
    readonly names: readonly string[];
    /** Runs every parser; calls onError(index) for each that failed. */
    apply(rec: LogRecord, onError: (index: number) => void): void;
}
/** A JSON value as an OTLP AnyValue (integers as int, other numbers as double, null as empty). */
export declare function jsonToAnyValue(v: unknown, depth?: number): AnyValue;
export declare function compileParsers(parsers: readonly FilelogParser[]): ParserChain | null;
