export declare const CURSOR_MAGIC = "SEALOGCU";
export declare const CURSOR_VERSION = 1;
export declare const CURSOR_PREFIX = "cursor-";
export declare const CURSOR_SUFFIX = ".cur";
export interface CursorState {
    ackedId: number;
    segmentFirstId: number;
    offset: number;
    recordsEnd: number;
    writtenAtMs: number;
}
/** File name of a reader's cursor: unsafe characters (e.g. the '/' of 'otlphttp/backup') become %XX. */
export declare function cursorFileName(reader: string): string;
/** Reader name of a cursor file name, or undefined if the name is not a cursor file's. */
export declare function parseCursorFileName(file: string): string | undefined;
export declare function encodeCursor(reader: string, s: CursorState): Uint8Array;
export type CursorDecodeResult = {
    ok: true;
    reader: string;
    state: CursorState;
} | {
    ok: false;
    reason: string;
};
export declare function decodeCursor(buf: Uint8Array): CursorDecodeResult;
