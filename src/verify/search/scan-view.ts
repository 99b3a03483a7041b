/**
 * What search reads of a line the fast JSON path scanned (the scanner in
 * src/verify/json): resources with their stream and chain, scopes with their
 * context bytes, records with their canonical bytes, seq and claimed hash.
 * An interface, so search depends on the scanner's shape, not its code.
 */
export interface ScanView {
  readonly out: Uint8Array;
  readonly resourceCount: number;
  readonly resources: ReadonlyArray<{ stream: string | undefined; chain: string | undefined; firstScope: number; scopes: number; records: number }>;
  readonly claimed: Uint8Array;
  scopeRecords(s: number): number;
  scopeFirstRecord(s: number): number;
  contextStart(s: number): number;
  contextEnd(s: number): number;
  recordSeq(k: number): number;
  recordStart(k: number): number;
  recordEnd(k: number): number;
  recordClaimedAt(k: number): number;
  controlStart(k: number): number;
}
