/**
 * What the verifier page (page.ts, the UI thread) and its worker (worker.ts)
 * say to each other. Files travel as File objects (structured clone: the
 * worker reads them itself, the page never holds their bytes).
 */
import type { Severity } from '../core/index.js';
import type { RecordStatus } from '../search/status.js';

export type { RecordStatus };

/** What a file turned out to be, from its content (classify.ts). */
export type InputKind = 'logs' | 'key' | 'proofs' | 'bundle' | 'private-key' | 'unknown';

export interface InputInfo {
  /** The name findings use for it (file:line). */
  name: string;
  size: number;
  kind: InputKind;
  /** Gzip-compressed (read through DecompressionStream). */
  gzip: boolean;
  /** What was found in it, or why it is not used. */
  detail: string;
}

export const RECORD_STATUSES: readonly RecordStatus[] = ['verified', 'unsealed', 'modified', 'conflicting', 'inserted', 'foreign', 'unverifiable'];

/** One record as the table shows it. */
export interface RecordRow {
  stream: string;
  chain: string;
  /** Its sealog.seq, or -1 when it has none. */
  seq: number;
  /** Its time (else its observed time), ns since the Unix epoch as a decimal string; '0' when neither. */
  timeNs: string;
  severityNumber: number;
  severityText: string;
  /** The body as text, cut to a few hundred characters; for a control record, what it says in a line. */
  body: string;
  /** seal, genesis, loss or gap for a control record; '' for a log record. */
  control: string;
  where: string;
  /** Its badge (src/verify/search/status.ts) and what the badge rests on. */
  status: RecordStatus;
  reason: string;
}

export interface RecordFilter {
  /** Case-insensitive substring of the body, severity text, stream or an attribute (key=value). */
  text: string;
  /** Inclusive time bounds, ns as decimal strings; '' for none. */
  fromNs: string;
  toNs: string;
  /** Lowest severity number shown (0: all). */
  minSeverity: number;
  /** '' for every status. */
  status: RecordStatus | '';
}

export const NO_FILTER: RecordFilter = { text: '', fromNs: '', toNs: '', minSeverity: 0, status: '' };

/** At most this many records are listed for a filter (the page never holds every record). */
export const MAX_ROWS = 1000;

/** One stream's summary line, as `sealog verify` prints it. */
export interface StreamSummary {
  stream: string;
  chain: string;
  verdict: 'intact' | 'violation';
  violations: number;
  warnings: number;
  /** The text report's lines for this stream (textChunks), findings excluded. */
  lines: string[];
  findings: FindingView[];
}

export interface FindingView {
  kind: string;
  severity: Severity;
  seq: string;
  message: string;
  where: string;
}

/** A proof's verdict, as `sealog verify-proof` prints it (OK or INVALID). */
export interface ProofRow {
  where: string;
  ok: boolean;
  stream: string;
  chain: string;
  seq: string;
  /** OK: the seal, its time and key; INVALID: the failure code and why. */
  detail: string;
}

/** A hit of a bundle (hits.jsonl): bound to a valid proof or not, with what the table shows of it. */
export interface HitRow {
  where: string;
  proven: boolean;
  /** Why not, when not proven. */
  reason: string;
  stream: string;
  seq: string;
  timeNs: string;
  severityNumber: number;
  severityText: string;
  body: string;
}

/** A window of the exporter's completeness report (completeness.json), as far as it could be read. */
export interface WindowView {
  stream: string;
  chain: string;
  /** "A..B" of the records in the window, or ''. */
  seqs: string;
  records: string;
  /** undefined when the report does not say. */
  complete: boolean | undefined;
  findings: FindingView[];
}

/** completeness.json: the exporter's statement about the searched window (not re-checkable from the bundle alone). */
export interface CompletenessView {
  windowComplete: boolean | undefined;
  allVerified: boolean | undefined;
  windows: WindowView[];
  /** Hits the exporter could not prove, and why. */
  unproven: string[];
  /** The whole file, pretty-printed. */
  json: string;
}

/** A bundle's key file: what it holds, and whether it is among the keys given. */
export interface BundleKeyView {
  name: string;
  detail: string;
}

export interface BundleView {
  name: string;
  size: number;
  /** The manifest (read even when the files do not match it); undefined when it cannot be read. */
  manifest?: { created: string; sealogVersion: string; query: Array<[string, string]>; counts: Array<[string, string]>; files: Array<{ path: string; bytes: number }> };
  /** The files do not match the manifest: each problem (nothing else of the bundle was checked). */
  mismatch?: string[];
  completeness?: CompletenessView;
  keys: BundleKeyView[];
  /** The first MAX_ROWS hits; `hitCount` says how many there are. */
  hits: HitRow[];
  hitCount: number;
  unproven: number;
  proofCount: number;
  invalidProofs: number;
}

export type ToWorker =
  | { type: 'verify'; files: File[]; strict: boolean }
  | { type: 'filter'; id: number; filter: RecordFilter };

export type FromWorker =
  | { type: 'inputs'; inputs: InputInfo[] }
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'problem'; message: string }
  | {
      type: 'done';
      verdict: 'intact' | 'violation';
      /** Exactly what `sealog verify --json` prints for the same input and options. */
      reportJson: string;
      /** Exactly what `sealog verify` prints. */
      reportText: string;
      violations: number;
      warnings: number;
      /** The first streams (violations first); `streamCount` says how many there are. */
      streams: StreamSummary[];
      streamCount: number;
      /** Findings not tied to one stream (foreign records, unreadable lines, keyring problems). */
      global: FindingView[];
      lines: number;
      records: number;
      seconds: number;
    }
  | { type: 'rows'; id: number; rows: RecordRow[]; complete: boolean; scanned: number; total: number }
  | {
      type: 'proofs-done';
      verdict: 'intact' | 'violation';
      /** Exactly what `sealog verify-proof --json` prints for the same files. */
      reportJson: string;
      /** Exactly what `sealog verify-proof` prints. */
      reportText: string;
      valid: number;
      invalid: number;
      proven: number;
      unproven: number;
      bundles: BundleView[];
      /** The first MAX_ROWS proofs (the bundles', then the loose ones); `proofCount` says how many there are. */
      proofs: ProofRow[];
      proofCount: number;
      seconds: number;
    }
  | { type: 'error'; message: string };
