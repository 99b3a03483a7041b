/**
 * Checks a control record's signature under a given key, for any protocol
 * version (docs/PROTOCOL.md §5.1): v1 against the type's statement, v2
 * against the record's own canonical bytes without `sig`. The chain check
 * and the witness check both call it, so there is one rule for both.
 */
import type { LogRecord } from '../otlp/types.js';
import { type StreamId } from './control.js';
import type { CryptoProvider } from './crypto.js';
export interface SignedControl {
    id: StreamId;
    seq: number;
    /** The record's context hash (its resource and scope, PROTOCOL.md §4). */
    ctx: Uint8Array;
    record: LogRecord;
    /** The parsed body: its version and signature. */
    fields: {
        v?: number;
        sig: Uint8Array;
    };
    /** The v1 statement of the parsed fields. */
    v1Statement: () => Uint8Array;
}
export declare function controlSignatureValid(crypto: CryptoProvider, publicKey: Uint8Array, c: SignedControl): boolean;
