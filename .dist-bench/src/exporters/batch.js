import { getAttr } from '../otlp/types.js';
import { decodeResourceLogsProto, encodeResourceLogsProto, frameExportRequest } from '../otlp/proto.js';
import { encodeLogsJson } from '../otlp/json.js';
import { LogsJsonWriter } from '../otlp/proto-json.js';
import { FRAME_FLAG_CONTROL } from '../spool/types.js';
export const CONTROL_TYPE_ATTR = 'sealog.type';
export const SEQ_ATTR = 'sealog.seq';
export const STREAM_ATTR = 'sealog.stream';
const EMPTY = new Uint8Array(0);
export function isControlFrame(frame) {
    return (frame.flags & FRAME_FLAG_CONTROL) !== 0;
}
/** The same ResourceLogs holding only its control records, or undefined if it has none. */
export function keepControlRecords(rl) {
    const scopeLogs = [];
    for (const sl of rl.scopeLogs) {
        const kept = sl.logRecords.filter((r) => getAttr(r.attributes, CONTROL_TYPE_ATTR) !== undefined);
        if (kept.length > 0)
            scopeLogs.push({ scope: sl.scope, logRecords: kept, schemaUrl: sl.schemaUrl });
    }
    if (scopeLogs.length === 0)
        return undefined;
    return { resource: rl.resource, scopeLogs, schemaUrl: rl.schemaUrl };
}
function countResourceLogs(rl) {
    let n = 0;
    for (const sl of rl.scopeLogs)
        n += sl.logRecords.length;
    return n;
}
/** An ExportLogsServiceRequest in protobuf, by framing the stored payloads (into `alloc`'s buffer when given). */
export function buildProtoBatch(frames, sealsOnly, alloc) {
    if (!sealsOnly) {
        const payloads = new Array(frames.length);
        let records = 0;
        for (let i = 0; i < frames.length; i++) {
            const f = frames[i];
            payloads[i] = f.payload;
            records += f.records;
        }
        return { body: frameExportRequest(payloads, alloc), records };
    }
    const payloads = [];
    let records = 0;
    for (const f of frames) {
        if (!isControlFrame(f))
            continue;
        const kept = keepControlRecords(decodeResourceLogsProto(f.payload));
        if (!kept)
            continue;
        payloads.push(encodeResourceLogsProto(kept));
        records += countResourceLogs(kept);
    }
    return records === 0 ? { body: EMPTY, records: 0 } : { body: frameExportRequest(payloads), records };
}
/** The frames as LogsData (decoded once), filtered to control records when sealsOnly. */
export function buildLogsData(frames, sealsOnly) {
    const resourceLogs = [];
    let records = 0;
    for (const f of frames) {
        if (sealsOnly && !isControlFrame(f))
            continue;
        const decoded = decodeResourceLogsProto(f.payload);
        const rl = sealsOnly ? keepControlRecords(decoded) : decoded;
        if (!rl)
            continue;
        resourceLogs.push(rl);
        records += countResourceLogs(rl);
    }
    return { data: { resourceLogs }, records };
}
/** One writer for every JSON batch: building a batch is synchronous, and its buffer is reused. */
const jsonWriter = new LogsJsonWriter();
function asBuffer(b) {
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
/**
 * An ExportLogsServiceRequest as compact OTLP/JSON (one line) followed by
 * `trailer` (ASCII, e.g. a newline); an empty body when it holds no records.
 * Throws DecodeError for a payload that cannot be decoded.
 */
export function buildJsonDocument(frames, sealsOnly, trailer = '') {
    if (sealsOnly) {
        const { data, records } = buildLogsData(frames, true);
        if (records === 0)
            return { body: EMPTY, records: 0 };
        return { body: Buffer.from(encodeLogsJson(data) + trailer, 'utf8'), records };
    }
    let records = 0;
    jsonWriter.begin();
    try {
        for (let i = 0; i < frames.length; i++)
            records += jsonWriter.add(frames[i].payload);
    }
    catch (err) {
        jsonWriter.out.reset();
        throw err;
    }
    const body = jsonWriter.end(trailer);
    return records === 0 ? { body: EMPTY, records: 0 } : { body: asBuffer(body), records };
}
/** An ExportLogsServiceRequest as compact OTLP/JSON (one line, no trailing newline). */
export function buildJsonBatch(frames, sealsOnly) {
    return buildJsonDocument(frames, sealsOnly);
}
/** Lowest and highest `sealog.seq` per stream (resource attribute `sealog.stream`) in data. */
export function seqRanges(data) {
    const byStream = new Map();
    for (const rl of data.resourceLogs) {
        const s = getAttr(rl.resource.attributes, STREAM_ATTR);
        const stream = s && s.type === 'string' ? s.value : '';
        for (const sl of rl.scopeLogs) {
            for (const rec of sl.logRecords) {
                const v = getAttr(rec.attributes, SEQ_ATTR);
                if (!v || v.type !== 'int')
                    continue;
                const seq = Number(v.value);
                const r = byStream.get(stream);
                if (!r)
                    byStream.set(stream, { stream, first: seq, last: seq });
                else {
                    if (seq < r.first)
                        r.first = seq;
                    if (seq > r.last)
                        r.last = seq;
                }
            }
        }
    }
    return [...byStream.values()];
}
//# sourceMappingURL=batch.js.map