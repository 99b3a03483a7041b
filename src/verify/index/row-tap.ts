/**
 * What the checker's pass of `sealog index` reads, as index rows
 * (row-batch.ts): every line the fast path scanned or the general decoder
 * read, each record with its canonical bytes, its context's, its stream,
 * chain and seq, its claimed hash and its control type. It sees the lines
 * before the checker does (a LineTap), so the input is read and scanned
 * once for both.
 */
import { ATTR_CHAIN, ATTR_HASH, ATTR_SEQ, ATTR_STREAM, writeContext, writeRecord } from '../../integrity/canonical.js';
import { ByteWriter, fromHex } from '../../integrity/bytes.js';
import { controlType } from '../../integrity/control.js';
import { getAttr, type LogRecord, type LogsData } from '../../otlp/types.js';
import type { LineTap, OtlpCanonicalScanner } from '../json/index.js';
import { recordModel } from '../search/canonical-read.js';
import { TYPE_CODE } from './db.js';
import { RowBatchWriter } from './row-batch.js';

const MAX_SEQ = Number.MAX_SAFE_INTEGER;
/** A batch is handed over once it holds this many bytes. */
const BATCH_BYTES = 4 << 20;

export function typeCode(r: LogRecord): number {
  const t = controlType(r);
  return t === undefined ? TYPE_CODE.none : t === 'unknown' ? TYPE_CODE.unknown : TYPE_CODE[t];
}

export class RowTap implements LineTap {
  readonly #w = new RowBatchWriter(BATCH_BYTES + (64 << 10));
  readonly #recW = new ByteWriter(4096);
  readonly #ctxW = new ByteWriter(1024);
  /** The number of the line being fed. */
  line = 0;

  /** `send` gets each full batch. */
  constructor(private readonly send: (batch: Uint8Array) => void) {}

  file(index: number): void {
    this.#w.file(index);
  }

  fileEnd(end: number, line: number): void {
    this.#w.fileEnd(end, line);
    this.#maybeSend();
  }

  /** Hands over what is pending. */
  flush(): void {
    const b = this.#w.take();
    if (b) this.send(b);
  }

  #maybeSend(): void {
    if (this.#w.length >= BATCH_BYTES) this.flush();
  }

  scanned(s: OtlpCanonicalScanner): void {
    const w = this.#w;
    const out = s.out;
    for (let ri = 0; ri < s.resourceCount; ri++) {
      const res = s.resources[ri]!;
      if (res.stream === undefined || res.chain === undefined) {
        if (res.records) w.unplaced(res.records);
        continue;
      }
      for (let sc = res.firstScope; sc < res.firstScope + res.scopes; sc++) {
        const n = s.scopeRecords(sc);
        if (n === 0) continue;
        w.scope(res.stream, res.chain, out.subarray(s.contextStart(sc), s.contextEnd(sc)));
        const first = s.scopeFirstRecord(sc);
        for (let k = first; k < first + n; k++) {
          const seq = s.recordSeq(k);
          if (seq < 0) {
            w.unplaced(1);
            continue;
          }
          const start = s.recordStart(k);
          const type = s.controlStart(k) < 0 ? TYPE_CODE.none : typeCode(recordModel(out, start));
          w.record(seq, this.line, type, s.claimed, s.recordClaimedAt(k), out, start, s.recordEnd(k));
        }
      }
    }
    this.#maybeSend();
  }

  decoded(data: LogsData): void {
    const w = this.#w;
    for (const rl of data.resourceLogs) {
      const streamV = getAttr(rl.resource.attributes, ATTR_STREAM);
      const chainV = getAttr(rl.resource.attributes, ATTR_CHAIN);
      if (streamV?.type !== 'string' || chainV?.type !== 'string') {
        for (const sl of rl.scopeLogs) if (sl.logRecords.length) w.unplaced(sl.logRecords.length);
        continue;
      }
      for (const sl of rl.scopeLogs) {
        if (sl.logRecords.length === 0) continue;
        const cw = this.#ctxW;
        cw.reset();
        writeContext(cw, rl.resource, sl.scope);
        w.scope(streamV.value, chainV.value, cw.buf.subarray(0, cw.pos));
        for (const r of sl.logRecords) {
          const seqV = getAttr(r.attributes, ATTR_SEQ);
          if (seqV?.type !== 'int' || seqV.value < 1n || seqV.value > BigInt(MAX_SEQ)) {
            w.unplaced(1);
            continue;
          }
          const hashV = getAttr(r.attributes, ATTR_HASH);
          const claimed = hashV?.type === 'string' ? fromHex(hashV.value) : undefined;
          const rw = this.#recW;
          rw.reset();
          writeRecord(rw, r);
          w.record(Number(seqV.value), this.line, typeCode(r), claimed ?? new Uint8Array(0), claimed?.length === 32 ? 0 : -1, rw.buf, 0, rw.pos);
        }
      }
    }
    this.#maybeSend();
  }
}
