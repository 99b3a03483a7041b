export class AgentError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.code = code;
        this.name = 'AgentError';
    }
}
export function isAgentError(err, code) {
    return err instanceof AgentError && (code === undefined || err.code === code);
}
/** Message of any thrown value, for logs. */
export function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}
//# sourceMappingURL=errors.js.map