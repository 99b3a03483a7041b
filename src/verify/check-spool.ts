/**
 * `sealog spool verify`: every frame's CRC (through the read-only inspect
 * scan, which takes no lock) plus the chain and seals of everything still in
 * a local spool, with the checker's findings and exit codes.
 */
import { AgentError } from '../errors.js';
import { TrustStore } from '../integrity/keys.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import { readPublicKeys } from '../integrity/node/keyfile.js';
import type { ChainState } from '../integrity/sealer.js';
import { Verifier, type VerifyReport } from '../integrity/verifier.js';
import { decodeResourceLogsProto } from '../otlp/proto.js';
import { decodeMeta } from '../pipeline/meta.js';
import { inspectSpool, type InspectedFrame, type SpoolInspection } from '../spool/inspect.js';
import { FRAME_TYPE_DATA } from '../spool/format.js';

export interface SpoolCheck {
  inspection: SpoolInspection;
  report: VerifyReport;
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

export async function checkSpool(dir: string, keyFiles: string[], opts: { strict?: boolean } = {}): Promise<SpoolCheck> {
  if (keyFiles.length === 0) throw new AgentError('USAGE', 'no public key given: pass --key FILE (sealog.pub)');
  const trust = new TrustStore(nodeCrypto);
  for (const f of keyFiles) trust.addKeyring(readPublicKeys(f), true);
  const verifier = new Verifier({ crypto: nodeCrypto, trust, nowNs: () => BigInt(Date.now()) * 1_000_000n, strict: opts.strict ?? false });
  let head: ChainState | undefined;
  const inspection = await inspectSpool(dir, undefined, (f) => {
    head = chainOf(f) ?? head;
    if (f.type !== FRAME_TYPE_DATA) return;
    const where = `${f.segment}@${f.offset}`;
    try {
      verifier.addLogsData({ resourceLogs: [decodeResourceLogsProto(f.payload)] }, where);
    } catch (err) {
      verifier.addFinding({ kind: 'modified', severity: 'violation', message: `frame ${f.id} passes its CRC but its payload does not decode: ${(err as Error).message}`, where });
    }
  });
  verifier.finish();
  for (const s of inspection.segments) {
    for (const d of s.damage) verifier.addFinding({ kind: 'corrupt_frame', severity: 'violation', message: `${s.name}: ${d}` });
  }
  return { inspection, report: verifier.report(), ...(head ? { head } : {}) };
}
