export interface LineBytes {
    /** The line's bytes, without the newline (valid until the next line is requested). */
    bytes: Uint8Array;
    line: number;
}
export interface Line {
    text: string;
    line: number;
}
export declare function readLineBytes(path: string, onBytes?: (n: number) => void): AsyncGenerator<LineBytes>;
/** The same lines as text (decoded leniently: an invalid UTF-8 sequence becomes U+FFFD). */
export declare function readLines(path: string, onBytes?: (n: number) => void): AsyncGenerator<Line>;
/** A line's text as the checker reads it: UTF-8, an invalid sequence becoming U+FFFD. */
export declare function lineText(bytes: Uint8Array): string;
