/**
 * The checker's two outputs: a short summary per stream for people, and the
 * same content as a documented JSON report (docs/VERIFY.md) for machines.
 */
import { nsToIso, rangeText, type Finding, type VerifyReport } from './core/index.js';

export const REPORT_FORMAT = 'sealog-verify-report-v1';

function findingLine(f: Finding): string {
  const where = f.where ? ` (${f.where})` : '';
  const seq = f.seq !== undefined ? ` seq ${f.seqEnd !== undefined ? rangeText(f.seq, f.seqEnd) : f.seq}` : '';
  return `  ${f.severity.toUpperCase().padEnd(9)} ${f.kind}${seq}: ${f.message}${where}`;
}

/** The text report, a piece (one stream, or the closing lines) at a time: a report of many streams is never one string. */
export function* textChunks(r: VerifyReport, opts: { maxFindingsPerStream?: number } = {}): Generator<string> {
  const max = opts.maxFindingsPerStream ?? 50;
  for (const s of r.streams) {
    const time = s.timeMinNs !== undefined && s.timeMaxNs !== undefined ? `${nsToIso(s.timeMinNs)} .. ${nsToIso(s.timeMaxNs)}` : 'no timestamps';
    let v = 0;
    for (const f of s.findings) if (f.severity === 'violation') v++;
    const verdict = v === 0 ? 'INTACT' : `${v} VIOLATION${v === 1 ? '' : 'S'}`;
    let out =
      `stream ${s.stream} (chain ${s.chain}): ${verdict}\n` +
      `  records ${s.records}, seq ${s.firstSeq || '-'}..${s.lastSeq || '-'}, seals ${s.seals} (last seq ${s.lastSealSeq || '-'}${s.lastSealTimeNs ? ` at ${nsToIso(s.lastSealTimeNs)}` : ''}), key epochs ${s.epochs.length ? s.epochs.join(',') : '-'}, duplicates ${s.duplicates}\n` +
      `  time ${time}\n` +
      `  anchor ${s.anchor ?? '- (no control record verified)'}${s.anchorSource ? ` (${s.anchorSource})` : ''}${s.binding ? `, bound by --key-for ${s.binding}` : ''}\n`;
    const n = Math.min(max, s.findings.length);
    for (let i = 0; i < n; i++) out += findingLine(s.findings[i]!) + '\n';
    if (s.findings.length > max) out += `  ... and ${s.findings.length - max} more finding(s) (use --json for all)\n`;
    yield out;
  }
  let tail = '';
  for (const f of r.findings) tail += findingLine(f) + '\n';
  tail +=
    (r.intact
      ? `OK: ${r.streams.length} stream(s) intact${r.warnings ? `, ${r.warnings} warning(s)` : ''}`
      : `FAILED: ${r.violations} integrity violation(s), ${r.warnings} warning(s)`) + '\n';
  yield tail;
}

export function formatText(r: VerifyReport, opts: { maxFindingsPerStream?: number } = {}): string {
  return [...textChunks(r, opts)].join('');
}

const bigintAsString = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

/**
 * The JSON report, a piece (one stream) at a time, byte for byte what
 * `JSON.stringify(report, …, 2)` gives: the streams array is written element
 * by element, so a report of many streams is never one string.
 */
export function* jsonChunks(r: VerifyReport, extra: Record<string, unknown> = {}): Generator<string> {
  const streams = r.streams;
  // The report with a marker where its streams go (same key order); the marker is a string no report holds.
  const MARK = '\u0000streams\u0000';
  const shellObject: Record<string, unknown> = { format: REPORT_FORMAT, ...extra, ...r };
  shellObject['streams'] = MARK;
  const shell = JSON.stringify(shellObject, bigintAsString, 2);
  const at = shell.indexOf(JSON.stringify(MARK));
  yield shell.slice(0, at);
  if (streams.length === 0) yield '[]';
  else {
    for (let i = 0; i < streams.length; i++) {
      const body = JSON.stringify(streams[i], bigintAsString, 2).replace(/\n/g, '\n    ');
      yield `${i === 0 ? '[\n' : ',\n'}    ${body}`;
    }
    yield '\n  ]';
  }
  yield shell.slice(at + JSON.stringify(MARK).length) + '\n';
}

export function formatJson(r: VerifyReport, extra: Record<string, unknown> = {}): string {
  return [...jsonChunks(r, extra)].join('');
}

/** Writes chunks to a stream in writes of about 64 KiB, waiting whenever the stream asks for it. */
export async function writeChunks(out: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  let pending = '';
  for (const c of chunks) {
    pending += c;
    if (pending.length < 65536) continue;
    const more = out.write(pending);
    pending = '';
    if (!more) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  if (pending) out.write(pending);
}
