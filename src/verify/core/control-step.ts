/**
 * One control record as a step for its chain's keys (ControlStep), and
 * runControl: the key check, the signature check and what a verified control
 * record yields. Pure apart from the ChainKeys it moves on.
 */
import type { ChainKeys } from '../../integrity/epochs.js';
import type { TrustedKey } from '../../integrity/keys.js';
import type { ChainFinding, StreamReport } from './types.js';

/** One control record, checked once its chain's keys are known (StreamCheck.#control). */
export interface ControlStep {
  seq: number;
  /** "seal 12", for messages. */
  what: string;
  keyId: string;
  epoch: number;
  /** Its signed time (undefined: none, no in-force check). */
  timeNs: bigint | undefined;
  where: string;
  /** Why a key that passed the key check still cannot be this record's (a genesis naming another public key). */
  keyMismatch?: (key: TrustedKey) => string | undefined;
  verify: (key: TrustedKey) => boolean;
  /** The message when the signature does not verify. */
  invalid: string;
  /** What it yields once verified. */
  findings: ChainFinding[];
  nextKey?: { key: Uint8Array; timeNs: bigint; via: string };
  genesis?: NonNullable<StreamReport['genesis']>;
}

export interface ControlOutcome {
  findings: ChainFinding[];
  genesis?: NonNullable<StreamReport['genesis']>;
}

/** Key check, signature, and what a verified control record yields; moves `keys` on. Pure apart from `keys`. */
export function runControl(keys: ChainKeys, step: ControlStep): ControlOutcome {
  const { seq, where } = step;
  const c = keys.check(step.keyId, step.epoch, step.timeNs, step.what);
  if (!c.ok) return { findings: [{ kind: c.kind, severity: 'violation', seq, message: c.message, where }] };
  const mismatch = step.keyMismatch?.(c.key);
  if (mismatch !== undefined) return { findings: [{ kind: 'forged_seal', severity: 'violation', seq, message: mismatch, where }] };
  if (!step.verify(c.key)) return { findings: [{ kind: 'forged_seal', severity: 'violation', seq, message: step.invalid, where }] };
  keys.accept(c.key);
  if (step.nextKey) keys.announce(step.nextKey.key, step.nextKey.timeNs, step.nextKey.via);
  return { findings: step.findings, ...(step.genesis ? { genesis: step.genesis } : {}) };
}
