/**
 * Generates test/vectors/protocol-v1.json: known-answer vectors for the
 * integrity protocol (canonical bytes, chain hashes, seals and signatures with
 * a fixed test key) and mutated negatives with the findings the checker must
 * report. Deterministic: Ed25519 signatures are deterministic and every time
 * and id is fixed. Run `npm run gen:vectors` after `npm run build`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toHex } from '../src/integrity/bytes.js';
import { canonicalRecord } from '../src/integrity/canonical.js';
import { ChainHasher } from '../src/integrity/chain.js';
import { nodeCrypto, signerFromSeed } from '../src/integrity/node/crypto.js';
import { Sealer } from '../src/integrity/sealer.js';
import { encodeLogsJson } from '../src/otlp/json.js';
import { generateVectorsV2 } from './gen-vectors-v2.js';
import { bool, dbl, int, kv, kvlist, newLogRecord, newResource, newScope, str, } from '../src/otlp/types.js';
export const VECTOR_SEED_HEX = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
export const OTHER_SEED_HEX = '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';
const T0 = 1767225600000000000n; // 2026-01-01T00:00:00Z
function record(i) {
    const r = newLogRecord();
    r.timeUnixNano = T0 + BigInt(i) * 1000000000n;
    r.observedTimeUnixNano = r.timeUnixNano + 5000n;
    r.severityNumber = i % 3 === 0 ? 13 : 9;
    r.severityText = i % 3 === 0 ? 'WARN' : 'INFO';
    r.body = i % 4 === 0 ? kvlist([kv('msg', str(`login ${i}`)), kv('ok', bool(i % 2 === 0))]) : str(`user ${i} logged in from 192.0.2.${i}`);
    r.attributes = [kv('user.id', int(1000 + i)), kv('http.method', str('POST')), kv('latency', dbl(i / 8))];
    if (i % 5 === 0) {
        r.traceId = Uint8Array.from({ length: 16 }, (_, k) => (k + i) & 0xff);
        r.spanId = Uint8Array.from({ length: 8 }, (_, k) => (k * 3 + i) & 0xff);
        r.flags = 1;
    }
    if (i % 7 === 0)
        r.eventName = 'user.login';
    if (i === 6) {
        // Duplicate keys (OTLP forbids them; hostile input carries them), apart from each other and nested: ordered by encoded value.
        r.attributes.push(kv('http.method', str('GET')), kv('ctx', kvlist([kv('k', int(2)), kv('j', bool(true)), kv('k', int(1))])));
    }
    return r;
}
function appBatch(from, n) {
    const resource = newResource([kv('service.name', str('vector-app')), kv('host.name', str('vector-host'))]);
    const logRecords = Array.from({ length: n }, (_, k) => record(from + k));
    return { resourceLogs: [{ resource, scopeLogs: [{ scope: newScope('app', '1.0'), logRecords, schemaUrl: '' }], schemaUrl: '' }] };
}
function fromHexStr(h) {
    return Uint8Array.from(Buffer.from(h, 'hex'));
}
export function buildVectorStream() {
    const signer = signerFromSeed(fromHexStr(VECTOR_SEED_HEX), 0);
    let clock = T0 + 100000000000n;
    const { sealer, genesis } = Sealer.genesis({
        crypto: nodeCrypto,
        signer,
        now: () => (clock += 1000000n),
        sealEveryRecords: 5,
        controlResource: newResource([kv('service.name', str('sealog')), kv('host.name', str('vector-host'))]),
        controlScope: newScope('sealog.integrity', '1'),
        version: 1,
    }, { stream: 'vector-host/logs', chain: '00112233aabbccdd' }, 'new');
    const frames = [genesis];
    for (let i = 0; i < 12; i += 4)
        sealer.stamp(appBatch(i, 4), (rl) => frames.push(rl));
    frames.push(sealer.seal());
    return { frames, publicKeyHex: toHex(signer.publicKey) };
}
/** Lines of OTLP JSON, one frame per line, as our file exporter writes them. */
function lines(frames) {
    return frames.map((rl) => encodeLogsJson({ resourceLogs: [rl] }));
}
function mutateLines(src, f) {
    return f(src.map((l) => JSON.parse(l))).map((o) => JSON.stringify(o));
}
function recordsOf(o) {
    const rl = o.resourceLogs[0];
    return rl.scopeLogs[0].logRecords;
}
function seqOf(r) {
    const a = r.attributes.find((x) => x.key === 'sealog.seq');
    return Number(a.value.intValue);
}
function findLine(objs, seq) {
    for (let line = 0; line < objs.length; line++) {
        const recs = recordsOf(objs[line]);
        const index = recs.findIndex((r) => seqOf(r) === seq);
        if (index >= 0)
            return { line, index };
    }
    throw new Error(`seq ${seq} not in vector stream`);
}
export function generateVectors() {
    const { frames, publicKeyHex } = buildVectorStream();
    const base = lines(frames);
    const hasher = new ChainHasher(nodeCrypto);
    const records = [];
    for (const rl of frames) {
        const ctx = hasher.context(rl.resource, rl.scopeLogs[0].scope);
        for (const r of rl.scopeLogs[0].logRecords) {
            const seq = Number(r.attributes.find((a) => a.key === 'sealog.seq').value.value);
            records.push({
                seq,
                type: r.attributes.find((a) => a.key === 'sealog.type')?.value?.value ?? 'record',
                context_sha256: toHex(ctx),
                canonical: toHex(canonicalRecord(r)),
                hash: r.attributes.find((a) => a.key === 'sealog.hash').value.value,
            });
        }
    }
    const other = toHex(signerFromSeed(fromHexStr(OTHER_SEED_HEX), 0).publicKey);
    const negatives = [
        {
            name: 'body-bit-flip',
            description: 'one character of record 3\'s body changed',
            lines: mutateLines(base, (o) => {
                const { line, index } = findLine(o, 3);
                const r = recordsOf(o[line])[index];
                r.body.stringValue = String(r.body.stringValue).replace('user', 'usor');
                return o;
            }),
            expect: [{ kind: 'modified', severity: 'violation', seq: 3 }],
        },
        {
            name: 'attribute-changed',
            description: 'record 9\'s user.id attribute changed',
            lines: mutateLines(base, (o) => {
                const { line, index } = findLine(o, 9);
                const a = recordsOf(o[line])[index].attributes.find((x) => x.key === 'user.id');
                a.value = { intValue: '1' };
                return o;
            }),
            expect: [{ kind: 'modified', severity: 'violation', seq: 9 }],
        },
        {
            name: 'record-deleted',
            description: 'record 4 removed',
            lines: mutateLines(base, (o) => {
                const { line, index } = findLine(o, 4);
                recordsOf(o[line]).splice(index, 1);
                return o;
            }),
            expect: [{ kind: 'missing', severity: 'violation', seq: 4, seqEnd: 4 }],
        },
        {
            name: 'record-inserted',
            description: 'a record without sealog.seq added to a sealed stream',
            lines: mutateLines(base, (o) => {
                const { line } = findLine(o, 3);
                recordsOf(o[line]).push({ timeUnixNano: String(T0), body: { stringValue: 'injected' }, attributes: [] });
                return o;
            }),
            expect: [{ kind: 'inserted', severity: 'violation' }],
        },
        {
            name: 'conflicting-duplicate',
            description: 'a second, different record with seq 8',
            lines: mutateLines(base, (o) => {
                const { line, index } = findLine(o, 8);
                const copy = JSON.parse(JSON.stringify(recordsOf(o[line])[index]));
                copy.severityText = 'ERROR';
                recordsOf(o[line]).push(copy);
                return o;
            }),
            expect: [{ kind: 'conflicting_duplicate', severity: 'violation', seq: 8 }],
        },
        {
            name: 'seal-root-edited',
            description: 'the Merkle root of the seal at seq 12 replaced',
            lines: mutateLines(base, (o) => {
                const { line, index } = findLine(o, 12);
                const body = recordsOf(o[line])[index].body;
                const root = body.kvlistValue.values.find((x) => x.key === 'root');
                root.value = { stringValue: '00'.repeat(32) };
                return o;
            }),
            expect: [{ kind: 'modified', severity: 'violation', seq: 12 }, { kind: 'forged_seal', severity: 'violation', seq: 12 }],
        },
        {
            name: 'seq-swapped',
            description: 'the sealog.seq values of records 2 and 3 swapped',
            lines: mutateLines(base, (o) => {
                const a = findLine(o, 2);
                const b = findLine(o, 3);
                const ra = recordsOf(o[a.line])[a.index];
                const rb = recordsOf(o[b.line])[b.index];
                const sa = ra.attributes.find((x) => x.key === 'sealog.seq');
                const sb = rb.attributes.find((x) => x.key === 'sealog.seq');
                [sa.value, sb.value] = [sb.value, sa.value];
                return o;
            }),
            // Record 4 is unchanged, but links from neither the claimed nor the computed hash of seq 3.
            expect: [
                { kind: 'modified', severity: 'violation', seq: 2 },
                { kind: 'modified', severity: 'violation', seq: 3 },
                { kind: 'modified', severity: 'violation', seq: 4 },
                { kind: 'invalid_seal', severity: 'violation', seq: 6 },
            ],
        },
        {
            name: 'wrong-key',
            description: 'a clean stream checked against another host\'s key',
            lines: base,
            publicKeyHex: other,
            expect: [1, 6, 12, 16].map((seq) => ({ kind: 'unknown_key', severity: 'violation', seq })),
        },
        {
            name: 'truncated-tail',
            description: 'the last seal and the records it covers deleted; --max-age makes the stale stream a finding',
            lines: base.slice(0, base.length - 2),
            options: { maxAgeSeconds: 60 },
            expect: [{ kind: 'stale', severity: 'violation', seq: 12 }],
        },
    ];
    return {
        format: 'sealog-vectors-v1',
        about: 'Known-answer vectors for sealog integrity protocol v1 (docs/PROTOCOL.md). Regenerate with `npm run gen:vectors`.',
        test_seed_hex: VECTOR_SEED_HEX,
        public_key_hex: publicKeyHex,
        stream: 'vector-host/logs',
        chain: '00112233aabbccdd',
        anchor_hash: toHex(hasher.anchor('vector-host/logs', '00112233aabbccdd')),
        lines: base,
        records,
        negatives,
    };
}
export const VECTOR_FILE = fileURLToPath(new URL('../../test/vectors/protocol-v1.json', import.meta.url));
export const VECTOR_FILE_V2 = fileURLToPath(new URL('../../test/vectors/protocol-v2.json', import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    writeFileSync(VECTOR_FILE, JSON.stringify(generateVectors(), null, 2) + '\n');
    process.stdout.write(`wrote ${VECTOR_FILE}\n`);
    writeFileSync(VECTOR_FILE_V2, JSON.stringify(generateVectorsV2(), null, 2) + '\n');
    process.stdout.write(`wrote ${VECTOR_FILE_V2}\n`);
}
//# sourceMappingURL=gen-vectors.js.map