/**
 * AgentError: the base of every error the agent raises on purpose. Code
 * branches on `code`, never on message text.
 */
export type ErrorCode = 'CONFIG_INVALID' | 'DECODE_ERROR' | 'SPOOL_LOCKED' | 'SPOOL_FULL' | 'SPOOL_IO' | 'SPOOL_CORRUPT' | 'EXPORT_PERMANENT' | 'EXPORT_RETRYABLE' | 'KEY_INVALID' | 'USAGE' | 'INPUT_UNREADABLE';
export declare class AgentError extends Error {
    readonly code: ErrorCode;
    constructor(code: ErrorCode, message: string, options?: {
        cause?: unknown;
    });
}
export declare function isAgentError(err: unknown, code?: ErrorCode): err is AgentError;
/** Message of any thrown value, for logs. */
export declare function errorMessage(err: unknown): string;
