/**
 * Checks of regular expressions written in the config (JavaScript syntax).
 */
/** The compile error of a regex source, or undefined when it compiles. */
export declare function regexError(source: string, flags?: string): string | undefined;
/** Names of the named capture groups in a regex source. */
export declare function namedGroups(source: string): string[];
/** Whether a (valid) regex matches the empty string, which would make it match everywhere. */
export declare function matchesEmpty(source: string, flags?: string): boolean;
