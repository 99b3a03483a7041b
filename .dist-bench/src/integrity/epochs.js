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
import { keyIdOf } from './keys.js';
/** `*` matches any run of characters, `/` included; every other character stands for itself. */
export function globMatches(pattern, name) {
    const parts = pattern.split('*');
    if (parts.length === 1)
        return pattern === name;
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last))
        return false;
    let at = first.length;
    const end = name.length - last.length;
    for (let i = 1; i < parts.length - 1; i++) {
        const p = parts[i];
        const found = name.indexOf(p, at);
        if (found < 0 || found + p.length > end)
            return false;
        at = found + p.length;
    }
    return true;
}
/** The first binding whose pattern matches the stream (bindings apply in the order given). */
export function bindingFor(bindings, stream) {
    return bindings?.find((b) => globMatches(b.pattern, stream));
}
export class ChainKeys {
    trust;
    crypto;
    binding;
    /** The key of the last verified control record; undefined at the start of what is present. */
    #current;
    /** The next epoch's key, as the newest verified seal of the current epoch announced it. */
    #announced;
    epochs = new Set();
    constructor(trust, crypto, binding) {
        this.trust = trust;
        this.crypto = crypto;
        this.binding = binding;
    }
    /** The anchor (epoch-0 key id) the chain verified under, once a control record verified. */
    get anchor() {
        if (!this.#current)
            return undefined;
        return this.trust.get(this.#current.anchorId) ?? this.#current;
    }
    /**
     * May key `keyId`, claimed to be of `epoch`, sign `what` (e.g. "seal 12")
     * dated `timeNs` (undefined: the record carries no signed time)? Changes
     * nothing: call accept() once its signature verified.
     */
    check(keyId, epoch, timeNs, what) {
        const cur = this.#current;
        const ann = this.#announced?.keyId === keyId ? this.#announced : undefined;
        const known = ann ?? (cur?.keyId === keyId ? cur : this.trust.get(keyId));
        if (!known)
            return { ok: false, kind: 'unknown_key', message: `${what} is signed by unknown key ${keyId} (epoch ${epoch})` };
        if (known.epoch !== epoch) {
            return { ok: false, kind: 'unknown_key', message: `${what} claims epoch ${epoch} but key ${keyId} is the key of epoch ${known.epoch}` };
        }
        const bound = this.binding;
        if (bound && !bound.anchorIds.has(known.anchorId)) {
            return { ok: false, kind: 'anchor_mismatch', message: `${what} is signed under anchor ${known.anchorId}, but streams matching "${bound.pattern}" are bound to ${[...bound.anchorIds].join(', ')}` };
        }
        if (cur && known.anchorId !== cur.anchorId) {
            return { ok: false, kind: 'anchor_mismatch', message: `${what} is signed under anchor ${known.anchorId}, but this chain verified under anchor ${cur.anchorId}` };
        }
        if (cur && known !== ann && keyId !== cur.keyId) {
            if (epoch < cur.epoch)
                return { ok: false, kind: 'epoch_jump', message: `${what} is of epoch ${epoch}, after a seal of epoch ${cur.epoch}: epochs never decrease within a chain` };
            if (epoch === cur.epoch + 1) {
                return { ok: false, kind: 'epoch_jump', message: `${what} is of epoch ${epoch}, but no seal of epoch ${cur.epoch} in this chain announced key ${keyId}` };
            }
            return { ok: false, kind: 'epoch_jump', message: `${what} jumps from epoch ${cur.epoch} to epoch ${epoch}` };
        }
        if (timeNs !== undefined) {
            const since = latest(known.sinceNs, known === ann ? this.trust.get(keyId)?.sinceNs : undefined);
            if (since !== undefined && timeNs < since) {
                return { ok: false, kind: 'predated_seal', message: `${what} is dated ${timeNs} ns, before key ${keyId} (epoch ${epoch}) came into force at ${since} ns` };
            }
        }
        return { ok: true, key: known };
    }
    /** A control record signed by `key` verified: the chain is now at its epoch. */
    accept(key) {
        if (this.#current?.keyId !== key.keyId) {
            this.#current = key;
            this.#announced = undefined;
        }
        this.epochs.add(key.epoch);
    }
    /** A verified seal of the current epoch announced the next key, at `timeNs`. */
    announce(nextKey, timeNs, via) {
        const cur = this.#current;
        if (!cur)
            return;
        this.#announced = { anchorId: cur.anchorId, epoch: cur.epoch + 1, keyId: keyIdOf(this.crypto, nextKey), publicKey: nextKey, via, sinceNs: timeNs };
    }
}
function latest(a, b) {
    if (a === undefined)
        return b;
    if (b === undefined)
        return a;
    return a > b ? a : b;
}
//# sourceMappingURL=epochs.js.map