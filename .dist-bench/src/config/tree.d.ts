import { type EnvLookup } from './env.js';
import type { IssueList, Pos } from './issues.js';
export type ScalarValue = string | number | boolean | null;
export interface MapNode {
    kind: 'map';
    pos: Pos;
    entries: Map<string, MapEntry>;
}
export interface MapEntry {
    key: string;
    keyPos: Pos;
    value: PNode;
}
export interface SeqNode {
    kind: 'seq';
    pos: Pos;
    items: PNode[];
}
export interface ScalarNode {
    kind: 'scalar';
    pos: Pos;
    value: ScalarValue;
    /** Set when the value could not be expanded (already reported): readers skip it silently. */
    invalid?: true;
}
export type PNode = MapNode | SeqNode | ScalarNode;
/**
 * Parses YAML text into a tree. Returns undefined when the text has no
 * document at all or YAML syntax errors made it unusable (the issues say why).
 */
export declare function buildTree(text: string, issues: IssueList, env: EnvLookup): PNode | undefined;
