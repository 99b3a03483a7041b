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
export function formatIssue(i: ConfigIssue): string {
  const where = `${i.file}:${i.line}: `;
  const path = i.path === '' ? '' : `${i.path}: `;
  return `${where}${path}${i.message}${i.hint ? ` (${i.hint})` : ''}`;
}

export class ConfigError extends AgentError {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    const file = issues[0]?.file ?? 'config';
    const n = issues.length;
    super('CONFIG_INVALID', `invalid configuration ${file}: ${n} problem${n === 1 ? '' : 's'}\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
  /** One issue per line, `file:line: path: message (hint)`. */
  format(): string {
    return this.issues.map(formatIssue).join('\n');
  }
}

/** 1-based line and column. */
export interface Pos {
  line: number;
  col: number;
}

/** Collects issues while a config is being read. */
export class IssueList {
  readonly items: ConfigIssue[] = [];
  constructor(readonly file: string) {}
  add(pos: Pos, path: string, message: string, hint?: string): void {
    const issue: ConfigIssue = { file: this.file, line: pos.line, col: pos.col, path, message };
    if (hint !== undefined) issue.hint = hint;
    this.items.push(issue);
  }
  /** Issues ordered by place in the file (stable for equal places). */
  sorted(): ConfigIssue[] {
    return this.items
      .map((it, idx) => ({ it, idx }))
      .sort((a, b) => a.it.line - b.it.line || a.it.col - b.it.col || a.idx - b.idx)
      .map((x) => x.it);
  }
}
