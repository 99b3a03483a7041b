import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildJsonBatch, buildJsonDocument, buildLogsData } from '../../src/exporters/batch.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import { encodeResourceLogsProto } from '../../src/otlp/proto.js';
import type { SpoolFrame } from '../../src/spool/types.js';
import { arbResourceLogs } from '../otlp/arbitraries.js';
import { makeEntries, range } from './helpers/data.js';
import { walkExportJson } from './helpers/pbwalk.js';

function toFrames(payloads: Uint8Array[], flags = 0): SpoolFrame[] {
  return payloads.map((payload, i) => ({ id: i + 1, records: 0, flags, payload, appendedAtMs: 0 }));
}

/** What the exporters wrote before the transcoder: decode every frame, then encodeLogsJson. */
function viaObjectModel(frames: SpoolFrame[], trailer = ''): { text: string; records: number } {
  const { data, records } = buildLogsData(frames, false);
  return { text: records === 0 ? '' : encodeLogsJson(data) + trailer, records };
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

describe('JSON batches transcoded from the stored protobuf', () => {
  it('are byte for byte what decode + encodeLogsJson wrote, for spool data and arbitrary records', () => {
    const d = makeEntries({ records: 300, perFrame: 9, sealEvery: 20 });
    const frames = d.entries.map((e, i) => ({ id: i + 1, records: e.records, flags: e.flags, payload: e.payload, appendedAtMs: 0 }));
    const line = buildJsonDocument(frames, false, '\n');
    const text = Buffer.from(line.body).toString('utf8');
    expect({ text, records: line.records }).toEqual(viaObjectModel(frames, '\n'));
    expect(walkExportJson(text.slice(0, -1)).map((r) => r.seq)).toEqual(range(d.records));

    fc.assert(
      fc.property(fc.array(arbResourceLogs(), { maxLength: 4 }), (rls) => {
        const fs = toFrames(rls.map((rl) => encodeResourceLogsProto(rl)));
        const b = buildJsonBatch(fs, false);
        expect({ text: Buffer.from(b.body).toString('utf8'), records: b.records }).toEqual(viaObjectModel(fs));
      }),
      { numRuns: 150 },
    );
  });

  it('throw the decoder\'s error for a corrupt frame, and the next batch is unaffected', () => {
    const d = makeEntries({ records: 40, perFrame: 10 });
    const good = d.entries.map((e) => e.payload);
    const bad = good[1]!.slice(0, good[1]!.length - 3);
    const frames = toFrames([good[0]!, bad, good[2]!]);
    expect(errorOf(() => buildJsonBatch(frames, false))).toBe(errorOf(() => buildLogsData(frames, false)));
    expect(errorOf(() => buildJsonBatch(frames, false))).toMatch(/OTLP protobuf/);
    const after = toFrames(good);
    expect(Buffer.from(buildJsonBatch(after, false).body).toString('utf8')).toBe(viaObjectModel(after).text);
  });

  it('are empty when the frames hold no records', () => {
    const empty = toFrames([encodeResourceLogsProto({ resource: { attributes: [], droppedAttributesCount: 0, entityRefs: [] }, scopeLogs: [], schemaUrl: 'x' })]);
    expect(buildJsonDocument(empty, false, '\n')).toEqual({ body: new Uint8Array(0), records: 0 });
    expect(buildJsonBatch([], false)).toEqual({ body: new Uint8Array(0), records: 0 });
  });
});
