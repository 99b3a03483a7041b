export type TimestampParse = (value: string) => bigint | undefined;
/** Compiles a layout once; the returned function parses one value. */
export declare function compileTimestampLayout(layout: string): TimestampParse;
