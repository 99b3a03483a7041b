/**
 * A growable UTF-8 output buffer for writing OTLP/JSON text as bytes, with
 * the value writers the protobuf -> JSON transcoder (proto-json.ts) needs:
 * JSON string literals copied straight from UTF-8 input, 64-bit integers
 * from two 32-bit halves (no BigInt), lowercase hex and padded base64. Every
 * writer produces exactly the text of its counterpart in json-values.ts /
 * binary-text.ts.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Per input byte below 0x80: 0 = copy, 1 = escape by name or \u00XX (jsonString's rules). */
const ESCAPE = new Uint8Array(128);
for (let i = 0; i < 0x20; i++)
    ESCAPE[i] = 1;
ESCAPE[0x22] = 1;
ESCAPE[0x5c] = 1;
const BASE_1E7 = 10_000_000;
const TWO_32 = 4294967296;
export class JsonOutput {
    buf;
    /** Bytes written. */
    pos = 0;
    #initial;
    #keepMax;
    /** `keepMax`: a buffer that grew beyond this is replaced by an `initial`-sized one on reset(). */
    constructor(initial = 64 << 10, keepMax = 8 << 20) {
        this.#initial = initial;
        this.#keepMax = keepMax;
        this.buf = new Uint8Array(initial);
    }
    reset() {
        this.pos = 0;
        if (this.buf.length > this.#keepMax)
            this.buf = new Uint8Array(this.#initial);
    }
    /** Makes room for `n` more bytes. */
    ensure(n) {
        if (this.pos + n <= this.buf.length)
            return;
        const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
        next.set(this.buf.subarray(0, this.pos));
        this.buf = next;
    }
    /** A copy of the bytes written so far. */
    copy() {
        return this.buf.slice(0, this.pos);
    }
    byte(b) {
        this.ensure(1);
        this.buf[this.pos++] = b;
    }
    /** Text that is known to be ASCII (keys, punctuation, numbers). */
    ascii(s) {
        const n = s.length;
        this.ensure(n);
        const buf = this.buf;
        let p = this.pos;
        for (let i = 0; i < n; i++)
            buf[p++] = s.charCodeAt(i);
        this.pos = p;
    }
    /**
     * A JSON string literal of the UTF-8 bytes src[start, end). Returns false
     * (with the output in an unspecified state) when the bytes are not valid
     * UTF-8. Only `"`, `\` and control characters are escaped.
     */
    utf8String(src, start, end) {
        this.ensure(end - start + 2);
        let buf = this.buf;
        let p = this.pos;
        buf[p++] = 0x22;
        let high = 0;
        for (let i = start; i < end; i++) {
            const b = src[i];
            if (b >= 0x80) {
                high = 1;
                buf[p++] = b;
            }
            else if (ESCAPE[b] === 0) {
                buf[p++] = b;
            }
            else {
                this.pos = p;
                this.escape(b, end - i);
                buf = this.buf; // escape() may have grown it
                p = this.pos;
            }
        }
        buf[p++] = 0x22;
        this.pos = p;
        return high === 0 || isValidUtf8(src, start, end);
    }
    /** Writes the escape of an ASCII byte; `rest` bytes of the string remain, counting this one. */
    escape(b, rest) {
        this.ensure(rest + 6);
        const buf = this.buf;
        let p = this.pos;
        buf[p++] = 0x5c;
        if (b === 0x22 || b === 0x5c)
            buf[p++] = b;
        else if (b === 0x0a)
            buf[p++] = 0x6e;
        else if (b === 0x0d)
            buf[p++] = 0x72;
        else if (b === 0x09)
            buf[p++] = 0x74;
        else {
            buf[p++] = 0x75;
            buf[p++] = 0x30;
            buf[p++] = 0x30;
            buf[p++] = HEX_CODES[b >> 4];
            buf[p++] = HEX_CODES[b & 15];
        }
        this.pos = p;
    }
    /** A non-negative integer below 2^53 in decimal. */
    uint(n) {
        if (n < 10) {
            this.byte(0x30 + n);
            return;
        }
        if (n <= 0x7fffffff) {
            this.smallUint(n);
            return;
        }
        let digits = 1;
        for (let x = n; x >= 10; x = Math.floor(x / 10))
            digits++;
        this.ensure(digits);
        const buf = this.buf;
        const start = this.pos;
        let p = start + digits;
        this.pos = p;
        let x = n;
        while (p > start) {
            buf[--p] = 0x30 + (x % 10);
            x = Math.floor(x / 10);
        }
    }
    /** A non-negative int32 of two or more digits (int32 arithmetic). */
    smallUint(n) {
        let digits = 2;
        for (let x = (n / 100) | 0; x !== 0; x = (x / 10) | 0)
            digits++;
        this.ensure(digits);
        const buf = this.buf;
        const start = this.pos;
        let p = start + digits;
        this.pos = p;
        let x = n;
        while (p > start) {
            const q = (x / 10) | 0;
            buf[--p] = 0x30 + x - q * 10;
            x = q;
        }
    }
    /** An int32 in decimal. */
    int32(n) {
        if (n < 0) {
            this.byte(0x2d);
            this.uint(-n);
        }
        else {
            this.uint(n);
        }
    }
    /** An unsigned 64-bit integer given as two uint32 halves, in decimal. */
    uint64(lo, hi) {
        if (hi < 0x200000) {
            this.uint(hi * TWO_32 + lo);
            return;
        }
        // Three base-1e7 digits from 24-bit limbs: 2^24 = 1e7 + 6777216, 2^48 = 2e14 + 8147497e7 + 6710656.
        const low = lo & 0xffffff;
        const mid = ((lo >>> 24) | (hi << 8)) & 0xffffff;
        const high = (hi >>> 16) & 0xffff;
        let a = low + mid * 6777216 + high * 6710656;
        let b = mid + high * 8147497;
        let c = high * 2;
        if (a >= BASE_1E7) {
            b += Math.floor(a / BASE_1E7);
            a %= BASE_1E7;
        }
        if (b >= BASE_1E7) {
            c += Math.floor(b / BASE_1E7);
            b %= BASE_1E7;
        }
        // hi >= 2^21 makes the value at least 2^53 > 1e14, so c is never 0.
        this.uint(c);
        this.padded7(b);
        this.padded7(a);
    }
    /** A signed 64-bit integer given as two uint32 halves (two's complement), in decimal. */
    int64(lo, hi) {
        if (hi < 0x80000000) {
            this.uint64(lo, hi);
            return;
        }
        const nlo = (~lo + 1) >>> 0;
        const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
        this.byte(0x2d);
        this.uint64(nlo, nhi);
    }
    /** Seven decimal digits, with leading zeros, of n < 1e7 (int32 arithmetic). */
    padded7(n) {
        this.ensure(7);
        const buf = this.buf;
        let x = n | 0;
        for (let p = this.pos + 6; p >= this.pos; p--) {
            const q = (x / 10) | 0;
            buf[p] = 0x30 + x - q * 10;
            x = q;
        }
        this.pos += 7;
    }
    /** Lowercase hex of src[start, end). */
    hex(src, start, end) {
        this.ensure(2 * (end - start));
        const buf = this.buf;
        let p = this.pos;
        for (let i = start; i < end; i++) {
            const b = src[i];
            buf[p++] = HEX_CODES[b >> 4];
            buf[p++] = HEX_CODES[b & 15];
        }
        this.pos = p;
    }
    /** Standard padded base64 of src[start, end). */
    base64(src, start, end) {
        const n = end - start;
        this.ensure(4 * Math.ceil(n / 3));
        const buf = this.buf;
        let p = this.pos;
        const full = end - (n % 3);
        let i = start;
        for (; i < full; i += 3) {
            const v = (src[i] << 16) | (src[i + 1] << 8) | src[i + 2];
            buf[p++] = B64_CODES[v >> 18];
            buf[p++] = B64_CODES[(v >> 12) & 63];
            buf[p++] = B64_CODES[(v >> 6) & 63];
            buf[p++] = B64_CODES[v & 63];
        }
        const rest = end - full;
        if (rest !== 0) {
            const v = (src[i] << 16) | (rest === 2 ? src[i + 1] << 8 : 0);
            buf[p++] = B64_CODES[v >> 18];
            buf[p++] = B64_CODES[(v >> 12) & 63];
            buf[p++] = rest === 2 ? B64_CODES[(v >> 6) & 63] : 0x3d;
            buf[p++] = 0x3d;
        }
        this.pos = p;
    }
}
/** True if src[start, end) is well-formed UTF-8, exactly as a fatal TextDecoder decides. */
export function isValidUtf8(src, start, end) {
    let i = start;
    while (i < end) {
        const b = src[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        let need;
        let lower = 0x80;
        let upper = 0xbf;
        if (b >= 0xc2 && b <= 0xdf)
            need = 1;
        else if (b >= 0xe0 && b <= 0xef) {
            need = 2;
            if (b === 0xe0)
                lower = 0xa0;
            else if (b === 0xed)
                upper = 0x9f;
        }
        else if (b >= 0xf0 && b <= 0xf4) {
            need = 3;
            if (b === 0xf0)
                lower = 0x90;
            else if (b === 0xf4)
                upper = 0x8f;
        }
        else
            return false;
        if (i + need >= end)
            return false;
        const c1 = src[i + 1];
        if (c1 < lower || c1 > upper)
            return false;
        for (let k = 2; k <= need; k++)
            if ((src[i + k] & 0xc0) !== 0x80)
                return false;
        i += need + 1;
    }
    return true;
}
//# sourceMappingURL=json-output.js.map