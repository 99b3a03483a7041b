/**
 * The verification core's public face: everything the checker's front ends
 * (the CLI, search, proofs, the index, the browser page) take from it. Import
 * from here, not from the files behind it, so the core can be arranged freely.
 *
 * Behind it, one job a file:
 *   types.ts           findings, reports, options, RecordInput/RecordSink, LINK_PREFIX
 *   verifier.ts        class Verifier: routes records to their chain's check, the report across chains
 *   stream-check.ts    class StreamCheck: the check of one (stream, chain)
 *   control-step.ts    ControlStep and runControl: key check and signature of one control record
 *   control-records.ts the ControlStep of each kind of control record (seal, genesis, loss, gap)
 *   findings.ts        pure builders of a stream's findings (absent prefix, unsealed tail, stale)
 *   copy-choice.ts     which copy of a conflicted seq the chain continues from
 *   record-bytes.ts    pure helpers on a record's bytes (link hash in place, claimed hash, copies)
 *   passes.ts          verifyPasses / verifyPassesSync: a whole check in one to three passes
 *   text.ts            rangeText, nsToIso
 * No `node:` imports anywhere here (it runs in a browser).
 */
export { toHex } from '../../integrity/bytes.js';
export type {
  Finding,
  FindingKind,
  PreferredCopies,
  RecordInput,
  RecordSink,
  SealRange,
  SeqsByChain,
  Severity,
  StreamReport,
  VerifyOptions,
  VerifyReport,
} from './types.js';
export { LINK_PREFIX } from './types.js';
export { Verifier } from './verifier.js';
export { verifyPasses, verifyPassesSync } from './passes.js';
export { nsToIso, rangeText } from './text.js';
