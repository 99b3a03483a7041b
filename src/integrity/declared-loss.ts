/**
 * Missing records that a signed loss record accounts for (docs/PROTOCOL.md
 * §7, "Seq ranges in a loss reason"; docs/VERIFY.md). The agent writes a
 * loss record when records it chained will not reach a destination (a dead
 * letter, a partial success, a damaged spool frame); its signed reason
 * names the seq ranges concerned as `<stream> <first>..<last>`. A backend
 * then lacks those seqs: without this rule they would be `missing` (a
 * violation that reads like deletion).
 *
 * A `missing` finding that lies wholly inside a range named by a verified
 * loss record of the same chain becomes a `loss` finding (a warning; a
 * violation with --strict) that points at the loss record. A loss record
 * whose reason starts with `partial_success` names the whole batch (the
 * backend did not say which records it refused): at most `count` missing
 * records are accounted to it, in seq order. Pure: no I/O.
 */
import { rangeText, type Finding } from '../verify/core/index.js';

/** What one loss record declared: its own seq, its count and its signed reason. */
export interface DeclaredLoss {
  seq: number;
  count: number;
  reason: string;
}

/** The `<stream> a..b` ranges of `stream` in a loss reason (tokens separated by white space or commas). */
export function declaredRanges(reason: string, stream: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of reason.matchAll(/(?:^|[\s,])(\S+) (\d+)\.\.(\d+)(?=$|[\s,])/g)) {
    if (m[1] !== stream) continue;
    const a = Number(m[2]);
    const b = Number(m[3]);
    if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && a >= 1 && a <= b) out.push([a, b]);
  }
  return out;
}

/**
 * The findings of one chain with its missing ranges accounted to the
 * verified loss records that declare them. `findings` must be in seq order;
 * `losses` holds every loss record read, and only those whose `loss`
 * finding is present (it is added once the record's signature verified)
 * account for anything.
 */
export function accountDeclaredLosses(findings: Finding[], losses: ReadonlyMap<number, DeclaredLoss>, stream: string, strict: boolean): Finding[] {
  const declared: Array<{ seq: number; ranges: Array<[number, number]>; budget: number }> = [];
  for (const f of findings) {
    if (f.kind !== 'loss' || f.seq === undefined) continue;
    const l = losses.get(f.seq);
    if (!l) continue;
    const ranges = declaredRanges(l.reason, stream);
    if (ranges.length > 0) declared.push({ seq: l.seq, ranges, budget: l.reason.startsWith('partial_success') ? l.count : Infinity });
  }
  if (declared.length === 0) return findings;
  return findings.map((f) => {
    if (f.kind !== 'missing' || f.seq === undefined) return f;
    const from = f.seq;
    const to = f.seqEnd ?? f.seq;
    const n = to - from + 1;
    const d = declared.find((x) => x.budget >= n && x.ranges.some(([a, b]) => from >= a && to <= b));
    if (!d) return f;
    d.budget -= n;
    return {
      kind: 'loss',
      severity: strict ? 'violation' : 'warning',
      seq: f.seq,
      seqEnd: f.seqEnd,
      message: `records ${rangeText(from, to)} are absent: declared dropped by the signed loss record at seq ${d.seq}`,
      where: f.where,
      timeNs: f.timeNs,
      stream: f.stream,
      chain: f.chain,
    };
  });
}
