/**
 * Micro-benchmarks of the integrity hot path: SHA-256 providers, the chain
 * step, chain plus seal in process, Ed25519, and the machine's own SHA-256
 * limit (`openssl speed`) as the physical reference.
 * Standalone: `node dist/bench/integrity.js [--quick]`.
 */
import { execFileSync } from 'node:child_process';
import { hash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ChainHasher } from '../src/integrity/chain.js';
import { nodeCrypto, signerFromSeed } from '../src/integrity/node/crypto.js';
import { portableCrypto } from '../src/integrity/portable-crypto.js';
import { Sealer } from '../src/integrity/sealer.js';
import { kv, newLogRecord, newResource, newScope, str, int } from '../src/otlp/types.js';
function rate(n, fn) {
    fn(); // warm-up pass is part of the caller's loop; one extra call here is noise
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++)
        fn();
    return n / (Number(process.hrtime.bigint() - t) / 1e9);
}
function time(fn) {
    const t = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t) / 1e9;
}
/** Realistic ~200-byte records (plain text and JSON bodies, a few attributes). */
export function benchRecords(n) {
    const records = [];
    for (let i = 0; i < n; i++) {
        const r = newLogRecord();
        r.timeUnixNano = 1767225600000000000n + BigInt(i) * 1000n;
        r.observedTimeUnixNano = r.timeUnixNano;
        r.severityNumber = 9;
        r.severityText = 'INFO';
        r.body = str(i % 2 === 0
            ? `2026-11-26T10:00:00.000Z INFO [http-nio-8080-exec-${i % 16}] c.e.AuthController user=${i} action=login ip=10.1.${i % 255}.${i % 200} ok`
            : `{"ts":"2026-11-26T10:00:00Z","level":"info","msg":"payment accepted","order":${i},"amount":${i % 1000}.5,"user":"u${i}"}`);
        r.attributes = [kv('log.file.name', str('app.log')), kv('n', int(i))];
        records.push(r);
    }
    return {
        resourceLogs: [{ resource: newResource([kv('host.name', str('bench'))]), scopeLogs: [{ scope: newScope('sealog/filelog'), logRecords: records, schemaUrl: '' }], schemaUrl: '' }],
    };
}
function opensslSha256() {
    try {
        const out = execFileSync('openssl', ['speed', '-evp', 'sha256', '-bytes', '256', '-seconds', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        // The last line: "sha256  123456.78k"  (thousands of bytes per second for 256-byte blocks)
        const m = /sha256\s+([\d.]+)k\s*$/m.exec(out.trim());
        return m ? (Number(m[1]) * 1000) / 256 : undefined;
    }
    catch {
        return undefined;
    }
}
export async function bench(opts) {
    const out = [];
    const n = opts.quick ? 50_000 : 300_000;
    for (const size of [100, 200, 500]) {
        const b = new Uint8Array(size).fill(7);
        out.push({ name: `sha256 node:crypto.hash ${size} B (Buffer out)`, value: rate(n, () => hash('sha256', b, 'buffer')), unit: 'hashes/s' });
        const into = new Uint8Array(32);
        out.push({ name: `sha256 node:crypto.hash ${size} B (into an array, as the agent does)`, value: rate(n, () => nodeCrypto.sha256Into(b, into, 0)), unit: 'hashes/s' });
        out.push({ name: `sha256 @noble/hashes ${size} B`, value: rate(n / 2, () => sha256(b)), unit: 'hashes/s' });
    }
    const ssl = opensslSha256();
    if (ssl)
        out.push({ name: 'sha256 CPU limit (openssl speed -evp sha256, 256 B)', value: ssl, unit: 'hashes/s' });
    // The chain step alone: canonical encoding + one SHA-256 per record.
    const data = benchRecords(opts.quick ? 20_000 : 100_000);
    const recs = data.resourceLogs[0].scopeLogs[0].logRecords;
    for (const [name, crypto] of [
        ['node:crypto', nodeCrypto],
        ['@noble', portableCrypto],
    ]) {
        const h = new ChainHasher(crypto);
        const ctx = h.context(data.resourceLogs[0].resource, data.resourceLogs[0].scopeLogs[0].scope);
        let prev = new Uint8Array(32);
        const count = name === '@noble' ? Math.floor(recs.length / 4) : recs.length;
        const secs = time(() => {
            for (let i = 0; i < count; i++)
                prev = h.link(i + 1, prev, ctx, recs[i]);
        });
        out.push({ name: `chain step (canonical + sha256) ${name}`, value: count / secs, unit: 'records/s' });
    }
    // Chain plus seal as the agent runs it: stamp batches of 1000, seal every 1000 (Merkle root + Ed25519 sign).
    const signer = signerFromSeed(new Uint8Array(32).fill(1), 0);
    const { sealer } = Sealer.genesis({ crypto: nodeCrypto, signer, now: () => BigInt(Date.now()) * 1000000n, sealEveryRecords: 1000, controlResource: newResource(), controlScope: newScope('sealog.integrity', '1') }, { stream: 'bench/logs', chain: '0123456789abcdef' }, 'new');
    // Batches are made just before they are stamped and dropped after, as in the agent (short-lived records).
    const total = opts.quick ? 50_000 : 300_000;
    let frames = 0;
    let secs = 0;
    for (let i = 0; i < total / 1000; i++) {
        const b = benchRecords(1000);
        secs += time(() => sealer.stamp(b, () => frames++));
    }
    out.push({ name: 'chain + seal in process (200 B records, seal every 1000)', value: total / secs, unit: 'records/s', extra: { frames } });
    const msg = new Uint8Array(200).fill(3);
    const sig = signer.sign(msg);
    const seed = new Uint8Array(32).fill(1);
    out.push({ name: 'ed25519 sign node:crypto', value: rate(opts.quick ? 2000 : 10_000, () => signer.sign(msg)), unit: 'ops/s' });
    out.push({ name: 'ed25519 verify node:crypto', value: rate(opts.quick ? 2000 : 10_000, () => nodeCrypto.verifyEd25519(signer.publicKey, msg, sig)), unit: 'ops/s' });
    out.push({ name: 'ed25519 sign @noble/curves', value: rate(opts.quick ? 200 : 1000, () => ed25519.sign(msg, seed)), unit: 'ops/s' });
    out.push({ name: 'ed25519 verify @noble/curves', value: rate(opts.quick ? 200 : 1000, () => portableCrypto.verifyEd25519(signer.publicKey, msg, sig)), unit: 'ops/s' });
    return out;
}
if (import.meta.url === `file://${process.argv[1]}`) {
    const quick = process.argv.includes('--quick');
    for (const r of await bench({ quick })) {
        process.stdout.write(`${r.name.padEnd(60)} ${Math.round(r.value).toLocaleString('en-US').padStart(12)} ${r.unit}${r.extra ? ' ' + JSON.stringify(r.extra) : ''}\n`);
    }
}
//# sourceMappingURL=integrity.js.map