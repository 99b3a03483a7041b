import { describe, expect, it } from 'vitest';
import { buildJsonBatch, buildLogsData, buildProtoBatch, seqRanges } from '../../src/exporters/batch.js';
import { decodeLogsProto } from '../../src/otlp/proto.js';
import { countRecords } from '../../src/otlp/types.js';
import { FRAME_FLAG_CONTROL, type SpoolFrame } from '../../src/spool/types.js';
import { makeEntries, range, STREAM } from './helpers/data.js';
import { walkExportJson, walkExportRequest } from './helpers/pbwalk.js';

function frames(records: number, sealEvery = 25): { frames: SpoolFrame[]; controlSeqs: number[]; total: number } {
  const d = makeEntries({ records, perFrame: 7, sealEvery });
  return {
    frames: d.entries.map((e, i) => ({ id: i + 1, records: e.records, flags: e.flags, payload: e.payload, appendedAtMs: 0 })),
    controlSeqs: d.controlSeqs,
    total: d.records,
  };
}

describe('building export requests from spool frames', () => {
  it('frames the stored ResourceLogs bytes into a protobuf request without re-encoding them', () => {
    const f = frames(100);
    const { body, records } = buildProtoBatch(f.frames, false);
    expect(records).toBe(f.total);
    // Walk the request's top-level fields: each must be tag 0x0A + varint length + the stored payload, byte for byte.
    let i = 0;
    for (const frame of f.frames) {
      expect(body[i++]).toBe(0x0a);
      let len = 0;
      let shift = 0;
      for (;;) {
        const b = body[i++]!;
        len |= (b & 0x7f) << shift;
        if ((b & 0x80) === 0) break;
        shift += 7;
      }
      expect(len).toBe(frame.payload.length);
      expect(Buffer.from(body.subarray(i, i + len)).equals(Buffer.from(frame.payload))).toBe(true);
      i += len;
    }
    expect(i).toBe(body.length);
    expect(walkExportRequest(body).map((r) => r.seq)).toEqual(range(f.total));
  });

  it('seals_only keeps exactly the control records, in their resource and scope', () => {
    const f = frames(200, 30);
    const { body, records } = buildProtoBatch(f.frames, true);
    const walked = walkExportRequest(body);
    expect(records).toBe(f.controlSeqs.length);
    expect(walked.map((r) => r.seq)).toEqual(f.controlSeqs);
    expect(walked.every((r) => r.type === 'seal' && r.stream === STREAM)).toBe(true);
    const decoded = decodeLogsProto(body);
    expect(decoded.resourceLogs.every((rl) => rl.scopeLogs.every((sl) => sl.scope.name === 'app'))).toBe(true);
  });

  it('seals_only never decodes frames without the control flag', () => {
    const garbage: SpoolFrame = { id: 1, records: 3, flags: 0, payload: new Uint8Array([0xff, 0xff, 0xff]), appendedAtMs: 0 };
    expect(buildProtoBatch([garbage], true)).toEqual({ body: new Uint8Array(0), records: 0 });
    expect(buildLogsData([garbage], true).records).toBe(0);
    expect(() => buildProtoBatch([{ ...garbage, flags: FRAME_FLAG_CONTROL }], true)).toThrow();
  });

  it('encodes JSON requests that carry the same records', () => {
    const f = frames(60);
    const { body, records } = buildJsonBatch(f.frames, false);
    const text = Buffer.from(body).toString('utf8');
    expect(text.includes('\n')).toBe(false);
    expect(records).toBe(f.total);
    expect(walkExportJson(text).map((r) => r.seq)).toEqual(range(f.total));
    const sealsOnly = buildJsonBatch(f.frames, true);
    expect(walkExportJson(Buffer.from(sealsOnly.body).toString()).map((r) => r.seq)).toEqual(f.controlSeqs);
  });

  it('reports the seq range per stream', () => {
    const f = frames(40);
    const { data } = buildLogsData(f.frames.slice(2, 5), false);
    const first = f.frames.slice(0, 2).reduce((n, fr) => n + fr.records, 0) + 1;
    expect(seqRanges(data)).toEqual([{ stream: STREAM, first, last: first + countRecords(data) - 1 }]);
  });
});
