import type { CryptoProvider, HashProvider } from './crypto.js';
export declare function keyIdOf(crypto: HashProvider, publicKey: Uint8Array): string;
export interface TrustedKey {
    /** key id of the epoch-0 key this key descends from. */
    anchorId: string;
    epoch: number;
    keyId: string;
    publicKey: Uint8Array;
    /** How it became trusted: 'anchor', 'keyring', or 'seal <stream> seq N'. */
    via: string;
    /** When it came into force (a v2 certificate's time, or the announcing seal's): nothing of its epoch may be dated before. */
    sinceNs?: bigint;
    /** The key file it came from (anchors), for the report. */
    source?: string;
}
export interface KeyringEntry {
    anchorId?: string;
    epoch: number;
    publicKey: Uint8Array;
    /** Signature by the previous epoch's key over keyCertStatement(anchorId, epoch, publicKey[, sinceNs]). */
    cert?: Uint8Array;
    /** v2 certificates: the time the key came into force, covered by `cert`. */
    sinceNs?: bigint;
}
export declare class TrustStore {
    #private;
    private readonly crypto;
    constructor(crypto: CryptoProvider);
    get size(): number;
    get(keyId: string): TrustedKey | undefined;
    keys(): TrustedKey[];
    /** The epoch-0 keys (trust anchors), in the order they were added. */
    anchors(): TrustedKey[];
    addAnchor(publicKey: Uint8Array, source?: string): TrustedKey;
    /**
     * Adds keyring entries: epoch-0 entries are anchors only if `trustAnchors`
     * (the user named the file with --key); later epochs need a certificate that
     * verifies under an already trusted key of the previous epoch. Returns the
     * entries that could not be trusted, with the reason.
     */
    addKeyring(entries: KeyringEntry[], trustAnchors: boolean, source?: string): string[];
}
