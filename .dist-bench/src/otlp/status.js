/**
 * google.rpc.Status, the body of every OTLP/HTTP error response and the
 * `grpc-status-details-bin` trailer of OTLP/gRPC, with the two detail types
 * OTLP uses: google.rpc.RetryInfo (throttling) and google.rpc.BadRequest
 * (invalid data). Other detail types are ignored when decoding.
 *
 * Protobuf: Status {1 code int32, 2 message string, 3 details repeated Any},
 * Any {1 type_url, 2 value}, RetryInfo {1 retry_delay Duration},
 * Duration {1 seconds int64, 2 nanos int32}, BadRequest {1 field_violations
 * repeated {1 field, 2 description}}.
 * JSON (proto3 mapping): {"code":14,"message":"...","details":[{"@type":
 * "type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.500s"}, {"@type":
 * "type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"..","description":".."}]}]}
 */
import { DecodeError, rethrowWithin } from './decode-error.js';
import { describe, jsonString, readArray, readInt32, readInt64, readObject, readString, toWellFormed } from './json-values.js';
import { ProtoReader, WIRE_LEN, WIRE_VARINT } from './proto-reader.js';
import { ProtoWriter, SizePlan, int32Size, int64Size, lenFieldSize, varintSize } from './proto-writer.js';
import { decodeUtf8Document } from './utf8.js';
export const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';
export const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';
/** Splits a delay in milliseconds into Duration seconds and nanos (negative delays count as 0). */
function toDuration(ms) {
    const total = Number.isFinite(ms) && ms > 0 ? ms : 0;
    let seconds = Math.floor(total / 1000);
    let nanos = Math.round((total - seconds * 1000) * 1e6);
    if (nanos >= 1e9) {
        seconds += 1;
        nanos -= 1e9;
    }
    return { seconds, nanos };
}
function fromDuration(seconds, nanos) {
    return Number(seconds) * 1000 + nanos / 1e6;
}
function strField(plan, s) {
    if (s.length === 0)
        return 0;
    const len = plan.string(s);
    return 1 + varintSize(len) + len;
}
function measureStatus(s, plan) {
    const sizes = { retryDuration: 0, retryInfo: 0, retryAny: 0, violations: [], badRequest: 0, badAny: 0, total: 0 };
    let total = 0;
    if (s.code !== 0)
        total += 1 + int32Size(s.code | 0);
    total += strField(plan, s.message);
    if (s.retryDelayMs !== undefined) {
        const d = toDuration(s.retryDelayMs);
        sizes.retryDuration = (d.seconds !== 0 ? 1 + int64Size(BigInt(d.seconds)) : 0) + (d.nanos !== 0 ? 1 + varintSize(d.nanos) : 0);
        sizes.retryInfo = 1 + lenFieldSize(sizes.retryDuration);
        sizes.retryAny = strField(plan, RETRY_INFO_TYPE) + 1 + lenFieldSize(sizes.retryInfo);
        total += 1 + lenFieldSize(sizes.retryAny);
    }
    if (s.badRequest !== undefined) {
        // plan slots are consumed in writing order: the type URL, then each violation's strings
        const typeUrl = strField(plan, BAD_REQUEST_TYPE);
        let br = 0;
        for (const v of s.badRequest) {
            const n = strField(plan, v.field) + strField(plan, v.description);
            sizes.violations.push(n);
            br += 1 + lenFieldSize(n);
        }
        sizes.badRequest = br;
        sizes.badAny = typeUrl + 1 + lenFieldSize(br);
        total += 1 + lenFieldSize(sizes.badAny);
    }
    sizes.total = total;
    return sizes;
}
export function encodeStatusProto(s) {
    const plan = new SizePlan();
    const sizes = measureStatus(s, plan);
    const w = new ProtoWriter(sizes.total, plan);
    if (s.code !== 0) {
        w.byte(0x08);
        w.int32(s.code | 0);
    }
    if (s.message.length !== 0)
        w.stringField(0x12, s.message);
    if (s.retryDelayMs !== undefined) {
        const d = toDuration(s.retryDelayMs);
        w.byte(0x1a);
        w.varint(sizes.retryAny);
        w.stringField(0x0a, RETRY_INFO_TYPE);
        w.byte(0x12);
        w.varint(sizes.retryInfo);
        w.byte(0x0a);
        w.varint(sizes.retryDuration);
        if (d.seconds !== 0) {
            w.byte(0x08);
            w.int64(BigInt(d.seconds));
        }
        if (d.nanos !== 0) {
            w.byte(0x10);
            w.varint(d.nanos);
        }
    }
    if (s.badRequest !== undefined) {
        w.byte(0x1a);
        w.varint(sizes.badAny);
        w.stringField(0x0a, BAD_REQUEST_TYPE);
        w.byte(0x12);
        w.varint(sizes.badRequest);
        s.badRequest.forEach((v, i) => {
            w.byte(0x0a);
            w.varint(sizes.violations[i]);
            if (v.field.length !== 0)
                w.stringField(0x0a, v.field);
            if (v.description.length !== 0)
                w.stringField(0x12, v.description);
        });
    }
    return w.buf;
}
/** Runs `body` on each field of the current message; wrong wire types of known fields fail. */
function eachField(r, known, body) {
    while (r.pos < r.limit) {
        const at = r.pos;
        const tag = r.tag();
        const k = known[tag >>> 3];
        if (k === undefined) {
            r.skip(tag & 7, at);
        }
        else if ((tag & 7) !== k[1]) {
            r.wrongWireType(k[0], tag & 7, k[1], at);
        }
        else {
            try {
                body(tag);
            }
            catch (err) {
                rethrowWithin(err, k[0]);
            }
        }
    }
}
/** Runs `read` over the embedded message at the reader's position. */
function embedded(r, read) {
    const saved = r.enter();
    read();
    r.leave(saved);
}
function readDurationMs(r) {
    let seconds = 0n;
    let nanos = 0;
    eachField(r, { 1: ['seconds', WIRE_VARINT], 2: ['nanos', WIRE_VARINT] }, (tag) => {
        if (tag === 0x08)
            seconds = r.varintInt64();
        else
            nanos = r.varintInt32();
    });
    return fromDuration(seconds, nanos);
}
function readViolation(r) {
    const v = { field: '', description: '' };
    eachField(r, { 1: ['field', WIRE_LEN], 2: ['description', WIRE_LEN] }, (tag) => {
        if (tag === 0x0a)
            v.field = r.string();
        else
            v.description = r.string();
    });
    return v;
}
function readAnyDetail(r, out) {
    let typeUrl = '';
    let valueStart = -1;
    let valueEnd = -1;
    eachField(r, { 1: ['typeUrl', WIRE_LEN], 2: ['value', WIRE_LEN] }, (tag) => {
        if (tag === 0x0a) {
            typeUrl = r.string();
        }
        else {
            const len = r.length();
            valueStart = r.pos;
            valueEnd = r.pos + len;
            r.pos = valueEnd;
        }
    });
    if (valueStart < 0)
        return;
    const inner = new ProtoReader(r.buf, valueStart, valueEnd);
    if (typeUrl === RETRY_INFO_TYPE || typeUrl.endsWith('/google.rpc.RetryInfo')) {
        let ms = 0;
        eachField(inner, { 1: ['retryDelay', WIRE_LEN] }, () => embedded(inner, () => (ms = readDurationMs(inner))));
        out.retryDelayMs = ms;
    }
    else if (typeUrl === BAD_REQUEST_TYPE || typeUrl.endsWith('/google.rpc.BadRequest')) {
        const list = out.badRequest ?? [];
        eachField(inner, { 1: ['fieldViolations', WIRE_LEN] }, () => embedded(inner, () => list.push(readViolation(inner))));
        out.badRequest = list;
    }
}
export function decodeStatusProto(buf) {
    const r = new ProtoReader(buf);
    const out = { code: 0, message: '' };
    eachField(r, { 1: ['code', WIRE_VARINT], 2: ['message', WIRE_LEN], 3: ['details', WIRE_LEN] }, (tag) => {
        if (tag === 0x08)
            out.code = r.varintInt32();
        else if (tag === 0x12)
            out.message = r.string();
        else
            embedded(r, () => readAnyDetail(r, out));
    });
    return out;
}
// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------
/** Duration as proto3 JSON writes it: seconds with 0, 3, 6 or 9 fractional digits and an "s". */
function durationText(ms) {
    const { seconds, nanos } = toDuration(ms);
    if (nanos === 0)
        return `${seconds}s`;
    const digits = nanos % 1e6 === 0 ? 3 : nanos % 1e3 === 0 ? 6 : 9;
    const frac = String(nanos).padStart(9, '0').slice(0, digits);
    return `${seconds}.${frac}s`;
}
const DURATION_TEXT = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/;
function durationFromJson(v, name) {
    if (typeof v === 'string') {
        const m = DURATION_TEXT.exec(v);
        if (m === null)
            throw new DecodeError(`OTLP status JSON: ${name} must be a duration such as "1.5s", got ${describe(v)}`, name);
        const ms = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(9, '0')) / 1e6;
        return m[1] === '-' ? -ms : ms;
    }
    const o = readObject(v, name);
    const seconds = o.seconds == null ? 0n : readInt64(o.seconds, `${name}.seconds`);
    const nanos = o.nanos == null ? 0 : readInt32(o.nanos, `${name}.nanos`);
    return fromDuration(seconds, nanos);
}
export function encodeStatusJson(s) {
    const m = [];
    if (s.code !== 0)
        m.push(`"code":${s.code | 0}`);
    if (s.message.length !== 0)
        m.push(`"message":${jsonString(s.message)}`);
    const details = [];
    if (s.retryDelayMs !== undefined) {
        details.push(`{"@type":"${RETRY_INFO_TYPE}","retryDelay":"${durationText(s.retryDelayMs)}"}`);
    }
    if (s.badRequest !== undefined) {
        const vs = s.badRequest.map((v) => {
            const parts = [];
            if (v.field.length !== 0)
                parts.push(`"field":${jsonString(v.field)}`);
            if (v.description.length !== 0)
                parts.push(`"description":${jsonString(v.description)}`);
            return `{${parts.join(',')}}`;
        });
        details.push(`{"@type":"${BAD_REQUEST_TYPE}"${vs.length === 0 ? '' : `,"fieldViolations":[${vs.join(',')}]`}}`);
    }
    if (details.length !== 0)
        m.push(`"details":[${details.join(',')}]`);
    return `{${m.join(',')}}`;
}
function statusText(v, name) {
    return toWellFormed(readString(v, name));
}
function detailFromJson(v, out) {
    const d = readObject(v, 'detail');
    const type = d['@type'];
    if (typeof type !== 'string')
        return;
    if (type.endsWith('/google.rpc.RetryInfo')) {
        const delay = d.retryDelay ?? d.retry_delay;
        out.retryDelayMs = delay == null ? 0 : durationFromJson(delay, 'retryDelay');
    }
    else if (type.endsWith('/google.rpc.BadRequest')) {
        const list = out.badRequest ?? [];
        const raw = d.fieldViolations ?? d.field_violations;
        if (raw != null) {
            readArray(raw, 'fieldViolations').forEach((item, i) => {
                try {
                    const o = readObject(item, 'fieldViolation');
                    list.push({
                        field: o.field == null ? '' : statusText(o.field, 'field'),
                        description: o.description == null ? '' : statusText(o.description, 'description'),
                    });
                }
                catch (err) {
                    rethrowWithin(err, `fieldViolations[${i}]`);
                }
            });
        }
        out.badRequest = list;
    }
}
export function decodeStatusJson(input) {
    const src = typeof input === 'string' ? input : decodeUtf8Document(input, 'OTLP status JSON');
    let value;
    try {
        value = JSON.parse(src);
    }
    catch (err) {
        throw new DecodeError(`OTLP status JSON: not valid JSON: ${err.message}`, '', undefined, { cause: err });
    }
    const o = readObject(value, 'status');
    const out = { code: 0, message: '' };
    if (o.code != null)
        out.code = readInt32(o.code, 'code');
    if (o.message != null)
        out.message = statusText(o.message, 'message');
    if (o.details != null) {
        readArray(o.details, 'details').forEach((item, i) => {
            try {
                detailFromJson(item, out);
            }
            catch (err) {
                rethrowWithin(err, `details[${i}]`);
            }
        });
    }
    return out;
}
//# sourceMappingURL=status.js.map