/**
 * Ready-made redaction patterns. Each is a global regex plus, where the
 * shape alone gives too many false positives, a checksum test on the match.
 * Every pattern starts with a boundary or a look-behind so the engine only
 * tries a match at the start of a run of candidate characters (no quadratic
 * rescans of long lines).
 */
export interface RedactPattern {
    /** Metric label: the named pattern, or `patterns[<index>]` for a custom one. */
    label: string;
    re: RegExp;
    /** Extra test on a match; a match that fails it is left as is. */
    accept?: (match: string) => boolean;
    /** Text kept in front of the mask (e.g. `Bearer `), taken from capture group 1. */
    keepGroup1?: boolean;
    /** A substring every match contains: strings without it skip the regex (a cheap pre-check). */
    requires?: string;
}
/** Luhn checksum of the digits in s (separators ignored); 13-19 digits. */
export declare function luhnValid(s: string): boolean;
/** ISO 13616 check: country, check digits, mod-97 of the rearranged number equals 1. */
export declare function ibanValid(s: string): boolean;
export declare const NAMED_PATTERNS: Record<string, () => RedactPattern>;
