/**
 * `${env:VAR}` and `${env:VAR:-default}` expansion inside scalar values.
 * `$${` writes a literal `${`. Any other `${...}` is an error, so a typo such
 * as `${ENV:X}` or `${X}` never reaches a component unexpanded.
 */
export type EnvLookup = Record<string, string | undefined>;
export type ExpandResult = {
    ok: true;
    value: string; /** the whole input was one reference */
    whole: boolean;
} | {
    ok: false;
    message: string;
    hint?: string;
};
/**
 * Expands references in `input`. An unset or empty variable takes its
 * `:-default` (as in the shell); an unset variable without a default is an
 * error, an empty one without a default expands to nothing.
 */
export declare function expandEnv(input: string, env: EnvLookup): ExpandResult;
