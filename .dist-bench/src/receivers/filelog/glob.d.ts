export type GlobSegment = {
    kind: 'literal';
    name: string;
} | {
    kind: 'pattern';
    re: RegExp;
} | {
    kind: 'globstar';
};
export interface CompiledGlob {
    /** The pattern after brace expansion. */
    source: string;
    /** Longest directory prefix without glob characters (absolute). */
    base: string;
    /** Segments after `base`. */
    segments: GlobSegment[];
    /** Matches a whole absolute path. */
    re: RegExp;
}
/** Expands `{a,b}` alternatives (nested allowed) into plain patterns. */
export declare function expandBraces(pattern: string): string[];
/** Compiles one pattern (no braces left) that must be an absolute path. */
export declare function compileGlob(pattern: string): CompiledGlob;
/** Expands braces and compiles every resulting pattern. */
export declare function compileGlobs(patterns: readonly string[]): CompiledGlob[];
export declare function matchesAny(globs: readonly CompiledGlob[], path: string): boolean;
/**
 * True when a directory at `dir` could hold a file some glob matches (so a
 * watcher must not ignore it).
 */
export declare function dirCouldMatch(globs: readonly CompiledGlob[], dir: string): boolean;
