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
import { bytesEqual } from './bytes.js';
import { controlSignatureValid } from './control-sig.js';
import { parseSeal, sealStatement } from './control.js';
import { bindingFor, ChainKeys } from './epochs.js';
import type { Finding, Verifier } from '../verify/core/index.js';

interface WitnessSeal {
  seq: number;
  record: LogRecord;
  ctx: Uint8Array;
  /** Its `sealog.hash` (undefined when it carries none that is valid). */
  hash: Uint8Array | undefined;
  where: string;
}

export class WitnessCheck {
  readonly #chains = new Map<string, { stream: string; chain: string; seals: Map<number, WitnessSeal> }>();

  /** One seal record a witness file holds (other records are ignored; a repeated seq counts once). */
  add(stream: string, chain: string, seq: number, record: LogRecord, ctx: Uint8Array, hash: Uint8Array | undefined, where: string): void {
    const key = `${stream}\u0000${chain}`;
    let c = this.#chains.get(key);
    if (!c) {
      c = { stream, chain, seals: new Map() };
      this.#chains.set(key, c);
    }
    if (!c.seals.has(seq)) c.seals.set(seq, { seq, record, ctx, hash, where });
  }

  /** Adds the witness findings to the verifier (after its finish()). */
  check(v: Verifier): void {
    const chains = [...this.#chains.values()].sort((a, b) => (a.stream === b.stream ? (a.chain < b.chain ? -1 : 1) : a.stream < b.stream ? -1 : 1));
    for (const c of chains) {
      const keys = new ChainKeys(v.trust, v.crypto, bindingFor(v.opts.bindings, c.stream));
      const id = { stream: c.stream, chain: c.chain };
      for (const w of [...c.seals.values()].sort((a, b) => a.seq - b.seq)) {
        const base: Omit<Finding, 'kind' | 'message'> = { severity: 'violation', stream: c.stream, chain: c.chain, seq: w.seq, where: w.where };
        const parsed = parseSeal(w.record);
        if (!parsed.ok) {
          v.addFinding({ ...base, kind: 'witness_conflict', message: `witness seal ${w.seq} is malformed: ${parsed.error}` });
          continue;
        }
        const f = parsed.value;
        const k = keys.check(f.keyId, f.epoch, f.timeNs, `witness seal ${w.seq}`);
        if (!k.ok) {
          v.addFinding({ ...base, kind: 'witness_conflict', message: `${k.message} (${k.kind})` });
          continue;
        }
        if (!controlSignatureValid(v.crypto, k.key.publicKey, { id, seq: w.seq, ctx: w.ctx, record: w.record, fields: f, v1Statement: () => sealStatement(id, w.seq, f) })) {
          v.addFinding({ ...base, kind: 'witness_conflict', message: `witness seal ${w.seq} has an invalid signature (a forged witness copy)` });
          continue;
        }
        keys.accept(k.key);
        if (f.nextKey) keys.announce(f.nextKey, f.timeNs, `witness seal ${w.seq}`);
        if (!v.hasStream(c.stream, c.chain)) {
          v.addFinding({ ...base, kind: 'witness_missing', message: `the witness holds seal ${w.seq} of stream ${c.stream} (chain ${c.chain}), which is absent from the input: the backend lost or deleted this stream` });
          continue;
        }
        const main = v.sealHashOf(c.stream, c.chain, w.seq);
        if (!main) {
          v.addFinding({ ...base, kind: 'witness_missing', message: `the witness holds seal ${w.seq}, which is absent from the input: the backend was truncated or rolled back` });
        } else if (!w.hash || !bytesEqual(main, w.hash)) {
          v.addFinding({ ...base, kind: 'witness_conflict', message: `seal ${w.seq} in the input differs from the witness copy` });
        }
      }
    }
  }
}
