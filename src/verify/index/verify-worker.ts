/**
 * The worker thread that runs the checker's pass of `sealog index`
 * (verify-pass.ts) beside the thread that writes the index.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { verifyPass, type PassInput } from './verify-pass.js';

verifyPass(workerData as PassInput).then(
  (out) => parentPort!.postMessage({ ok: true, out }),
  (err: unknown) => parentPort!.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }),
);
