/** Plain-text tables and number formatting for the bench's output. */
export declare function fmtInt(x: number | undefined): string;
export declare function fmt(x: number | undefined, digits?: number): string;
/** Whole numbers from 100 up, three significant digits below (3.41, 0.052). */
export declare function fmtValue(x: number): string;
/** 1234567 -> "1.23M", 153000 -> "153k". */
export declare function fmtShort(x: number | undefined): string;
/** Left-aligns the first column and right-aligns the rest. */
export declare function table(headers: string[], rows: string[][]): string;
