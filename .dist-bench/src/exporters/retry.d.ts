/**
 * Retry policy for exporters (pure): which HTTP statuses are retried, the
 * exponential backoff with jitter, and the server's own hints (Retry-After
 * header, RetryInfo in a google.rpc.Status body).
 */
import type { RetryConfig } from '../config/types.js';
export type StatusClass = 'success' | 'retryable' | 'permanent';
/** OTLP/HTTP: 2xx is success; 429, 502, 503 and 504 are retried; every other status is permanent. */
export declare function classifyHttpStatus(status: number): StatusClass;
/**
 * The backoff before retry number `attempt` (1 = the first retry):
 * initial × multiplier^(attempt-1), capped at maxIntervalMs, then spread
 * uniformly by ±randomizationFactor.
 */
export declare function backoffDelayMs(policy: RetryConfig, attempt: number, random?: () => number): number;
/** The longest wait a server's hint can impose, so a bogus `Retry-After: 99999999` cannot park an exporter for days. */
export declare function serverDelayCapMs(policy: RetryConfig): number;
/**
 * How long to wait before the next attempt: the server's hint (Retry-After or
 * RetryInfo) when it gave one, capped by serverDelayCapMs, else the backoff.
 */
export declare function nextRetryDelayMs(policy: RetryConfig, attempt: number, serverDelayMs: number | undefined, random?: () => number): number;
/**
 * Parses a Retry-After header value: delay-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`). Returns milliseconds from `nowMs`
 * (never negative), or undefined when absent or unreadable.
 */
export declare function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined;
/** Resolves after ms, or early (without rejecting) when the signal aborts. */
export declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;
