import { ByteWriter, hexInto, toHex } from './bytes.js';
import { writeContext, writeRecord } from './canonical.js';
import { sha256Bytes } from './crypto.js';
const ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
export const RECORD_TAG = ascii('sealog/v1/record');
export const ANCHOR_TAG = ascii('sealog/v1/anchor');
export const CONTEXT_TAG = ascii('sealog/v1/context');
export const HASH_BYTES = 32;
/** Computes chain hashes; owns reusable buffers, so one instance per thread. */
export class ChainHasher {
    crypto;
    #w = new ByteWriter(4096);
    #ctxW = new ByteWriter(1024);
    constructor(crypto) {
        this.crypto = crypto;
    }
    anchor(stream, chain) {
        const w = this.#ctxW;
        w.reset();
        w.u8(0x02);
        w.bytes(ANCHOR_TAG);
        w.str(stream);
        w.str(chain);
        return sha256Bytes(this.crypto, w.view_());
    }
    context(resource, scope) {
        const w = this.#ctxW;
        w.reset();
        w.u8(0x03);
        w.bytes(CONTEXT_TAG);
        writeContext(w, resource, scope);
        return sha256Bytes(this.crypto, w.view_());
    }
    /** hash_n for a record, given seq n, hash_{n-1} and the record's context hash. */
    link(seq, prev, ctx, record) {
        writeRecord(this.#linkPrefix(seq, prev, ctx), record);
        return sha256Bytes(this.crypto, this.#w.view_());
    }
    /**
     * link() for the agent's hot path: writes hash_n into `out` (32 bytes, may
     * be `prev` itself) and returns it as lowercase hex (what `sealog.hash`
     * carries). Allocates only the hex string with a provider that has sha256Hex.
     */
    linkInto(seq, prev, ctx, record, out) {
        writeRecord(this.#linkPrefix(seq, prev, ctx), record);
        const p = this.crypto;
        if (p.sha256Hex) {
            const hex = p.sha256Hex(this.#w.view_());
            hexInto(hex, out);
            return hex;
        }
        const hash = p.sha256(this.#w.view_());
        out.set(hash);
        return p.hex ? p.hex(hash) : toHex(hash);
    }
    /**
     * The same as link(), split so a verifier can keep a record's canonical
     * bytes (`recordBytes`, from canonicalRecord) while waiting for its predecessor.
     */
    linkBytes(seq, prev, ctx, recordBytes) {
        this.#linkPrefix(seq, prev, ctx).bytes(recordBytes);
        return sha256Bytes(this.crypto, this.#w.view_());
    }
    /** 0x00 ‖ "sealog/v1/record" ‖ u64(seq) ‖ prev ‖ ctx, into the reused writer. */
    #linkPrefix(seq, prev, ctx) {
        const w = this.#w;
        w.reset();
        w.u8(0x00);
        w.bytes(RECORD_TAG);
        w.u64n(seq);
        w.bytes(prev);
        w.bytes(ctx);
        return w;
    }
}
//# sourceMappingURL=chain.js.map