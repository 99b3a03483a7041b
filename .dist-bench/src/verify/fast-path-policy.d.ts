/**
 * Whether to try the fast path on the next line. A refused line costs its
 * scan on top of the general decoder, so when the input turns out to be
 * mostly lines the fast path refuses (another writer's shape, say entityRefs
 * or bytesValue everywhere), it is tried only on every `probeEvery`th line,
 * and fully again as soon as it takes lines. Results never depend on it:
 * both paths give the same records.
 */
export declare class FastPathPolicy {
    #private;
    private readonly minRefused;
    private readonly probeEvery;
    constructor(minRefused?: number, probeEvery?: number);
    /** True if the next line should go through the fast path. */
    shouldTry(): boolean;
    note(accepted: boolean): void;
}
