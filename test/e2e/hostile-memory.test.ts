/**
 * Finding 4 of issue 21 with the real agent on loopback: memory comes back
 * after a burst. 200 clients (each from its own loopback address, as from 200
 * hosts) post ~1 MB OTLP/protobuf bodies at once; those refused for being over
 * a limit (503 + Retry-After) retry, so every body is taken in the end. The
 * agent's resident set (VmRSS from /proc/PID/status) is sampled idle, during
 * the burst and after it; after it, once the receiver's pools were let go, it
 * must come back near its idle level. Figures are printed (docs/OTLP-RECEIVER.md,
 * "Memory after a burst").
 */
import http from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requestProto } from '../receivers/otlp/wire.js';
import { cleanup, get, harness, metric, newDir, run, waitFor, agentTail } from './hostile-helpers.js';

const h = harness();
afterEach(() => cleanup(h));

const CLIENTS = 200;
const RECORDS_PER_BODY = 256;
const LINE = 4000;
const MB = 1024 * 1024;
/**
 * After the burst: at most this much above idle, and under the agent's 150 MB
 * promise (the finding: 263 MB). Measured on the loaded 2-vCPU machine, 25 s
 * after the pool was let go: 24-53 MB above idle, mostly glibc's main heap
 * (2-32 MB of fragments of small allocations it cannot trim, varying from run
 * to run) and V8/malloc arenas; see docs/OTLP-RECEIVER.md.
 */
const AFTER_SLACK_BYTES = 70 * MB;
const CEILING_BYTES = 150 * MB;

/**
 * The glibc setting the shipped systemd unit gives the agent (without it glibc
 * raises its mmap threshold after the first large free, serves later bodies
 * from the heap and keeps them: RSS stayed ~210 MB a minute after this burst).
 * Read from config/sealog.service so the test runs the agent as it is shipped.
 */
async function productMallocEnv(): Promise<Record<string, string>> {
  const unit = await readFile(new URL('../../config/sealog.service', import.meta.url), 'utf8');
  const m = /^Environment=MALLOC_MMAP_THRESHOLD_=(\d+)$/m.exec(unit);
  expect(m, 'config/sealog.service sets MALLOC_MMAP_THRESHOLD_').not.toBeNull();
  return { MALLOC_MMAP_THRESHOLD_: m![1]! };
}

function config(dir: string): string {
  return `agent: { id: hostile-memory }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 200ms }
${agentTail(dir, '{ receivers: [otlp], exporters: [file] }')}`;
}

/** VmRSS (all resident pages) or RssAnon (without file-backed pages: the binary's code, shared and reclaimable). */
async function rssBytes(pid: number, field: 'VmRSS' | 'RssAnon' = 'VmRSS'): Promise<number> {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(await readFile(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

/** Where the resident memory is: glibc's main heap, other anonymous mappings (V8 pages, malloc arenas, mmapped buffers), files. */
async function rssBreakdown(pid: number): Promise<string> {
  const text = await readFile(`/proc/${pid}/smaps`, 'utf8').catch(() => '');
  let heap = 0;
  let anon = 0;
  let file = 0;
  let name = '';
  for (const line of text.split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      name = head[1]!;
      continue;
    }
    const m = /^Rss:\s+(\d+) kB/.exec(line);
    if (!m) continue;
    const b = Number(m[1]) * 1024;
    if (name === '[heap]') heap += b;
    else if (name === '' || name.startsWith('[anon')) anon += b;
    else file += b;
  }
  return `[heap] ${mb(heap)}, anonymous ${mb(anon)}, files ${mb(file)}`;
}

/** One POST from `from`; resolves with the status (0 for a connection failure). */
function post(ep: string, from: string, body: Uint8Array): Promise<{ status: number; retryAfterMs: number }> {
  const i = ep.lastIndexOf(':');
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: ep.slice(0, i),
        port: Number(ep.slice(i + 1)),
        localAddress: from,
        method: 'POST',
        path: '/v1/logs',
        agent: false,
        headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfterMs: Number(res.headers['retry-after'] ?? 1) * 1000 }));
        res.on('error', () => resolve({ status: 0, retryAfterMs: 500 }));
      },
    );
    req.on('error', () => resolve({ status: 0, retryAfterMs: 500 }));
    req.end(body);
  });
}

