/**
 * The checker's view of upstream chains (docs/PROTOCOL.md §13). An agent that
 * receives records sealed elsewhere (by the SDK processor in an app, or by
 * another agent) renames every `sealog.` key to `sealog.upstream.` and
 * chains the records into its own stream. The upstream chain is checked on
 * the view that undoes that rename: the receiving agent's own `sealog.*`
 * keys are removed and one `upstream.` level is taken off every other
 * `sealog.upstream.` key, in resource and record attributes. A chain that
 * passed several agents is unwrapped again for each hop. Pure.
 */
import { isUpstreamSealed } from '../../integrity/sealer.js';
import type { KeyValue, LogsData, ResourceLogs } from '../../otlp/types.js';
import { ascii } from './json-bytes.js';

const RESERVED = 'sealog.';
const UPSTREAM = 'sealog.upstream.';
const MARK = ascii('"sealog.upstream.stream"');
/** Node's Buffer has a native byte search; elsewhere (the browser page) a plain loop does it. */
const NativeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** Whether an OTLP JSON line may hold an upstream chain (a cheap byte search before any decoding). */
export function mayCarryUpstream(line: Uint8Array): boolean {
  if (NativeBuffer) return NativeBuffer.from(line.buffer, line.byteOffset, line.byteLength).indexOf(MARK) >= 0;
  const first = MARK[0]!;
  const last = line.length - MARK.length;
  for (let i = line.indexOf(first); i >= 0 && i <= last; i = line.indexOf(first, i + 1)) {
    let k = 1;
    while (k < MARK.length && line[i + k] === MARK[k]) k++;
    if (k === MARK.length) return true;
  }
  return false;
}

function unwrapAttrs(attrs: readonly KeyValue[]): KeyValue[] {
  const out: KeyValue[] = [];
  for (const a of attrs) {
    if (a.key.startsWith(UPSTREAM)) out.push({ key: RESERVED + a.key.slice(UPSTREAM.length), value: a.value });
    else if (!a.key.startsWith(RESERVED)) out.push(a);
  }
  return out;
}

/** The records of upstream chains as their sealer made them, or undefined when `data` holds none. */
export function unwrapUpstream(data: LogsData): LogsData | undefined {
  const resourceLogs: ResourceLogs[] = [];
  for (const rl of data.resourceLogs) {
    if (!isUpstreamSealed(rl.resource)) continue;
    resourceLogs.push({
      resource: { ...rl.resource, attributes: unwrapAttrs(rl.resource.attributes) },
      scopeLogs: rl.scopeLogs.map((sl) => ({ ...sl, logRecords: sl.logRecords.map((r) => ({ ...r, attributes: unwrapAttrs(r.attributes) })) })),
      schemaUrl: rl.schemaUrl,
    });
  }
  return resourceLogs.length > 0 ? { resourceLogs } : undefined;
}

/** Every upstream view of `data`, one per hop, outermost first. */
export function upstreamViews(data: LogsData): LogsData[] {
  const out: LogsData[] = [];
  for (let v = unwrapUpstream(data); v; v = unwrapUpstream(v)) out.push(v);
  return out;
}
