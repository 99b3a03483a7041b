/**
 * Builds the verifier page (`sealog verifier --out DIR` copies it): ONE
 * self-contained file, dist/verifier/index.html, from src/verify/browser/.
 * The worker is bundled first and inlined into the page's script as a
 * string (the page starts it from a Blob URL); the script and the styles
 * are inlined, and a Content-Security-Policy admits exactly those two (by
 * their SHA-256), workers from blob: URLs and data: images, and no network
 * connection at all. Run by `npm run build` and by `npm ci` (prepare),
 * after tsc: `node dist/scripts/build-page.js [OUT_FILE]`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src', 'verify', 'browser');
export const PAGE_FILE = join(ROOT, 'dist', 'verifier', 'index.html');

/** Browsers with DecompressionStream, Blob.stream() and module-free workers. */
const TARGET = ['chrome103', 'firefox113', 'safari16.4', 'edge103'];

const common: BuildOptions = {
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: TARGET,
  minify: true,
  charset: 'utf8',
  legalComments: 'inline',
  logLevel: 'warning',
};

async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const r = await build({ ...common, entryPoints: [join(SRC, entry)], define });
  const out = r.outputFiles?.[0];
  if (!out) throw new Error(`esbuild produced nothing for ${entry}`);
  return out.text;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Text safe inside <script> or <style>: a closing tag is written `<\/tag`
 * (the same text in a JS string, template or regular expression), and a
 * `<!--`, which would change how the HTML parser reads the rest, is refused.
 */
function inlineSafe(text: string, tag: 'script' | 'style'): string {
  if (text.includes('<!--')) throw new Error(`the inlined ${tag} contains "<!--"`);
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

export async function buildPage(outFile = PAGE_FILE): Promise<{ file: string; bytes: number }> {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const worker = await bundle('worker.ts');
  const script = inlineSafe(await bundle('page.ts', { SEALOG_WORKER_SOURCE: JSON.stringify(worker) }), 'script');
  const style = inlineSafe(readFileSync(join(SRC, 'page.css'), 'utf8'), 'style');
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    'worker-src blob:',
    'img-src data:',
    "connect-src 'none'",
    "font-src 'none'",
    "object-src 'none'",
    "media-src 'none'",
    "frame-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const values: Record<string, string> = { CSP: csp, STYLE: style, SCRIPT: script, VERSION: version };
  // One pass over the template: a value is never searched for placeholders itself.
  const html = readFileSync(join(SRC, 'page.html'), 'utf8').replace(/\{\{([A-Z]+)\}\}/g, (m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`page.html: unknown placeholder ${m}`);
    return v;
  });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, html);
  return { file: outFile, bytes: Buffer.byteLength(html) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildPage(process.argv[2]).then(
    ({ file, bytes }) => process.stdout.write(`verifier page: ${file} (${(bytes / 1024).toFixed(0)} KiB)\n`),
    (err: unknown) => {
      process.stderr.write(`build-page: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
