export declare class HashStore {
    #private;
    constructor(windowRecords?: number);
    get count(): number;
    set(seq: number, hash: Uint8Array): void;
    /** A view of the stored hash (valid while the store lives), or undefined. */
    get(seq: number): Uint8Array | undefined;
    has(seq: number): boolean;
}
