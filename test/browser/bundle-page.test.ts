/**
 * Evidence bundles and proof files in the verifier page (issue 16), in
 * headless chromium, on real agent output (test/helpers/audit-fixture.ts):
 * a bundle from `sealog search --bundle` and proofs from `sealog prove` get
 * the verdict and the very JSON report `sealog verify-proof --json` prints
 * for the same files; a hit edited inside a bundle whose manifest was
 * recomputed (so only the binding of hits to proofs can catch it), a bundle
 * whose files no longer match its manifest, and an edited proof are
 * violations; and not one request leaves the page.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../../src/verify/bundle/bundle.js';
import { nodeDeflateCodec } from '../../src/verify/bundle/node.js';
import { readZip, writeZip } from '../../src/verify/bundle/zip.js';
import { runCli } from '../helpers/agent-process.js';
import { auditOutput, type AuditOutput } from '../helpers/audit-fixture.js';
import { launchBrowser, networkRequests, openVerifier, screenshot, verifyInPage, type OpenedPage } from './helpers.js';

let fx: AuditOutput;
let browser: Browser;
/** The case folder: sealog.pub, logs.jsonl, evidence.zip, proofs.jsonl, as an auditor would get them. */
let dir: string;
let stream: string;

interface ProofReportJson {
  valid: number;
  invalid: number;
  proofs: Array<{ valid: boolean; stream: string; seq: number }>;
  hits?: { proven: number; unproven: number; problems: Array<{ where: string; reason: string }> };
  bundles?: Array<{ path: string; manifest_matches: boolean; window_complete?: boolean | null; problems?: string[] }>;
}

beforeAll(async () => {
  fx = await auditOutput({ records: 240, sealEvery: 40 });
  dir = join(fx.dir, 'case');
  await mkdir(dir, { recursive: true });
  await copyFile(fx.pub, join(dir, 'sealog.pub'));
  await copyFile(fx.out, join(dir, 'logs.jsonl'));
  const s = await runCli(['search', '--key', 'sealog.pub', '--text', 'alice', '--bundle', 'evidence.zip', 'logs.jsonl'], {}, dir);
  expect(s.code, s.stderr).toBe(0);
  const first = JSON.parse((await readFile(fx.out, 'utf8')).split('\n')[0]!) as { resourceLogs: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> } }> };
  stream = first.resourceLogs[0]!.resource.attributes.find((a) => a.key === 'sealog.stream')!.value.stringValue!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await fx?.cleanup();
});

/** `sealog verify-proof --key sealog.pub --json FILE...` in the case folder (files named as the page names them). */
async function cliProofReport(files: string[]): Promise<{ code: number | null; stdout: string }> {
  const r = await runCli(['verify-proof', '--key', 'sealog.pub', '--json', ...files], {}, dir);
  if (r.code === 2) throw new Error(`sealog verify-proof failed: ${r.stderr}`);
  return { code: r.code, stdout: r.stdout };
}

/** The page on the case's `files` (with the key), and the CLI on the same. */
async function both(files: string[]): Promise<{ opened: OpenedPage; verdict: string; report: string; cli: { code: number | null; stdout: string } }> {
  const opened = await openVerifier(browser);
  const r = await verifyInPage(
    opened.page,
    ['sealog.pub', ...files].map((f) => join(dir, f)),
  );
  return { opened, verdict: r.verdict, report: r.report, cli: await cliProofReport(files) };
}

