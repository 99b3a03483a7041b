/**
 * Bearer-token check for both transports. The token is never logged; the
 * comparison runs in constant time over SHA-256 digests, so neither the
 * token's length nor its prefix leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
export class BearerAuth {
    #expected;
    constructor(token) {
        this.#expected = digest(token);
    }
    /** True when `header` is `Bearer <token>` (scheme case-insensitive) with the configured token. */
    check(header) {
        if (header === undefined)
            return false;
        const presented = bearerCredentials(header);
        if (presented === undefined)
            return false;
        return timingSafeEqual(digest(presented), this.#expected);
    }
}
/** The credentials part of a `Bearer` authorization value, or undefined for any other scheme. */
export function bearerCredentials(header) {
    const value = header.trim();
    if (value.length < 7 || value.slice(0, 6).toLowerCase() !== 'bearer')
        return undefined;
    const sep = value.charCodeAt(6);
    if (sep !== 0x20 && sep !== 0x09)
        return undefined;
    const token = value.slice(7).trim();
    return token === '' ? undefined : token;
}
function digest(s) {
    return createHash('sha256').update(s, 'utf8').digest();
}
//# sourceMappingURL=auth.js.map