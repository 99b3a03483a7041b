export declare const DEFAULTS: {
    readonly filelog: {
        readonly startAt: "end";
        readonly pollIntervalMs: 200;
        readonly watch: true;
        readonly forceFlushPeriodMs: 500;
        readonly maxLogSizeBytes: number;
        readonly maxLogSizeAction: "split";
        readonly encoding: "utf-8";
        readonly compression: "none";
        readonly maxConcurrentFiles: 1024;
        readonly fingerprintSizeBytes: number;
        readonly includeFileName: true;
        readonly includeFilePath: false;
        readonly includeProvenance: false;
        readonly maxBatchLines: 4096;
    };
    readonly otlp: {
        readonly httpEndpoint: "127.0.0.1:4318";
        readonly grpcEndpoint: "127.0.0.1:4317";
        readonly maxRequestBodyBytes: number;
        readonly maxConcurrentRequests: 64;
        readonly headersTimeoutMs: 10000;
        readonly requestTimeoutMs: 30000;
        readonly keepAliveTimeoutMs: 5000;
        readonly maxConnections: 1024;
        readonly maxRecvMessageBytes: number;
        readonly maxConcurrentStreams: 64;
        readonly maxNestingDepth: 32;
    };
    readonly redact: {
        readonly replacement: "****";
        readonly summary: false;
    };
    readonly resource: {
        readonly detect: true;
    };
    readonly otlphttp: {
        readonly encoding: "proto";
        readonly compression: "gzip";
        readonly timeoutMs: 30000;
        readonly insecureSkipVerify: false;
        readonly maxBatchRecords: 8192;
        readonly maxBatchBytes: number;
        readonly maxInFlight: 4;
        readonly retry: {
            readonly initialIntervalMs: 1000;
            readonly maxIntervalMs: 30000;
            readonly multiplier: 1.5;
            readonly randomizationFactor: 0.5;
            readonly maxElapsedMs: 0;
        };
        readonly sealsOnly: false;
    };
    readonly file: {
        readonly rotation: {
            readonly maxMegabytes: 100;
            readonly maxBackups: 100;
            readonly compress: false;
        };
        readonly flushIntervalMs: 1000;
        readonly sealsOnly: false;
        readonly maxBatchRecords: 1024;
    };
    readonly integrity: {
        readonly generateKey: false;
        readonly sealEveryRecords: 1000;
        readonly sealIntervalMs: 1000;
        readonly heartbeatMs: 30000;
        readonly rotateMs: 0;
    };
    readonly spool: {
        readonly maxSizeBytes: number;
        readonly segmentSizeBytes: number;
        readonly sync: "interval";
        readonly syncIntervalMs: 100;
        readonly whenFull: "block";
        readonly retainMs: 0;
    };
    readonly service: {
        readonly metricsEndpoint: "127.0.0.1:8888";
        readonly logLevel: "info";
        readonly shutdownTimeoutMs: 10000;
    };
};
/** Upper bound of an OTLP/HTTP request body before compression (OTLP spec: 64 MiB). */
export declare const MAX_OTLP_REQUEST_BYTES: number;
