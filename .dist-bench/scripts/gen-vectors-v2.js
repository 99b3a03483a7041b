/**
 * Generates test/vectors/protocol-v2.json: known-answer vectors for protocol
 * v2 (control records signed over their own canonical bytes, key
 * certificates with their in-force time) and negatives for epoch
 * continuity, anchors and order: each with the complete list of findings a
 * checker must report (kind, severity, seq, seqEnd). Deterministic. Run by
 * `npm run gen:vectors` (after `npm run build`) with the v1 file.
 */
import { toHex } from '../src/integrity/bytes.js';
import { keyCertStatement } from '../src/integrity/control.js';
import { nodeCrypto, signerFromSeed } from '../src/integrity/node/crypto.js';
import { Sealer } from '../src/integrity/sealer.js';
import { encodeLogsJson } from '../src/otlp/json.js';
import { int, kv, newLogRecord, newResource, newScope, str } from '../src/otlp/types.js';
const T0 = 1767225600000000000n; // 2026-01-01T00:00:00Z
export const V2_NOW_NS = T0 + 3600000000000n;
const STREAM = 'vector-host/logs';
const CHAIN = '0123456789abcdef';
const seedHex = (n) => toHex(Uint8Array.from({ length: 32 }, (_, i) => (n * 31 + i * 7) & 0xff));
const HOST_SEEDS = [seedHex(1), seedHex(2), seedHex(3)];
const OTHER_SEED = seedHex(9);
const controlResource = (host) => newResource([kv('service.name', str('sealog')), kv('host.name', str(host))]);
const controlScope = newScope('sealog.integrity', '2');
function signer(seed, epoch) {
    return signerFromSeed(Uint8Array.from(Buffer.from(seed, 'hex')), epoch);
}
function batch(from, n) {
    const resource = newResource([kv('service.name', str('vector-app')), kv('host.name', str('vector-host'))]);
    const logRecords = Array.from({ length: n }, (_, k) => {
        const r = newLogRecord();
        r.timeUnixNano = T0 + BigInt(from + k) * 1000000000n;
        r.observedTimeUnixNano = r.timeUnixNano;
        r.severityNumber = 9;
        r.severityText = 'INFO';
        r.body = str(`user ${from + k} signed in`);
        r.attributes = [kv('user.id', int(100 + from + k))];
        return r;
    });
    return { resourceLogs: [{ resource, scopeLogs: [{ scope: newScope('app', '1.0'), logRecords, schemaUrl: '' }], schemaUrl: '' }] };
}
/** 6 batches of 3 records, a seal after each; the key rotates after batches 1 and 3 (epochs 0, 1, 2). */
function build(keys, host, clockStart) {
    let clock = clockStart;
    const { sealer, genesis } = Sealer.genesis({ crypto: nodeCrypto, signer: keys[0], now: () => (clock += 1000000n), sealEveryRecords: 100, controlResource: controlResource(host), controlScope }, { stream: STREAM, chain: CHAIN }, 'new');
    const out = { frames: [genesis], states: [], batches: [], announcedAt: [] };
    let epoch = 0;
    for (let b = 0; b < 6; b++) {
        out.states.push(sealer.snapshot());
        const data = batch(b * 3, 3);
        out.batches.push(structuredClone(data));
        sealer.stamp(data, (rl) => out.frames.push(rl));
        if ((b === 1 || b === 3) && keys[epoch + 1]) {
            out.frames.push(sealer.seal({ nextKey: keys[epoch + 1].publicKey }));
            out.announcedAt.push(clock);
            epoch++;
            sealer.setSigner(keys[epoch]);
        }
        else {
            out.frames.push(sealer.seal());
        }
    }
    return out;
}
const lines = (frames) => frames.map((rl) => encodeLogsJson({ resourceLogs: [rl] }));
const seqOf = (rl) => Number(rl.scopeLogs[0].logRecords[0].attributes.find((a) => a.key === 'sealog.seq').value.value);
const isControl = (rl) => rl.scopeLogs[0].logRecords[0].eventName.startsWith('sealog.');
const isSeal = (rl) => rl.scopeLogs[0].logRecords[0].eventName === 'sealog.seal';
/** Whoever holds `key` resumes the chain before batch `from`, edits a record and re-seals everything after, dated late. */
function resign(b, key, from) {
    const state = b.states[from];
    let clock = V2_NOW_NS - 60000000000n;
    const sealer = Sealer.resume({ crypto: nodeCrypto, signer: key, now: () => (clock += 1000000n), sealEveryRecords: 100, controlResource: controlResource('vector-host'), controlScope }, state);
    sealer.setSigner(key);
    const out = b.frames.filter((rl) => seqOf(rl) <= state.seq);
    for (let i = from; i < b.batches.length; i++) {
        const data = structuredClone(b.batches[i]);
        if (i === from)
            data.resourceLogs[0].scopeLogs[0].logRecords[1].body = str('nothing happened here');
        sealer.stamp(data, (rl) => out.push(rl));
        out.push(sealer.seal());
    }
    return out;
}
export function generateVectorsV2() {
    const host = HOST_SEEDS.map((s, e) => signer(s, e));
    const other = signer(OTHER_SEED, 0);
    const clean = build(host, 'vector-host', T0 + 100000000000n);
    const keyringFor = (since) => host.slice(1).map((k, i) => {
        const sinceNs = since(k.epoch);
        return {
            format: 'sealog-pub-v1',
            alg: 'ed25519',
            anchor_id: host[0].keyId,
            epoch: k.epoch,
            key_id: k.keyId,
            public_key: toHex(k.publicKey),
            cert: toHex(host[i].sign(keyCertStatement(host[0].keyId, k.epoch, k.publicKey, sinceNs))),
            since_ns: sinceNs.toString(),
        };
    });
    const keyring = keyringFor((e) => clean.announcedAt[e - 1] - 500000n);
    const lateKeyring = keyringFor((e) => clean.announcedAt[e - 1] + 1000000000000n);
    const base = lines(clean.frames);
    const controlSeqs = (frames, after = 0) => frames.filter((rl) => isControl(rl) && seqOf(rl) > after).map(seqOf);
    const sealSeqs = (frames, after = 0) => frames.filter((rl) => isSeal(rl) && seqOf(rl) > after).map(seqOf);
    const stolen = resign(clean, host[2], 0 + 1); // batch 1 is sealed under epoch 0
    const stolenAfter = clean.states[1].seq;
    const announceIdx = clean.frames.findIndex((rl) => isSeal(rl) && rl.scopeLogs[0].logRecords[0].body.value.some((e) => e.key === 'next_key'));
    const jumped = clean.frames.filter((_, i) => i !== announceIdx);
    const nextSealAfterAnn = clean.frames.slice(announceIdx + 1).find(isSeal);
    const crossHost = build([other], 'vector-host', T0 + 100000000000n);
    const tailStart = clean.frames.findIndex((rl) => seqOf(rl) > clean.states[4].seq);
    const tail = clean.frames.slice(tailStart);
    const lastSeal = clean.frames[clean.frames.length - 1];
    // The last frame cloned on its own: control frames share one resource object.
    const unsignedParts = [...clean.frames.slice(0, -1), structuredClone(lastSeal)];
    unsignedParts[unsignedParts.length - 1].resource.attributes.find((a) => a.key === 'host.name').value = str('someone-else');
    const lastSeq = seqOf(lastSeal);
    const unsignedSeverity = [...clean.frames.slice(0, -1), structuredClone(lastSeal)];
    unsignedSeverity[unsignedSeverity.length - 1].scopeLogs[0].logRecords[0].severityNumber = 1;
    const noGenesis = base.slice(1);
    const firstSeal = seqOf(clean.frames.find(isSeal));
    // Order: the same lines split into three files, in every order.
    const split = [0, 1, 2].map((f) => base.filter((_, i) => i % 3 === f).reverse());
    const allOrders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    const stolenSplit = [0, 1].map((f) => lines(stolen).filter((_, i) => i % 2 === f));
    const cases = [
        {
            name: 'clean-rotated',
            description: 'the clean v2 stream, keys rotated twice (announced by next_key): intact under the anchor alone',
            files: [base],
            trust: { anchors: ['host'] },
            anchor: host[0].keyId,
            expect: [],
        },
        {
            name: 'stolen-key-resign',
            description: 'the holder of the current key (epoch 2) edits a record of epoch 0 and re-signs every later seal, dated late; the keyring is given',
            files: [lines(stolen)],
            trust: { anchors: ['host'], keyring: 'host' },
            anchor: host[0].keyId,
            expect: sealSeqs(stolen, stolenAfter).map((seq) => ({ kind: 'epoch_jump', severity: 'violation', seq })),
        },
        {
            name: 'stolen-key-resign-no-keyring',
            description: 'the same, without the keyring: the thief\'s key is unknown to this chain',
            files: [lines(stolen)],
            trust: { anchors: ['host'] },
            anchor: host[0].keyId,
            expect: sealSeqs(stolen, stolenAfter).map((seq) => ({ kind: 'unknown_key', severity: 'violation', seq })),
        },
        {
            name: 'epoch-jump',
            description: 'the seal announcing epoch 1 deleted: the next seal changes epoch unannounced inside the records present (the keyring cannot stand in there)',
            files: [lines(jumped)],
            trust: { anchors: ['host'], keyring: 'host' },
            anchor: host[0].keyId,
            expect: [
                { kind: 'missing', severity: 'violation', seq: seqOf(clean.frames[announceIdx]), seqEnd: seqOf(clean.frames[announceIdx]) },
                // Epoch 1 never began in this chain, so every later seal is refused too.
                ...sealSeqs(jumped, seqOf(nextSealAfterAnn) - 1).map((seq) => ({ kind: 'epoch_jump', severity: 'violation', seq })),
            ],
        },
        {
            name: 'keyring-at-start',
            description: 'only the last two seal ranges retained (epoch 2): at the start of what is present the keyring stands in for the announcement',
            files: [lines(tail)],
            trust: { anchors: ['host'], keyring: 'host' },
            anchor: host[0].keyId,
            expect: [{ kind: 'absent_prefix', severity: 'note', seq: 1, seqEnd: seqOf(tail[0]) - 1 }],
        },
        {
            name: 'predated-seal',
            description: 'as keyring-at-start, but the keyring says epoch 2 came into force after the seals that use it',
            files: [lines(tail)],
            trust: { anchors: ['host'], keyring: 'host-late' },
            expect: [
                { kind: 'absent_prefix', severity: 'note', seq: 1, seqEnd: seqOf(tail[0]) - 1 },
                ...sealSeqs(tail).map((seq) => ({ kind: 'predated_seal', severity: 'violation', seq })),
            ],
        },
        {
            name: 'cross-host-resign',
            description: 'another trusted host\'s key re-signs this host\'s whole stream; the stream is bound to its own host\'s anchor',
            files: [lines(crossHost.frames)],
            trust: { anchors: ['host', 'other'], bindings: [{ pattern: 'vector-host/*', anchor: 'host' }] },
            expect: controlSeqs(crossHost.frames).map((seq) => ({ kind: 'anchor_mismatch', severity: 'violation', seq })),
        },
        {
            name: 'cross-host-resign-unbound',
            description: 'the same without a binding: it verifies, under the other host\'s anchor (which the report names); --strict demands a binding',
            files: [lines(crossHost.frames)],
            trust: { anchors: ['host', 'other'] },
            options: { strict: true },
            anchor: other.keyId,
            expect: [{ kind: 'unbound_stream', severity: 'violation' }],
        },
        {
            name: 'unsigned-parts-resource',
            description: 'the last seal\'s resource (host.name) changed: no later record links to it, its v2 signature covers it',
            files: [lines(unsignedParts)],
            trust: { anchors: ['host'] },
            anchor: host[0].keyId,
            expect: [
                { kind: 'modified', severity: 'violation', seq: lastSeq },
                { kind: 'forged_seal', severity: 'violation', seq: lastSeq },
            ],
        },
        {
            name: 'unsigned-parts-severity',
            description: 'the last seal\'s severity changed',
            files: [lines(unsignedSeverity)],
            trust: { anchors: ['host'] },
            anchor: host[0].keyId,
            expect: [
                { kind: 'modified', severity: 'violation', seq: lastSeq },
                { kind: 'forged_seal', severity: 'violation', seq: lastSeq },
            ],
        },
        {
            name: 'genesis-deleted',
            description: 'only the genesis record deleted: an absent prefix of one record; the first range cannot be checked from its beginning (its records are noted unverifiable, never claimed intact)',
            files: [noGenesis],
            trust: { anchors: ['host'] },
            anchor: host[0].keyId,
            expect: [
                { kind: 'absent_prefix', severity: 'note', seq: 1, seqEnd: 1 },
                { kind: 'unverifiable', severity: 'note', seq: 2, seqEnd: firstSeal - 1 },
            ],
        },
        {
            name: 'order-permutations',
            description: 'the clean stream split into three files, lines reversed; every file order gives the same (empty) findings',
            files: split,
            file_orders: allOrders,
            trust: { anchors: ['host'] },
            anchor: host[0].keyId,
            expect: [],
        },
        {
            name: 'order-permutations-stolen',
            description: 'the stolen-key re-sign split into two files, both orders: the same findings',
            files: stolenSplit,
            file_orders: [[0, 1], [1, 0]],
            trust: { anchors: ['host'], keyring: 'host' },
            anchor: host[0].keyId,
            expect: sealSeqs(stolen, stolenAfter).map((seq) => ({ kind: 'epoch_jump', severity: 'violation', seq })),
        },
    ];
    return {
        format: 'sealog-vectors-v2',
        about: 'Known-answer vectors for sealog integrity protocol v2 (docs/PROTOCOL.md): v2 control signatures, key certificates with their in-force time, epoch continuity, anchors, order. Each case lists every finding a checker must report. Regenerate with `npm run gen:vectors`.',
        now_ns: V2_NOW_NS.toString(),
        stream: STREAM,
        chain: CHAIN,
        keys: {
            host: HOST_SEEDS.map((s, e) => ({ epoch: e, seed_hex: s, key_id: host[e].keyId, public_key_hex: toHex(host[e].publicKey) })),
            other: [{ epoch: 0, seed_hex: OTHER_SEED, key_id: other.keyId, public_key_hex: toHex(other.publicKey) }],
        },
        keyrings: { host: keyring, 'host-late': lateKeyring },
        cases,
    };
}
//# sourceMappingURL=gen-vectors-v2.js.map