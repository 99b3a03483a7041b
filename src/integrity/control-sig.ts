/**
 * Checks a control record's signature under a given key, for any protocol
 * version (docs/PROTOCOL.md §5.1): v1 against the type's statement, v2
 * against the record's own canonical bytes without `sig`. The chain check
 * and the witness check both call it, so there is one rule for both.
 */
import type { LogRecord } from '../otlp/types.js';
import { canonicalRecord } from './canonical.js';
import { controlStatementV2, type StreamId, versionOf, withoutSig } from './control.js';
import type { CryptoProvider } from './crypto.js';

export interface SignedControl {
  id: StreamId;
  seq: number;
  /** The record's context hash (its resource and scope, PROTOCOL.md §4). */
  ctx: Uint8Array;
  record: LogRecord;
  /** The parsed body: its version and signature. */
  fields: { v?: number; sig: Uint8Array };
  /** The v1 statement of the parsed fields. */
  v1Statement: () => Uint8Array;
}

/** The bytes a control record's signature covers: the v1 statement, or (v2) its own canonical bytes without `sig`. */
export function controlMessage(c: SignedControl): Uint8Array {
  return versionOf(c.fields) === 1 ? c.v1Statement() : controlStatementV2(c.id, c.seq, c.ctx, canonicalRecord(withoutSig(c.record)));
}

export function controlSignatureValid(crypto: CryptoProvider, publicKey: Uint8Array, c: SignedControl): boolean {
  return crypto.verifyEd25519(publicKey, controlMessage(c), c.fields.sig);
}
