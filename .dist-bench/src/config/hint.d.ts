/**
 * "Did you mean" suggestions: the closest known word by edit distance.
 */
/** Levenshtein distance (insert, delete, substitute each cost 1). */
export declare function editDistance(a: string, b: string): number;
/**
 * The known word closest to `word`, if it is close enough to be a plausible
 * typo: at most a third of the longer word's length (minimum 2) edits away,
 * comparing case-insensitively and treating `-` like `_`.
 */
export declare function closest(word: string, known: Iterable<string>): string | undefined;
/** `did you mean "x"?` or undefined. */
export declare function didYouMean(word: string, known: Iterable<string>): string | undefined;
