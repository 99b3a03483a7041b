/**
 * The checker's unwrap of upstream chains (src/verify/json/upstream.ts,
 * docs/PROTOCOL.md §13): the view of an upstream-sealed resource is exactly
 * what its sealer emitted, the receiving agent's own `sealog.*` keys go,
 * one `upstream.` level comes off, and a record that passed two agents is
 * unwrapped once per hop, outermost first. The hop itself is the agent's
 * real rename (quarantineUpstream) plus the keys an agent's sealer adds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quarantineUpstream } from '../../src/integrity/sealer.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import { int, kv, newLogRecord, newResource, newScope, str, type KeyValue, type LogRecord, type LogsData } from '../../src/otlp/types.js';
import { mayCarryUpstream, unwrapUpstream, upstreamViews } from '../../src/verify/json/index.js';

const clone = (d: LogsData): LogsData => structuredClone(d);

function record(i: number, extra: KeyValue[] = []): LogRecord {
  const r = newLogRecord();
  r.timeUnixNano = BigInt(1_700_000_000_000 + i) * 1_000_000n;
  r.body = str(`payment ${i} accepted`);
  r.attributes = [kv('app.i', int(i)), ...extra];
  return r;
}

/** What a sealer emits: its stream and chain on the resource, seq and hash on each record (a control record also has sealog.type). */
function sealed(stream: string, chain: string, n: number, resourceExtra: KeyValue[] = []): LogsData {
  const logRecords = Array.from({ length: n }, (_, k) => record(k + 1, [kv('sealog.seq', int(k + 1)), kv('sealog.hash', str(`h${stream}${k + 1}`))]));
  const ctl = newLogRecord();
  ctl.body = str('seal body');
  ctl.attributes = [kv('sealog.type', str('seal')), kv('sealog.seq', int(n + 1)), kv('sealog.hash', str(`h${stream}${n + 1}`))];
  logRecords.push(ctl);
  return {
    resourceLogs: [
      {
        resource: newResource([kv('service.name', str('payments')), ...resourceExtra, kv('sealog.stream', str(stream)), kv('sealog.chain', str(chain))]),
        scopeLogs: [{ scope: newScope('payments.audit', '1.0.0'), logRecords, schemaUrl: '' }],
        schemaUrl: 'https://example/schema',
      },
    ],
  };
}

/** One agent hop: the real rename on receipt, then the agent's own chain keys (as its Sealer adds them). */
function hop(data: LogsData, agentStream: string): LogsData {
  const d = clone(data);
  quarantineUpstream(d);
  let seq = 0;
  for (const rl of d.resourceLogs) {
    rl.resource.attributes.push(kv('sealog.stream', str(agentStream)), kv('sealog.chain', str(`${agentStream}-chain`)));
    for (const sl of rl.scopeLogs) for (const r of sl.logRecords) r.attributes.push(kv('sealog.seq', int(++seq)), kv('sealog.hash', str(`${agentStream}:${seq}`)));
  }
  return d;
}

const keys = (attrs: readonly KeyValue[]): string[] => attrs.map((a) => a.key);

