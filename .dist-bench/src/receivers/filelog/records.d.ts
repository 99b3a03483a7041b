/**
 * Turns framed byte ranges into OTLP log records and groups them into
 * batches of at most max_batch_lines (pure apart from decoding).
 */
import type { AnyValue, LogRecord } from '../../otlp/types.js';
import type { ParserChain } from './parsers.js';
import type { Encoding, RecordSink } from './scanner.js';
export declare const ATTR_FILE_NAME = "log.file.name";
export declare const ATTR_FILE_PATH = "log.file.path";
export declare const ATTR_FINGERPRINT = "log.file.fingerprint";
export declare const ATTR_OFFSET = "log.record.offset";
export declare const ATTR_LENGTH = "log.record.length";
export declare const ATTR_SPLIT = "log.record.split";
export declare const ATTR_TRUNCATED = "log.record.truncated";
/** Bytes before a batch's end kept to recognise the same content in a copy of the file. */
export declare const TAIL_BYTES = 64;
/** Per-file values shared by every record of the file (AnyValues are immutable). */
export interface FileAttrs {
    name: AnyValue;
    path: AnyValue;
    fingerprint: AnyValue;
}
export interface PendingBatch {
    records: LogRecord[];
    /** File offset just past the last record (the position to commit). */
    end: number;
    /** Up to TAIL_BYTES bytes of the file just before `end`. */
    tail: Buffer;
}
export interface BuilderOptions {
    encoding: Encoding;
    maxBatchLines: number;
    includeFileName: boolean;
    includeFilePath: boolean;
    includeProvenance: boolean;
    parsers: ParserChain | null;
    onParseError: (index: number) => void;
    onSplit: () => void;
    onTruncated: () => void;
}
export declare class BatchBuilder implements RecordSink {
    #private;
    constructor(o: BuilderOptions);
    /** Sets the file, read time and buffer the next records come from. */
    begin(attrs: FileAttrs, observedTimeUnixNano: bigint, view: Buffer, base: number): void;
    record(buf: Buffer, start: number, end: number, offset: number, next: number, flags: number): void;
    /** Closes the open batch and returns every batch built since the last call. */
    take(): PendingBatch[];
}
