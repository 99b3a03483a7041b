/**
 * The verifier page (issue 16) in headless chromium, on a real agent's
 * output: the same verdict and the very same JSON report as `sealog verify
 * --json`, for clean, modified, truncated-in-the-middle and gzip input;
 * and not one request beyond the page's own file, blob: and data: URLs.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/agent-process.js';
import { agentOutput, cliReport, launchBrowser, networkRequests, openVerifier, screenshot, tamper, verifyInPage, type AgentOutput } from './helpers.js';

let dir: { dir: string; cleanup(): Promise<void> };
let agent: AgentOutput;
let clean: string;
let browser: Browser | undefined;
/** The page as an auditor gets it: written by `sealog verifier --out`. */
let pageFile: string;

beforeAll(async () => {
  dir = await tempDir('sealog-page-');
  const w = await runCli(['verifier', '--out', join(dir.dir, 'page')]);
  expect(w.code).toBe(0);
  expect(w.stdout).toMatch(/index\.html \(\d+ KiB, sha256 [0-9a-f]{64}\)/);
  pageFile = join(dir.dir, 'page', 'index.html');
  agent = await agentOutput(join(dir.dir, 'agent'), 300);
  clean = await readFile(agent.out, 'utf8');
});

afterAll(async () => {
  await dir?.cleanup();
});

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** A case's files, named as an auditor would get them, in a folder of its own. */
async function caseDir(name: string, logs: Record<string, string | Buffer>): Promise<{ dir: string; files: string[] }> {
  const d = join(dir.dir, name);
  await mkdir(d, { recursive: true });
  await copyFile(agent.pub, join(d, 'sealog.pub'));
  const files = [join(d, 'sealog.pub')];
  for (const [file, content] of Object.entries(logs)) {
    await writeFile(join(d, file), content);
    files.push(join(d, file));
  }
  return { dir: d, files };
}

/** The page and the CLI on the same files: the page gets `files` (default: all of the case's), the CLI `cliArgs` in the case's folder. */
async function bothOn(c: { dir: string; files: string[] }, cliArgs: string[], files = c.files) {
  browser = await launchBrowser();
  const opened = await openVerifier(browser, pageFile);
  const r = await verifyInPage(opened.page, files);
  const cli = await cliReport(c.dir, cliArgs);
  return { opened, page: opened.page, r, cli };
}

