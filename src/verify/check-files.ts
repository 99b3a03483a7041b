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
import { verifyPasses, type Finding, type Verifier, type VerifyOptions, type VerifyReport } from './core/index.js';
import { WitnessCheck } from '../integrity/witness.js';
import { loadAuditorTrust } from './trust.js';
import { FastPathPolicy, mayCarryUpstream, OtlpCanonicalScanner, ScanFeeder, upstreamViews } from './json/index.js';
import { lineText, readLineBytes, readLines } from './read-lines.js';

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
  tap?: LineTap;
}

/** What a caller sees of the checker's reading: each line as the fast path or the general decoder read it. */
export interface LineTap {
  /** A pass over the input starts (the checker may read it up to three times; only the last pass counts). */
  pass(n: number): void;
  /** A line the fast path read; `scan` holds it until the next line. */
  scanned(scan: OtlpCanonicalScanner, where: string): void;
  /** A line the general decoder read. */
  decoded(data: LogsData, where: string): void;
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
  let lines = 0;
  let unreadable = 0;
  let unreadableFindings: Finding[] = [];
  const onBytes = (n: number): void => {
    done += n;
    o.progress?.(done, total);
  };
  const feed = async (verifier: Verifier, pass: number): Promise<void> => {
    // Counts and line findings are those of the last pass (each pass reads the same lines).
    lines = 0;
    unreadable = 0;
    unreadableFindings = [];
    o.tap?.pass(pass);
    // Each line goes through the fast path (bytes to canonical records) when it
    // can, else through the general decoder, which also words the error of a
    // line that is not OTLP JSON.
    const scanner = new OtlpCanonicalScanner(isUtf8);
    const feeder = new ScanFeeder(verifier, scanner);
    const policy = new FastPathPolicy();
    for (const file of o.files) {
      for await (const { bytes, line } of readLineBytes(file, pass === 1 ? onBytes : () => undefined)) {
        lines++;
        const where = `${file}:${line}`;
        if (mayCarryUpstream(bytes)) feedUpstream(verifier, bytes, where);
        if (o.fastPath !== false && policy.shouldTry()) {
          const ok = scanner.scan(bytes);
          policy.note(ok);
          if (ok) {
            o.tap?.scanned(scanner, where);
            feeder.feed(bytes, where);
            continue;
          }
        }
        let data: LogsData;
        try {
          data = decodeLogsJson(lineText(bytes));
        } catch (err) {
          unreadable++;
          if (unreadableFindings.length < 100) {
            // A torn write (or any fragment) claims no record: what it held is either in another
            // line (at-least-once delivery) or reported missing. So it is a warning, not a violation.
            unreadableFindings.push({
              kind: 'unreadable_line',
              severity: o.strict ? 'violation' : 'warning',
              message: `line is not OTLP JSON (${(err as Error).message}): a torn write or a damaged line; the records it held, if any, are checked through the chain`,
              where,
            });
          }
          continue;
        }
        o.tap?.decoded(data, where);
        verifier.addLogsData(data, where);
      }
    }
  };
  // Read once; twice more only if two different records carry one seq (verifyPasses).
  const verifier = await verifyPasses({ ...o, crypto: nodeCrypto, trust, bindings, nowNs: o.nowNs ?? (() => BigInt(Date.now()) * 1_000_000n) }, feed);
  if (o.witnessFiles?.length) await crossCheckWitness(verifier, o.witnessFiles, onBytes);
  const result = finalize(verifier, unreadableFindings, unreadable, lines, keyProblems);
  return result;
}

/** Upstream chains in a line are checked on their own view (json/upstream.ts); a line that does not decode is reported by the main path. */
function feedUpstream(v: Verifier, bytes: Uint8Array, where: string): void {
  let data: LogsData;
  try {
    data = decodeLogsJson(lineText(bytes));
  } catch {
    return;
  }
  for (const view of upstreamViews(data)) v.addLogsData(view, where);
}

function finalize(v: Verifier, extra: Finding[], unreadable: number, lines: number, keyProblems: string[]): CheckResult {
  for (const f of extra) v.addFinding(f);
  if (unreadable > extra.length) {
    v.addFinding({ kind: 'unreadable_line', severity: extra[0]!.severity, message: `${unreadable - extra.length} more line(s) are not OTLP JSON (only the first ${extra.length} are listed)` });
  }
  for (const p of keyProblems) v.addFinding({ kind: 'unknown_key', severity: 'warning', message: `keyring: ${p}` });
  return { report: v.report(), verifier: v, unreadableLines: unreadable, lines };
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
