import type { FileExporterConfig, OtlpHttpExporterConfig, RetryConfig } from '../../../src/config/types.js';

/** Small intervals so retry tests finish quickly. */
export const FAST_RETRY: RetryConfig = { initialIntervalMs: 20, maxIntervalMs: 200, multiplier: 2, randomizationFactor: 0.2, maxElapsedMs: 0 };

export function httpConfig(over: Partial<OtlpHttpExporterConfig> = {}): { type: 'otlphttp' } & OtlpHttpExporterConfig {
  return {
    type: 'otlphttp',
    id: 'otlphttp',
    encoding: 'proto',
    compression: 'gzip',
    headers: {},
    timeoutMs: 5000,
    tls: { insecureSkipVerify: false },
    maxBatchRecords: 64,
    maxBatchBytes: 4 * 1024 * 1024,
    maxInFlight: 4,
    retry: FAST_RETRY,
    sealsOnly: false,
    ...over,
  };
}

export function fileConfig(path: string, over: Partial<FileExporterConfig> = {}): { type: 'file' } & FileExporterConfig {
  return { type: 'file', id: 'file', path, flushIntervalMs: 50, sealsOnly: false, maxBatchRecords: 64, ...over };
}
