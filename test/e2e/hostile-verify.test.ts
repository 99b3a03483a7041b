/**
 * Finding 8 of issue 21 with the real checker: input claiming many streams,
 * one record each (100,000 of them), must not make `sealog verify` allocate per claimed stream
 * what a long stream needs (it took ~0.5 MB each: 20,000 streams 11.4 GB).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/agent-process.js';
import { cleanup, harness, newDir } from './hostile-helpers.js';

const h = harness();
afterEach(() => cleanup(h));

const STREAMS = 100_000;

function line(i: number): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'sealog.stream', value: { stringValue: `host/s${i}` } }, { key: 'sealog.chain', value: { stringValue: 'c0ffee' } }] },
        scopeLogs: [{ scope: {}, logRecords: [{ timeUnixNano: '1', body: { stringValue: 'x' }, attributes: [{ key: 'sealog.seq', value: { intValue: '1' } }, { key: 'sealog.hash', value: { stringValue: '00'.repeat(32) } }] }] }],
      },
    ],
  });
}

/** Runs the CLI and samples its peak resident set (VmHWM) until it exits. */
function runMeasured(args: string[]): Promise<{ code: number | null; peakMB: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    let peak = 0;
    const sample = (): void => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        // exited between samples
      }
    };
    const t = setInterval(sample, 20);
    child.on('exit', (code) => {
      clearInterval(t);
      resolve({ code, peakMB: peak });
    });
  });
}

describe('the checker under many claimed streams (real process)', () => {
  it(`${STREAMS} one-record streams verify (as violations) in under 500 MB`, async () => {
    const dir = await newDir(h);
    expect((await runCli(['keygen', '--out', join(dir, 'keys')])).code).toBe(0);
    const input = join(dir, 'many.jsonl');
    await writeFile(input, Array.from({ length: STREAMS }, (_, i) => line(i)).join('\n') + '\n');
    const r = await runMeasured(['verify', '--key', join(dir, 'keys', 'sealog.pub'), input]);
    expect(r.code).toBe(1); // every claimed stream is reported, none can verify
    expect(r.peakMB).toBeGreaterThan(0);
    expect(r.peakMB).toBeLessThan(500);
  }, 300_000);
});
