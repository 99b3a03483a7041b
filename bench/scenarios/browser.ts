/**
 * The browser scenario (`--only browser`, issue 16): the verifier page
 * (dist/verifier/index.html) in headless chromium checks what scenario 1's
 * pipeline wrote with a `file` exporter (OTLP JSON lines, about 500 bytes a
 * record), given through its file input as an auditor would drop it. Each
 * check must find the stream intact with every input record. The time is
 * from handing over the files to the verdict; CPU and memory are those of
 * the whole chromium process tree (browser, renderer with the page's worker,
 * helpers): CPU summed at the end, memory as the peak of the summed PSS
 * (proportional set size: shared pages counted once) sampled every 200 ms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { nowMs } from '../sink.js';
import { chromiumMissing, launchChromium, VERIFIER_PAGE } from './chromium.js';
import { cpuSeconds } from './procstat.js';
import { removeDir, tempDir } from './procs.js';
import { toMetrics, type BenchContext, type RunMetrics } from './types.js';
import { produceSealedFile } from './verify.js';

/** Every process below `root` (its children, theirs, ...). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [pid, pp] of parent) {
      if (pp === p) {
        out.push(pid);
        walk(pid);
      }
    }
  };
  walk(root);
  return out;
}

/** A process's PSS in bytes (else its RSS), 0 when it is gone. */
function pssBytes(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // no smaps_rollup: fall back to RSS
  }
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The page's globals, for predicates that run in the page: the bench is
 * compiled without the DOM's types, and a predicate given as a string would
 * need eval, which the page's Content-Security-Policy forbids.
 */
type PageGlobal = { document: { body: { dataset: Record<string, string | undefined> } } };

interface PageReport {
  intact: boolean;
  streams: Array<{ records: number; seals: number }>;
}

/** PSS of the chromium process tree (every process below this one), bytes. */
function treePss(): number {
  let sum = 0;
  for (const pid of descendants(process.pid)) sum += pssBytes(pid);
  return sum;
}

async function checkOnce(pubKey: string, file: string, expected: number, bytes: number): Promise<RunMetrics> {
  const browser = await launchChromium();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, treePss());
  }, 200);
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(VERIFIER_PAGE).href);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobal).document.body.dataset['state'] === 'ready');
    // What chromium holds with the page open and idle: the part of the peak that is not the check's.
    const idle = treePss();
    const t0 = nowMs();
    await page.setInputFiles('#files', [pubKey, file]);
    await page.waitForFunction(
      () => {
        const d = (globalThis as unknown as PageGlobal).document.body.dataset;
        return d['verdict'] !== undefined || d['state'] === 'error' || d['state'] === 'needs-input';
      },
      undefined,
      { timeout: 600_000, polling: 250 },
    );
    const seconds = (nowMs() - t0) / 1000;
    let cpu = 0;
    for (const pid of descendants(process.pid)) cpu += cpuSeconds(pid) ?? 0;
    const text = (await page.locator('#report').textContent()) ?? '';
    if (!text) throw new Error(`the page gave no report: ${await page.locator('#problem').textContent()}`);
    const report = JSON.parse(text) as PageReport;
    const records = report.streams.reduce((n, s) => n + s.records, 0);
    if (!report.intact || records !== expected) throw new Error(`the page: intact=${report.intact}, ${records} records, expected ${expected} intact records\n${text.slice(0, 2000)}`);
    const m = toMetrics(records, seconds, bytes, cpu, peak);
    m.extra = { seals: report.streams.reduce((n, s) => n + s.seals, 0), fileMB: Number((bytes / 1e6).toFixed(1)), idlePssMb: Math.round(idle / 1024 / 1024), measured: 'chromium process tree' };
    return m;
  } finally {
    clearInterval(sampler);
    await browser.close();
  }
}

/** Produces the file, then checks it in the page up to ctx.runs times, starting no new check once budgetMs has passed. */
export async function runBrowser(ctx: BenchContext, budgetMs = Infinity): Promise<{ runs: RunMetrics[]; producer: RunMetrics } | { skip: string }> {
  const missing = chromiumMissing();
  if (missing) return { skip: missing };
  const dir = tempDir('browser');
  try {
    const { fileOut, pubKey, bytes, producer } = await produceSealedFile(ctx, dir);
    ctx.log(`  input for the page: ${(bytes / 1e6).toFixed(0)} MB of OTLP JSON lines`);
    const runs: RunMetrics[] = [];
    const t0 = Date.now();
    while (runs.length < ctx.runs && (runs.length === 0 || Date.now() - t0 < budgetMs)) {
      runs.push(await checkOnce(pubKey, fileOut, ctx.input.lines, bytes));
    }
    return { runs, producer };
  } finally {
    removeDir(dir);
  }
}