const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`;

describe('memory after a burst (real process)', () => {
  it('200 concurrent clients x ~1 MB: RSS comes back near idle once the burst is over', async () => {
    const dir = await newDir(h, 'out');
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(cfg, config(dir));
    const env = await productMallocEnv();
    const { agent, telemetry } = await run(h, cfg, env);
    const pid = agent.child.pid!;
    const ep = String((await agent.waitForLog((l) => l.msg === 'OTLP/HTTP receiver listening')).endpoint);
    const line = 'x'.repeat(LINE);
    const body = requestProto(Array.from({ length: RECORDS_PER_BODY }, (_, i) => ({ time: 1_700_000_000_000_000_000n + BigInt(i), body: `${i} ${line}` })));
    expect(body.length).toBeGreaterThan(MB - 64 * 1024);

    // Idle: after one small request (code paths loaded), the highest of a few samples over a second.
    expect((await post(ep, '127.0.0.1', requestProto([{ body: 'warm-up' }]))).status).toBe(200);
    let idle = 0;
    let idleAnon = 0;
    for (let i = 0; i < 10; i++) {
      idle = Math.max(idle, await rssBytes(pid));
      idleAnon = Math.max(idleAnon, await rssBytes(pid, 'RssAnon'));
      await new Promise((r) => setTimeout(r, 100));
    }
    const idleBreakdown = await rssBreakdown(pid);

    let peak = idle;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await rssBytes(pid).catch(() => 0));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const started = Date.now();
    const statuses = new Map<number, number>();
    let retries = 0;
    const client = async (i: number): Promise<boolean> => {
      const from = `127.0.1.${i + 1}`;
      const until = Date.now() + 180_000;
      while (Date.now() < until) {
        const r = await post(ep, from, body);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 200) return true;
        if (r.status !== 503 && r.status !== 0) return false;
        retries++;
        await new Promise((res) => setTimeout(res, Math.min(r.retryAfterMs, 1000) * (0.5 + Math.random())));
      }
      return false;
    };
    const ok = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const burstMs = Date.now() - started;
    sampling = false;
    await sampler;
    expect(ok.filter(Boolean).length, JSON.stringify([...statuses])).toBe(CLIENTS);
    // Nothing held by the receiver any more.
    await waitFor(async () => metric((await get(`http://${telemetry}/metrics`)).text, 'sealog_receiver_in_flight_bytes{receiver="otlp"}') === 0, 30_000, 'in-flight bytes back to 0');
    const pool = (text: string): number | undefined => metric(text, 'sealog_receiver_body_pool_bytes{receiver="otlp",transport="http"}');
    const pooledAfterBurst = pool((await get(`http://${telemetry}/metrics`)).text) ?? -1;
    expect(pooledAfterBurst).toBeGreaterThan(0); // the burst's bodies went through the pool
    // The pool is let go once no request came for 5 s (checked every 5 s).
    await waitFor(async () => pool((await get(`http://${telemetry}/metrics`)).text) === 0, 20_000, 'body pool let go');

    // After: the body pool is let go once no request came for 5 s (checked every 5 s), and the exporter
    // catches up. Within 60 s the resident set must be back within 70 MB of idle and under 150 MB.
    const bound = Math.min(idle + AFTER_SLACK_BYTES, CEILING_BYTES);
    const quietFrom = Date.now();
    let after = 0;
    let afterAnon = 0;
    let lowest = Infinity;
    // Judged from 25 s after the pool was let go: V8's memory reducer (a full GC once allocation has
    // dropped, after a delay of several seconds) has had its chance by then.
    const settled = async (): Promise<boolean> => {
      after = await rssBytes(pid);
      afterAnon = await rssBytes(pid, 'RssAnon');
      lowest = Math.min(lowest, after);
      return Date.now() - quietFrom >= 25_000 && after <= bound;
    };
    try {
      await waitFor(settled, 60_000, `VmRSS under ${mb(bound)} 25 s after`);
    } finally {
      const heapUsed = metric((await get(`http://${telemetry}/metrics`)).text, 'sealog_process_heap_used_bytes') ?? 0;
      console.log(
        `hostile-memory: VmRSS idle ${mb(idle)}, peak during ${mb(peak)}, after ${mb(after)} (${((Date.now() - quietFrom) / 1000).toFixed(1)} s after the pool was let go; lowest ${mb(lowest)}); ` +
          `RssAnon idle ${mb(idleAnon)}, after ${mb(afterAnon)}; body pool ${mb(pooledAfterBurst)} after the burst, 0 after the shrink; ` +
          `burst ${CLIENTS} clients x ${mb(body.length)} in ${(burstMs / 1000).toFixed(1)} s, ${retries} retries, statuses ${JSON.stringify([...statuses])}; ` +
          `MALLOC_MMAP_THRESHOLD_=${env['MALLOC_MMAP_THRESHOLD_']}\n` +
          `hostile-memory: idle: ${idleBreakdown}; after: ${await rssBreakdown(pid)}; V8 heap used after ${mb(heapUsed)}`,
      );
    }
    expect(after).toBeLessThanOrEqual(bound);
    expect(after).toBeLessThan(CEILING_BYTES);
  }, 400_000);
});
