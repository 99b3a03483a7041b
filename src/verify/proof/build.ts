/**
 * Makes a proof from its parts, leaving out what a verifier derives
 * (format.ts, seal-form.ts): the collector (collector.ts) finds the parts in
 * the input and has checked them against each other.
 */
import type { SealFields } from '../../integrity/control.js';
import type { InstrumentationScope, LogRecord, Resource } from '../../otlp/index.js';
import type { MerkleTree } from './audit-path.js';
import type { CertForm, Proof, SealForm } from './format.js';
import { proofRecordJson } from './record-form.js';

/** A seal as found in the input: its parsed body and its context hash. */
export interface FoundSeal {
  seq: number;
  chain: string;
  fields: SealFields;
  ctx: Uint8Array;
}

export interface ProofParts {
  resource: Resource;
  scope: InstrumentationScope;
  record: LogRecord;
  seq: number;
  /** hash_{seq-1}. */
  prev: Uint8Array;
  /** The tree over the seal range's leaf hashes. */
  tree: MerkleTree;
  seal: FoundSeal;
  /** The seals that announced each key from the trusted epoch to the seal's, oldest first. */
  certs: readonly FoundSeal[];
}

export function certForm(s: FoundSeal, recordChain: string): CertForm {
  const f = s.fields;
  const c: CertForm = { seq: s.seq, v: f.v ?? 1, from: f.from, timeNs: f.timeNs, epoch: f.epoch, head: f.head, root: f.root, nextKey: f.nextKey!, sig: f.sig };
  if (s.chain !== recordChain) c.chain = s.chain;
  if (c.v === 2) c.ctx = s.ctx;
  if (f.from > 1) c.start = f.start;
  return c;
}

export function assembleProof(p: ProofParts): Proof {
  const f = p.seal.fields;
  const index = p.seq - f.from;
  const size = p.tree.size;
  const seal: SealForm = { v: f.v ?? 1, timeNs: f.timeNs, epoch: f.epoch, root: f.root, sig: f.sig };
  if (seal.v === 2) seal.ctx = p.seal.ctx;
  if (index > 0 && f.from > 1) seal.start = f.start;
  if (index < size - 1) seal.head = f.head;
  if (f.nextKey) seal.nextKey = f.nextKey;
  return {
    record: proofRecordJson(p.resource, p.scope, p.record),
    prev: p.prev,
    index,
    size,
    path: p.tree.path(index),
    seal,
    keys: p.certs.map((c) => certForm(c, p.seal.chain)),
  };
}
