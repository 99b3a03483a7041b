/**
 * The witness cross-check (docs/PROTOCOL.md §9.6), pure: a seals-only copy
 * is verified as a chain of seals in its own right (the same key and epoch
 * rules as the main input, with keys learned from the witness's own
 * announcing seals, never from the input), then every seal it holds must be
 * in the input with the same chain hash.
 *
 *   add(seal record, ...) per witness line ─► per (stream, chain), by seq
 *   check(verifier)                         ─► witness_conflict / witness_missing
 */
import type { LogRecord } from '../otlp/types.js';
import type { Verifier } from './verifier.js';
export declare class WitnessCheck {
    #private;
    /** One seal record a witness file holds (other records are ignored; a repeated seq counts once). */
    add(stream: string, chain: string, seq: number, record: LogRecord, ctx: Uint8Array, hash: Uint8Array | undefined, where: string): void;
    /** Adds the witness findings to the verifier (after its finish()). */
    check(v: Verifier): void;
}
