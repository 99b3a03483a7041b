export declare function fail(name: string, detail: string): never;
/** A short description of a JSON value for error messages. */
export declare function describe(v: unknown): string;
/** uint64 / fixed64: a decimal string, or a JSON number that is an exact non-negative integer. */
export declare function readUint64(v: unknown, name: string): bigint;
/** int64: a decimal string, or a JSON number that is an exact integer. */
export declare function readInt64(v: unknown, name: string): bigint;
/** uint32 / fixed32: a number, or a decimal string. */
export declare function readUint32(v: unknown, name: string): number;
/** int32: a number, or a decimal string. */
export declare function readInt32(v: unknown, name: string): number;
/** The proto enum name of a SeverityNumber (`SEVERITY_NUMBER_INFO2`), or undefined outside 0..24. */
export declare function severityEnumName(n: number): string | undefined;
/** SeverityNumber: an integer (kept as received) or a proto enum name such as `SEVERITY_NUMBER_INFO2`. */
export declare function readSeverity(v: unknown, name: string): number;
/** double: a number, "NaN", "Infinity", "-Infinity" (also Go's "+Inf"/"-Inf"/"Inf"), or a decimal string. */
export declare function readDouble(v: unknown, name: string): number;
export declare function readString(v: unknown, name: string): string;
export declare function readBool(v: unknown, name: string): boolean;
export declare function readObject(v: unknown, name: string): Record<string, unknown>;
export declare function readArray(v: unknown, name: string): unknown[];
/** Replaces lone UTF-16 surrogates with U+FFFD, as the UTF-8 encoders do. */
export declare function toWellFormed(s: string): string;
/**
 * A JSON string literal the way the Collector's writer (jsoniter, no HTML
 * escaping) makes one: only `"`, `\` and control characters are escaped,
 * `\n` `\r` `\t` by name and the rest as `\u00XX`; U+2028/9 stay raw. Lone
 * surrogates become U+FFFD, matching the UTF-8 (protobuf) encoding.
 */
export declare function jsonString(s: string): string;
/** A double as the Collector writes it: shortest round-trip digits, Go-style exponents (`1e-07`), `-0`, and "NaN"/"Infinity"/"-Infinity" strings. */
export declare function jsonDouble(x: number): string;
