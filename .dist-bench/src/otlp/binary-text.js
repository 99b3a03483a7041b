/**
 * Bytes as text for OTLP/JSON, without Buffer: lowercase hex for trace and
 * span ids, base64 for bytesValue. The decoders return null on malformed text
 * and leave the error (with its field path) to the caller.
 */
const HEX_PAIRS = [];
for (let i = 0; i < 256; i++)
    HEX_PAIRS.push((i < 16 ? '0' : '') + i.toString(16));
/** Value of a hex digit by character code / byte, -1 for anything else (codes 0-255; see hexDigit()). */
export const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++)
    HEX_VALUE[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
    HEX_VALUE[0x41 + i] = 10 + i;
    HEX_VALUE[0x61 + i] = 10 + i;
}
/** Value of the hex digit with character code `c`, or -1. */
export function hexDigit(c) {
    return c < 256 ? HEX_VALUE[c] : -1;
}
/** True if every byte is zero (also for an empty array). An all-zero trace or span id means "no id". */
export function isZeroId(id) {
    for (let i = 0; i < id.length; i++)
        if (id[i] !== 0)
            return false;
    return true;
}
export function bytesToHex(b) {
    let s = '';
    for (let i = 0; i < b.length; i++)
        s += HEX_PAIRS[b[i]];
    return s;
}
/** Case-insensitive hex to bytes; null if `s` has an odd length or a non-hex character. */
export function hexToBytes(s) {
    const n = s.length;
    if ((n & 1) !== 0)
        return null;
    const out = new Uint8Array(n >> 1);
    for (let i = 0, j = 0; i < n; i += 2, j++) {
        const a = s.charCodeAt(i);
        const b = s.charCodeAt(i + 1);
        const hi = hexDigit(a);
        const lo = hexDigit(b);
        if (hi < 0 || lo < 0)
            return null;
        out[j] = (hi << 4) | lo;
    }
    return out;
}
const B64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Decoding table accepting both the standard and the URL-safe alphabet; -1 = invalid. */
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++)
    B64_VALUE[B64_CHARS.charCodeAt(i)] = i;
B64_VALUE[0x2d] = 62; // '-'
B64_VALUE[0x5f] = 63; // '_'
/** Standard base64 with '=' padding (what proto3 JSON and the Collector write). */
export function bytesToBase64(b) {
    let s = '';
    const n = b.length;
    const full = n - (n % 3);
    let i = 0;
    for (; i < full; i += 3) {
        const v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
        s += B64_CHARS[v >> 18] + B64_CHARS[(v >> 12) & 63] + B64_CHARS[(v >> 6) & 63] + B64_CHARS[v & 63];
    }
    const rest = n - full;
    if (rest === 1) {
        const v = b[i] << 16;
        s += B64_CHARS[v >> 18] + B64_CHARS[(v >> 12) & 63] + '==';
    }
    else if (rest === 2) {
        const v = (b[i] << 16) | (b[i + 1] << 8);
        s += B64_CHARS[v >> 18] + B64_CHARS[(v >> 12) & 63] + B64_CHARS[(v >> 6) & 63] + '=';
    }
    return s;
}
/**
 * Base64 to bytes. Accepts the standard and the URL-safe alphabet, with or
 * without '=' padding. Returns null for any other character, misplaced
 * padding, or an impossible length (4k+1 characters).
 */
export function base64ToBytes(s) {
    let n = s.length;
    if (n > 0 && s.charCodeAt(n - 1) === 0x3d) {
        // strip up to two '=' and require the padded length to be a multiple of 4
        n--;
        if (n > 0 && s.charCodeAt(n - 1) === 0x3d)
            n--;
        if (s.length % 4 !== 0)
            return null;
    }
    const rem = n % 4;
    if (rem === 1)
        return null;
    const out = new Uint8Array(((n >> 2) * 3) + (rem === 0 ? 0 : rem - 1));
    let j = 0;
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        const v = c < 128 ? B64_VALUE[c] : -1;
        if (v < 0)
            return null;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[j++] = (acc >> bits) & 0xff;
        }
        acc &= (1 << bits) - 1;
    }
    return out;
}
//# sourceMappingURL=binary-text.js.map