/**
 * The worker thread that runs the checker's pass of `sealog index`
 * (verify-pass.ts) beside the thread that writes the index, and hands it
 * the rows it reads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { postingSink, verifyPass, type PassInput, type WorkerMessage } from './verify-pass.js';

const { input, pending } = workerData as { input: PassInput; pending: Int32Array };
const post = (m: WorkerMessage, transfer?: ArrayBuffer[]): void => parentPort!.postMessage(m, transfer);

verifyPass(
  input,
  postingSink((batch) => post({ rows: batch }, [batch.buffer as ArrayBuffer]), pending),
).then(
  (out) => post({ ok: true, out }),
  (err: unknown) => post({ ok: false, error: err instanceof Error ? err.message : String(err) }),
);
