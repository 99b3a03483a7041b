/**
 * The SDK processor's export targets given a batch they cannot convert or
 * encode: the attempt ends as a permanent failure (the processor then seals
 * the batch as export_failed loss), never as a thrown error or a rejected
 * promise (which would leave the call running and, on Node 20, crash the
 * app as an unhandled rejection).
 */
import { describe, expect, it } from 'vitest';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { ResourceLogs } from '../../src/otlp/types.js';
import { SdkExporterTarget } from '../../src/sdk/export-target.js';
import { OtlpTarget } from '../../src/sdk/otlp-target.js';

/** A frame whose scopeLogs is not a list: neither the SDK conversion nor the protobuf encoder can read it. */
const broken = [{ resource: { attributes: [], droppedAttributesCount: 0 }, scopeLogs: null, schemaUrl: '' } as unknown as ResourceLogs];

describe('export targets and a batch that cannot be encoded', () => {
  it('SdkExporterTarget: a permanent failure, and the exporter is not called', async () => {
    let calls = 0;
    const exporter: LogRecordExporter = { export: (_r, done) => (calls++, done({ code: 0 })), shutdown: async () => undefined, forceFlush: async () => undefined };
    const target = new SdkExporterTarget(exporter, 1000);
    const res = await Promise.resolve()
      .then(() => target.send(broken, new AbortController().signal))
      .catch((err: unknown) => ({ thrown: String(err) }));
    expect(res).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/could not be encoded/) });
    expect(calls).toBe(0);
  });

  for (const compression of ['none', 'gzip'] as const) {
    it(`OtlpTarget (compression ${compression}): a permanent failure, nothing sent`, async () => {
      const target = new OtlpTarget({ url: 'http://127.0.0.1:9/v1/logs', compression }, 1000, 1);
      try {
        const res = await Promise.resolve()
          .then(() => target.send(broken, new AbortController().signal))
          .catch((err: unknown) => ({ thrown: String(err) }));
        expect(res).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/could not be encoded/) });
      } finally {
        await target.shutdown();
      }
    });
  }
});
