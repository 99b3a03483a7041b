/**
 * node:crypto implementation of the integrity core's crypto: one-shot
 * `crypto.hash` for SHA-256 (the fastest option measured, see PROTOCOL.md §11)
 * and Ed25519 through KeyObjects built from raw keys (cached per key).
 */
import { type KeyObject } from 'node:crypto';
import type { CryptoProvider, Signer } from '../crypto.js';
export declare function publicKeyObject(raw: Uint8Array): KeyObject;
export declare function rawPublicKeyFromObject(k: KeyObject): Uint8Array;
export declare const nodeCrypto: CryptoProvider;
/** A Signer from a raw 32-byte Ed25519 seed. */
export declare function signerFromSeed(seed: Uint8Array, epoch: number): Signer;
