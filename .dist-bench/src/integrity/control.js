/**
 * Control records (docs/PROTOCOL.md §5-§7): seals, the genesis record and
 * loss records. Each is an ordinary log record in the chain with
 * `sealog.type` set, an event name, and a kvlist body holding its fields and
 * an Ed25519 signature `sig`.
 *
 *   v1: `sig` covers a "statement": a fixed binary encoding of the body's
 *       fields plus the stream and chain they belong to.
 *   v2: `sig` covers the control record's own canonical bytes (its context
 *       hash and record(), the body without `sig`): resource, scope, time,
 *       severity, attributes and every body field, whatever the type.
 */
import { int, kv, kvlist, newLogRecord, str, getAttr, } from '../otlp/types.js';
import { ByteWriter, fromHex, toHex } from './bytes.js';
import { ATTR_TYPE } from './canonical.js';
import { HASH_BYTES } from './chain.js';
const ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const SEAL_TAG = ascii('sealog/v1/seal');
const GENESIS_TAG = ascii('sealog/v1/genesis');
const LOSS_TAG = ascii('sealog/v1/loss');
const KEY_TAG = ascii('sealog/v1/key');
const CONTROL_V2_TAG = ascii('sealog/v2/control');
const KEY_V2_TAG = ascii('sealog/v2/key');
export const EVENT_NAMES = {
    seal: 'sealog.seal',
    genesis: 'sealog.genesis',
    loss: 'sealog.loss',
};
/** The version the agent writes; checkers accept every version in SUPPORTED_VERSIONS. */
export const PROTOCOL_VERSION = 2;
export const SUPPORTED_VERSIONS = [1, 2];
// ------------------------------------------------------------- statements
/** What every statement starts with: its type byte and tag, the stream, the chain and the seq. */
function statement(type, tag, id, seq) {
    const w = new ByteWriter(512);
    w.u8(type);
    w.bytes(tag);
    w.str(id.stream);
    w.str(id.chain);
    w.u64n(seq);
    return w;
}
export function sealStatement(id, seq, f) {
    const w = statement(0x10, SEAL_TAG, id, seq);
    w.u64n(f.from);
    w.u64n(f.to);
    w.bytes(f.start);
    w.bytes(f.head);
    w.bytes(f.root);
    w.u64n(f.prevSealSeq);
    w.bytes(f.prevSeal);
    w.u64(f.timeNs);
    w.u32(f.epoch);
    w.str(f.keyId);
    if (f.nextKey) {
        w.u8(1);
        w.bytes(f.nextKey);
    }
    else {
        w.u8(0);
    }
    return w.toBytes();
}
export function genesisStatement(id, seq, f) {
    const w = statement(0x11, GENESIS_TAG, id, seq);
    w.u64(f.timeNs);
    w.u32(f.epoch);
    w.str(f.keyId);
    w.bytes(f.publicKey);
    w.str(f.reason);
    return w.toBytes();
}
export function lossStatement(id, seq, f) {
    const w = statement(0x12, LOSS_TAG, id, seq);
    w.u64n(f.count);
    w.str(f.reason);
    w.u64(f.sinceNs);
    w.u64(f.untilNs);
    w.u32(f.epoch);
    w.str(f.keyId);
    return w.toBytes();
}
/**
 * What key k signs to certify key k+1 (keyring entries). With `sinceNs`
 * (v2 certificates) the certificate also fixes the time key k+1 came into
 * force: no control record of epoch k+1 may be dated before it.
 */
export function keyCertStatement(anchorKeyId, epoch, publicKey, sinceNs) {
    const w = new ByteWriter(128);
    w.u8(sinceNs === undefined ? 0x13 : 0x15);
    w.bytes(sinceNs === undefined ? KEY_TAG : KEY_V2_TAG);
    w.str(anchorKeyId);
    w.u32(epoch);
    w.bytes(publicKey);
    if (sinceNs !== undefined)
        w.u64(sinceNs);
    return w.toBytes();
}
/**
 * What a v2 control record's `sig` covers:
 * 0x14 ‖ "sealog/v2/control" ‖ str(stream) ‖ str(chain) ‖ u64(seq) ‖ ctx ‖ record(r without body.sig)
 * `ctx` is the record's context hash (PROTOCOL.md §4), `unsigned` the
 * canonical bytes of the record with the `sig` entry left out of its body.
 */
