/**
 * Which seal ranges verified, per (stream, chain), for the record badges.
 * The core is to answer this itself (`verifier.sealRanges(stream, chain)`
 * after finish(): `{ seq, from, to, verified }` per seal); until it does,
 * this adapter derives the same from outside: it watches the seals the
 * final pass feeds (a Proxy around the Verifier), and after finish() counts
 * a range verified when the core must have checked its Merkle root and
 * found nothing wrong:
 *
 *   - no violation at the seal's seq (its key, signature, range, start,
 *     head and root checks all report there; so does a modified seal);
 *   - it covers up to the record before it, and starts at seq 1 or right
 *     after a seal that was read (the core's range then begins where the
 *     seal says it does);
 *   - no record of the range is absent (missing, or declared lost) and the
 *     range does not begin in an absent prefix.
 *
 * Delete this file (and SealWatch's use in worker.ts) once the core has
 * sealRanges(); sealRangesOf() prefers the core's answer already.
 */
import { controlType, parseSeal } from '../../integrity/control.js';
import type { LogRecord, LogsData } from '../../otlp/types.js';
import { getAttr } from '../../otlp/types.js';
import { ATTR_CHAIN, ATTR_SEQ, ATTR_STREAM } from '../../integrity/canonical.js';
import type { RecordInput, RecordSink, StreamReport, Verifier } from '../core/index.js';

export interface SealRange {
  seq: number;
  from: number;
  to: number;
  verified: boolean;
}

interface SeenSeal {
  seq: number;
  from: number;
  to: number;
}

const key = (stream: string, chain: string): string => `${stream}\u0000${chain}`;

/** Records the seals fed to one verifier. */
export class SealWatch {
  readonly #seals = new Map<string, Map<number, SeenSeal>>();

  /** `v` with open() and addLogsData() watched; everything else is `v`'s own. */
  wrap(v: Verifier): Verifier {
    const watch = this;
    return new Proxy(v, {
      get(target, prop) {
        if (prop === 'open') {
          return (stream: string | undefined, chain: string | undefined, records: number, where: string): RecordSink | undefined => {
            const sink = target.open(stream, chain, records, where);
            if (!sink || stream === undefined || chain === undefined) return sink;
            return {
              add(r: RecordInput): void {
                if (r.control) watch.#note(stream, chain, r.seq, r.control);
                sink.add(r);
              },
              inserted: (w: string, t: bigint) => sink.inserted(w, t),
            };
          };
        }
        if (prop === 'addLogsData') {
          return (data: LogsData, where: string): void => {
            watch.#noteData(data);
            target.addLogsData(data, where);
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  #noteData(data: LogsData): void {
    for (const rl of data.resourceLogs) {
      const s = getAttr(rl.resource.attributes, ATTR_STREAM);
      const c = getAttr(rl.resource.attributes, ATTR_CHAIN);
      if (s?.type !== 'string' || c?.type !== 'string') continue;
      for (const sl of rl.scopeLogs) {
        for (const r of sl.logRecords) {
          const seq = getAttr(r.attributes, ATTR_SEQ);
          if (seq?.type === 'int' && seq.value >= 1n && seq.value <= BigInt(Number.MAX_SAFE_INTEGER)) this.#note(s.value, c.value, Number(seq.value), r);
        }
      }
    }
  }

  #note(stream: string, chain: string, seq: number, r: LogRecord): void {
    if (controlType(r) !== 'seal') return;
    const parsed = parseSeal(r);
    if (!parsed.ok) return;
    let m = this.#seals.get(key(stream, chain));
    if (!m) this.#seals.set(key(stream, chain), (m = new Map()));
    if (!m.has(seq)) m.set(seq, { seq, from: parsed.value.from, to: parsed.value.to });
  }

  /** After finish(): the seal ranges of one chain, in seq order, derived as the module comment says. */
  derive(report: StreamReport): SealRange[] {
    const seen = this.#seals.get(key(report.stream, report.chain));
    if (!seen) return [];
    const violationAt = new Set<number>();
    const absent: Array<[number, number]> = [];
    for (const f of report.findings) {
      if (f.seq === undefined) continue;
      if (f.severity === 'violation') violationAt.add(f.seq);
      // Absent records: missing, or missing and declared lost (a loss with a range; a loss record's own finding has none).
      if (f.kind === 'missing' || (f.kind === 'loss' && f.seqEnd !== undefined)) absent.push([f.seq, f.seqEnd ?? f.seq]);
    }
    const out: SealRange[] = [];
    for (const s of [...seen.values()].sort((a, b) => a.seq - b.seq)) {
      const startsRight = s.from === 1 || seen.has(s.from - 1);
      const complete = s.from >= report.firstSeq && !absent.some(([a, b]) => a <= s.to && b >= s.from);
      const verified = !violationAt.has(s.seq) && s.to === s.seq - 1 && s.from <= s.seq && startsRight && complete;
      out.push({ seq: s.seq, from: s.from, to: s.to, verified });
    }
    return out;
  }
}

/** The core's seal ranges when it has sealRanges(), else the watch's derivation. */
export function sealRangesOf(v: Verifier, watch: SealWatch, report: StreamReport): SealRange[] {
  const core = (v as unknown as { sealRanges?: (stream: string, chain: string) => SealRange[] }).sealRanges;
  return typeof core === 'function' ? core.call(v, report.stream, report.chain) : watch.derive(report);
}
