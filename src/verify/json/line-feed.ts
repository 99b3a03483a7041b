/**
 * One line of OTLP JSON lines input into the checker, as `sealog verify`
 * does it and the browser page does it (portable: no node: imports). Each
 * line goes through the fast path (bytes straight to canonical records,
 * otlp-canonical.ts) when it can, else through the general decoder, which
 * also words the error of a line that is not OTLP JSON; upstream chains in
 * a line are checked on their own view (upstream.ts).
 */
import type { Finding, Verifier } from '../core/index.js';
import { decodeLogsJson } from '../../otlp/json.js';
import type { LogsData } from '../../otlp/types.js';
import { FastPathPolicy } from './fast-path-policy.js';
import { ScanFeeder } from './feed-scan.js';
import { OtlpCanonicalScanner, type Utf8Check } from './otlp-canonical.js';
import { mayCarryUpstream, upstreamViews } from './upstream.js';

/** Unreadable lines listed one by one in the report; the rest are counted in one finding. */
const LISTED_UNREADABLE = 100;

const NativeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
const decoder = new TextDecoder();

/** A line's text as the checker reads it: UTF-8, an invalid sequence becoming U+FFFD. */
export function lineText(bytes: Uint8Array): string {
  return NativeBuffer ? NativeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : decoder.decode(bytes);
}

/** What a caller sees of the lines fed (search, src/verify/search): each line as the fast path or the general decoder read it, before the checker gets it. */
export interface LineTap {
  /** A line the fast path read; `scan` holds it until the next line. */
  scanned(scan: OtlpCanonicalScanner, where: string): void;
  /** A line the general decoder read. */
  decoded(data: LogsData, where: string): void;
}

export interface LineFeedOptions {
  /** Whether bytes are valid UTF-8 (Node: isUtf8 from node:buffer; the page brings its own). */
  isUtf8: Utf8Check;
  /** Sees every line before the checker does. */
  tap?: LineTap;
  /** Unreadable lines are violations, not warnings. */
  strict?: boolean;
  /** False: every line goes through the general decoder (the fast path's reference, for comparisons). */
  fastPath?: boolean;
}

/** Feeds one pass of input, line by line, into one verifier; counts lines and keeps the unreadable ones' findings. */
export class LineFeeder {
  lines = 0;
  unreadable = 0;
  readonly unreadableFindings: Finding[] = [];
  readonly #scanner: OtlpCanonicalScanner;
  readonly #feeder: ScanFeeder;
  readonly #policy = new FastPathPolicy();

  constructor(
    private readonly verifier: Verifier,
    private readonly opts: LineFeedOptions,
  ) {
    this.#scanner = new OtlpCanonicalScanner(opts.isUtf8);
    this.#feeder = new ScanFeeder(verifier, this.#scanner);
  }

  /** One line's bytes (without its newline); `where` is its file:line. */
  line(bytes: Uint8Array, where: string): void {
    this.lines++;
    const v = this.verifier;
    if (mayCarryUpstream(bytes)) feedUpstream(v, bytes, where);
    if (this.opts.fastPath !== false && this.#policy.shouldTry()) {
      const ok = this.#scanner.scan(bytes);
      this.#policy.note(ok);
      if (ok) {
        this.opts.tap?.scanned(this.#scanner, where);
        this.#feeder.feed(bytes, where);
        return;
      }
    }
    let data: LogsData;
    try {
      data = decodeLogsJson(lineText(bytes));
    } catch (err) {
      this.unreadable++;
      if (this.unreadableFindings.length < LISTED_UNREADABLE) {
        // A torn write (or any fragment) claims no record: what it held is either in another
        // line (at-least-once delivery) or reported missing. So it is a warning, not a violation.
        this.unreadableFindings.push({
          kind: 'unreadable_line',
          severity: this.opts.strict ? 'violation' : 'warning',
          message: `line is not OTLP JSON (${(err as Error).message}): a torn write or a damaged line; the records it held, if any, are checked through the chain`,
          where,
        });
      }
      return;
    }
    this.opts.tap?.decoded(data, where);
    v.addLogsData(data, where);
  }

  /**
   * After the last pass (verifyPasses): its unreadable lines and the
   * keyring entries that could not be trusted become findings of `v`.
   */
  addFindingsTo(v: Verifier, keyProblems: readonly string[]): void {
    const extra = this.unreadableFindings;
    for (const f of extra) v.addFinding(f);
    if (this.unreadable > extra.length) {
      v.addFinding({ kind: 'unreadable_line', severity: extra[0]!.severity, message: `${this.unreadable - extra.length} more line(s) are not OTLP JSON (only the first ${extra.length} are listed)` });
    }
    for (const p of keyProblems) v.addFinding({ kind: 'unknown_key', severity: 'warning', message: `keyring: ${p}` });
  }
}

/** Upstream chains in a line are checked on their own view (upstream.ts); a line that does not decode is reported by the main path. */
function feedUpstream(v: Verifier, bytes: Uint8Array, where: string): void {
  let data: LogsData;
  try {
    data = decodeLogsJson(lineText(bytes));
  } catch {
    return;
  }
  for (const view of upstreamViews(data)) v.addLogsData(view, where);
}
