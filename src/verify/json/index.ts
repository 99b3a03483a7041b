/**
 * The checker's fast path over OTLP JSON lines, as the rest of sealog uses
 * it: the scanner (OTLP JSON bytes to canonical record bytes, no model), the
 * feeder that hands what it read to a Verifier, the policy of when to try it,
 * and the unwrap of upstream chains.
 *
 * Behind it, one job a file:
 *   otlp-canonical.ts   class OtlpCanonicalScanner: walks one line, assembles records and contexts
 *   scan-output.ts      where a scanned line's resources, scopes and records are (flat typed arrays)
 *   keys.ts             the field name tables (both spellings) and the sealog.* names
 *   values.ts           leaf tokens (strings, ids, integers, doubles) as canonical bytes
 *   regions.ts          byte regions of the output: u32s, comparison, value ends, attribute sort
 *   json-bytes.ts       the strict JSON lexer over UTF-8 bytes
 *   feed-scan.ts        class ScanFeeder: a scanned line to the Verifier
 *   fast-path-policy.ts whether to try the fast path on the next line
 *   upstream.ts         the checker's view of upstream chains
 *   line-feed.ts        class LineFeeder: one line of input into the checker, fast path or general decoder
 * No `node:` imports anywhere here (it runs in a browser).
 */
export { CONTEXT_PREFIX, OtlpCanonicalScanner, type Utf8Check } from './otlp-canonical.js';
export type { ScannedResource } from './scan-output.js';
export { ScanFeeder } from './feed-scan.js';
export { FastPathPolicy } from './fast-path-policy.js';
export { mayCarryUpstream, unwrapUpstream, upstreamViews } from './upstream.js';
export { LineFeeder, lineText, type LineFeedOptions, type LineTap } from './line-feed.js';
