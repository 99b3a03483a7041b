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
import { type HashProvider } from './crypto.js';
export declare const RECORD_TAG: Uint8Array<ArrayBufferLike>;
export declare const ANCHOR_TAG: Uint8Array<ArrayBufferLike>;
export declare const CONTEXT_TAG: Uint8Array<ArrayBufferLike>;
export declare const HASH_BYTES = 32;
/** Computes chain hashes; owns reusable buffers, so one instance per thread. */
export declare class ChainHasher {
    #private;
    readonly crypto: HashProvider;
    constructor(crypto: HashProvider);
    anchor(stream: string, chain: string): Uint8Array;
    context(resource: Resource, scope: InstrumentationScope): Uint8Array;
    /** hash_n for a record, given seq n, hash_{n-1} and the record's context hash. */
    link(seq: number, prev: Uint8Array, ctx: Uint8Array, record: LogRecord): Uint8Array;
    /**
     * link() for the agent's hot path: writes hash_n into `out` (32 bytes, may
     * be `prev` itself) and returns it as lowercase hex (what `sealog.hash`
     * carries). Allocates only the hex string with a provider that has sha256Hex.
     */
    linkInto(seq: number, prev: Uint8Array, ctx: Uint8Array, record: LogRecord, out: Uint8Array): string;
    /**
     * The same as link(), split so a verifier can keep a record's canonical
     * bytes (`recordBytes`, from canonicalRecord) while waiting for its predecessor.
     */
    linkBytes(seq: number, prev: Uint8Array, ctx: Uint8Array, recordBytes: Uint8Array): Uint8Array;
}
