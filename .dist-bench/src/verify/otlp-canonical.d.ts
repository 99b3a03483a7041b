export declare const CONTEXT_PREFIX: number;
export interface ScannedResource {
    /** Its first `sealog.stream` / `sealog.chain` attribute when that is a string. */
    stream: string | undefined;
    chain: string | undefined;
    firstScope: number;
    scopes: number;
    records: number;
}
export declare class OtlpCanonicalScanner {
    #private;
    /** Resources of the last line scanned, in order (entries past `resourceCount` are stale). */
    readonly resources: ScannedResource[];
    resourceCount: number;
    scopes: Int32Array<ArrayBuffer>;
    scopeCount: number;
    records: Float64Array<ArrayBuffer>;
    recordCount: number;
    claimed: Uint8Array<ArrayBuffer>;
    claimedCount: number;
    /** The buffer holding records and contexts (valid until the next scan). */
    get out(): Uint8Array;
    /** Record k's canonical bytes are out[recordStart(k), recordEnd(k)). */
    recordStart(k: number): number;
    recordEnd(k: number): number;
    /** Its sealog.seq, or -1 when it has none that is valid. */
    recordSeq(k: number): number;
    /** Where its sealog.hash is in `claimed` (32 bytes), or -1 when it has none that is valid. */
    recordClaimedAt(k: number): number;
    /** For a control record (one with sealog.type), where its JSON object is in the line; else -1. */
    controlStart(k: number): number;
    controlEnd(k: number): number;
    /** Scope s's context bytes are out[contextStart(s), contextEnd(s)), with CONTEXT_PREFIX bytes of room before. */
    contextStart(s: number): number;
    contextEnd(s: number): number;
    scopeFirstRecord(s: number): number;
    scopeRecords(s: number): number;
    /** Reads one line; false when the general decoder must take it (see the module comment). */
    scan(line: Uint8Array): boolean;
}
