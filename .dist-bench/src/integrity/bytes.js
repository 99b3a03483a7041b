/**
 * Byte helpers for the integrity core: a growable big-endian writer that is
 * reused across records (no per-record allocation once warm), hex, and UTF-8.
 * Pure: no `node:` imports.
 */
import { hexDigit } from '../otlp/binary-text.js';
import { writeUtf8At } from '../otlp/utf8.js';
const U64_MAX = 0xffffffffffffffffn;
/** Strings up to this many UTF-16 units are copied by a JS loop when ASCII; longer ones natively (see utf8.ts). */
const SHORT_STRING = 16;
/** view_() keeps one view per written length up to this, so hashing the writer's content allocates nothing once warm. */
const VIEW_CACHE_MAX = 16 * 1024;
export class ByteWriter {
    buf;
    view;
    pos = 0;
    /** Views of buf[0, n) by n, for view_(); emptied when buf is replaced. */
    #views = new Map();
    constructor(initial = 4096) {
        this.buf = new Uint8Array(initial);
        this.view = new DataView(this.buf.buffer);
    }
    reset() {
        this.pos = 0;
    }
    ensure(n) {
        const need = this.pos + n;
        if (need <= this.buf.length)
            return;
        let size = this.buf.length * 2;
        while (size < need)
            size *= 2;
        const next = new Uint8Array(size);
        next.set(this.buf.subarray(0, this.pos));
        this.buf = next;
        this.view = new DataView(next.buffer);
        this.#views.clear();
    }
    u8(v) {
        this.ensure(1);
        this.buf[this.pos++] = v;
    }
    u32(v) {
        this.ensure(4);
        this.view.setUint32(this.pos, v >>> 0);
        this.pos += 4;
    }
    /** Unsigned 64-bit big-endian from a non-negative safe integer. */
    u64n(v) {
        this.ensure(8);
        this.view.setUint32(this.pos, Math.floor(v / 0x100000000));
        this.view.setUint32(this.pos + 4, v >>> 0);
        this.pos += 8;
    }
    /** 64-bit big-endian two's complement from a bigint (u64 or i64 range). */
    u64(v) {
        this.ensure(8);
        this.view.setBigUint64(this.pos, v >= 0n && v <= U64_MAX ? v : BigInt.asUintN(64, v));
        this.pos += 8;
    }
    f64(v) {
        this.ensure(8);
        if (Number.isNaN(v)) {
            // One canonical NaN: 0x7FF8000000000000.
            this.view.setUint32(this.pos, 0x7ff80000);
            this.view.setUint32(this.pos + 4, 0);
        }
        else {
            this.view.setFloat64(this.pos, v);
        }
        this.pos += 8;
    }
    bytes(b) {
        this.ensure(b.length);
        this.buf.set(b, this.pos);
        this.pos += b.length;
    }
    /** u32 length prefix, then the bytes. */
    lenBytes(b) {
        this.u32(b.length);
        this.bytes(b);
    }
    /** u32 byte length, then UTF-8 (short ASCII strings copied inline, longer ones by the native encoder). */
    str(s) {
        const n = s.length;
        this.ensure(4 + n * 3);
        const start = this.pos + 4;
        let p = start;
        const buf = this.buf;
        let i = 0;
        if (n <= SHORT_STRING) {
            for (; i < n; i++) {
                const c = s.charCodeAt(i);
                if (c >= 0x80)
                    break;
                buf[p++] = c;
            }
        }
        if (i < n)
            p = writeUtf8At(buf, p, i === 0 ? s : s.slice(i));
        this.view.setUint32(this.pos, p - start);
        this.pos = p;
    }
    /** A copy of what was written. */
    toBytes() {
        return this.buf.slice(0, this.pos);
    }
    /** A view of what was written (valid until the next write or reset; do not keep it). */
    view_() {
        const n = this.pos;
        if (n > VIEW_CACHE_MAX)
            return this.buf.subarray(0, n);
        let v = this.#views.get(n);
        if (v === undefined)
            this.#views.set(n, (v = this.buf.subarray(0, n)));
        return v;
    }
}
const HEX = '0123456789abcdef';
const HEX_PAIRS = [];
for (let i = 0; i < 256; i++)
    HEX_PAIRS.push(HEX[i >> 4] + HEX[i & 15]);
export function toHex(b) {
    let s = '';
    for (let i = 0; i < b.length; i++)
        s += HEX_PAIRS[b[i]];
    return s;
}
/** Parses lowercase or uppercase hex; returns undefined if malformed. */
export function fromHex(s) {
    if (s.length % 2 !== 0)
        return undefined;
    const out = new Uint8Array(s.length / 2);
    return hexInto(s, out) ? out : undefined;
}
/** Parses exactly `out.length` bytes of hex from `s` into `out`; false (out unspecified) if malformed. */
export function hexInto(s, out) {
    if (s.length !== out.length * 2)
        return false;
    for (let i = 0, j = 0; i < out.length; i++, j += 2) {
        const a = s.charCodeAt(j);
        const b = s.charCodeAt(j + 1);
        const hi = hexDigit(a);
        const lo = hexDigit(b);
        if ((hi | lo) < 0)
            return false;
        out[i] = (hi << 4) | lo;
    }
    return true;
}
export function bytesEqual(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
export function compareBytes(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const d = a[i] - b[i];
        if (d !== 0)
            return d;
    }
    return a.length - b.length;
}
/**
 * Compares two strings in the order of their UTF-8 bytes (= Unicode code
 * point order), without encoding them. UTF-16 code unit order differs only
 * where a surrogate meets U+E000..U+FFFF, which this fixes up.
 */
export function compareUtf8(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        let x = a.charCodeAt(i);
        let y = b.charCodeAt(i);
        if (x === y)
            continue;
        if (x >= 0xd800 && y >= 0xd800) {
            x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
            y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
        }
        return x - y;
    }
    return a.length - b.length;
}
//# sourceMappingURL=bytes.js.map