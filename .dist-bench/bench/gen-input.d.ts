/** Bytes per line, the trailing newline included. */
export declare const LINE_BYTES = 200;
/** Line i without its newline: exactly LINE_BYTES - 1 ASCII characters. */
export declare function makeLine(i: number): string;
/** Prefix that carries the append time for the latency scenario. */
export declare const STAMP_PREFIX = "t=";
/**
 * Line i with its append time (epoch milliseconds, fractional) at the front:
 * `t=1764151200123.456 <line i>`, cut to the same LINE_BYTES - 1 characters.
 */
export declare function makeStampedLine(i: number, epochMs: number): string;
/** Parses the time written by makeStampedLine, or returns NaN. */
export declare function parseStamp(body: string): number;
/** Lines [from, to) joined with newlines, ready to write. */
export declare function makeChunk(from: number, to: number): string;
/** Writes `lines` lines to `path` (truncating it); returns the bytes written. */
export declare function writeInputFile(path: string, lines: number): number;
