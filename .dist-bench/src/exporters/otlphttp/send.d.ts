import type { Dispatcher } from 'undici';
export declare const RESPONSE_CAP_BYTES: number;
export interface SendRequest {
    url: URL;
    /** The body as sent (already compressed when contentEncoding is gzip). */
    body: Uint8Array;
    /** Request headers, including content-type (and content-encoding); lower-case names. */
    headers: Record<string, string>;
    /** What the request body was encoded as; used to read a response without a usable content-type. */
    encoding: 'proto' | 'json';
    timeoutMs: number;
    signal?: AbortSignal;
}
export interface PartialSuccess {
    rejected: number;
    message: string;
}
export type SendOutcome = {
    kind: 'ok';
    status: number;
    partial?: PartialSuccess;
    note?: string;
} | {
    kind: 'retryable';
    status: number;
    message: string;
    retryAfterMs?: number;
    timedOut: boolean;
} | {
    kind: 'permanent';
    status: number;
    message: string;
} | {
    kind: 'aborted';
};
/** Sends one request and classifies the result; never throws. */
export declare function sendRequest(dispatcher: Dispatcher, req: SendRequest, now?: () => number): Promise<SendOutcome>;
/** A message safe for one log line: control characters replaced, length capped. */
export declare function clip(s: string): string;
