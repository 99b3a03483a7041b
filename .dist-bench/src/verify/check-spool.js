/**
 * `sealog spool verify`: every frame's CRC (through the read-only inspect
 * scan, which takes no lock) plus the chain and seals of everything still in
 * a local spool, with the checker's findings and exit codes.
 */
import { AgentError } from '../errors.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import { Verifier } from '../integrity/verifier.js';
import { decodeResourceLogsProto } from '../otlp/proto.js';
import { decodeMeta } from '../pipeline/meta.js';
import { inspectSpool } from '../spool/inspect.js';
import { FRAME_TYPE_DATA } from '../spool/format.js';
import { loadAuditorTrust } from './trust.js';
/** The chain state in the newest frame meta that has one. */
export async function spoolHead(dir) {
    let head;
    const inspection = await inspectSpool(dir, undefined, (f) => {
        head = chainOf(f) ?? head;
    });
    return { inspection, ...(head ? { head } : {}) };
}
function chainOf(f) {
    try {
        return decodeMeta(f.meta).chain;
    }
    catch {
        return undefined;
    }
}
export async function checkSpool(dir, keyFiles, opts = {}) {
    if (keyFiles.length === 0 && !opts.keyFor?.length)
        throw new AgentError('USAGE', 'no public key given: pass --key FILE (sealog.pub)');
    const { trust, bindings, problems } = loadAuditorTrust(keyFiles, opts.keyFor);
    const verifier = new Verifier({ crypto: nodeCrypto, trust, bindings, nowNs: () => BigInt(Date.now()) * 1000000n, strict: opts.strict ?? false });
    let head;
    const inspection = await inspectSpool(dir, undefined, (f) => {
        head = chainOf(f) ?? head;
        if (f.type !== FRAME_TYPE_DATA)
            return;
        const where = `${f.segment}@${f.offset}`;
        try {
            verifier.addLogsData({ resourceLogs: [decodeResourceLogsProto(f.payload)] }, where);
        }
        catch (err) {
            verifier.addFinding({ kind: 'modified', severity: 'violation', message: `frame ${f.id} passes its CRC but its payload does not decode: ${err.message}`, where });
        }
    });
    verifier.finish();
    for (const p of problems)
        verifier.addFinding({ kind: 'unknown_key', severity: 'warning', message: `keyring: ${p}` });
    for (const s of inspection.segments) {
        for (const d of s.damage)
            verifier.addFinding({ kind: 'corrupt_frame', severity: 'violation', message: `${s.name}: ${d}` });
    }
    return { inspection, report: verifier.report(), ...(head ? { head } : {}) };
}
//# sourceMappingURL=check-spool.js.map