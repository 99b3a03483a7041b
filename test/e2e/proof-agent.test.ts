/**
 * Inclusion proofs on the real agent's output (dist/, a real process, key
 * rotation on): a proof for every record of the stream verifies from the
 * epoch-0 key alone, also those signed after two rotations; flipping bytes
 * of the proofs' records, paths or seals makes them fail; and the CLI's
 * `sealog prove` / `sealog verify-proof` exit codes 0, 1 and 2.
 */
import fc from 'fast-check';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { decodeLogsJson, getAttr } from '../../src/otlp/index.js';
import { ProofCollector, verifyProofs } from '../../src/verify/proof/index.js';
import { loadAuditorTrust } from '../../src/verify/trust.js';
import { runCli, startAgent, stopAgent, tempDir, waitUntil } from '../helpers/agent-process.js';

const STREAM = 'proof-host/logs';
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
let lines: string[] = [];
let seqs: number[] = [];

const out = () => join(dir, 'out', 'logs.jsonl');
const pub = () => join(dir, 'keys', 'sealog.pub');

beforeAll(async () => {
  const t = await tempDir('sealog-proof-');
  dir = t.dir;
  cleanup = t.cleanup;
  await mkdir(join(dir, 'logs'), { recursive: true });
  const cfg = join(dir, 'sealog.yaml');
  await writeFile(
    cfg,
    `agent: { id: proof-host }
receivers:
  filelog: { include: [${dir}/logs/*.log], start_at: beginning, poll_interval: 50ms }
exporters:
  file: { path: ${out()}, flush_interval: 50ms }
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
  rotate: 700ms
  seal: { every_records: 25, interval: 200ms, heartbeat: 2s }
spool: { dir: ${dir}/spool, sync: interval, sync_interval: 20ms }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  shutdown_timeout: 5s
  pipelines:
    logs: { receivers: [filelog], exporters: [file] }
`,
  );
  const agent = startAgent(cfg);
  try {
    await agent.waitForLog((l) => l.msg === 'sealog started');
    for (let b = 0; b < 8; b++) {
      await appendFile(join(dir, 'logs', 'app.log'), Array.from({ length: 30 }, (_, i) => `batch ${b} line ${i} user=u${(b * 30 + i) % 7}`).join('\n') + '\n');
      await new Promise((r) => setTimeout(r, 350));
    }
    await agent.waitForLog((l) => l.msg === 'signing key rotated; the previous private key was destroyed' && Number(l.epoch) >= 2);
    // One batch more once epoch 2 is in use, however slow the machine: its records are sealed in epoch 2 or later.
    await appendFile(join(dir, 'logs', 'app.log'), Array.from({ length: 30 }, (_, i) => `batch 8 line ${i} user=u${i % 7}`).join('\n') + '\n');
    await waitUntil('every line forwarded and sealed', async () => {
      const text = await readFile(out(), 'utf8').catch(() => '');
      return text.includes('batch 8 line 29') && text.trimEnd().split('\n').pop()!.includes('sealog.seal');
    });
  } finally {
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
  }
  lines = (await readFile(out(), 'utf8')).trim().split('\n');
  for (const line of lines) {
    for (const rl of decodeLogsJson(line).resourceLogs) {
      for (const r of rl.scopeLogs.flatMap((sl) => sl.logRecords)) {
        const seq = getAttr(r.attributes, 'sealog.seq');
        if (seq?.type === 'int' && !getAttr(r.attributes, 'sealog.type')) seqs.push(Number(seq.value));
      }
    }
  }
  seqs = [...new Set(seqs)].sort((a, b) => a - b);
}, 180_000);

afterAll(async () => {
  await cleanup();
});

function proveAll(): Array<Record<string, unknown>> {
  const c = new ProofCollector(nodeCrypto, seqs.map((seq) => ({ stream: STREAM, seq })));
  lines.forEach((l, i) => c.add(decodeLogsJson(l), `logs.jsonl:${i + 1}`));
  return c.finish().map((r) => {
    if (!r.ok) throw new Error(`record ${r.seq}: ${r.code}: ${r.reason}`);
    return r.proof;
  });
}

