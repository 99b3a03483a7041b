/// <reference lib="dom" />
/**
 * The verifier page's worker: it reads the dropped files itself (Blob.stream,
 * never whole), tells keys, logs, proofs and bundles apart by content, and
 * runs the same check as the CLI with the portable @noble crypto:
 *
 *   - logs: as `sealog verify` (the core's verifyPasses, fed line by line by
 *     the CLI's LineFeeder); it answers the table's filters by reading the
 *     logs again, and holds the verifier's state and at most MAX_ROWS
 *     records, never the input;
 *   - evidence bundles and proof files: as `sealog verify-proof` (bundle.ts:
 *     readBundleZip and checkBundle; proof/report.ts for the report). A
 *     bundle (a zip of at most 1 GiB) is read whole, as the CLI reads it.
 */
import { isAgentError } from '../../errors.js';
import { portableCrypto } from '../../integrity/portable-crypto.js';
import { decodeLogsJson } from '../../otlp/json.js';
import type { LogsData } from '../../otlp/types.js';
import { buildAuditorTrust, type KeyFileEntries } from '../auditor-trust.js';
import { nsToIso, rangeText, verifyPasses, type Finding, type StreamReport, type Verifier, type VerifyReport } from '../core/index.js';
import { formatJson, formatText, textChunks } from '../format.js';
import { LineFeeder, lineText } from '../json/index.js';
import { parseProofText, type ReadProof } from '../proof/proof-text.js';
import { checkReadProofs, proofReport, type BundleOutcome, type ProofVerdict } from '../proof/report.js';
import { isUtf8 } from './utf8.js';
import { blobContent, blobLines } from './blob-lines.js';
import { checkDroppedBundle } from './bundle.js';
import { classifyFile } from './classify.js';
import { MAX_ROWS, type BundleView, type FindingView, type FromWorker, type InputInfo, type ProofRow, type RecordFilter, type RecordRow, type StreamSummary, type ToWorker } from './protocol.js';
import { FilterMatch, recordsOf, StatusIndex, toRow, type RecordView } from './records.js';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}

const scope = self as unknown as WorkerScope;

/** Findings sent to the page per stream (the downloaded report has them all). */
const FINDINGS_SHOWN = 1000;
/** Streams sent to the page (violations first; the downloaded report has them all). */
const STREAMS_SHOWN = 500;
/** Progress messages at most this often. */
const PROGRESS_MS = 100;

/** A dropped file by the name findings use for it. */
interface Named {
  name: string;
  blob: Blob;
}

interface Gathered {
  inputs: InputInfo[];
  keys: KeyFileEntries[];
  logs: Named[];
  proofs: Named[];
  bundles: Named[];
}

/** The finished check, for the table's filters. */
interface Checked {
  logs: Named[];
  total: number;
  index: StatusIndex;
  firstRows: RecordRow[];
}

let checked: Checked | undefined;
/** The newest filter request; a scan for an older one stops. */
let currentFilter = 0;

function post(m: FromWorker): void {
  scope.postMessage(m);
}

function progress(phase: string): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (now - last < PROGRESS_MS && done < total) return;
    last = now;
    post({ type: 'progress', phase, done, total });
  };
}

