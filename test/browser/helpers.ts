/**
 * The verifier page in a real browser: Debian's chromium driven by
 * playwright-core (bench/scenarios/chromium.ts), the page opened from its file (dist/verifier/index.html,
 * built by `npm run build`), files given through its file input. Every
 * request the page makes is recorded, so a test can assert that none left
 * the machine. And a real agent's output to verify: the `sealog` CLI (dist/)
 * tails a file and accepts OTLP, seals, and writes OTLP JSON lines.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { request } from 'undici';
import { launchChromium } from '../../bench/scenarios/chromium.js';
import { runCli, startAgent, stopAgent, waitUntil } from '../helpers/agent-process.js';

export const PAGE = fileURLToPath(new URL('../../dist/verifier/index.html', import.meta.url));
/** Screenshots and other artifacts of the browser tests (git-ignored). */
export const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/browser/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(PAGE)) throw new Error(`${PAGE} is missing: run \`npm run build\``);
  return launchChromium();
}

export interface OpenedPage {
  page: Page;
  /** The page's own file:// URL. */
  url: string;
  /** Every URL the page (and its workers) requested. */
  requests: string[];
}

/** Opens the page (`file`: the built one, or a copy `sealog verifier --out` wrote) in a context of its own. */
export async function openVerifier(browser: Browser, file = PAGE): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const url = pathToFileURL(file).href;
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset['state'] === 'ready');
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
  return { page, url, requests };
}

/** Requests other than for the page's own file, blob: and data: URLs (there must be none). */
export function networkRequests(opened: OpenedPage): string[] {
  return opened.requests.filter((u) => u !== opened.url && !u.startsWith('blob:') && !u.startsWith('data:'));
}

export interface PageResult {
  verdict: string;
  report: string;
}

/** Gives the page `files` through its file input and waits for the verdict. */
export async function verifyInPage(page: Page, files: string[], timeoutMs = 120_000): Promise<PageResult> {
  await page.setInputFiles('#files', files);
  await page.waitForFunction(() => document.body.dataset['verdict'] !== undefined || document.body.dataset['state'] === 'error' || document.body.dataset['state'] === 'needs-input', undefined, { timeout: timeoutMs, polling: 100 });
  const state = await page.evaluate(() => ({ state: document.body.dataset['state'] ?? '', verdict: document.body.dataset['verdict'] ?? '', problem: document.getElementById('problem')?.textContent ?? '' }));
  if (!state.verdict) throw new Error(`the page did not verify (${state.state}): ${state.problem}`);
  const report = await page.locator('#report').textContent();
  return { verdict: state.verdict, report: report ?? '' };
}

/** `sealog verify --json` (exactly what it prints), run in `dir` on file names, as the page names them. */
export async function cliReport(dir: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  const r = await runCli(['verify', '--json', ...args], {}, dir);
  if (r.code === 2) throw new Error(`sealog verify failed: ${r.stderr}`);
  return { code: r.code, stdout: r.stdout };
}

/** `height` pixels of the page from the top (what an auditor sees first) or from the element `from`, into OUTPUT_DIR. */
export async function screenshot(page: Page, name: string, opts: { height?: number; from?: string } = {}): Promise<string> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, name);
  const y = opts.from ? ((await page.locator(opts.from).boundingBox())?.y ?? 0) : 0;
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y, width: 1280, height: opts.height ?? 1400 } });
  return path;
}

function agentConfig(dir: string): string {
  return `agent: { id: web-1 }
receivers:
  filelog:
    include: [${dir}/logs/*.log]
    start_at: beginning
    poll_interval: 50ms
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
  seal: { every_records: 40, interval: 200ms, heartbeat: 2s }
spool: { dir: ${dir}/spool, sync: interval, sync_interval: 20ms }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  shutdown_timeout: 5s
  pipelines:
    logs:
      receivers: [filelog, otlp]
      exporters: [file]
`;
}

export interface AgentOutput {
  /** OTLP JSON lines the agent's file exporter wrote. */
  out: string;
  /** The agent's public key (sealog.pub). */
  pub: string;
  lines: number;
}

/**
 * A real agent's sealed output in `dir`: `lines` file lines ("app line N
 * user=...") and five OTLP records at severity ERROR ("payment failed N"),
 * then SIGTERM (the agent seals and drains: the output ends with a seal).
 */
export async function agentOutput(dir: string, lines: number): Promise<AgentOutput> {
  await mkdir(join(dir, 'logs'), { recursive: true });
  const cfg = join(dir, 'sealog.yaml');
  await writeFile(cfg, agentConfig(dir));
  const users = ['alice', 'bob', 'carol', 'mallory'];
  await writeFile(join(dir, 'logs', 'app.log'), Array.from({ length: lines }, (_, i) => `app line ${i} user=${users[i % users.length]}`).join('\n') + '\n');
  const agent = startAgent(cfg);
  try {
    const l = await agent.waitForLog((x) => x.msg === 'OTLP/HTTP receiver listening');
    await agent.waitForLog((x) => x.msg === 'sealog started');
    const port = Number(String(l['endpoint']).split(':').pop());
    const body = JSON.stringify({
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'payments' } }] },
          scopeLogs: [{ scope: { name: 'billing' }, logRecords: [0, 1, 2, 3, 4].map((i) => ({ timeUnixNano: String(1_767_225_600_000_000_000n + BigInt(i) * 1_000_000_000n), severityNumber: 17, severityText: 'ERROR', body: { stringValue: `payment failed ${i}` } })) }],
        },
      ],
    });
    const res = await request(`http://127.0.0.1:${port}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`OTLP POST answered ${res.statusCode}`);
    const out = join(dir, 'out', 'logs.jsonl');
    const text = async (): Promise<string> => (existsSync(out) ? readFile(out, 'utf8') : '');
    await waitUntil('the agent wrote every record', async () => {
      const t = await text();
      return t.includes(`app line ${lines - 1} user`) && t.includes('payment failed 4');
    });
    const stopped = await stopAgent(agent);
    if (stopped.code !== 0) throw new Error(`the agent did not stop cleanly: ${JSON.stringify(stopped)}\n${agent.stderr().slice(-2000)}`);
    return { out, pub: join(dir, 'keys', 'sealog.pub'), lines };
  } finally {
    await stopAgent(agent, 'SIGKILL');
  }
}

interface JsonRecord {
  attributes?: Array<{ key: string; value: { intValue?: string | number; stringValue?: string } }>;
  body?: { stringValue?: string };
}
interface JsonLine {
  resourceLogs: Array<{ scopeLogs: Array<{ logRecords: JsonRecord[] }> }>;
}

export function seqOf(r: JsonRecord): number {
  const v = r.attributes?.find((a) => a.key === 'sealog.seq')?.value.intValue;
  return v === undefined ? -1 : Number(v);
}

/**
 * Edits OTLP JSON lines record by record, as a compromised log store could:
 * `edit` returns the record (changed or not), or undefined to delete it.
 * Lines left without records are dropped.
 */
export function tamper(text: string, edit: (r: JsonRecord, seq: number) => JsonRecord | undefined): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const j = JSON.parse(line) as JsonLine;
    let n = 0;
    for (const rl of j.resourceLogs) {
      for (const sl of rl.scopeLogs) {
        sl.logRecords = sl.logRecords.flatMap((r) => {
          const e = edit(r, seqOf(r));
          return e ? [e] : [];
        });
        n += sl.logRecords.length;
      }
    }
    if (n > 0) out.push(JSON.stringify(j));
  }
  return out.join('\n') + '\n';
}
