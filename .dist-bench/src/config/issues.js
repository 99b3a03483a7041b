/**
 * Config problems: every one is collected with its place (file, line, dotted
 * path) so that all of them can be reported at once.
 */
import { AgentError } from '../errors.js';
/** `file:line: path: message (hint)`. */
export function formatIssue(i) {
    const where = `${i.file}:${i.line}: `;
    const path = i.path === '' ? '' : `${i.path}: `;
    return `${where}${path}${i.message}${i.hint ? ` (${i.hint})` : ''}`;
}
export class ConfigError extends AgentError {
    issues;
    constructor(issues) {
        const file = issues[0]?.file ?? 'config';
        const n = issues.length;
        super('CONFIG_INVALID', `invalid configuration ${file}: ${n} problem${n === 1 ? '' : 's'}\n${issues.map(formatIssue).join('\n')}`);
        this.name = 'ConfigError';
        this.issues = issues;
    }
    /** One issue per line, `file:line: path: message (hint)`. */
    format() {
        return this.issues.map(formatIssue).join('\n');
    }
}
/** Collects issues while a config is being read. */
export class IssueList {
    file;
    items = [];
    constructor(file) {
        this.file = file;
    }
    add(pos, path, message, hint) {
        const issue = { file: this.file, line: pos.line, col: pos.col, path, message };
        if (hint !== undefined)
            issue.hint = hint;
        this.items.push(issue);
    }
    /** Issues ordered by place in the file (stable for equal places). */
    sorted() {
        return this.items
            .map((it, idx) => ({ it, idx }))
            .sort((a, b) => a.it.line - b.it.line || a.it.col - b.it.col || a.idx - b.idx)
            .map((x) => x.it);
    }
}
//# sourceMappingURL=issues.js.map