/**
 * `sealog spool verify`: every frame's CRC (through the read-only inspect
 * scan, which takes no lock) plus the chain and seals of everything still in
 * a local spool, with the checker's findings and exit codes.
 */
import { AgentError } from '../errors.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import type { ChainState } from '../integrity/sealer.js';
import { verifyPasses, type Finding, type Verifier, type VerifyReport } from './core/index.js';
import type { LogsData } from '../otlp/types.js';
import { decodeResourceLogsProto } from '../otlp/proto.js';
import { decodeMeta } from '../pipeline/meta.js';
import { inspectSpool, type InspectedFrame, type SpoolInspection } from '../spool/inspect.js';
import { FRAME_TYPE_DATA } from '../spool/format.js';
import { loadAuditorTrust } from './trust.js';

export interface SpoolCheck {
  inspection: SpoolInspection;
  report: VerifyReport;
  /** The finished checker (sealRanges(), for search). */
  verifier: Verifier;
  /** The chain state saved with the newest frame: what a restart continues from. */
  head?: ChainState;
}

/** The chain state in the newest frame meta that has one. */
export async function spoolHead(dir: string): Promise<{ inspection: SpoolInspection; head?: ChainState }> {
  let head: ChainState | undefined;
  const inspection = await inspectSpool(dir, undefined, (f) => {
    head = chainOf(f) ?? head;
  });
  return { inspection, ...(head ? { head } : {}) };
}

function chainOf(f: InspectedFrame): ChainState | undefined {
  try {
    return decodeMeta(f.meta).chain;
  } catch {
    return undefined;
  }
}

/** What search sees of the frames the checker reads (a pass starts; a frame's records). */
export interface FrameTap {
  pass(n: number): void;
  decoded(data: LogsData, where: string): void;
}

export async function checkSpool(dir: string, keyFiles: string[], opts: { strict?: boolean; keyFor?: string[]; maxAgeNs?: bigint; tap?: FrameTap } = {}): Promise<SpoolCheck> {
  if (keyFiles.length === 0 && !opts.keyFor?.length) throw new AgentError('USAGE', 'no public key given: pass --key FILE (sealog.pub)');
  const { trust, bindings, problems } = loadAuditorTrust(keyFiles, opts.keyFor);
  let head: ChainState | undefined;
  let inspection: Awaited<ReturnType<typeof inspectSpool>> | undefined;
  const undecodable: Finding[] = [];
  // Read once; twice more only if two different records carry one seq (verifyPasses).
  const verifier = await verifyPasses({ crypto: nodeCrypto, trust, bindings, nowNs: () => BigInt(Date.now()) * 1_000_000n, strict: opts.strict ?? false, ...(opts.maxAgeNs !== undefined ? { maxAgeNs: opts.maxAgeNs } : {}) }, async (v, pass) => {
    opts.tap?.pass(pass);
    head = undefined;
    undecodable.length = 0;
    inspection = await inspectSpool(dir, undefined, (f) => {
      head = chainOf(f) ?? head;
      if (f.type !== FRAME_TYPE_DATA) return;
      const where = `${f.segment}@${f.offset}`;
      try {
        const data: LogsData = { resourceLogs: [decodeResourceLogsProto(f.payload)] };
        opts.tap?.decoded(data, where);
        v.addLogsData(data, where);
      } catch (err) {
        undecodable.push({ kind: 'modified', severity: 'violation', message: `frame ${f.id} passes its CRC but its payload does not decode: ${(err as Error).message}`, where });
      }
    });
  });
  for (const f of undecodable) verifier.addFinding(f);
  if (!inspection) throw new Error('unreachable: the spool was inspected');
  for (const p of problems) verifier.addFinding({ kind: 'unknown_key', severity: 'warning', message: `keyring: ${p}` });
  for (const s of inspection.segments) {
    for (const d of s.damage) verifier.addFinding({ kind: 'corrupt_frame', severity: 'violation', message: `${s.name}: ${d}` });
  }
  return { inspection, report: verifier.report(), verifier, ...(head ? { head } : {}) };
}
