/**
 * What the verifier page (page.ts, the UI thread) and its worker (worker.ts)
 * say to each other. Files travel as File objects (structured clone: the
 * worker reads them itself, the page never holds their bytes).
 */
import type { Severity } from '../core/index.js';

/** What a file turned out to be, from its content (classify.ts). */
export type InputKind = 'logs' | 'key' | 'bundle' | 'private-key' | 'unknown';

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

/** A record's badge in the table (docs/VERIFY.md, "Verify in a browser"). */
export type RecordStatus = 'verified' | 'unsealed' | 'modified' | 'conflicting' | 'inserted' | 'foreign' | 'unverifiable';

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
  status: RecordStatus;
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
  | { type: 'error'; message: string };
