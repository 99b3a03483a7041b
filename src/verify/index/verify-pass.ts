/**
 * The checker's pass of one `sealog index` run: the same core and fast path
 * as `sealog verify`, over exactly the bytes the run indexes (each file from
 * the offset already read up to the size it had when the run started),
 * after the records the index already holds of each chain from its last
 * seal on (so a seal range split across runs is checked whole).
 *
 * It reads and scans the input once for both jobs: what it reads goes to
 * the thread that writes the index as batches of rows (row-tap.ts,
 * row-batch.ts), before the checker gets it.
 *
 * It runs in a worker thread (verify-worker.ts) beside the thread that
 * writes the index, so the two halves of the work use two cores; batches
 * move between them as ArrayBuffers (not copied), and the worker waits while
 * MAX_PENDING batches are not yet written. Where the worker script is not
 * there (tests run the TypeScript sources), it runs in the calling thread,
 * each batch written as it is made. Same result either way.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { nodeCrypto } from '../../integrity/node/crypto.js';
import { LINK_PREFIX, Verifier, type RecordInput, type VerifyReport } from '../core/index.js';
import { LineFeeder } from '../json/index.js';
import { recordModel } from '../search/canonical-read.js';
import { loadAuditorTrust } from '../trust.js';
import { linesFrom } from './input-files.js';
import { RowTap } from './row-tap.js';

/** A record the index already holds, fed to the checker before the new input. */
export interface HeldRecord {
  stream: string;
  chain: string;
  seq: number;
  /** Context hash. */
  ctx: Uint8Array;
  /** Canonical bytes. */
  record: Uint8Array;
  /** Its claimed sealog.hash, or empty. */
  claimed: Uint8Array;
  control: boolean;
  where: string;
}

export interface PassFile {
  path: string;
  gzip: boolean;
  /** Byte offset to start at, and the size to stop at (plain files; a gzip file is read whole). */
  start: number;
  end: number;
  /** Lines before `start`. */
  firstLine: number;
}

export interface PassInput {
  keyFiles: string[];
  keyFor: string[];
  nowNs: bigint;
  held: HeldRecord[];
  files: PassFile[];
}

export interface PassOutput {
  report: VerifyReport;
  /** Lines read, and those that are not OTLP JSON. */
  lines: number;
  unreadable: number;
}

/** Gets each batch of rows (row-batch.ts), in input order. */
export type RowSink = (batch: Uint8Array) => void;

/** Batches handed to the writing thread and not yet written, at most. */
const MAX_PENDING = 8;

/** The pass itself, in this thread; the rows it reads go to `rows`. */
export async function verifyPass(input: PassInput, rows: RowSink): Promise<PassOutput> {
  const { trust, bindings, problems } = loadAuditorTrust(input.keyFiles, input.keyFor);
  const v = new Verifier({ crypto: nodeCrypto, trust, bindings, nowNs: () => input.nowNs });
  for (const h of input.held) {
    const sink = v.open(h.stream, h.chain, 1, h.where);
    if (!sink) continue;
    const buf = new Uint8Array(LINK_PREFIX + h.record.length);
    buf.set(h.record, LINK_PREFIX);
    const r: RecordInput = {
      seq: h.seq,
      ctx: h.ctx,
      buf,
      start: LINK_PREFIX,
      end: buf.length,
      claimedBuf: h.claimed,
      claimedAt: h.claimed.length === 32 ? 0 : -1,
      control: h.control ? recordModel(h.record, 0) : undefined,
      where: h.where,
    };
    sink.add(r);
  }
  const tap = new RowTap(rows);
  const feeder = new LineFeeder(v, { isUtf8, tap });
  for (const [i, f] of input.files.entries()) {
    tap.file(i);
    let end = f.start;
    let last = f.firstLine;
    for await (const { bytes, line, end: lineEnd } of linesFrom(f.path, f.gzip, f.start, f.firstLine, f.end)) {
      tap.line = line;
      feeder.line(bytes, `${f.path}:${line}`);
      end = lineEnd;
      last = line;
    }
    tap.fileEnd(end, last);
  }
  tap.flush();
  feeder.addFindingsTo(v, problems);
  return { report: v.finish(), lines: feeder.lines, unreadable: feeder.unreadable };
}

/** In the worker: hands each batch over (moved, not copied) and waits while MAX_PENDING are not yet written. */
export function postingSink(post: (batch: Uint8Array) => void, pending: Int32Array): RowSink {
  return (batch) => {
    Atomics.add(pending, 0, 1);
    post(batch);
    for (let n = Atomics.load(pending, 0); n > MAX_PENDING; n = Atomics.load(pending, 0)) Atomics.wait(pending, 0, n, 1000);
  };
}

const WORKER = fileURLToPath(new URL('./verify-worker.js', import.meta.url));

/** What the worker posts: a batch of rows, then its result or its error. */
export type WorkerMessage = { rows: Uint8Array } | { ok: true; out: PassOutput } | { ok: false; error: string };

/**
 * The pass in a worker thread when its compiled script is there, else in
 * this thread; `rows` gets each batch in this thread (an error it throws
 * ends the pass with that error).
 */
export function startVerifyPass(input: PassInput, rows: RowSink): Promise<PassOutput> {
  if (!existsSync(WORKER)) return verifyPass(input, rows);
  return new Promise<PassOutput>((resolve, reject) => {
    const pending = new Int32Array(new SharedArrayBuffer(4));
    const w = new Worker(WORKER, { workerData: { input, pending } });
    let done = false;
    const fail = (err: unknown): void => {
      if (done) return;
      done = true;
      reject(err);
      void w.terminate();
    };
    w.on('message', (m: WorkerMessage) => {
      if (done) return;
      if ('rows' in m) {
        try {
          rows(m.rows);
        } catch (err) {
          fail(err);
          return;
        }
        Atomics.sub(pending, 0, 1);
        Atomics.notify(pending, 0);
        return;
      }
      done = true;
      if (m.ok) resolve(m.out);
      else reject(new Error(m.error));
    });
    w.once('error', fail);
    w.once('exit', (code) => {
      if (!done) reject(new Error(`the checker's worker thread exited with code ${code}`));
    });
  });
}
