/**
 * The agent's signing key, shared by every pipeline, and forward-secure
 * rotation across them:
 *
 *   prepare()      key k+1 is made and certified by key k (stored as "pending")
 *   each pipeline  seals with key k announcing k+1, then calls commit(name)
 *   last commit    k+1 becomes current on disk and key k is destroyed
 *
 * Until every pipeline has announced k+1, key k stays on disk so that a crash
 * in between can still announce it (the pipeline re-announces on start).
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { commitRotation, generateKeyFiles, loadKeyFile, prepareRotation } from '../integrity/node/keyfile.js';
export class KeyManager {
    #key;
    #pipelines = new Set();
    #committed = new Set();
    constructor(key) {
        this.#key = key;
    }
    /** Loads the key, generating it first when allowed and missing. */
    static open(path, opts) {
        if (!existsSync(path) && opts.generate) {
            const info = generateKeyFiles(dirname(path));
            opts.onGenerated?.(info);
        }
        return new KeyManager(loadKeyFile(path));
    }
    get path() {
        return this.#key.path;
    }
    get anchorId() {
        return this.#key.anchorId;
    }
    /** The signer of the current (oldest live) epoch. */
    get signer() {
        return this.#key.signer;
    }
    get pending() {
        return this.#key.pending?.signer;
    }
    /** When the key of `epoch` was created (rotation is due rotate_ms later). */
    createdMs(epoch) {
        if (this.#key.pending && this.#key.pending.signer.epoch === epoch)
            return this.#key.pending.createdMs;
        return this.#key.createdMs;
    }
    /** The signer a pipeline resuming at `epoch` should use. */
    signerFor(epoch) {
        if (this.#key.pending && this.#key.pending.signer.epoch === epoch)
            return this.#key.pending.signer;
        return this.#key.signer;
    }
    register(pipeline) {
        this.#pipelines.add(pipeline);
    }
    unregister(pipeline) {
        this.#pipelines.delete(pipeline);
        this.#committed.delete(pipeline);
    }
    /** Makes (once) and returns the next epoch's signer. */
    prepare() {
        this.#key = prepareRotation(this.#key);
        return this.#key.pending.signer;
    }
    /** A pipeline has durably announced the next key; returns it. The old key is destroyed after the last pipeline. */
    async commit(pipeline) {
        const pending = this.#key.pending;
        if (!pending)
            return this.#key.signer;
        this.#committed.add(pipeline);
        const next = pending.signer;
        if ([...this.#pipelines].every((p) => this.#committed.has(p))) {
            this.#key = await commitRotation(this.#key);
            this.#committed.clear();
        }
        return next;
    }
}
//# sourceMappingURL=key-manager.js.map