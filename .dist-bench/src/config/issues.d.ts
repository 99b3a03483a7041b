/**
 * Config problems: every one is collected with its place (file, line, dotted
 * path) so that all of them can be reported at once.
 */
import { AgentError } from '../errors.js';
export interface ConfigIssue {
    file: string;
    /** 1-based; 0 when the problem is the file itself (unreadable). */
    line: number;
    col: number;
    /** Dotted path of the setting, e.g. `exporters.otlphttp/backup.endpoint`; '' for YAML syntax errors. */
    path: string;
    message: string;
    hint?: string;
}
/** `file:line: path: message (hint)`. */
export declare function formatIssue(i: ConfigIssue): string;
export declare class ConfigError extends AgentError {
    readonly issues: ConfigIssue[];
    constructor(issues: ConfigIssue[]);
    /** One issue per line, `file:line: path: message (hint)`. */
    format(): string;
}
/** 1-based line and column. */
export interface Pos {
    line: number;
    col: number;
}
/** Collects issues while a config is being read. */
export declare class IssueList {
    readonly file: string;
    readonly items: ConfigIssue[];
    constructor(file: string);
    add(pos: Pos, path: string, message: string, hint?: string): void;
    /** Issues ordered by place in the file (stable for equal places). */
    sorted(): ConfigIssue[];
}
