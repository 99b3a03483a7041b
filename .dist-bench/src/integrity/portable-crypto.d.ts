import type { CryptoProvider, Signer } from './crypto.js';
export declare const portableCrypto: CryptoProvider;
export declare function portableSignerFromSeed(seed: Uint8Array, epoch: number): Signer;
