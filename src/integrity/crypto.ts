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
  /**
   * Optional fast paths, for platforms where returning a fresh byte array is
   * the expensive part (node:crypto: a Buffer per call costs 3x the hash):
   * SHA-256 written into `out` at `offset`, and SHA-256 as lowercase hex.
   */
  sha256Into?(data: Uint8Array, out: Uint8Array, offset: number): void;
  sha256Hex?(data: Uint8Array): string;
}

/** SHA-256 as a new 32-byte array, through the provider's fastest path. */
export function sha256Bytes(p: HashProvider, data: Uint8Array): Uint8Array {
  if (p.sha256Into) {
    const out = new Uint8Array(32);
    p.sha256Into(data, out, 0);
    return out;
  }
  return p.sha256(data);
}

/** One Ed25519 signature to check. */
export interface Ed25519Check {
  publicKey: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
}

export interface SignatureVerifier {
  /** Ed25519 verification with a raw 32-byte public key. */
  verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** Optional: many at once, in parallel where the platform can (node:crypto: libuv's thread pool); each verdict as verifyEd25519's. */
  verifyEd25519Many?(checks: readonly Ed25519Check[]): Promise<boolean[]>;
}

export type CryptoProvider = HashProvider & SignatureVerifier;

/** A signing key of one epoch. The private part never leaves the implementation. */
export interface Signer {
  readonly epoch: number;
  readonly publicKey: Uint8Array; // raw 32 bytes
  readonly keyId: string; // hex of the first 8 bytes of SHA-256(publicKey)
  sign(message: Uint8Array): Uint8Array; // 64-byte Ed25519 signature
}