describe('proofs of real agent output', () => {
  it('a proof for every record verifies from the epoch-0 key alone, across rotations', () => {
    expect(seqs.length).toBe(270);
    const proofs = proveAll();
    const { trust } = loadAuditorTrust([pub()]);
    const checks = verifyProofs(nodeCrypto, trust, proofs);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    const epochs = new Set(checks.map((c) => (c.ok ? c.epoch : -1)));
    expect(Math.max(...epochs)).toBeGreaterThanOrEqual(2);
    expect(epochs.has(0)).toBe(true);
  });

  it('flipping any byte of a proof\'s record, path or seal makes it fail', () => {
    const proofs = proveAll();
    const { trust } = loadAuditorTrust([pub()]);
    const late = proofs.filter((p) => (p['keys'] as unknown[]).length >= 2);
    expect(late.length).toBeGreaterThan(0);
    const texts = [proofs[0]!, late[late.length - 1]!].map((p) => JSON.stringify(p));
    /** Byte ranges of the record, path and seal members in a proof's text. */
    const regions = (t: string): Array<[number, number]> => ['"record":', '"path":', '"seal":'].map((k) => {
      const at = t.indexOf(k);
      const end = k === '"seal":' ? t.indexOf(',"keys":') : k === '"path":' ? t.indexOf(',"seal":') : t.indexOf(',"prev":');
      return [at + k.length, end];
    });
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.nat({ max: 2 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (which, region, at, x) => {
        const t = texts[which]!;
        const [a, b] = regions(t)[region]!;
        const bytes = Buffer.from(t, 'latin1');
        bytes[a + (at % (b - a))]! ^= x;
        let parsed: unknown;
        try {
          parsed = JSON.parse(bytes.toString('utf8'));
        } catch {
          return;
        }
        expect(verifyProofs(nodeCrypto, trust, [parsed])[0]!.ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('sealog prove / verify-proof: exit 0 proven and valid, 1 unprovable or invalid, 2 usage or unreadable', async () => {
    const last = seqs[seqs.length - 1]!;
    const proofFile = join(dir, 'proof.json');
    const ok = await runCli(['prove', '--stream', STREAM, '--seq', String(last), '--key', pub(), '--out', proofFile, join(dir, 'out')]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const v = await runCli(['verify-proof', '--key', pub(), proofFile]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(new RegExp(`^OK ${STREAM} ${last} \\(chain [0-9a-f]{16}, seal \\d+ signed .* epoch [2-9]`));

    const range = await runCli(['prove', '--stream', STREAM, '--seq', `${seqs[0]}..${seqs[0]! + 4}`, out()]);
    expect(range.code).toBe(0);
    const rangeFile = join(dir, 'range.jsonl');
    await writeFile(rangeFile, range.stdout);
    expect(range.stdout.trim().split('\n').length).toBe(5);
    const json = await runCli(['verify-proof', '--key', pub(), '--json', rangeFile]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ format: 'sealog-verify-proof-report-v1', valid: 5, invalid: 0 });

    const bad = (await readFile(proofFile, 'utf8')).replace(/"stringValue":"batch (\d)/, '"stringValue":"batch 9');
    const badFile = join(dir, 'bad.json');
    await writeFile(badFile, `${bad.trim()}\n${range.stdout}`);
    const inv = await runCli(['verify-proof', '--key', pub(), badFile]);
    expect(inv.code).toBe(1);
    expect(inv.stdout).toMatch(new RegExp(`^INVALID ${STREAM} ${last}: modified: `));
    expect(inv.stdout.trim().split('\n').filter((l) => l.startsWith('OK ')).length).toBe(5);

    const absent = await runCli(['prove', '--stream', STREAM, '--seq', String(last + 1000), out()]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('(absent): record');
    const tampered = join(dir, 'tampered.jsonl');
    await writeFile(tampered, lines.join('\n').replace('batch 3 line 4 ', 'batch 3 line 4 (edited) ') + '\n');
    const mod = await runCli(['prove', '--stream', STREAM, '--seq', `${seqs[0]}..${last}`, tampered]);
    expect(mod.code).toBe(1);
    const complaints = mod.stderr.trim().split('\n');
    expect(complaints.filter((l) => !l.includes('skipped'))).toHaveLength(1);
    expect(mod.stderr).toContain('(modified)');
    expect(mod.stdout.trim().split('\n')).toHaveLength(seqs.length - 1);

    expect((await runCli(['prove', '--seq', '1', out()])).code).toBe(2);
    expect((await runCli(['prove', '--stream', STREAM, '--seq', '3..1', out()])).code).toBe(2);
    expect((await runCli(['prove', '--stream', STREAM, '--seq', '3', join(dir, 'nope.jsonl')])).code).toBe(2);
    expect((await runCli(['verify-proof', proofFile])).code).toBe(2);
    expect((await runCli(['verify-proof', '--key', pub(), join(dir, 'nope.json')])).code).toBe(2);
    expect((await runCli(['verify-proof', '--key', join(dir, 'nope.pub'), proofFile])).code).toBe(2);
  });
});
