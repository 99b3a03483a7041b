/**
 * `sealog verify` without the CLI: reads OTLP JSON lines files, feeds the
 * checker, cross-checks witness seals, and returns the report.
 */
import { isUtf8 } from 'node:buffer';
import { stat } from 'node:fs/promises';
import { AgentError } from '../errors.js';
import { getAttr, type LogsData } from '../otlp/types.js';
import { decodeLogsJson } from '../otlp/json.js';
import { ATTR_CHAIN, ATTR_HASH, ATTR_SEQ, ATTR_STREAM } from '../integrity/canonical.js';
import { ChainHasher } from '../integrity/chain.js';
import { fromHex } from '../integrity/bytes.js';
import { controlType } from '../integrity/control.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import { verifyPasses, type Verifier, type VerifyOptions, type VerifyReport } from './core/index.js';
import { WitnessCheck } from '../integrity/witness.js';
import { loadAuditorTrust } from './trust.js';
import { LineFeeder, type LineTap } from './json/index.js';
import { readLineBytes, readLines } from './read-lines.js';

export interface CheckOptions extends Omit<VerifyOptions, 'crypto' | 'trust' | 'nowNs' | 'bindings'> {
  keyFiles: string[];
  /** `GLOB=PUBFILE` stream bindings (--key-for). */
  keyFor?: string[];
  files: string[];
  witnessFiles?: string[];
  nowNs?: () => bigint;
  /** False: every line goes through the general decoder (the fast path's reference, for comparisons). */
  fastPath?: boolean;
  /** Called with (bytes read so far, total bytes) as input is read. */
  progress?: (done: number, total: number) => void;
  /** Sees every line the checker is fed, before it is fed (search, src/verify/search). */
  tap?: PassTap;
}

/** What search sees of the checker's reading: the start of each pass (the checker may read the input up to three times; only the last pass counts), then each line. */
export interface PassTap extends LineTap {
  pass(n: number): void;
}

export interface CheckResult {
  report: VerifyReport;
  /** The finished checker (sealRanges(), for search). */
  verifier: Verifier;
  /** Lines that could not be read as OTLP JSON (each also a finding). */
  unreadableLines: number;
  lines: number;
}

export async function checkFiles(o: CheckOptions): Promise<CheckResult> {
  if (o.keyFiles.length === 0 && !o.keyFor?.length) throw new AgentError('USAGE', 'no public key given: pass --key FILE (the sealog.pub written by `sealog keygen`)');
  if (o.files.length === 0) throw new AgentError('USAGE', 'no input files given');
  const { trust, bindings, problems: keyProblems } = loadAuditorTrust(o.keyFiles, o.keyFor);
  let total = 0;
  for (const f of [...o.files, ...(o.witnessFiles ?? [])]) {
    try {
      total += (await stat(f)).size;
    } catch (err) {
      throw new AgentError('INPUT_UNREADABLE', `cannot read ${f}: ${(err as Error).message}`);
    }
  }
  let done = 0;
  const onBytes = (n: number): void => {
    done += n;
    o.progress?.(done, total);
  };
  // Counts and line findings are those of the last pass (each pass reads the same lines).
  let last: LineFeeder | undefined;
  const feed = async (verifier: Verifier, pass: number): Promise<void> => {
    o.tap?.pass(pass);
    const lines = (last = new LineFeeder(verifier, { isUtf8, strict: o.strict ?? false, fastPath: o.fastPath !== false, ...(o.tap ? { tap: o.tap } : {}) }));
    for (const file of o.files) {
      for await (const { bytes, line } of readLineBytes(file, pass === 1 ? onBytes : () => undefined)) lines.line(bytes, `${file}:${line}`);
    }
  };
  // Read once; twice more only if two different records carry one seq (verifyPasses).
  const verifier = await verifyPasses({ ...o, crypto: nodeCrypto, trust, bindings, nowNs: o.nowNs ?? (() => BigInt(Date.now()) * 1_000_000n) }, feed);
  if (o.witnessFiles?.length) await crossCheckWitness(verifier, o.witnessFiles, onBytes);
  last!.addFindingsTo(verifier, keyProblems);
  return { report: verifier.report(), verifier, unreadableLines: last!.unreadable, lines: last!.lines };
}

/**
 * Every seal a witness holds must be in the main input with the same hash:
 * a missing one means the backend was truncated or rolled back. The rules
 * are the core's (src/integrity/witness.ts); this reads the files.
 */
async function crossCheckWitness(v: Verifier, files: string[], onBytes: (n: number) => void): Promise<void> {
  const w = new WitnessCheck();
  const hasher = new ChainHasher(nodeCrypto);
  for (const file of files) {
    for await (const { text, line } of readLines(file, onBytes)) {
      const where = `${file}:${line}`;
      let data: LogsData;
      try {
        data = decodeLogsJson(text);
      } catch (err) {
        v.addFinding({ kind: 'witness_conflict', severity: 'violation', message: `witness line is not OTLP JSON (${(err as Error).message})`, where });
        continue;
      }
      for (const rl of data.resourceLogs) {
        const stream = getAttr(rl.resource.attributes, ATTR_STREAM);
        const chain = getAttr(rl.resource.attributes, ATTR_CHAIN);
        if (stream?.type !== 'string' || chain?.type !== 'string') continue;
        for (const sl of rl.scopeLogs) {
          let ctx: Uint8Array | undefined;
          for (const r of sl.logRecords) {
            if (controlType(r) !== 'seal') continue;
            const seqV = getAttr(r.attributes, ATTR_SEQ);
            const hashV = getAttr(r.attributes, ATTR_HASH);
            if (seqV?.type !== 'int' || seqV.value < 1n || seqV.value > BigInt(Number.MAX_SAFE_INTEGER)) continue;
            ctx ??= hasher.context(rl.resource, sl.scope);
            const hash = hashV?.type === 'string' ? fromHex(hashV.value) : undefined;
            w.add(stream.value, chain.value, Number(seqV.value), r, ctx, hash?.length === 32 ? hash : undefined, where);
          }
        }
      }
    }
  }
  w.check(v);
}
