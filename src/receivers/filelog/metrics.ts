/**
 * The receiver's Prometheus series, pre-bound to the label receiver=<id> so
 * the hot path only calls inc().
 */
import type { MetricsRegistry, Series } from '../../telemetry/metrics.js';

export interface FilelogMetrics {
  linesRead: Series;
  bytesRead: Series;
  filesOpen: Series;
  filesDiscovered: Series;
  rotations: Series;
  truncations: Series;
  linesTruncated: Series;
  linesSplit: Series;
  readErrors: Series;
  parseErrors: (parser: string) => Series;
  backpressureWaits: Series;
  gaps: Series;
  gapBytes: Series;
  /** Selected paths refused: symlink, symlink_target, protected. */
  skipped: (reason: string) => Series;
}

class LocalSeries implements Series {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
  set(v: number): void {
    this.value = v;
  }
  get(): number {
    return this.value;
  }
}

export function createFilelogMetrics(registry: MetricsRegistry | undefined, receiver: string): FilelogMetrics {
  const labels = { receiver };
  if (!registry) {
    const parse = new Map<string, Series>();
    return {
      linesRead: new LocalSeries(),
      bytesRead: new LocalSeries(),
      filesOpen: new LocalSeries(),
      filesDiscovered: new LocalSeries(),
      rotations: new LocalSeries(),
      truncations: new LocalSeries(),
      linesTruncated: new LocalSeries(),
      linesSplit: new LocalSeries(),
      readErrors: new LocalSeries(),
      parseErrors: (p) => {
        let s = parse.get(p);
        if (!s) parse.set(p, (s = new LocalSeries()));
        return s;
      },
      backpressureWaits: new LocalSeries(),
      gaps: new LocalSeries(),
      gapBytes: new LocalSeries(),
      skipped: (r) => {
        let s = parse.get(`skip:${r}`);
        if (!s) parse.set(`skip:${r}`, (s = new LocalSeries()));
        return s;
      },
    };
  }
  const c = (name: string, help: string): Series => registry.counter(name, help).labels(labels);
  const skipMetric = registry.counter('sealog_filelog_files_skipped_total', 'Paths the include globs select that were refused, by reason (symlink, symlink_target, protected).');
  const parseMetric = registry.counter('sealog_filelog_parse_errors_total', 'Records a filelog parser could not parse (forwarded unparsed).');
  return {
    linesRead: c('sealog_filelog_lines_read_total', 'Log records read from files and made durable.'),
    bytesRead: c('sealog_filelog_bytes_read_total', 'File bytes consumed into durable records.'),
    filesOpen: registry.gauge('sealog_filelog_files_open', 'Files the filelog receiver holds open.').labels(labels),
    filesDiscovered: c('sealog_filelog_files_discovered_total', 'Distinct files (device and inode) the include globs selected.'),
    rotations: c('sealog_filelog_rotations_total', 'Rotations detected: renames, copies, files moved out of the include set or deleted.'),
    truncations: c('sealog_filelog_truncations_total', 'Files found truncated or rewritten in place; reading restarted at 0.'),
    linesTruncated: c('sealog_filelog_lines_truncated_total', 'Records cut at max_log_size with the rest dropped (log.record.truncated).'),
    linesSplit: c('sealog_filelog_lines_split_total', 'Record pieces produced by splitting at max_log_size (log.record.split).'),
    readErrors: c('sealog_filelog_read_errors_total', 'Errors opening, reading or decompressing files.'),
    parseErrors: (parser) => parseMetric.labels({ receiver, parser }),
    backpressureWaits: c('sealog_filelog_backpressure_waits_total', 'Times reading paused because the spool was full.'),
    gaps: c('sealog_filelog_gaps_total', 'Gaps declared: files gone or truncated before they were read to their end (each a signed gap record in the chain).'),
    gapBytes: c('sealog_filelog_gap_bytes_total', 'Bytes known to be missed in declared gaps (a gap of unknown end adds the bytes seen past its start: a lower bound).'),
    skipped: (reason) => skipMetric.labels({ receiver, reason }),
  };
}
