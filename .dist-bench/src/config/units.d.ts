export type UnitResult = {
    ok: true;
    value: number;
} | {
    ok: false;
    message: string;
    hint?: string;
};
/**
 * A Go-style duration: one or more `<number><unit>` parts with units ns, us,
 * µs, ms, s, m, h (e.g. `1h30m`, `1.5s`). The literal `0` is accepted as zero.
 * A plain number is rejected because its unit would be a guess.
 */
export declare function tryParseDuration(input: string | number): UnitResult;
/**
 * A size: a plain non-negative integer (bytes) or `<number><unit>` with units
 * B, KB, MB, GB, TB (powers of 1000) and KiB, MiB, GiB, TiB (powers of 1024),
 * case-insensitive; fractions are rounded down to whole bytes.
 */
export declare function tryParseSize(input: string | number): UnitResult;
/** Milliseconds of a duration string; throws AgentError CONFIG_INVALID. */
export declare function parseDuration(s: string): number;
/** Bytes of a size string; throws AgentError CONFIG_INVALID. */
export declare function parseSize(s: string): number;
/** `1500` -> `1.5s`, for messages. */
export declare function formatDuration(ms: number): string;
/** `67108864` -> `64MiB`, for messages. */
export declare function formatSize(bytes: number): string;
