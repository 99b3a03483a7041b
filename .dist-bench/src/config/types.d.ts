/**
 * The validated, typed configuration: what `src/config/load.ts` produces from
 * YAML and what every component receives. Durations are milliseconds (`*Ms`),
 * sizes are bytes (`*Bytes`/`max_size`), YAML keys are snake_case and map to
 * the camelCase fields below one to one. Defaults live in `defaults.ts`.
 *
 * Component ids are Collector-shaped: `type` or `type/name`
 * (`filelog`, `filelog/app`, `otlphttp/backup`).
 */
export interface TlsServerConfig {
    certFile: string;
    keyFile: string;
    /** CA used to verify client certificates; setting it turns on mTLS. */
    clientCaFile?: string;
}
export interface TlsClientConfig {
    caFile?: string;
    certFile?: string;
    keyFile?: string;
    insecureSkipVerify: boolean;
    serverName?: string;
}
export interface AuthConfig {
    /** Required bearer token; requests without `Authorization: Bearer <token>` get 401/UNAUTHENTICATED. */
    bearerToken?: string;
}
export interface FilelogParserJson {
    type: 'json';
    /** Where the object's fields go: record attributes (default) or the body as a kvlist. */
    target: 'attributes' | 'body';
    /** Field to move into the body (string) when target is attributes; optional. */
    bodyField?: string;
}
export interface FilelogParserRegex {
    type: 'regex';
    /** JavaScript regex with named groups; each group becomes an attribute. */
    regex: string;
}
export interface FilelogParserTimestamp {
    type: 'timestamp';
    /** Attribute (after json/regex parsing) holding the time. */
    parseFrom: string;
    /** 'rfc3339' | 'unix' | 'unix_ms' | 'unix_ns' | strftime-like layout, e.g. '%Y-%m-%d %H:%M:%S'. */
    layout: string;
}
export interface FilelogParserSeverity {
    type: 'severity';
    parseFrom: string;
    /** Optional extra mapping: severity short name (e.g. 'warn') -> list of source values. */
    mapping?: Record<string, string[]>;
}
export type FilelogParser = FilelogParserJson | FilelogParserRegex | FilelogParserTimestamp | FilelogParserSeverity;
export interface FilelogReceiverConfig {
    id: string;
    include: string[];
    exclude: string[];
    startAt: 'end' | 'beginning';
    pollIntervalMs: number;
    /** Use chokidar's events (default true); polling always runs as a fallback every pollIntervalMs. */
    watch: boolean;
    forceFlushPeriodMs: number;
    maxLogSizeBytes: number;
    /** What to do with a line longer than max_log_size. */
    maxLogSizeAction: 'split' | 'truncate';
    encoding: 'utf-8' | 'utf-16le' | 'latin1';
    multiline?: {
        lineStartPattern?: string;
        lineEndPattern?: string;
    };
    compression: 'none' | 'gzip';
    maxConcurrentFiles: number;
    fingerprintSizeBytes: number;
    includeFileName: boolean;
    includeFilePath: boolean;
    includeProvenance: boolean;
    parsers: FilelogParser[];
    /** Max lines per batch handed to the pipeline. */
    maxBatchLines: number;
}
export interface OtlpHttpServerConfig {
    endpoint: string;
    tls?: TlsServerConfig;
    maxRequestBodyBytes: number;
    maxConcurrentRequests: number;
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxConnections: number;
}
export interface OtlpGrpcServerConfig {
    endpoint: string;
    tls?: TlsServerConfig;
    maxRecvMessageBytes: number;
    maxConcurrentStreams: number;
}
export interface OtlpReceiverConfig {
    id: string;
    http?: OtlpHttpServerConfig;
    grpc?: OtlpGrpcServerConfig;
    auth: AuthConfig;
    /** Max AnyValue nesting depth accepted (default 32). */
    maxNestingDepth: number;
}
export type ReceiverConfig = ({
    type: 'filelog';
} & FilelogReceiverConfig) | ({
    type: 'otlp';
} & OtlpReceiverConfig);
export interface AttributeAction {
    key: string;
    action: 'insert' | 'update' | 'upsert' | 'delete' | 'hash';
    /** Literal value for insert/update/upsert. */
    value?: string | number | boolean;
    /** Copy the value from this other attribute instead of `value`. */
    fromAttribute?: string;
}
export interface AttributesProcessorConfig {
    id: string;
    actions: AttributeAction[];
}
export interface ResourceProcessorConfig {
    id: string;
    /** Same action shapes as `attributes`, applied to resource attributes. */
    actions: AttributeAction[];
    /** Fill host.name, os.type and service.name when absent (default true). */
    detect: boolean;
}
export interface FilterRule {
    /** Name used in the metric label; default `rule<index>`. */
    name: string;
    /** Drop records whose severityNumber is below this (1..24). */
    minSeverity?: number;
    /** Drop records whose string body matches. */
    bodyRegex?: string;
    /** Drop records whose attribute `key` equals `value` (string compare) or matches `regex`. */
    attribute?: {
        key: string;
        value?: string;
        regex?: string;
    };
}
export interface FilterProcessorConfig {
    id: string;
    rules: FilterRule[];
}
export interface RedactProcessorConfig {
    id: string;
    /** Regex sources (JavaScript syntax). */
    patterns: string[];
    /** Ready-made patterns by name: 'credit_card' | 'email' | 'bearer_token' | 'ipv4' | 'us_ssn' | 'iban'. */
    named: string[];
    replacement: string;
    /** Attribute keys never redacted. */
    allowKeys: string[];
    /** Add a `redaction.count` attribute with the number of masks (default false). */
    summary: boolean;
}
export type ProcessorConfig = ({
    type: 'attributes';
} & AttributesProcessorConfig) | ({
    type: 'resource';
} & ResourceProcessorConfig) | ({
    type: 'filter';
} & FilterProcessorConfig) | ({
    type: 'redact';
} & RedactProcessorConfig);
export interface RetryConfig {
    initialIntervalMs: number;
    maxIntervalMs: number;
    multiplier: number;
    randomizationFactor: number;
    /** 0 = never give up (default): the spool holds the data. */
    maxElapsedMs: number;
}
export interface OtlpHttpExporterConfig {
    id: string;
    /** Base URL; `/v1/logs` is appended (exactly as OTLP exporter.md says). */
    endpoint?: string;
    /** Used exactly as given when set. */
    logsEndpoint?: string;
    encoding: 'proto' | 'json';
    compression: 'gzip' | 'none';
    headers: Record<string, string>;
    timeoutMs: number;
    tls: TlsClientConfig;
    maxBatchRecords: number;
    maxBatchBytes: number;
    maxInFlight: number;
    retry: RetryConfig;
    sealsOnly: boolean;
}
export interface FileExporterConfig {
    id: string;
    path: string;
    /** Rotation; undefined = never rotate. */
    rotation?: {
        maxMegabytes: number;
        maxBackups: number;
        compress: boolean;
    };
    flushIntervalMs: number;
    sealsOnly: boolean;
    maxBatchRecords: number;
}
export type ExporterConfig = ({
    type: 'otlphttp';
} & OtlpHttpExporterConfig) | ({
    type: 'file';
} & FileExporterConfig);
export interface IntegrityConfig {
    /** Private key file (written by `sealog keygen`). */
    keyFile: string;
    /** Generate the key on first start if missing (the quickstart does). */
    generateKey: boolean;
    sealEveryRecords: number;
    sealIntervalMs: number;
    heartbeatMs: number;
    /** 0 = never rotate. */
    rotateMs: number;
}
export interface SpoolConfig {
    dir: string;
    maxSizeBytes: number;
    segmentSizeBytes: number;
    sync: 'always' | 'interval' | 'none';
    syncIntervalMs: number;
    whenFull: 'block' | 'drop_newest';
    /** Keep acknowledged segments this long (0 = delete once all cursors pass). */
    retainMs: number;
}
export interface PipelineConfig {
    name: string;
    receivers: string[];
    processors: string[];
    exporters: string[];
    /** Let processors change records that arrived sealed by an upstream chain (default false: they pass unchanged). */
    processSealed?: boolean;
}
export interface ServiceConfig {
    metricsEndpoint?: string;
    logLevel: 'debug' | 'info' | 'warn' | 'error';
    shutdownTimeoutMs: number;
}
export interface SealogConfig {
    /** Path of the file it was loaded from (for messages). */
    source: string;
    agentId: string;
    receivers: Map<string, ReceiverConfig>;
    processors: Map<string, ProcessorConfig>;
    exporters: Map<string, ExporterConfig>;
    integrity: IntegrityConfig;
    spool: SpoolConfig;
    service: ServiceConfig;
    pipelines: PipelineConfig[];
}
