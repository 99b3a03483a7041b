/**
 * Which key may sign the next control record of one chain (docs/PROTOCOL.md
 * §8.1): epoch continuity, followed per chain and never shared between
 * chains, so a verdict does not depend on which stream was read first.
 *
 *   start of what is present ─► any key the auditor trusts (anchor, or a
 *                               keyring entry whose certificate chain verifies),
 *                               under the stream's bound anchor if it has one
 *   then, epoch e            ─► the same key, or the key of epoch e+1 that a
 *                               verified seal of epoch e in this chain announced
 *                               in its next_key; anything else is a finding
 *
 * A key is never used before it came into force: a v2 keyring certificate's
 * time, or the time of the seal that announced it.
 */
import { type TrustedKey, type TrustStore } from './keys.js';
import type { HashProvider } from './crypto.js';
export type KeyFindingKind = 'unknown_key' | 'epoch_jump' | 'predated_seal' | 'anchor_mismatch';
export type KeyCheck = {
    ok: true;
    key: TrustedKey;
} | {
    ok: false;
    kind: KeyFindingKind;
    message: string;
};
/** Streams whose name matches `pattern` must verify under one of `anchorIds` (`--key-for GLOB=PUB`). */
export interface AnchorBinding {
    pattern: string;
    anchorIds: ReadonlySet<string>;
}
/** `*` matches any run of characters, `/` included; every other character stands for itself. */
export declare function globMatches(pattern: string, name: string): boolean;
/** The first binding whose pattern matches the stream (bindings apply in the order given). */
export declare function bindingFor(bindings: readonly AnchorBinding[] | undefined, stream: string): AnchorBinding | undefined;
export declare class ChainKeys {
    #private;
    private readonly trust;
    private readonly crypto;
    readonly binding: AnchorBinding | undefined;
    readonly epochs: Set<number>;
    constructor(trust: TrustStore, crypto: HashProvider, binding: AnchorBinding | undefined);
    /** The anchor (epoch-0 key id) the chain verified under, once a control record verified. */
    get anchor(): TrustedKey | undefined;
    /**
     * May key `keyId`, claimed to be of `epoch`, sign `what` (e.g. "seal 12")
     * dated `timeNs` (undefined: the record carries no signed time)? Changes
     * nothing: call accept() once its signature verified.
     */
    check(keyId: string, epoch: number, timeNs: bigint | undefined, what: string): KeyCheck;
    /** A control record signed by `key` verified: the chain is now at its epoch. */
    accept(key: TrustedKey): void;
    /** A verified seal of the current epoch announced the next key, at `timeNs`. */
    announce(nextKey: Uint8Array, timeNs: bigint, via: string): void;
}
