/**
 * Property tests: any single tampering of a sealed stream is found and
 * pinpointed; transport effects (order, duplicates, regrouping, attribute
 * order, re-serialization) are never findings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLogsJson, encodeLogsJson } from '../../src/otlp/json.js';
import type { AnyValue, LogRecord, LogsData, ResourceLogs } from '../../src/otlp/types.js';
import { asLines, buildStream, verifyData } from '../helpers/stream.js';

const base = buildStream({ records: 40, sealEvery: 9, batch: 6 });

function clone(frames: ResourceLogs[]): ResourceLogs[] {
  return decodeLogsJson(encodeLogsJson({ resourceLogs: frames })).resourceLogs;
}

function seqOf(r: LogRecord): number {
  return Number((r.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
}

function allRecords(frames: ResourceLogs[]): Array<{ frame: number; rec: LogRecord; idx: number }> {
  const out: Array<{ frame: number; rec: LogRecord; idx: number }> = [];
  frames.forEach((rl, frame) => rl.scopeLogs[0]!.logRecords.forEach((rec, idx) => out.push({ frame, rec, idx })));
  return out;
}

const total = allRecords(base.frames).length;

type Mutation = (r: LogRecord) => void;
const recordMutations: Array<[string, Mutation]> = [
  ['body', (r) => (r.body = { type: 'string', value: `x${JSON.stringify(r.body, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}` })],
  ['time', (r) => (r.timeUnixNano += 1n)],
  ['observed time', (r) => (r.observedTimeUnixNano += 1000n)],
  ['severity', (r) => (r.severityNumber = r.severityNumber === 17 ? 18 : 17)],
  ['severity text', (r) => (r.severityText += '!')],
  ['event name', (r) => (r.eventName += 'e')],
  ['flags', (r) => (r.flags ^= 1)],
  ['trace id', (r) => (r.traceId = Uint8Array.from({ length: 16 }, (_, i) => i + 1))],
  ['add attribute', (r) => r.attributes.push({ key: 'injected', value: { type: 'bool', value: true } })],
  ['drop attribute', (r) => (r.attributes = r.attributes.filter((a) => a.key.startsWith('sealog.') && a.key !== 'sealog.type' ? true : a !== r.attributes.find((x) => !x.key.startsWith('sealog.'))))],
  ['sealog.hash', (r) => {
    const a = r.attributes.find((x) => x.key === 'sealog.hash')!;
    const v = (a.value as { value: string }).value;
    a.value = { type: 'string', value: (v[0] === 'a' ? 'b' : 'a') + v.slice(1) } as AnyValue;
  }],
];

function violations(lines: LogsData[]) {
  const r = verifyData(lines, base.signer);
  return { r, v: [...r.findings, ...r.streams.flatMap((s) => s.findings)].filter((f) => f.severity === 'violation') };
}

describe('checker properties', () => {
  it('any single record field change is found at that record seq', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: total - 1 }), fc.integer({ min: 0, max: recordMutations.length - 1 }), (pick, m) => {
        const frames = clone(base.frames);
        const target = allRecords(frames)[pick]!;
        const [name, mutate] = recordMutations[m]!;
        const seq = seqOf(target.rec);
        const before = encodeLogsJson({ resourceLogs: [frames[target.frame]!] });
        mutate(target.rec);
        if (encodeLogsJson({ resourceLogs: [frames[target.frame]!] }) === before) return; // a no-op change (e.g. dropping nothing)
        const { v } = violations(asLines(frames));
        expect(v.length, `${name} of seq ${seq}`).toBeGreaterThan(0);
        expect(v.some((f) => f.seq === seq), `${name} of seq ${seq}: ${v.map((f) => `${f.kind}@${f.seq}`).join(',')}`).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('a resource or scope change is found within that frame', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.frames.length - 1 }), fc.boolean(), (fi, resource) => {
        const frames = clone(base.frames);
        const rl = frames[fi]!;
        if (resource) rl.resource.attributes.push({ key: 'cloud.region', value: { type: 'string', value: 'eu' } });
        else rl.scopeLogs[0]!.scope.version += '.1';
        const seqs = rl.scopeLogs[0]!.logRecords.map(seqOf);
        const { v } = violations(asLines(frames));
        expect(v.some((f) => f.seq !== undefined && seqs.includes(f.seq))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('deleting any record is found as missing at its seq', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: total - 2 }), (pick) => {
        const frames = clone(base.frames);
        const t = allRecords(frames)[pick]!;
        const seq = seqOf(t.rec);
        frames[t.frame]!.scopeLogs[0]!.logRecords.splice(t.idx, 1);
        const { v } = violations(asLines(frames));
        expect(v.some((f) => f.kind === 'missing' && f.seq! <= seq && (f.seqEnd ?? f.seq!) >= seq)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('a changed duplicate of any record is a conflicting duplicate at its seq', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: total - 1 }), (pick) => {
        const frames = clone(base.frames);
        const t = allRecords(frames)[pick]!;
        const seq = seqOf(t.rec);
        const copy = clone([frames[t.frame]!])[0]!;
        const rec = copy.scopeLogs[0]!.logRecords[t.idx]!;
        rec.severityText += '?';
        copy.scopeLogs[0]!.logRecords = [rec];
        frames.push(copy);
        const { v } = violations(asLines(frames));
        expect(v.some((f) => (f.kind === 'conflicting_duplicate' || f.kind === 'modified') && f.seq === seq)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('editing any field of any seal is found at the seal', () => {
    const sealPicks = allRecords(base.frames).filter((x) => x.rec.eventName === 'sealog.seal');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sealPicks.length - 1 }), fc.integer({ min: 0, max: 11 }), (si, field) => {
        const frames = clone(base.frames);
        const t = sealPicks[si]!;
        const rec = frames[t.frame]!.scopeLogs[0]!.logRecords[t.idx]!;
        const body = rec.body as { type: 'kvlist'; value: Array<{ key: string; value: AnyValue }> };
        const kv = body.value[field % body.value.length]!;
        kv.value = kv.value.type === 'int' ? { type: 'int', value: kv.value.value + 1n } : { type: 'string', value: `${(kv.value as { value: string }).value}0` };
        const seq = seqOf(rec);
        const { v } = violations(asLines(frames));
        expect(v.some((f) => f.seq === seq)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('shuffling, duplicating, regrouping, attribute order and re-serialization are not findings', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), fc.integer({ min: 1, max: 5 }), fc.nat({ max: 8 }), (order, group, dups) => {
        const frames = clone(base.frames);
        // Split every frame into single-record frames, reverse attribute order.
        const singles: ResourceLogs[] = [];
        for (const rl of frames) {
          for (const r of rl.scopeLogs[0]!.logRecords) {
            r.attributes.reverse();
            singles.push({ ...rl, resource: { ...rl.resource, attributes: [...rl.resource.attributes].reverse() }, scopeLogs: [{ ...rl.scopeLogs[0]!, logRecords: [r] }] });
          }
        }
        for (let i = 0; i < dups; i++) singles.push(singles[(i * 13) % singles.length]!);
        for (let i = singles.length - 1; i > 0; i--) {
          const j = order[i % order.length]! % (i + 1);
          [singles[i], singles[j]] = [singles[j]!, singles[i]!];
        }
        const lines = asLines(singles, group).map((d) => decodeLogsJson(JSON.stringify(JSON.parse(encodeLogsJson(d)), null, 1)));
        const { r, v } = violations(lines);
        expect(v).toEqual([]);
        expect(r.streams[0]!.findings).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
