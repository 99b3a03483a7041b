/**
 * The checker's pass of one `sealog index` run: the same core and fast path
 * as `sealog verify`, over exactly the bytes the run indexes (each file from
 * the offset already read up to the size it had when the run started),
 * after the records the index already holds of each chain from its last
 * seal on (so a seal range split across runs is checked whole).
 *
 * It runs in a worker thread (verify-worker.ts) beside the thread that
 * writes the index, so the two halves of the work use two cores; where the
 * worker script is not there (tests run the TypeScript sources), it runs in
 * the calling thread. Same result either way.
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
}

/** The pass itself, in this thread. */
export async function verifyPass(input: PassInput): Promise<PassOutput> {
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
  const feeder = new LineFeeder(v, { isUtf8 });
  for (const f of input.files) {
    for await (const { bytes, line } of linesFrom(f.path, f.gzip, f.start, f.firstLine, f.end)) feeder.line(bytes, `${f.path}:${line}`);
  }
  feeder.addFindingsTo(v, problems);
  return { report: v.finish() };
}

const WORKER = fileURLToPath(new URL('./verify-worker.js', import.meta.url));

/** The pass in a worker thread when its compiled script is there, else in this thread. */
export function startVerifyPass(input: PassInput): Promise<PassOutput> {
  if (!existsSync(WORKER)) return verifyPass(input);
  return new Promise<PassOutput>((resolve, reject) => {
    const w = new Worker(WORKER, { workerData: input });
    let done = false;
    w.once('message', (m: { ok: true; out: PassOutput } | { ok: false; error: string }) => {
      done = true;
      if (m.ok) resolve(m.out);
      else reject(new Error(m.error));
    });
    w.once('error', (err) => {
      done = true;
      reject(err);
    });
    w.once('exit', (code) => {
      if (!done) reject(new Error(`the checker's worker thread exited with code ${code}`));
    });
  });
}
