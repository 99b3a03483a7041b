/**
 * What each kind of control record (seal, genesis, loss, gap) asks of its
 * chain's keys: the ControlStep StreamCheck runs once the record is parsed,
 * with the signed bytes made up front and the findings it yields once
 * verified. Pure: nothing here looks at the chain's state.
 */
import {
  gapStatement,
  genesisStatement,
  lossStatement,
  sealStatement,
  type GapFields,
  type GenesisFields,
  type LossFields,
  type SealFields,
  type StreamId,
} from '../../integrity/control.js';
import { controlMessage } from '../../integrity/control-sig.js';
import { bytesEqual } from '../../integrity/bytes.js';
import type { CryptoProvider } from '../../integrity/crypto.js';
import type { TrustedKey } from '../../integrity/keys.js';
import type { ControlStep } from './control-step.js';
import { nsToIso } from './text.js';
import type { ChainFinding, Pending } from './types.js';

/** A control record's signature under `key` (any protocol version, §5.1). */
function sigCheck(crypto: CryptoProvider, id: StreamId, p: Pending, fields: { v?: number; sig: Uint8Array }, v1Statement: () => Uint8Array): (key: TrustedKey) => boolean {
  // The signed bytes are made now, so a step held for later (StreamCheck.#control) keeps them, not the decoded record.
  const message = controlMessage({ id: { stream: id.stream, chain: id.chain }, seq: p.seq, ctx: p.ctx, record: p.control!, fields, v1Statement });
  const sig = fields.sig;
  return (key) => crypto.verifyEd25519(key.publicKey, message, sig);
}

/** A parsed seal; `rangeFindings` (its range checked against the chain) count once it verified. */
export function sealStep(crypto: CryptoProvider, id: StreamId, p: Pending, f: SealFields, rangeFindings: ChainFinding[]): ControlStep {
  const seq = p.seq;
  return {
    seq,
    what: `seal ${seq}`,
    keyId: f.keyId,
    epoch: f.epoch,
    timeNs: f.timeNs,
    where: p.where,
    verify: sigCheck(crypto, id, p, f, () => sealStatement({ stream: id.stream, chain: id.chain }, seq, f)),
    invalid: `seal ${seq} has an invalid signature`,
    findings: rangeFindings,
    ...(f.nextKey ? { nextKey: { key: f.nextKey, timeNs: f.timeNs, via: `seal ${id.stream} seq ${seq}` } } : {}),
  };
}

export function genesisStep(crypto: CryptoProvider, id: StreamId, p: Pending, g: GenesisFields, strict: boolean | undefined): ControlStep {
  // A signed spool_tail_lost restart becomes one finding once every chain is read (Verifier.finish, #declareTailLost).
  const restart: ChainFinding[] =
    g.reason !== 'new' && g.tailLost === undefined
      ? [{ kind: 'chain_restart', severity: strict ? 'violation' : 'warning', seq: p.seq, message: `chain ${id.chain} started over (${g.reason}) at ${nsToIso(g.timeNs)}`, timeNs: g.timeNs }]
      : [];
  return {
    seq: p.seq,
    what: `genesis record ${p.seq}`,
    keyId: g.keyId,
    epoch: g.epoch,
    timeNs: g.timeNs,
    where: p.where,
    keyMismatch: (key) => (bytesEqual(key.publicKey, g.publicKey) ? undefined : `genesis record carries a public_key that is not the trusted key ${g.keyId} it names`),
    verify: sigCheck(crypto, id, p, g, () => genesisStatement({ stream: id.stream, chain: id.chain }, p.seq, g)),
    invalid: 'genesis record has an invalid signature',
    // Only a verified genesis says why the chain started (an unverified one claims nothing).
    findings: restart,
    genesis: { reason: g.reason, timeNs: g.timeNs, ...(g.tailLost ? { tailLost: g.tailLost } : {}) },
  };
}

export function lossStep(crypto: CryptoProvider, id: StreamId, p: Pending, l: LossFields, strict: boolean | undefined): ControlStep {
  // A loss record carries no signed time of its own in v1 (since/until may predate a rotation): no in-force check.
  return {
    seq: p.seq,
    what: `loss record ${p.seq}`,
    keyId: l.keyId,
    epoch: l.epoch,
    timeNs: undefined,
    where: p.where,
    verify: sigCheck(crypto, id, p, l, () => lossStatement({ stream: id.stream, chain: id.chain }, p.seq, l)),
    invalid: `loss record ${p.seq} has an invalid signature`,
    // Only a verified loss record's count is repeated (an unverified one is the violation).
    findings: [
      {
        kind: 'loss',
        severity: strict ? 'violation' : 'warning',
        seq: p.seq,
        message: `the agent declared ${l.count} record(s) dropped (${l.reason}) between ${nsToIso(l.sinceNs)} and ${nsToIso(l.untilNs)}`,
        timeNs: l.untilNs,
      },
    ],
  };
}

/** A gap record (PROTOCOL.md §7a): input bytes the agent could not read, declared and signed. */
export function gapStep(crypto: CryptoProvider, id: StreamId, p: Pending, g: GapFields, strict: boolean | undefined): ControlStep {
  const range = g.to !== undefined ? `bytes ${g.from}..${g.to} (${g.to - g.from} bytes)` : `bytes from ${g.from} on (how many is unknown)`;
  return {
    seq: p.seq,
    what: `gap record ${p.seq}`,
    keyId: g.keyId,
    epoch: g.epoch,
    timeNs: g.timeNs,
    where: p.where,
    verify: sigCheck(crypto, id, p, g, () => gapStatement({ stream: id.stream, chain: id.chain }, p.seq, g)),
    invalid: `gap record ${p.seq} has an invalid signature`,
    // Only a verified gap record's range is repeated (an unverified one is the violation).
    findings: [
      {
        kind: 'gap',
        severity: strict ? 'violation' : 'warning',
        seq: p.seq,
        message: `${g.receiver} could not read ${range} of ${g.path} (${g.reason}; file ${g.file}) at ${nsToIso(g.timeNs)}`,
        where: p.where,
        timeNs: g.timeNs,
      },
    ],
  };
}
