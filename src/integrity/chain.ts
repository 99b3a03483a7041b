/**
 * The hash chain (protocol v1, docs/PROTOCOL.md §4).
 *
 *   anchor(stream, chain) = SHA-256(0x02 || "sealog/v1/anchor" || str(stream) || str(chain))
 *   ctx(resource, scope)  = SHA-256(0x03 || "sealog/v1/context" || context canonical bytes)
 *   hash_n                = SHA-256(0x00 || "sealog/v1/record" || seq_n:u64 || hash_{n-1} || ctx || record canonical bytes)
 *   hash_0                = anchor
 *
 * hash_n is both the record's `sealog.hash` and its RFC 9162 leaf hash (the
 * 0x00 prefix is the leaf domain byte), so seals build Merkle trees over the
 * chain hashes directly.
 */
import type { InstrumentationScope, LogRecord, Resource } from '../otlp/types.js';
import { ByteWriter, hexInto, toHex } from './bytes.js';
import { writeContext, writeRecord } from './canonical.js';
import { sha256Bytes, type HashProvider } from './crypto.js';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
export const RECORD_TAG = ascii('sealog/v1/record');
export const ANCHOR_TAG = ascii('sealog/v1/anchor');
export const CONTEXT_TAG = ascii('sealog/v1/context');

export const HASH_BYTES = 32;

/** Computes chain hashes; owns reusable buffers, so one instance per thread. */
export class ChainHasher {
  readonly #w = new ByteWriter(4096);
  readonly #ctxW = new ByteWriter(1024);

  constructor(readonly crypto: HashProvider) {}

  anchor(stream: string, chain: string): Uint8Array {
    const w = this.#ctxW;
    w.reset();
    w.u8(0x02);
    w.bytes(ANCHOR_TAG);
    w.str(stream);
    w.str(chain);
    return sha256Bytes(this.crypto, w.view_());
  }

  context(resource: Resource, scope: InstrumentationScope): Uint8Array {
    const w = this.#ctxW;
    w.reset();
    w.u8(0x03);
    w.bytes(CONTEXT_TAG);
    writeContext(w, resource, scope);
    return sha256Bytes(this.crypto, w.view_());
  }

  /** hash_n for a record, given seq n, hash_{n-1} and the record's context hash. */
  link(seq: number, prev: Uint8Array, ctx: Uint8Array, record: LogRecord): Uint8Array {
    writeRecord(this.#linkPrefix(seq, prev, ctx), record);
    return sha256Bytes(this.crypto, this.#w.view_());
  }

  /**
   * link() for the agent's hot path: writes hash_n into `out` (32 bytes, may
   * be `prev` itself) and returns it as lowercase hex (what `sealog.hash`
   * carries). Allocates only the hex string with a provider that has sha256Hex.
   */
  linkInto(seq: number, prev: Uint8Array, ctx: Uint8Array, record: LogRecord, out: Uint8Array): string {
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
  linkBytes(seq: number, prev: Uint8Array, ctx: Uint8Array, recordBytes: Uint8Array): Uint8Array {
    this.#linkPrefix(seq, prev, ctx).bytes(recordBytes);
    return sha256Bytes(this.crypto, this.#w.view_());
  }

  /** 0x00 ‖ "sealog/v1/record" ‖ u64(seq) ‖ prev ‖ ctx, into the reused writer. */
  #linkPrefix(seq: number, prev: Uint8Array, ctx: Uint8Array): ByteWriter {
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
