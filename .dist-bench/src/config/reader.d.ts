import type { IssueList, Pos } from './issues.js';
import type { PNode } from './tree.js';
export interface NumberBounds {
    min?: number;
    max?: number;
}
export declare class Section {
    #private;
    readonly issues: IssueList;
    readonly path: string;
    readonly pos: Pos;
    private readonly hints;
    /** True when the YAML had no value here at all (missing key or null). */
    readonly absent: boolean;
    /**
     * @param node the map (undefined or null: an empty section)
     * @param path dotted path of this map, '' for the root
     * @param pos where to report problems about the map as a whole (its key's line)
     * @param hints extra hints for well-known keys this section does not have
     */
    constructor(issues: IssueList, node: PNode | undefined, path: string, pos: Pos, hints?: Record<string, string>);
    /** Whether the YAML had this map at all (even empty). */
    get present(): boolean;
    keyPath(key: string): string;
    /** Keys in YAML order (not marked as known). */
    keys(): string[];
    /** The raw node of a key, marking the key as known. */
    node(key: string): PNode | undefined;
    /** Line of a key (or of the section when absent). */
    keyPos(key: string): Pos;
    has(key: string): boolean;
    issue(key: string, message: string, hint?: string): void;
    /** A sub-section; absent or null gives an empty section (present=false). */
    section(key: string, hints?: Record<string, string>): Section;
    /** Reports a missing required key. */
    missing(key: string, hint?: string): void;
    str(key: string): string | undefined;
    str(key: string, def: string): string;
    /** A required non-empty string. */
    reqStr(key: string, hint?: string): string | undefined;
    /** A string, number or boolean, as text (header values, match values). */
    text(key: string): string | undefined;
    bool(key: string, def: boolean): boolean;
    num(key: string, def: number, bounds?: NumberBounds): number;
    int(key: string, def: number, bounds?: NumberBounds): number;
    /** Milliseconds. `min` (ms) defaults to 1, i.e. zero is refused unless min is 0. */
    duration(key: string, defMs: number, opts?: {
        min?: number;
        minText?: string;
    }): number;
    /** Bytes. `min` defaults to 1. */
    size(key: string, def: number, opts?: {
        min?: number;
        minText?: string;
        max?: number;
        maxText?: string;
    }): number;
    oneOf<T extends string>(key: string, values: readonly T[], def: T): T;
    /** A list of non-empty strings; a single string is refused with a hint. */
    strList(key: string, def?: string[]): string[];
    /** Positions of the items of a list key (for later cross-checks). */
    itemPos(key: string, i: number): Pos;
    /** The items of a list of maps, as sections. */
    list(key: string, hints?: Record<string, string>): Section[];
    /** Every key not read by any accessor is an error, with a hint. */
    finish(): void;
}
