/**
 * Default values of every setting (durations in ms, sizes in bytes). The
 * config reference (docs/CONFIG.md) and config/sealog.example.yaml list the
 * same values.
 */
const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
export const DEFAULTS = {
    filelog: {
        startAt: 'end',
        pollIntervalMs: 200,
        watch: true,
        forceFlushPeriodMs: 500,
        maxLogSizeBytes: 1 * MiB,
        maxLogSizeAction: 'split',
        encoding: 'utf-8',
        compression: 'none',
        maxConcurrentFiles: 1024,
        fingerprintSizeBytes: 1 * KiB,
        includeFileName: true,
        includeFilePath: false,
        includeProvenance: false,
        maxBatchLines: 4096,
    },
    otlp: {
        httpEndpoint: '127.0.0.1:4318',
        grpcEndpoint: '127.0.0.1:4317',
        maxRequestBodyBytes: 20 * MiB,
        maxConcurrentRequests: 64,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
        maxConnections: 1024,
        maxRecvMessageBytes: 20 * MiB,
        maxConcurrentStreams: 64,
        maxNestingDepth: 32,
    },
    redact: {
        replacement: '****',
        summary: false,
    },
    resource: {
        detect: true,
    },
    otlphttp: {
        encoding: 'proto',
        compression: 'gzip',
        timeoutMs: 30_000,
        insecureSkipVerify: false,
        maxBatchRecords: 8192,
        maxBatchBytes: 4 * MiB,
        maxInFlight: 4,
        retry: {
            initialIntervalMs: 1_000,
            maxIntervalMs: 30_000,
            multiplier: 1.5,
            randomizationFactor: 0.5,
            maxElapsedMs: 0,
        },
        sealsOnly: false,
    },
    file: {
        rotation: { maxMegabytes: 100, maxBackups: 100, compress: false },
        flushIntervalMs: 1_000,
        sealsOnly: false,
        // One JSON line per batch: ~0.5 MiB lines keep readers (sealog verify, the Collector's otlpjsonfile) lean.
        maxBatchRecords: 1024,
    },
    integrity: {
        generateKey: false,
        sealEveryRecords: 1000,
        sealIntervalMs: 1_000,
        heartbeatMs: 30_000,
        rotateMs: 0,
    },
    spool: {
        maxSizeBytes: 1 * GiB,
        segmentSizeBytes: 64 * MiB,
        sync: 'interval',
        syncIntervalMs: 100,
        whenFull: 'block',
        retainMs: 0,
    },
    service: {
        metricsEndpoint: '127.0.0.1:8888',
        logLevel: 'info',
        shutdownTimeoutMs: 10_000,
    },
};
/** Upper bound of an OTLP/HTTP request body before compression (OTLP spec: 64 MiB). */
export const MAX_OTLP_REQUEST_BYTES = 64 * MiB;
//# sourceMappingURL=defaults.js.map