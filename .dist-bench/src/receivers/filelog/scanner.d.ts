/**
 * Record framing (pure, no I/O): finds line ends in raw bytes, groups lines
 * into multiline records, and bounds record size. It never copies the bytes
 * of ordinary records: the sink gets the buffer and a range.
 *
 * A scan always starts at the beginning of a record (or, while the rest of a
 * truncated record is being skipped, anywhere inside it) and reports how many
 * bytes it consumed; the caller keeps the unconsumed tail (a partial line, a
 * multiline record still open) and scans it again with more data, or with
 * `flush` once force_flush_period has passed without new data.
 */
export type Encoding = 'utf-8' | 'utf-16le' | 'latin1';
export declare const FLAG_SPLIT = 1;
export declare const FLAG_TRUNCATED = 2;
export interface RecordSink {
    /**
     * One record: its content (no terminator) is buf[start, end). `offset` is
     * the file offset of buf[start]; `next` is the file offset just past the
     * record (terminator included): the read position once it is delivered.
     */
    record(buf: Buffer, start: number, end: number, offset: number, next: number, flags: number): void;
}
export interface ScanOptions {
    encoding: Encoding;
    /** Max record content bytes (at least 8). */
    maxLogSize: number;
    action: 'split' | 'truncate';
    /** A line matching this starts a record (multiline). */
    lineStart?: RegExp;
    /** A line matching this ends a record (multiline). */
    lineEnd?: RegExp;
}
/** What carries over between scans of one file. */
export interface ScanState {
    /** The previous piece of the current record was cut at max_log_size. */
    splitActive: boolean;
    /** Truncate mode: the kept head of a record whose rest is being skipped. */
    kept: Buffer | null;
    keptOffset: number;
    /** The last scan consumed part of a line while skipping: the next scan starts inside that line. */
    midLine: boolean;
}
export declare function newScanState(): ScanState;
export declare function nodeEncoding(e: Encoding): BufferEncoding;
export declare class RecordScanner {
    #private;
    constructor(opts: ScanOptions);
    /** The largest unconsumed tail a scan can leave: size buffers above this. */
    get maxCarry(): number;
    /**
     * Scans view (file bytes starting at file offset `base`), emits every
     * complete record, and returns how many bytes of view are consumed. With
     * `flush`, whatever is pending is emitted too and everything is consumed.
     */
    scan(view: Buffer, base: number, flush: boolean, st: ScanState, sink: RecordSink): number;
}
