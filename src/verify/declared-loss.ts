/**
 * Missing records that a signed loss record accounts for. The agent writes a
 * loss record when records it chained will not reach a destination (a dead
 * letter, a partial success, a damaged spool frame); its signed reason names
 * the seq ranges concerned as `<stream> <first>..<last>` (docs/PROTOCOL.md,
 * loss record reasons). A backend then lacks those seqs: without this step
 * verify reports them as `missing` (a violation that reads like deletion).
 *
 * A `missing` finding lies wholly inside a range a verified loss record of
 * the same stream and chain declares becomes a `loss` finding (a warning; a
 * violation with --strict), pointing at the loss record. For a
 * `partial_success` the backend did not say which records it rejected: the
 * range is the whole batch, and at most `count` missing records are
 * accounted to it. Only verified loss records produce `loss` findings (a
 * forged one is a violation of its own), so only signed statements are used.
 */
import type { Finding, VerifyReport } from '../integrity/verifier.js';

interface Declared {
  seq: number;
  ranges: Array<[number, number]>;
  /** Missing records that may still be accounted to it (Infinity: every record of its ranges). */
  budget: number;
}

const LOSS_MESSAGE = /^the agent declared (\d+) record\(s\) dropped \((.*)\) between /s;

/** The `<stream> a..b` ranges of `stream` in a loss reason. */
export function declaredRanges(reason: string, stream: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of reason.matchAll(/(?:^|[\s,])(\S+) (\d+)\.\.(\d+)(?=$|[\s,])/g)) {
    if (m[1] !== stream) continue;
    const a = Number(m[2]);
    const b = Number(m[3]);
    if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && a <= b) out.push([a, b]);
  }
  return out;
}

/** Rewrites, in place, the missing findings declared by loss records; recomputes the counts. */
export function applyDeclaredLosses(report: VerifyReport, strict: boolean): void {
  for (const s of report.streams) {
    const declared: Declared[] = [];
    for (const f of s.findings) {
      if (f.kind !== 'loss' || f.seq === undefined) continue;
      const m = LOSS_MESSAGE.exec(f.message);
      if (!m) continue;
      const reason = m[2]!;
      const ranges = declaredRanges(reason, s.stream);
      if (ranges.length === 0) continue;
      declared.push({ seq: f.seq, ranges, budget: reason.startsWith('partial_success') ? Number(m[1]) : Infinity });
    }
    if (declared.length === 0) continue;
    s.findings = s.findings.map((f) => {
      if (f.kind !== 'missing' || f.seq === undefined) return f;
      const from = f.seq;
      const to = f.seqEnd ?? f.seq;
      const n = to - from + 1;
      const d = declared.find((x) => x.budget >= n && x.ranges.some(([a, b]) => from >= a && to <= b));
      if (!d) return f;
      d.budget -= n;
      const out: Finding = {
        ...f,
        kind: 'loss',
        severity: strict ? 'violation' : 'warning',
        message: `${f.message.replace(/ are missing.*$/s, ' are absent')}: declared dropped by the signed loss record at seq ${d.seq}`,
      };
      return out;
    });
  }
  const all = [...report.findings, ...report.streams.flatMap((s) => s.findings)];
  report.violations = all.filter((f) => f.severity === 'violation').length;
  report.warnings = all.filter((f) => f.severity === 'warning').length;
  report.intact = report.violations === 0;
}
