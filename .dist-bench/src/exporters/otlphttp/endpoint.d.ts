export declare const LOGS_PATH = "v1/logs";
/** The URL log requests are POSTed to. Throws AgentError CONFIG_INVALID when neither key is set or the URL is unusable. */
export declare function resolveLogsUrl(cfg: {
    id: string;
    endpoint?: string;
    logsEndpoint?: string;
}): URL;
/**
 * For `sealog spool dlq replay --endpoint`: a base URL gets `/v1/logs`
 * appended unless its path already ends with `/v1/logs`.
 */
export declare function resolveReplayUrl(value: string): URL;
/** The URL for logs and messages: no query string (it may carry tokens). */
export declare function redactUrl(url: URL): string;