export function controlStatementV2(id, seq, ctx, unsigned) {
    const w = statement(0x14, CONTROL_V2_TAG, id, seq);
    w.bytes(ctx);
    w.bytes(unsigned);
    return w.toBytes();
}
/** The record as a v2 signature sees it: the same record with `sig` left out of its kvlist body. */
export function withoutSig(r) {
    if (r.body.type !== 'kvlist')
        return r;
    return { ...r, body: { type: 'kvlist', value: r.body.value.filter((e) => e.key !== 'sig') } };
}
/** The version a parsed control record declares (1 when the body says nothing else). */
export function versionOf(f) {
    return f.v ?? 1;
}
// ------------------------------------------------------------- record bodies
const hex = (b) => str(toHex(b));
function controlRecord(type, timeNs, body) {
    const r = newLogRecord();
    r.timeUnixNano = timeNs;
    r.observedTimeUnixNano = timeNs;
    r.severityNumber = 9;
    r.severityText = 'INFO';
    r.eventName = EVENT_NAMES[type];
    r.body = kvlist(body);
    r.attributes = [kv(ATTR_TYPE, str(type))];
    return r;
}
export function sealRecord(f) {
    const body = [
        kv('v', int(f.v ?? PROTOCOL_VERSION)),
        kv('from', int(f.from)),
        kv('to', int(f.to)),
        kv('start', hex(f.start)),
        kv('head', hex(f.head)),
        kv('root', hex(f.root)),
        kv('prev_seal_seq', int(f.prevSealSeq)),
        kv('prev_seal', hex(f.prevSeal)),
        kv('time', int(f.timeNs)),
        kv('epoch', int(f.epoch)),
        kv('key_id', str(f.keyId)),
    ];
    if (f.nextKey)
        body.push(kv('next_key', hex(f.nextKey)));
    body.push(kv('sig', hex(f.sig)));
    return controlRecord('seal', f.timeNs, body);
}
export function genesisRecord(f) {
    return controlRecord('genesis', f.timeNs, [
        kv('v', int(f.v ?? PROTOCOL_VERSION)),
        kv('time', int(f.timeNs)),
        kv('epoch', int(f.epoch)),
        kv('key_id', str(f.keyId)),
        kv('public_key', hex(f.publicKey)),
        kv('reason', str(f.reason)),
        kv('sig', hex(f.sig)),
    ]);
}
export function lossRecord(f, timeNs) {
    return controlRecord('loss', timeNs, [
        kv('v', int(f.v ?? PROTOCOL_VERSION)),
        kv('count', int(f.count)),
        kv('reason', str(f.reason)),
        kv('since', int(f.sinceNs)),
        kv('until', int(f.untilNs)),
        kv('epoch', int(f.epoch)),
        kv('key_id', str(f.keyId)),
        kv('sig', hex(f.sig)),
    ]);
}
// ------------------------------------------------------------- parsing
/** The control type of a record, or undefined for an ordinary record. */
export function controlType(r) {
    const t = getAttr(r.attributes, ATTR_TYPE);
    if (!t)
        return undefined;
    if (t.type === 'string' && (t.value === 'seal' || t.value === 'genesis' || t.value === 'loss'))
        return t.value;
    return 'unknown';
}
class BodyReader {
    #map = new Map();
    errors = [];
    constructor(body) {
        if (body.type !== 'kvlist') {
            this.errors.push('body is not a kvlist');
            return;
        }
        for (const e of body.value)
            this.#map.set(e.key, e.value);
    }
    has(k) {
        return this.#map.has(k);
    }
    int(k) {
        const v = this.#map.get(k);
        if (v?.type === 'int')
            return v.value;
        this.errors.push(`${k} missing or not an int`);
        return 0n;
    }
    num(k) {
        const v = this.int(k);
        if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) {
            this.errors.push(`${k} out of range`);
            return 0;
        }
        return Number(v);
    }
    str(k) {
        const v = this.#map.get(k);
        if (v?.type === 'string')
            return v.value;
        this.errors.push(`${k} missing or not a string`);
        return '';
    }
    hex(k, len) {
        const b = fromHex(this.str(k));
        if (!b || b.length !== len) {
            this.errors.push(`${k} is not ${len} bytes of hex`);
            return new Uint8Array(len);
        }
        return b;
    }
}
function done(r, value) {
    if (r.errors.length)
        return { ok: false, error: r.errors.join('; ') };
    return { ok: true, value };
}
export function parseSeal(r) {
    const b = new BodyReader(r.body);
    if (b.errors.length)
        return { ok: false, error: b.errors[0] };
    const v = b.num('v');
    if (!SUPPORTED_VERSIONS.includes(v))
        return { ok: false, error: `unsupported seal version ${v}` };
    const f = {
        from: b.num('from'),
        to: b.num('to'),
        start: b.hex('start', HASH_BYTES),
        head: b.hex('head', HASH_BYTES),
        root: b.hex('root', HASH_BYTES),
        prevSealSeq: b.num('prev_seal_seq'),
        prevSeal: b.hex('prev_seal', HASH_BYTES),
        timeNs: b.int('time'),
        epoch: b.num('epoch'),
        keyId: b.str('key_id'),
        sig: b.hex('sig', 64),
        v,
    };
    if (b.has('next_key'))
        f.nextKey = b.hex('next_key', 32);
    return done(b, f);
}
export function parseGenesis(r) {
    const b = new BodyReader(r.body);
    if (b.errors.length)
        return { ok: false, error: b.errors[0] };
    const v = b.num('v');
    if (!SUPPORTED_VERSIONS.includes(v))
        return { ok: false, error: `unsupported genesis version ${v}` };
    return done(b, {
        timeNs: b.int('time'),
        epoch: b.num('epoch'),
        keyId: b.str('key_id'),
        publicKey: b.hex('public_key', 32),
        reason: b.str('reason'),
        sig: b.hex('sig', 64),
        v,
    });
}
export function parseLoss(r) {
    const b = new BodyReader(r.body);
    if (b.errors.length)
        return { ok: false, error: b.errors[0] };
    const v = b.num('v');
    if (!SUPPORTED_VERSIONS.includes(v))
        return { ok: false, error: `unsupported loss record version ${v}` };
    return done(b, {
        count: b.num('count'),
        reason: b.str('reason'),
        sinceNs: b.int('since'),
        untilNs: b.int('until'),
        epoch: b.num('epoch'),
        keyId: b.str('key_id'),
        sig: b.hex('sig', 64),
        v,
    });
}
//# sourceMappingURL=control.js.map