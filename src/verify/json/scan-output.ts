/**
 * Where the fast path puts what it read from one line: per resource, per
 * scope and per record metadata in flat typed arrays (no object per record),
 * the claimed hashes, and the accessors the feeder (feed-scan.ts) reads them
 * with. OtlpCanonicalScanner extends it and fills it in.
 */
/** Per-record metadata, in `records` (a Float64Array) with this stride. */
export const enum R {
  START = 0,
  END = 1,
  SEQ = 2,
  /** Index into `claimed` (32 bytes each), or -1. */
  CLAIMED = 3,
  /** JSON of a control record in the line: [start, end), or -1. */
  CONTROL_START = 4,
  CONTROL_END = 5,
  STRIDE = 6,
}

/** Per-scope metadata, in `scopes` (an Int32Array) with this stride. */
export const enum S {
  CONTEXT_START = 0,
  CONTEXT_END = 1,
  FIRST_RECORD = 2,
  RECORDS = 3,
  /** Regions of the scope's name, version and attributes in `out` (start -1: absent). */
  NAME_START = 4,
  NAME_END = 5,
  VERSION_START = 6,
  VERSION_END = 7,
  ATTRS_START = 8,
  ATTRS_END = 9,
  STRIDE = 10,
}

export interface ScannedResource {
  /** Its first `sealog.stream` / `sealog.chain` attribute when that is a string. */
  stream: string | undefined;
  chain: string | undefined;
  firstScope: number;
  scopes: number;
  records: number;
}

export class ScanOutput {
  /** Resources of the last line scanned, in order (entries past `resourceCount` are stale). */
  readonly resources: ScannedResource[] = [];
  resourceCount = 0;
  scopes = new Int32Array(S.STRIDE * 16);
  scopeCount = 0;
  records = new Float64Array(R.STRIDE * 1024);
  recordCount = 0;
  claimed = new Uint8Array(32 * 1024);
  claimedCount = 0;

  /** Record k's canonical bytes are out[recordStart(k), recordEnd(k)). */
  recordStart(k: number): number {
    return this.records[k * R.STRIDE + R.START]!;
  }
  recordEnd(k: number): number {
    return this.records[k * R.STRIDE + R.END]!;
  }
  /** Its sealog.seq, or -1 when it has none that is valid. */
  recordSeq(k: number): number {
    return this.records[k * R.STRIDE + R.SEQ]!;
  }
  /** Where its sealog.hash is in `claimed` (32 bytes), or -1 when it has none that is valid. */
  recordClaimedAt(k: number): number {
    const c = this.records[k * R.STRIDE + R.CLAIMED]!;
    return c < 0 ? -1 : c * 32;
  }
  /** For a control record (one with sealog.type), where its JSON object is in the line; else -1. */
  controlStart(k: number): number {
    return this.records[k * R.STRIDE + R.CONTROL_START]!;
  }
  controlEnd(k: number): number {
    return this.records[k * R.STRIDE + R.CONTROL_END]!;
  }
  /** Scope s's context bytes are out[contextStart(s), contextEnd(s)), with CONTEXT_PREFIX bytes of room before. */
  contextStart(s: number): number {
    return this.scopes[s * S.STRIDE + S.CONTEXT_START]!;
  }
  contextEnd(s: number): number {
    return this.scopes[s * S.STRIDE + S.CONTEXT_END]!;
  }
  scopeFirstRecord(s: number): number {
    return this.scopes[s * S.STRIDE + S.FIRST_RECORD]!;
  }
  scopeRecords(s: number): number {
    return this.scopes[s * S.STRIDE + S.RECORDS]!;
  }
}