describe('the verifier page in chromium', () => {
  it('finds a clean agent output intact, with the report sealog verify --json prints, and makes no network request', async () => {
    const c = await caseDir('clean', { 'logs.jsonl': clean });
    const { opened, page, r, cli } = await bothOn(c, ['--key', 'sealog.pub', 'logs.jsonl']);
    expect(cli.code).toBe(0);
    expect(r.verdict).toBe('intact');
    expect(r.report).toBe(cli.stdout);
    const report = JSON.parse(r.report) as { streams: Array<{ stream: string; records: number; findings: unknown[] }> };
    expect(report.streams.map((s) => s.stream)).toEqual(['web-1/logs']);
    expect(report.streams[0]!.records).toBe(agent.lines + 5);
    // Every record listed is verified (the output ends with a seal: SIGTERM seals and drains).
    let all = 0;
    tamper(clean, (rec) => (all++, rec));
    const statuses = await page.locator('#rows-body .badge').allTextContents();
    expect(statuses.length).toBe(all);
    expect(new Set(statuses)).toEqual(new Set(['verified']));
    await screenshot(page, 'intact.png');
    expect(networkRequests(opened)).toEqual([]);
    // And it could not connect if it tried: its Content-Security-Policy refuses.
    const tried = await page.evaluate(async () => {
      const violation = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }));
      const fetched = await fetch('http://127.0.0.1:9/exfiltrate').then(
        () => 'fetched',
        () => 'refused',
      );
      return [fetched, await violation];
    });
    expect(tried).toEqual(['refused', 'connect-src']);
    expect(networkRequests(opened)).toEqual([]);
  });

  it('catches a modified record: a violation with the findings sealog verify reports, and the record badged modified', async () => {
    const target = 150;
    const modified = tamper(clean, (rec, seq) => (seq === target ? { ...rec, body: { stringValue: 'app line 147 user=nobody' } } : rec));
    const c = await caseDir('modified', { 'export.jsonl': modified });
    const { opened, page, r, cli } = await bothOn(c, ['--key', 'sealog.pub', 'export.jsonl']);
    expect(cli.code).toBe(1);
    expect(r.verdict).toBe('violation');
    expect(r.report).toBe(cli.stdout);
    const findings = (JSON.parse(r.report) as { streams: Array<{ findings: Array<{ kind: string; seq?: number; where?: string }> }> }).streams[0]!.findings;
    expect(findings).toEqual([expect.objectContaining({ kind: 'modified', seq: target, where: expect.stringMatching(/^export\.jsonl:\d+$/) })]);
    // The finding is shown with its file:line.
    await expect.poll(() => page.locator('#streams').textContent()).toContain(findings[0]!.where!);
    const row = page.locator('#rows-body tr', { hasText: 'user=nobody' });
    expect(await row.locator('.badge').textContent()).toBe('modified');
    await screenshot(page, 'modified.png');
    await screenshot(page, 'modified-records.png', { from: '#records', height: 1000 });
    expect(networkRequests(opened)).toEqual([]);
  });

  it('catches a deleted range: missing seqs, and the rest of that seal range unverifiable', async () => {
    const gone = (seq: number): boolean => seq >= 100 && seq <= 109;
    const c = await caseDir('deleted', { 'export.jsonl': tamper(clean, (rec, seq) => (gone(seq) ? undefined : rec)) });
    const { opened, page, r, cli } = await bothOn(c, ['--key', 'sealog.pub', 'export.jsonl']);
    expect(cli.code).toBe(1);
    expect(r.verdict).toBe('violation');
    expect(r.report).toBe(cli.stdout);
    const findings = (JSON.parse(r.report) as { streams: Array<{ findings: Array<{ kind: string; seq?: number; seqEnd?: number }> }> }).streams[0]!.findings;
    expect(findings).toEqual([expect.objectContaining({ kind: 'missing', seq: 100, seqEnd: 109 })]);
    expect(await badgeOf(page, 99)).toBe('unverifiable');
    expect(await badgeOf(page, 110)).toBe('unverifiable');
    expect(await badgeOf(page, 1)).toBe('verified');
    expect(await badgeOf(page, 250)).toBe('verified');
    expect(networkRequests(opened)).toEqual([]);
  });

  it('reads the files again when two different records share a seq, and reports what the CLI reports', async () => {
    // A forged copy of seq 120 in a second file, beside the genuine one: the core's second and third pass re-read the Files.
    const forged = tamper(clean, (rec, seq) => (seq === 120 ? { ...rec, body: { stringValue: 'app line 118 user=root' } } : undefined));
    const c = await caseDir('conflict', { 'a.jsonl': clean, 'b.jsonl': forged });
    const { opened, page, r, cli } = await bothOn(c, ['--key', 'sealog.pub', 'a.jsonl', 'b.jsonl']);
    expect(cli.code).toBe(1);
    expect(r.verdict).toBe('violation');
    expect(r.report).toBe(cli.stdout);
    const findings = (JSON.parse(r.report) as { streams: Array<{ findings: Array<{ kind: string; seq?: number; where?: string }> }> }).streams[0]!.findings;
    expect(findings).toEqual([expect.objectContaining({ kind: 'conflicting_duplicate', seq: 120, where: 'b.jsonl:1' })]);
    expect(await page.locator('#rows-body tr', { hasText: 'user=root' }).locator('.badge').textContent()).toBe('conflicting');
    expect(networkRequests(opened)).toEqual([]);
  });

  it('reads gzip input (DecompressionStream) and keys in any order, told apart by content', async () => {
    const c = await caseDir('gzip', { 'a.bin': gzipSync(clean) });
    // The key under a name that says nothing, given after the logs.
    await copyFile(agent.pub, join(c.dir, 'trust-me'));
    const { opened, page, r, cli } = await bothOn(c, ['--key', 'trust-me', 'a.bin'], [join(c.dir, 'a.bin'), join(c.dir, 'trust-me')]);
    expect(r.verdict).toBe('intact');
    expect(r.report).toBe(cli.stdout);
    expect(await page.locator('#inputs-body').textContent()).toContain('logs (gzip)');
    expect(networkRequests(opened)).toEqual([]);
  });

  it('filters the records by severity, text, status and time, and says what is missing when there is no key', async () => {
    const c = await caseDir('filter', { 'logs.jsonl': tamper(clean, (rec, seq) => (seq === 42 ? { ...rec, body: { stringValue: 'app line 0 user=eve' } } : rec)) });
    const { opened, page, r } = await bothOn(c, ['--key', 'sealog.pub', 'logs.jsonl']);
    expect(r.verdict).toBe('violation');
    const rows = async (): Promise<string[]> => {
      await page.waitForFunction(() => document.body.dataset['rows'] !== undefined);
      return page.locator('#rows-body td.body').allTextContents();
    };
    await page.selectOption('#f-severity', '17');
    await page.click('#filter button[type=submit]');
    expect(await rows()).toEqual([0, 1, 2, 3, 4].map((i) => `payment failed ${i}`));
    await page.fill('#f-from', '2026-01-01T00:00:02');
    await page.fill('#f-to', '2026-01-01T00:00:03');
    await page.click('#filter button[type=submit]');
    expect(await rows()).toEqual(['payment failed 2', 'payment failed 3']);
    await page.click('#f-clear');
    await page.fill('#f-text', 'USER=EVE');
    await page.click('#filter button[type=submit]');
    expect(await rows()).toEqual(['app line 0 user=eve']);
    await page.fill('#f-text', '');
    await page.selectOption('#f-status', 'modified');
    await page.click('#filter button[type=submit]');
    expect(await rows()).toEqual(['app line 0 user=eve']);
    await page.selectOption('#f-status', 'unsealed');
    await page.click('#filter button[type=submit]');
    expect(await rows()).toEqual([]);
    // Logs without their key: the page says what to add, and gives no verdict.
    await page.setInputFiles('#files', [join(c.dir, 'logs.jsonl')]);
    await page.waitForFunction(() => document.body.dataset['state'] === 'needs-input');
    expect(await page.locator('#problem').textContent()).toContain('No public key');
    expect(await page.evaluate(() => document.body.dataset['verdict'])).toBeUndefined();
    expect(networkRequests(opened)).toEqual([]);
  });
});

/** The badge of the record with this seq in the table. */
async function badgeOf(page: Page, seq: number): Promise<string | null> {
  return page.locator('#rows-body tr').filter({ has: page.locator('td.num', { hasText: new RegExp(`^${seq}$`) }) }).locator('.badge').textContent();
}
