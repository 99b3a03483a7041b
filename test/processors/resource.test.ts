import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createProcessor } from '../../src/processors/index.js';
import { osType } from '../../src/processors/resource.js';
import { kv, str } from '../../src/otlp/types.js';
import { NOOP_LOGGER } from '../../src/telemetry/logger.js';
import { attrs, logs, record } from './data.js';

describe('resource processor', () => {
  it('detect fills host.name, os.type and service.name=sealog when absent', () => {
    const p = createProcessor({ type: 'resource', id: 'resource', actions: [], detect: true }, { logger: NOOP_LOGGER });
    const data = logs([record('x')]);
    p.process(data);
    expect(attrs(data.resourceLogs[0]!.resource.attributes)).toEqual({ 'host.name': hostname(), 'os.type': osType(process.platform), 'service.name': 'sealog' });
  });

  it('detect keeps values that are present (an SDK service.name stays)', () => {
    const p = createProcessor({ type: 'resource', id: 'resource', actions: [], detect: true }, { logger: NOOP_LOGGER });
    const data = logs([record('x')]);
    data.resourceLogs[0]!.resource.attributes.push(kv('service.name', str('checkout')), kv('host.name', str('pod-1')));
    p.process(data);
    expect(attrs(data.resourceLogs[0]!.resource.attributes)).toEqual({ 'service.name': 'checkout', 'host.name': 'pod-1', 'os.type': osType(process.platform) });
  });

  it('actions run before detection, on every resource of the batch', () => {
    const p = createProcessor(
      {
        type: 'resource',
        id: 'resource/env',
        actions: [
          { key: 'deployment.environment', action: 'upsert', value: 'prod' },
          { key: 'service.name', action: 'insert', value: 'billing' },
          { key: 'secret', action: 'delete' },
        ],
        detect: true,
      },
      { logger: NOOP_LOGGER },
    );
    const data = logs([record('a')]);
    data.resourceLogs.push(...logs([record('b')]).resourceLogs);
    data.resourceLogs[1]!.resource.attributes.push(kv('secret', str('x')));
    p.process(data);
    for (const rl of data.resourceLogs) {
      expect(attrs(rl.resource.attributes)).toMatchObject({ 'deployment.environment': 'prod', 'service.name': 'billing' });
      expect(attrs(rl.resource.attributes)).not.toHaveProperty('secret');
    }
  });

  it('detect: false adds nothing', () => {
    const p = createProcessor({ type: 'resource', id: 'resource', actions: [], detect: false }, { logger: NOOP_LOGGER });
    const data = logs([record('x')]);
    p.process(data);
    expect(data.resourceLogs[0]!.resource.attributes).toEqual([]);
  });

  it('each resource gets its own attribute objects', () => {
    const p = createProcessor({ type: 'resource', id: 'resource', actions: [], detect: true }, { logger: NOOP_LOGGER });
    const a = logs([record('x')]);
    const b = logs([record('y')]);
    p.process(a);
    p.process(b);
    expect(a.resourceLogs[0]!.resource.attributes[0]).not.toBe(b.resourceLogs[0]!.resource.attributes[0]);
  });

  it('maps Node platforms to OpenTelemetry os.type values', () => {
    expect([osType('linux'), osType('win32'), osType('darwin'), osType('sunos'), osType('freebsd')]).toEqual(['linux', 'windows', 'darwin', 'solaris', 'freebsd']);
  });
});
