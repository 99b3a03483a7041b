/**
 * Pure builders of a stream's findings that need none of the chain's state:
 * the copy that ties a finding to its stream, an absent beginning, and what
 * a stream's end says (an unsealed tail, a stale last seal).
 */
import { rangeText, nsToIso } from './text.js';
import type { ChainFinding, Finding, StreamReport, VerifyOptions } from './types.js';

/**
 * A finding of one stream, built with one fixed set of properties in one
 * order: copying findings of varying shapes with object spread gave every
 * finding a hidden class of its own (~300 bytes each, two findings per
 * stream in input that claims a stream per line).
 */
export function streamFinding(f: ChainFinding, stream: string, chain: string): Finding {
  return { kind: f.kind, severity: f.severity, seq: f.seq, seqEnd: f.seqEnd, message: f.message, where: f.where, timeNs: f.timeNs, stream, chain };
}

/** Records 1..first-1 are not in the input: missing when --expect-from-seq wants them, else absent (retention). */
export function absentPrefixFinding(first: number, exp: number | undefined): ChainFinding {
  if (exp !== undefined && first > exp) {
    return {
      kind: 'missing',
      severity: 'violation',
      seq: exp,
      seqEnd: first - 1,
      message: `records ${rangeText(exp, first - 1)} are missing (expected from seq ${exp})`,
    };
  }
  return {
    kind: 'absent_prefix',
    severity: 'note',
    seq: 1,
    seqEnd: first - 1,
    message: `records ${rangeText(1, first - 1)} are absent (retention?); verified from the first complete seal range on`,
  };
}

/** What the end of a stream says, in this order: records no seal covers yet, and a last seal older than --max-age. */
export function endFindings(report: StreamReport, o: VerifyOptions): ChainFinding[] {
  const out: ChainFinding[] = [];
  const now = o.nowNs();
  const last = report.lastSeq;
  if (last > report.lastSealSeq) {
    const from = report.lastSealSeq + 1;
    // Staleness is the age of the newest seal (its signed `time`), never a record's own time (an app's clock, unsigned).
    const sealAt = report.lastSealTimeNs;
    const old = o.maxAgeNs !== undefined && (sealAt === undefined || now - sealAt > o.maxAgeNs);
    out.push({
      kind: 'unsealed_tail',
      severity: o.strict || old ? 'violation' : 'warning',
      seq: from,
      seqEnd: last,
      message: `records ${rangeText(from, last)} are not covered by a seal yet${old ? (sealAt === undefined ? ' and the stream has no seal (--max-age)' : ` and the last seal (${nsToIso(sealAt)}) is older than --max-age`) : ''}`,
    });
  }
  if (o.maxAgeNs !== undefined) {
    const sealAt = report.lastSealTimeNs;
    if (sealAt === undefined || now - sealAt > o.maxAgeNs) {
      out.push({
        kind: 'stale',
        severity: 'violation',
        seq: report.lastSealSeq || undefined,
        message: sealAt === undefined ? 'the stream has no seal' : `the last seal (${nsToIso(sealAt)}) is older than --max-age: the stream may have been truncated`,
      });
    }
  }
  return out;
}
