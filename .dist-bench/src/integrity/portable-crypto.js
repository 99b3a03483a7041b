/**
 * The integrity core's crypto without node:crypto (browsers, edge runtimes):
 * @noble/hashes SHA-256 and @noble/curves Ed25519 (strict RFC 8032
 * verification, as node:crypto/OpenSSL does, not ZIP-215).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keyIdOf } from './keys.js';
export const portableCrypto = {
    sha256(data) {
        return sha256(data);
    },
    verifyEd25519(publicKey, message, signature) {
        if (publicKey.length !== 32 || signature.length !== 64)
            return false;
        try {
            return ed25519.verify(signature, message, publicKey, { zip215: false });
        }
        catch {
            return false;
        }
    },
};
export function portableSignerFromSeed(seed, epoch) {
    const publicKey = ed25519.getPublicKey(seed);
    return {
        epoch,
        publicKey,
        keyId: keyIdOf(portableCrypto, publicKey),
        sign: (message) => ed25519.sign(message, seed),
    };
}
//# sourceMappingURL=portable-crypto.js.map