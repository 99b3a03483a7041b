/**
 * The crypto the integrity core needs, injected so the core stays portable:
 * node:crypto in Node (src/integrity/node/crypto.ts), @noble/hashes and
 * @noble/curves elsewhere (src/integrity/portable-crypto.ts).
 */
export interface HashProvider {
  /** SHA-256 of `data` (a fresh 32-byte array, or one the caller may keep). */
  sha256(data: Uint8Array): Uint8Array;
  /** Lowercase hex of a hash, where the platform has a faster way than the portable one. */
  hex?(bytes: Uint8Array): string;
}

export interface SignatureVerifier {
  /** Ed25519 verification with a raw 32-byte public key. */
  verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export type CryptoProvider = HashProvider & SignatureVerifier;

/** A signing key of one epoch. The private part never leaves the implementation. */
export interface Signer {
  readonly epoch: number;
  readonly publicKey: Uint8Array; // raw 32 bytes
  readonly keyId: string; // hex of the first 8 bytes of SHA-256(publicKey)
  sign(message: Uint8Array): Uint8Array; // 64-byte Ed25519 signature
}
