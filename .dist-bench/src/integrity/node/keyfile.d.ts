import type { Signer } from '../crypto.js';
import type { KeyringEntry } from '../keys.js';
import { nodeCrypto } from './crypto.js';
export declare const KEY_FORMAT = "sealog-key-v1";
export declare const PUB_FORMAT = "sealog-pub-v1";
export interface PubJson {
    format: string;
    alg: 'ed25519';
    anchor_id: string;
    epoch: number;
    key_id: string;
    public_key: string;
    cert?: string;
    since_ns?: string;
}
export interface LoadedKey {
    path: string;
    anchorId: string;
    signer: Signer;
    createdMs: number;
    pending?: {
        signer: Signer;
        cert: Uint8Array;
        createdMs: number;
        sinceNs?: bigint;
    };
}
/** Writes `data` to `path` atomically with `mode`. */
export declare function writeFileAtomic(path: string, data: string, mode: number): void;
export declare function generateKeyFiles(dir: string, opts?: {
    force?: boolean;
}): {
    keyFile: string;
    pubFile: string;
    keyId: string;
};
export declare function loadKeyFile(path: string): LoadedKey;
/**
 * Step 1 of a rotation: make key k+1, certify it with key k (a v2
 * certificate: it also signs the time k+1 comes into force, now), store both.
 */
export declare function prepareRotation(key: LoadedKey, nowNs?: bigint): LoadedKey;
/**
 * Step 2, once the seal announcing k+1 is durable: k+1 becomes current, its
 * public key and certificate go to the keyring, and key k is destroyed.
 */
export declare function commitRotation(key: LoadedKey): Promise<LoadedKey>;
export declare function keyringPath(keyFile: string): string;
/**
 * Reads a public key file for the checker: a sealog.pub, a keyring (JSON
 * lines), or a PEM SPKI Ed25519 public key. Returns keyring entries.
 */
export declare function readPublicKeys(path: string): KeyringEntry[];
export { nodeCrypto };
