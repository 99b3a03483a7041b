/** OTLP/HTTP: 2xx is success; 429, 502, 503 and 504 are retried; every other status is permanent. */
export function classifyHttpStatus(status) {
    if (status >= 200 && status < 300)
        return 'success';
    if (status === 429 || status === 502 || status === 503 || status === 504)
        return 'retryable';
    return 'permanent';
}
/**
 * The backoff before retry number `attempt` (1 = the first retry):
 * initial × multiplier^(attempt-1), capped at maxIntervalMs, then spread
 * uniformly by ±randomizationFactor.
 */
export function backoffDelayMs(policy, attempt, random = Math.random) {
    const n = Math.max(1, attempt);
    const exp = policy.initialIntervalMs * Math.pow(Math.max(1, policy.multiplier), n - 1);
    const base = Math.min(Number.isFinite(exp) ? exp : policy.maxIntervalMs, policy.maxIntervalMs);
    const f = Math.min(Math.max(policy.randomizationFactor, 0), 1);
    const delta = base * f;
    return Math.max(0, Math.round(base - delta + random() * 2 * delta));
}
/** The longest wait a server's hint can impose, so a bogus `Retry-After: 99999999` cannot park an exporter for days. */
export function serverDelayCapMs(policy) {
    return Math.max(policy.maxIntervalMs, 300_000);
}
/**
 * How long to wait before the next attempt: the server's hint (Retry-After or
 * RetryInfo) when it gave one, capped by serverDelayCapMs, else the backoff.
 */
export function nextRetryDelayMs(policy, attempt, serverDelayMs, random = Math.random) {
    if (serverDelayMs !== undefined && serverDelayMs >= 0)
        return Math.min(serverDelayMs, serverDelayCapMs(policy));
    return backoffDelayMs(policy, attempt, random);
}
/**
 * Parses a Retry-After header value: delay-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`). Returns milliseconds from `nowMs`
 * (never negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value, nowMs) {
    const raw = Array.isArray(value) ? value[0] : value;
    if (raw === undefined)
        return undefined;
    const v = raw.trim();
    if (v === '')
        return undefined;
    if (/^\d+$/.test(v)) {
        const seconds = Number(v);
        return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
    }
    // An HTTP-date always names the month (IMF-fixdate, RFC 850 and asctime forms).
    if (!/[A-Za-z]{3}/.test(v))
        return undefined;
    const at = Date.parse(v);
    if (Number.isNaN(at))
        return undefined;
    return Math.max(0, at - nowMs);
}
/** Resolves after ms, or early (without rejecting) when the signal aborts. */
export function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const onAbort = () => {
            clearTimeout(timer);
            resolve();
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
//# sourceMappingURL=retry.js.map