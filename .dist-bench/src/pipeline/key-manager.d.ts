import type { Signer } from '../integrity/crypto.js';
export declare class KeyManager {
    #private;
    private constructor();
    /** Loads the key, generating it first when allowed and missing. */
    static open(path: string, opts: {
        generate: boolean;
        onGenerated?: (info: {
            keyFile: string;
            pubFile: string;
            keyId: string;
        }) => void;
    }): KeyManager;
    get path(): string;
    get anchorId(): string;
    /** The signer of the current (oldest live) epoch. */
    get signer(): Signer;
    get pending(): Signer | undefined;
    /** When the key of `epoch` was created (rotation is due rotate_ms later). */
    createdMs(epoch: number): number;
    /** The signer a pipeline resuming at `epoch` should use. */
    signerFor(epoch: number): Signer;
    register(pipeline: string): void;
    unregister(pipeline: string): void;
    /** Makes (once) and returns the next epoch's signer. */
    prepare(): Signer;
    /** A pipeline has durably announced the next key; returns it. The old key is destroyed after the last pipeline. */
    commit(pipeline: string): Promise<Signer>;
}