describe('upstream view (PROTOCOL §13)', () => {
  it('a record sealed in the app and passed through one agent: the view is exactly what the app emitted', () => {
    const app = sealed('payments/app-host', 'c-app', 3);
    const line = hop(app, 'agent-host/logs');
    expect(keys(line.resourceLogs[0]!.resource.attributes)).toEqual(['service.name', 'sealog.upstream.stream', 'sealog.upstream.chain', 'sealog.stream', 'sealog.chain']);
    expect(keys(line.resourceLogs[0]!.scopeLogs[0]!.logRecords[3]!.attributes)).toEqual(['sealog.upstream.type', 'sealog.upstream.seq', 'sealog.upstream.hash', 'sealog.seq', 'sealog.hash']);
    const view = unwrapUpstream(line);
    expect(view).toEqual(app);
    expect(upstreamViews(line)).toEqual([app]);
    // A copy: the line itself (the agent's chain) is unchanged.
    expect(line).toEqual(hop(app, 'agent-host/logs'));
  });

  it('two agents: the views are the first agent chain, then the app chain (one unwrap per hop)', () => {
    const app = sealed('payments/app-host', 'c-app', 2);
    const first = hop(app, 'edge/logs');
    const second = hop(first, 'central/logs');
    expect(keys(second.resourceLogs[0]!.resource.attributes)).toEqual([
      'service.name',
      'sealog.upstream.upstream.stream',
      'sealog.upstream.upstream.chain',
      'sealog.upstream.stream',
      'sealog.upstream.chain',
      'sealog.stream',
      'sealog.chain',
    ]);
    const views = upstreamViews(second);
    expect(views.length).toBe(2);
    expect(views[0]).toEqual(first);
    expect(views[1]).toEqual(app);
  });

  it('resources that arrived unsealed are left out of the view; an all-unsealed line has none', () => {
    const app = sealed('payments/app-host', 'c-app', 1);
    const plain: LogsData = { resourceLogs: [{ resource: newResource([kv('service.name', str('web'))]), scopeLogs: [{ scope: newScope('s'), logRecords: [record(9)], schemaUrl: '' }], schemaUrl: '' }] };
    const mixed: LogsData = { resourceLogs: [...hop(plain, 'a/logs').resourceLogs, ...hop(app, 'a/logs').resourceLogs] };
    expect(unwrapUpstream(mixed)).toEqual(app);
    expect(unwrapUpstream(hop(plain, 'a/logs'))).toBeUndefined();
    expect(upstreamViews(hop(plain, 'a/logs'))).toEqual([]);
  });

  it("a record's own sealog.upstream.* keys (set by the app, kept aside by the SDK) come back as they were", () => {
    // The SDK processor renames an app's own `sealog.spoof` to `sealog.upstream.spoof` before chaining: that is what the app chain covers.
    const app = sealed('payments/app-host', 'c-app', 1);
    app.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.attributes.push(kv('sealog.upstream.spoof', str('x')));
    const line = hop(app, 'agent-host/logs');
    expect(keys(line.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.attributes)).toContain('sealog.upstream.upstream.spoof');
    expect(unwrapUpstream(line)).toEqual(app);
  });

  it('mayCarryUpstream: the byte search finds exactly the lines with an upstream stream key', () => {
    const app = sealed('payments/app-host', 'c-app', 1);
    const enc = new TextEncoder();
    expect(mayCarryUpstream(enc.encode(encodeLogsJson(hop(app, 'a/logs'))))).toBe(true);
    expect(mayCarryUpstream(enc.encode(encodeLogsJson(app)))).toBe(false);
    const buf = enc.encode('xx' + encodeLogsJson(hop(app, 'a/logs')));
    expect(mayCarryUpstream(buf.subarray(2))).toBe(true);
    expect(mayCarryUpstream(buf.subarray(0, 10))).toBe(false);
  });

  it('property: one to three hops over any attributes are undone exactly, hop by hop', () => {
    const key = fc.oneof(fc.constantFrom('sealog.x', 'sealog.upstream.y', 'sealog.upstream.upstream.z', 'sealogx', 'app.k', 'upstream.sealog.q'), fc.string({ maxLength: 8 }));
    const attrs = fc.uniqueArray(key, { maxLength: 6 }).map((ks) => ks.filter((k) => k !== 'sealog.stream' && k !== 'sealog.chain' && k !== 'sealog.seq' && k !== 'sealog.hash').map((k, i) => kv(k, int(i))));
    fc.assert(
      fc.property(attrs, attrs, fc.integer({ min: 1, max: 3 }), (resExtra, recExtra, hops) => {
        const app = sealed('payments/app-host', 'c-app', 2, resExtra);
        for (const r of app.resourceLogs[0]!.scopeLogs[0]!.logRecords) r.attributes.push(...recExtra);
        const chain = [app];
        for (let h = 0; h < hops; h++) chain.unshift(hop(chain[0]!, `agent${h}/logs`));
        expect(upstreamViews(chain[0]!)).toEqual(chain.slice(1));
      }),
      { numRuns: 200 },
    );
  });
});
