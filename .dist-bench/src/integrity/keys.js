/**
 * Key identities and the checker's trust store (PROTOCOL.md §8).
 *
 * key id  = hex(SHA-256(raw public key)[0..8])
 * Trust   = the epoch-0 public keys the user passes (anchors), plus keyring
 *           entries whose certificate verifies under a trusted previous key.
 *
 * The store is what the auditor brought; it never learns from the input.
 * Keys announced by seals are followed per chain (epochs.ts), so one
 * stream's announcement never vouches for another stream.
 */
import { toHex } from './bytes.js';
import { keyCertStatement } from './control.js';
export function keyIdOf(crypto, publicKey) {
    return toHex(crypto.sha256(publicKey).subarray(0, 8));
}
export class TrustStore {
    crypto;
    #byId = new Map();
    constructor(crypto) {
        this.crypto = crypto;
    }
    get size() {
        return this.#byId.size;
    }
    get(keyId) {
        return this.#byId.get(keyId);
    }
    keys() {
        return [...this.#byId.values()];
    }
    /** The epoch-0 keys (trust anchors), in the order they were added. */
    anchors() {
        return this.keys().filter((k) => k.via === 'anchor');
    }
    addAnchor(publicKey, source) {
        const keyId = keyIdOf(this.crypto, publicKey);
        const k = { anchorId: keyId, epoch: 0, keyId, publicKey, via: 'anchor', ...(source !== undefined ? { source } : {}) };
        if (!this.#byId.has(keyId))
            this.#byId.set(keyId, k);
        return this.#byId.get(keyId);
    }
    /**
     * Adds keyring entries: epoch-0 entries are anchors only if `trustAnchors`
     * (the user named the file with --key); later epochs need a certificate that
     * verifies under an already trusted key of the previous epoch. Returns the
     * entries that could not be trusted, with the reason.
     */
    addKeyring(entries, trustAnchors, source) {
        const problems = [];
        const pending = [...entries].sort((a, b) => a.epoch - b.epoch);
        for (const e of pending) {
            if (e.epoch === 0) {
                if (trustAnchors)
                    this.addAnchor(e.publicKey, source);
                continue;
            }
            if (!e.cert) {
                problems.push(`epoch ${e.epoch} key ${keyIdOf(this.crypto, e.publicKey)} has no certificate`);
                continue;
            }
            const candidates = [...this.#byId.values()].filter((k) => k.epoch === e.epoch - 1 && (e.anchorId === undefined || k.anchorId === e.anchorId));
            const signer = candidates.find((k) => this.crypto.verifyEd25519(k.publicKey, keyCertStatement(k.anchorId, e.epoch, e.publicKey, e.sinceNs), e.cert));
            if (!signer) {
                problems.push(`epoch ${e.epoch} key ${keyIdOf(this.crypto, e.publicKey)}: certificate does not verify under any trusted epoch ${e.epoch - 1} key`);
                continue;
            }
            const keyId = keyIdOf(this.crypto, e.publicKey);
            if (!this.#byId.has(keyId)) {
                this.#byId.set(keyId, { anchorId: signer.anchorId, epoch: e.epoch, keyId, publicKey: e.publicKey, via: 'keyring', ...(e.sinceNs !== undefined ? { sinceNs: e.sinceNs } : {}) });
            }
        }
        return problems;
    }
}
//# sourceMappingURL=keys.js.map