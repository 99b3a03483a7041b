/**
 * A bounds-checked protobuf wire-format reader over one Uint8Array.
 *
 * Positions are absolute offsets into the input, so every DecodeError can say
 * at which byte it happened. `limit` is the end of the message being read;
 * enter()/leave() narrow and restore it around embedded messages, so nothing
 * inside a sub-message can read past the sub-message's declared length.
 */
import { DecodeError } from './decode-error.js';
import { decodeUtf8 } from './utf8.js';
export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_SGROUP = 3;
export const WIRE_EGROUP = 4;
export const WIRE_I32 = 5;
const TWO_32 = 4294967296;
export class ProtoReader {
    buf;
    pos;
    limit;
    view;
    constructor(buf, start = 0, end = buf.length) {
        this.buf = buf;
        this.pos = start;
        this.limit = end;
    }
    fail(detail, at = this.pos) {
        throw new DecodeError(`OTLP protobuf: ${detail}`, '', at);
    }
    /** Reads a varint of up to 10 bytes as an unsigned number (exact up to 2^53; larger values saturate). */
    varint() {
        const buf = this.buf;
        let pos = this.pos;
        const limit = this.limit;
        if (pos < limit) {
            const b = buf[pos];
            if (b < 0x80) {
                this.pos = pos + 1;
                return b;
            }
        }
        const start = pos;
        let value = 0;
        let mul = 1;
        for (let i = 0; i < 10; i++) {
            if (pos >= limit)
                this.fail('truncated varint', start);
            const b = buf[pos++];
            value += (b & 0x7f) * mul;
            if (b < 0x80) {
                this.pos = pos;
                return value;
            }
            mul *= 128;
        }
        return this.fail('varint longer than 10 bytes', start);
    }
    /** Reads a varint as a 64-bit two's-complement integer (int64 semantics). */
    varintInt64() {
        const buf = this.buf;
        let pos = this.pos;
        const limit = this.limit;
        const start = pos;
        let lo = 0;
        let hi = 0;
        let shift = 0;
        let i = 0;
        for (; i < 10; i++) {
            if (pos >= limit)
                this.fail('truncated varint', start);
            const b = buf[pos++];
            const bits = b & 0x7f;
            if (shift < 28) {
                lo |= bits << shift;
            }
            else if (shift === 28) {
                lo |= (bits & 0x0f) << 28;
                hi |= bits >> 4;
            }
            else {
                hi |= bits << (shift - 32);
            }
            shift += 7;
            if (b < 0x80)
                break;
        }
        if (i === 10)
            this.fail('varint longer than 10 bytes', start);
        this.pos = pos;
        lo >>>= 0;
        hi >>>= 0;
        if (hi === 0)
            return BigInt(lo);
        if (hi < 0x200000)
            return BigInt(hi * TWO_32 + lo);
        return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
    }
    /** Reads a varint and keeps its low 32 bits as a signed int32 (proto int32/enum semantics). */
    varintInt32() {
        const start = this.pos;
        const buf = this.buf;
        const limit = this.limit;
        let pos = start;
        let lo = 0;
        let shift = 0;
        for (let i = 0; i < 10; i++) {
            if (pos >= limit)
                this.fail('truncated varint', start);
            const b = buf[pos++];
            if (shift < 32)
                lo |= (b & 0x7f) << shift;
            shift += 7;
            if (b < 0x80) {
                this.pos = pos;
                return lo | 0;
            }
        }
        return this.fail('varint longer than 10 bytes', start);
    }
    /** Reads a varint and keeps its low 32 bits as an unsigned uint32. */
    varintUint32() {
        return this.varintInt32() >>> 0;
    }
    fixed32() {
        const pos = this.pos;
        if (pos + 4 > this.limit)
            this.fail('truncated fixed32 value', pos);
        const b = this.buf;
        this.pos = pos + 4;
        return (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
    }
    /**
     * fixed64 as an unsigned bigint. DataView.getBigUint64 is exact and, measured
     * on Node 20, about twice as fast as combining two uint32 halves.
     */
    fixed64() {
        const pos = this.pos;
        if (pos + 8 > this.limit)
            this.fail('truncated fixed64 value', pos);
        this.pos = pos + 8;
        return this.dataView().getBigUint64(pos, true);
    }
    double() {
        const pos = this.pos;
        if (pos + 8 > this.limit)
            this.fail('truncated double value', pos);
        this.pos = pos + 8;
        return this.dataView().getFloat64(pos, true);
    }
    dataView() {
        let view = this.view;
        if (view === undefined) {
            view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
            this.view = view;
        }
        return view;
    }
    /** Reads a length prefix and checks that the payload fits in the current message. */
    length() {
        const at = this.pos;
        const len = this.varint();
        if (len > this.limit - this.pos) {
            this.fail(`length ${len} runs past the end of the enclosing message (${this.limit - this.pos} bytes left)`, at);
        }
        return len;
    }
    /** Narrows the limit to a length-delimited payload; returns the previous limit for leave(). */
    enter() {
        const len = this.length();
        const saved = this.limit;
        this.limit = this.pos + len;
        return saved;
    }
    /** Restores the limit saved by enter(); the payload must have been consumed exactly. */
    leave(saved) {
        this.limit = saved;
    }
    /** Copies a length-delimited bytes field. */
    bytes() {
        const len = this.length();
        const pos = this.pos;
        this.pos = pos + len;
        return this.copy(pos, pos + len);
    }
    /**
     * A copy of buf[start, end), never a view: decoded values must outlive
     * (and not change with) the buffer, which the caller may reuse.
     * `Buffer#slice` makes a view, so slice() cannot be used here.
     */
    copy(start, end) {
        const out = new Uint8Array(end - start);
        const buf = this.buf;
        if (end - start > 64)
            out.set(buf.subarray(start, end));
        else
            for (let i = start, j = 0; i < end; i++, j++)
                out[j] = buf[i];
        return out;
    }
    string() {
        const len = this.length();
        const pos = this.pos;
        this.pos = pos + len;
        return decodeUtf8(this.buf, pos, pos + len);
    }
    /** Skips a field of an unknown number by its wire type. */
    skip(wireType, tagAt) {
        switch (wireType) {
            case WIRE_VARINT:
                this.varint();
                return;
            case WIRE_I64:
                if (this.pos + 8 > this.limit)
                    this.fail('truncated 64-bit field', this.pos);
                this.pos += 8;
                return;
            case WIRE_LEN: {
                const len = this.length();
                this.pos += len;
                return;
            }
            case WIRE_I32:
                if (this.pos + 4 > this.limit)
                    this.fail('truncated 32-bit field', this.pos);
                this.pos += 4;
                return;
            case WIRE_SGROUP:
            case WIRE_EGROUP:
                return this.fail(`group wire type ${wireType} is not supported`, tagAt);
            default:
                return this.fail(`invalid wire type ${wireType}`, tagAt);
        }
    }
    /** Reads a tag; a field number of 0 is invalid. Returns the raw tag (field << 3 | wire type). */
    tag() {
        const at = this.pos;
        const buf = this.buf;
        if (at < this.limit) {
            const b = buf[at];
            if (b < 0x80) {
                if (b < 8)
                    this.fail('field number 0 is invalid', at);
                this.pos = at + 1;
                return b;
            }
        }
        const t = this.varint();
        if (t > 0xffffffff)
            this.fail('tag does not fit in 32 bits', at);
        if (t < 8)
            this.fail('field number 0 is invalid', at);
        return t;
    }
    /** Fails with a wrong-wire-type error for a known field. */
    wrongWireType(field, wireType, expected, tagAt) {
        return this.fail(`field ${field} has wire type ${wireType}, expected ${expected}`, tagAt);
    }
}
//# sourceMappingURL=proto-reader.js.map