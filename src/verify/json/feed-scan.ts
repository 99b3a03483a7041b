/**
 * Hands one line read by the fast path (otlp-canonical.ts) to the checker:
 * resources, scopes and records in the order the general path would feed
 * them (Verifier.addLogsData), with the same foreign, --stream and
 * inserted-record rules (Verifier.open, RecordSink). Only control records
 * (seals, genesis, loss) are decoded into the OTLP model, for their fields.
 */
import { CONTEXT_TAG } from '../../integrity/chain.js';
import { sha256Bytes } from '../../integrity/crypto.js';
import type { RecordInput, Verifier } from '../core/index.js';
import { decodeLogRecordJson } from '../../otlp/json-decode.js';
import { CONTEXT_PREFIX, type OtlpCanonicalScanner } from './otlp-canonical.js';

const EMPTY = new Uint8Array(0);

export class ScanFeeder {
  readonly #input: RecordInput = { seq: -1, ctx: EMPTY, buf: EMPTY, start: 0, end: 0, claimedBuf: EMPTY, claimedAt: -1, control: undefined, where: '' };

  constructor(
    private readonly v: Verifier,
    private readonly scan: OtlpCanonicalScanner,
  ) {}

  /** Feeds the line `scan` last read (`line` is its bytes, `where` its file:line). */
  feed(line: Uint8Array, where: string): void {
    const scan = this.scan;
    const input = this.#input;
    input.where = where;
    input.buf = scan.out;
    for (let r = 0; r < scan.resourceCount; r++) {
      const res = scan.resources[r]!;
      const sink = this.v.open(res.stream, res.chain, res.records, where);
      if (!sink) continue;
      for (let s = res.firstScope; s < res.firstScope + res.scopes; s++) {
        const n = scan.scopeRecords(s);
        if (n === 0) continue;
        input.ctx = this.#context(s);
        const first = scan.scopeFirstRecord(s);
        for (let k = first; k < first + n; k++) {
          const seq = scan.recordSeq(k);
          input.start = scan.recordStart(k);
          input.end = scan.recordEnd(k);
          if (seq < 0) {
            sink.inserted(where, timeNs(scan.out, input.start));
            continue;
          }
          const cs = scan.controlStart(k);
          input.seq = seq;
          input.claimedBuf = scan.claimed;
          input.claimedAt = scan.recordClaimedAt(k);
          input.control = cs < 0 ? undefined : decodeLogRecordJson(line.subarray(cs, scan.controlEnd(k)));
          sink.add(input);
        }
      }
    }
    input.buf = EMPTY;
    input.control = undefined;
  }

  /** H(0x03 ‖ "sealog/v1/context" ‖ context bytes), the prefix written into the room before them. */
  #context(s: number): Uint8Array {
    const o = this.scan.out;
    const start = this.scan.contextStart(s) - CONTEXT_PREFIX;
    o[start] = 0x03;
    o.set(CONTEXT_TAG, start + 1);
    return sha256Bytes(this.v.crypto, o.subarray(start, this.scan.contextEnd(s)));
  }
}

/** time_unix_nano, else observed_time_unix_nano, from a record's canonical bytes. */
function timeNs(b: Uint8Array, start: number): bigint {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return v.getBigUint64(start) || v.getBigUint64(start + 8);
}