/** Names as findings will use them: the file's name (its relative path when a folder was dropped), made unique. */
function uniqueNames(files: readonly File[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    const base = f.webkitRelativePath || f.name;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** What every file is. */
async function gather(files: readonly File[]): Promise<Gathered> {
  const g: Gathered = { inputs: [], keys: [], logs: [], proofs: [], bundles: [] };
  const names = uniqueNames(files);
  for (let i = 0; i < files.length; i++) {
    const blob = files[i]!;
    const name = names[i]!;
    let c: Awaited<ReturnType<typeof classifyFile>>;
    try {
      c = await classifyFile(blob, name);
    } catch (err) {
      // A folder dropped as if it were a file, a file gone since it was chosen, ...
      g.inputs.push({ name, size: blob.size, kind: 'unknown', gzip: false, detail: `cannot be read (${err instanceof Error ? err.message : String(err)}); a folder must be opened and its files dropped` });
      continue;
    }
    if (c.kind === 'key' && c.keys) g.keys.push({ file: name, entries: c.keys });
    else if (c.kind === 'logs') g.logs.push({ name, blob });
    else if (c.kind === 'proofs') g.proofs.push({ name, blob });
    else if (c.kind === 'bundle') g.bundles.push({ name, blob });
    g.inputs.push({ name, size: blob.size, kind: c.kind, gzip: c.gzip, detail: c.detail });
  }
  return g;
}

function findingView(f: Finding): FindingView {
  return {
    kind: f.kind,
    severity: f.severity,
    seq: f.seq === undefined ? '' : f.seqEnd !== undefined ? rangeText(f.seq, f.seqEnd) : String(f.seq),
    message: f.message,
    where: f.where ?? '',
  };
}

function summaries(report: VerifyReport): StreamSummary[] {
  const texts = [...textChunks(report, { maxFindingsPerStream: 0 })];
  const out = report.streams.map((s: StreamReport, i): StreamSummary => {
    let violations = 0;
    let warnings = 0;
    for (const f of s.findings) {
      if (f.severity === 'violation') violations++;
      else if (f.severity === 'warning') warnings++;
    }
    return {
      stream: s.stream,
      chain: s.chain,
      verdict: violations === 0 ? 'intact' : 'violation',
      violations,
      warnings,
      lines: texts[i]!.split('\n').slice(1, 4).map((l) => l.trim()),
      findings: s.findings.slice(0, FINDINGS_SHOWN).map(findingView),
    };
  });
  // Violations first, then the report's order.
  return out
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Number(b.s.violations > 0) - Number(a.s.violations > 0) || a.i - b.i)
    .slice(0, STREAMS_SHOWN)
    .map((x) => x.s);
}

function decodeLine(bytes: Uint8Array): LogsData | undefined {
  try {
    return decodeLogsJson(lineText(bytes));
  } catch {
    return undefined;
  }
}

async function verify(files: readonly File[], strict: boolean): Promise<void> {
  const t0 = performance.now();
  checked = undefined;
  const g = await gather(files);
  post({ type: 'inputs', inputs: g.inputs });
  const proofs = g.proofs.length > 0 || g.bundles.length > 0;
  if (g.keys.length === 0) {
    post({
      type: 'problem',
      message: proofs
        ? 'No public key among the files: add the public key of the host that sealed the records (sealog.pub, its keyring, or a PEM Ed25519 public key), obtained from its owner, not from a bundle: a bundle cannot vouch for itself.'
        : 'No public key among the files: add the public key of the host that sealed the logs (sealog.pub, its keyring, or a PEM Ed25519 public key).',
    });
    return;
  }
  if (proofs && g.logs.length > 0) {
    post({ type: 'problem', message: 'Logs and proofs (or an evidence bundle) are checked apart, as sealog verify and sealog verify-proof do: give the logs with their key, or the proofs and bundles with their key.' });
    return;
  }
  if (proofs) {
    await verifyProofs(t0, g);
    return;
  }
  if (g.logs.length === 0) {
    post({ type: 'problem', message: 'No OTLP JSON lines, proofs or evidence bundle among the files: add the forwarded logs (plain or .gz), or the proofs or bundle to check.' });
    return;
  }
  await verifyLogs(t0, g.keys, g.logs, strict);
}

/** The logs, as `sealog verify [--strict] --json` checks them. */
async function verifyLogs(t0: number, keys: KeyFileEntries[], logs: Named[], strict: boolean): Promise<void> {
  const { trust, bindings, problems } = buildAuditorTrust(portableCrypto, keys);
  let total = 0;
  for (const l of logs) total += l.blob.size;
  let last: LineFeeder | undefined;
  const first: Array<{ view: RecordView; where: string }> = [];
  const feed = async (v: Verifier, pass: number): Promise<void> => {
    const lines = (last = new LineFeeder(v, { isUtf8, strict }));
    const tick = progress(pass === 1 ? 'Verifying' : pass === 2 ? 'Reading again: two different records share a seq (collecting their copies)' : 'Reading a third time: checking with the chosen copies');
    let done = 0;
    for (const log of logs) {
      for await (const { bytes, line } of blobLines(log.blob, (n) => tick((done += n), total))) {
        const where = `${log.name}:${line}`;
        lines.line(bytes, where);
        if (pass === 1 && first.length < MAX_ROWS) {
          const data = decodeLine(bytes);
          if (data) for (const view of recordsOf(data)) if (first.length < MAX_ROWS) first.push({ view, where });
        }
      }
    }
  };
  // The CLI's options and clock: the report is what `sealog verify [--strict] --json` prints.
  const verifier = await verifyPasses({ crypto: portableCrypto, trust, bindings, strict, nowNs: () => BigInt(Date.now()) * 1_000_000n }, feed);
  last!.addFindingsTo(verifier, problems);
  const report = verifier.report();
  const index = new StatusIndex();
  for (const s of report.streams) index.add(s, verifier.sealRanges(s.stream, s.chain));
  const firstRows = first.map(({ view, where }) => toRow(view, index.status(view.stream, view.chain, view.seq), where));
  checked = { logs, total, index, firstRows };
  post({
    type: 'done',
    verdict: report.intact ? 'intact' : 'violation',
    reportJson: formatJson(report, { lines: last!.lines, unreadableLines: last!.unreadable }),
    reportText: formatText(report),
    violations: report.violations,
    warnings: report.warnings,
    streams: summaries(report),
    streamCount: report.streams.length,
    global: report.findings.map(findingView),
    lines: last!.lines,
    records: report.streams.reduce((n, s) => n + s.records, 0),
    seconds: (performance.now() - t0) / 1000,
  });
  post({ type: 'rows', id: 0, rows: firstRows, complete: first.length < MAX_ROWS, scanned: total, total });
}

function proofRow(v: ProofVerdict): ProofRow {
  const c = v.check;
  return c.ok
    ? { where: v.where, ok: true, stream: c.stream, chain: c.chain, seq: String(c.seq), detail: `seal ${c.sealSeq} signed ${nsToIso(c.sealTimeNs)} by key ${c.keyId} (epoch ${c.epoch}, anchor ${c.anchorId})` }
    : { where: v.where, ok: false, stream: c.stream ?? '', chain: c.chain ?? '', seq: c.seq === undefined ? '' : String(c.seq), detail: `${c.code}: ${c.reason}` };
}

/** Proof files and evidence bundles, as `sealog verify-proof --key PUB FILE...` checks them (the same report). */
async function verifyProofs(t0: number, g: Gathered): Promise<void> {
  // Only the keys given: `verify-proof --key` trusts nothing a bundle carries.
  const { trust } = buildAuditorTrust(portableCrypto, g.keys);
  const outcomes: BundleOutcome[] = [];
  const views: BundleView[] = [];
  const steps = g.bundles.length + g.proofs.length;
  let step = 0;
  for (const b of g.bundles) {
    post({ type: 'progress', phase: `Checking the evidence bundle ${b.name}`, done: step++, total: steps });
    const r = await checkDroppedBundle(b.blob, b.name, trust);
    outcomes.push(r.outcome);
    views.push(r.view);
  }
  const read: ReadProof[] = [];
  for (const p of g.proofs) {
    post({ type: 'progress', phase: `Checking the proofs of ${p.name}`, done: step++, total: steps });
    read.push(...parseProofText(await new Response(await blobContent(p.blob)).text(), p.name));
  }
  if (outcomes.length === 0 && read.length === 0) {
    post({ type: 'problem', message: `No proofs in ${g.proofs.map((p) => p.name).join(', ')}.` });
    return;
  }
  const report = proofReport(outcomes, checkReadProofs(portableCrypto, trust, read));
  post({
    type: 'proofs-done',
    verdict: report.ok ? 'intact' : 'violation',
    reportJson: report.json,
    reportText: report.text,
    valid: report.valid,
    invalid: report.invalid,
    proven: report.hits.filter((h) => h.ok).length,
    unproven: report.hits.filter((h) => !h.ok).length,
    bundles: views,
    proofs: report.proofs.slice(0, MAX_ROWS).map(proofRow),
    proofCount: report.proofs.length,
    seconds: (performance.now() - t0) / 1000,
  });
}

/** The first MAX_ROWS records that match `filter`, read from the logs again (stops when a newer filter arrives). */
async function filterRows(id: number, filter: RecordFilter): Promise<void> {
  const c = checked;
  if (!c) return;
  const match = new FilterMatch(filter);
  if (match.empty) {
    post({ type: 'rows', id, rows: c.firstRows, complete: c.firstRows.length < MAX_ROWS, scanned: c.total, total: c.total });
    return;
  }
  const rows: RecordRow[] = [];
  const tick = progress('Filtering');
  let done = 0;
  for (const log of c.logs) {
    for await (const { bytes, line } of blobLines(log.blob, (n) => tick((done += n), c.total))) {
      if (id !== currentFilter) return;
      if (!match.lineMayMatch(bytes)) continue;
      const data = decodeLine(bytes);
      if (!data) continue;
      for (const view of recordsOf(data)) {
        const status = c.index.status(view.stream, view.chain, view.seq);
        if (!match.matches(view, status.status)) continue;
        rows.push(toRow(view, status, `${log.name}:${line}`));
        if (rows.length >= MAX_ROWS) {
          post({ type: 'rows', id, rows, complete: false, scanned: done, total: c.total });
          return;
        }
      }
    }
  }
  post({ type: 'rows', id, rows, complete: true, scanned: c.total, total: c.total });
}

function fail(err: unknown): void {
  post({ type: 'error', message: isAgentError(err) || err instanceof Error ? err.message : String(err) });
}

scope.onmessage = (e: MessageEvent<ToWorker>): void => {
  const m = e.data;
  if (m.type === 'verify') verify(m.files, m.strict).catch(fail);
  else {
    currentFilter = m.id;
    filterRows(m.id, m.filter).catch(fail);
  }
};