/** A copy of evidence.zip with hits.jsonl edited by `edit`; the manifest recomputed to match when `fixManifest`. */
async function editedBundle(name: string, edit: (hits: string) => string, fixManifest: boolean): Promise<void> {
  const entries = await readZip(new Uint8Array(await readFile(join(dir, 'evidence.zip'))), nodeDeflateCodec);
  const hits = entries.find((e) => e.name === 'hits.jsonl')!;
  hits.bytes = new TextEncoder().encode(edit(new TextDecoder().decode(hits.bytes)));
  if (fixManifest) {
    const m = entries.find((e) => e.name === 'manifest.json')!;
    const manifest = JSON.parse(new TextDecoder().decode(m.bytes)) as { files: Array<{ path: string; sha256: string; bytes: number }> };
    const f = manifest.files.find((x) => x.path === 'hits.jsonl')!;
    f.sha256 = toHex(sha256(hits.bytes));
    f.bytes = hits.bytes.length;
    m.bytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  }
  await writeFile(join(dir, name), await writeZip(entries.map((e) => ({ name: e.name, bytes: e.bytes, mtime: new Date() })), nodeDeflateCodec));
}

describe('evidence bundles and proofs in the verifier page (chromium)', () => {
  it('verifies a bundle from sealog search --bundle intact, with the report sealog verify-proof --json prints, and shows what it holds', async () => {
    const { opened, verdict, report, cli } = await both(['evidence.zip']);
    expect(cli.code).toBe(0);
    expect(verdict).toBe('intact');
    expect(report).toBe(cli.stdout);
    const j = JSON.parse(report) as ProofReportJson;
    const alice = fx.sent.filter((r) => /alice/i.test(r.body)).length;
    expect(alice).toBeGreaterThan(10);
    expect([j.valid, j.invalid, j.hits?.proven, j.hits?.unproven]).toEqual([alice, 0, alice, 0]);
    expect(j.bundles).toEqual([{ path: 'evidence.zip', manifest_matches: true, window_complete: true }]);
    const page = opened.page;
    // The manifest, every hit proven, the exporter's window report, said to be its statement.
    const card = page.locator('#bundles article');
    await expect.poll(() => card.textContent()).toContain('evidence.zip');
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/Written \d{4}-\d\d-\d\dT[\d:.]+Z by sealog \d+\.\d+\.\d+/);
    expect(text).toContain('alice'); // the query
    expect(text).toContain("the exporter's statement");
    expect(text).toContain('cannot be re-checked from the bundle alone');
    expect(text).toContain('the same as a key you gave');
    const badges = await card.locator('table').first().locator('tbody .badge').allTextContents();
    expect(badges).toEqual(Array(alice).fill('proven'));
    expect(await page.locator('#proofs tbody .badge').allTextContents()).toEqual(Array(alice).fill('OK'));
    expect(await page.locator('#records').isHidden()).toBe(true);
    expect(await page.locator('#inputs-body').textContent()).toContain('evidence bundle');
    await screenshot(page, 'bundle.png', { height: 1800 });
    await screenshot(page, 'bundle-completeness.png', { from: '.completeness', height: 900 });
    expect(networkRequests(opened)).toEqual([]);
  });

  it('catches a hit edited in a bundle whose manifest was recomputed: every proof valid, the hit unproven, a violation', async () => {
    // The fifth hit's body: "user alice ..." or "user Alice.Admin ..." becomes "user mallory ...".
    await editedBundle('edited.zip', (hits) => hits.split('\n').map((l, i) => (i === 4 ? l.replace(/user (alice|Alice\.Admin)/, 'user mallory') : l)).join('\n'), true);
    const { opened, verdict, report, cli } = await both(['edited.zip']);
    expect(cli.code).toBe(1);
    expect(verdict).toBe('violation');
    expect(report).toBe(cli.stdout);
    const j = JSON.parse(report) as ProofReportJson;
    expect(j.invalid).toBe(0);
    expect(j.bundles).toEqual([{ path: 'edited.zip', manifest_matches: true, window_complete: true }]);
    expect(j.hits?.unproven).toBe(1);
    expect(j.hits?.problems[0]).toMatchObject({ where: 'edited.zip!hits.jsonl:5', reason: 'differs from the record its proof proves' });
    // Listed first, with why.
    const row = opened.page.locator('#bundles tbody tr').first();
    expect(await row.textContent()).toContain('user mallory');
    expect(await row.locator('.badge').textContent()).toBe('unproven');
    expect(await row.textContent()).toContain('differs from the record its proof proves');
    await screenshot(opened.page, 'bundle-edited.png', { from: '#result', height: 900 });
    expect(networkRequests(opened)).toEqual([]);
  });

  it('calls a bundle whose files no longer match its manifest a violation, naming the file, as the CLI does', async () => {
    await editedBundle('mismatch.zip', (hits) => hits.replace(/user alice/, 'user mallory'), false);
    const { opened, verdict, report, cli } = await both(['mismatch.zip']);
    expect(cli.code).toBe(1);
    expect(verdict).toBe('violation');
    expect(report).toBe(cli.stdout);
    expect((JSON.parse(report) as ProofReportJson).bundles).toEqual([{ path: 'mismatch.zip', manifest_matches: false, problems: [expect.stringMatching(/^hits\.jsonl: changed/)] }]);
    expect(await opened.page.locator('#bundles').textContent()).toContain('do not match its manifest');
    expect(networkRequests(opened)).toEqual([]);
  });

  it('verifies proof files from sealog prove alone, and catches an edited proof', async () => {
    const p = await runCli(['prove', '--key', 'sealog.pub', '--stream', stream, '--seq', '10..30', '--out', 'proofs.jsonl', 'logs.jsonl'], {}, dir);
    expect(p.code, p.stderr).toBe(0);
    const good = await both(['proofs.jsonl']);
    expect(good.cli.code).toBe(0);
    expect(good.verdict).toBe('intact');
    expect(good.report).toBe(good.cli.stdout);
    const j = JSON.parse(good.report) as ProofReportJson;
    expect(j.invalid).toBe(0);
    expect(j.valid).toBeGreaterThan(15);
    expect(j.hits).toBeUndefined();
    expect(await good.opened.page.locator('#inputs-body').textContent()).toContain('proofs');
    // One proof's record changed: that proof is invalid (modified), the others still valid.
    const lines = (await readFile(join(dir, 'proofs.jsonl'), 'utf8')).split('\n');
    lines[3] = lines[3]!.replace(/"stringValue":"user ([a-zA-Z.]+)/, '"stringValue":"user mallory');
    await writeFile(join(dir, 'forged.jsonl'), lines.join('\n'));
    const bad = await both(['forged.jsonl']);
    expect(bad.cli.code).toBe(1);
    expect(bad.verdict).toBe('violation');
    expect(bad.report).toBe(bad.cli.stdout);
    const b = JSON.parse(bad.report) as ProofReportJson;
    expect([b.valid, b.invalid]).toEqual([j.valid - 1, 1]);
    expect(await bad.opened.page.locator('#proofs tbody tr', { hasText: 'forged.jsonl:4' }).locator('.badge').textContent()).toBe('INVALID');
    expect(networkRequests(good.opened)).toEqual([]);
    expect(networkRequests(bad.opened)).toEqual([]);
  });

  it('asks for the key when a bundle comes alone (it never trusts the keys inside it), and checks logs and bundles apart', async () => {
    const opened = await openVerifier(browser);
    await opened.page.setInputFiles('#files', [join(dir, 'evidence.zip')]);
    await opened.page.waitForFunction(() => document.body.dataset['state'] === 'needs-input');
    expect(await opened.page.locator('#problem').textContent()).toContain('a bundle cannot vouch for itself');
    expect(await opened.page.evaluate(() => document.body.dataset['verdict'])).toBeUndefined();
    // Logs beside a bundle: two different checks (sealog verify, sealog verify-proof), not mixed into one verdict.
    await opened.page.setInputFiles('#files', ['sealog.pub', 'logs.jsonl', 'evidence.zip'].map((f) => join(dir, f)));
    await opened.page.waitForFunction(() => document.body.dataset['state'] === 'needs-input' && document.getElementById('problem')?.textContent?.includes('checked apart'));
    expect(await opened.page.evaluate(() => document.body.dataset['verdict'])).toBeUndefined();
    expect(networkRequests(opened)).toEqual([]);
  });
});
