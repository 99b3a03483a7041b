class LocalSeries {
    value = 0;
    inc(by = 1) {
        this.value += by;
    }
    set(v) {
        this.value = v;
    }
    get() {
        return this.value;
    }
}
export function createFilelogMetrics(registry, receiver) {
    const labels = { receiver };
    if (!registry) {
        const parse = new Map();
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
                if (!s)
                    parse.set(p, (s = new LocalSeries()));
                return s;
            },
            backpressureWaits: new LocalSeries(),
        };
    }
    const c = (name, help) => registry.counter(name, help).labels(labels);
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
    };
}
//# sourceMappingURL=metrics.js.map