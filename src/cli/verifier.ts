/**
 * `sealog verifier --out DIR`: writes DIR/index.html, the self-contained
 * verifier page (built into dist/verifier/ by scripts/build-page.ts). An
 * auditor opens it from the file; it verifies in the browser and fetches
 * nothing. Exit codes: 0 written, 2 not built or not writable.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { AgentError } from '../errors.js';

export const BUILT_PAGE = fileURLToPath(new URL('../../verifier/index.html', import.meta.url));

/** Copies the built page to DIR/index.html; returns its path, size and SHA-256 (hex). */
export function writeVerifierPage(dir: string, page = BUILT_PAGE): { file: string; bytes: number; sha256: string } {
  if (!existsSync(page)) {
    throw new AgentError('USAGE', `the verifier page is not built (${page} is missing): run \`npm run build\` (npm ci builds it too)`);
  }
  const file = join(dir, 'index.html');
  try {
    mkdirSync(dir, { recursive: true });
    copyFileSync(page, file);
  } catch (err) {
    throw new AgentError('INPUT_UNREADABLE', `cannot write ${file}: ${(err as Error).message}`);
  }
  const bytes = readFileSync(file);
  return { file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function registerVerifierCommand(program: Command): void {
  program
    .command('verifier')
    .description('Write the verifier page: one self-contained HTML file that checks OTLP JSON lines against a public key in the browser, offline, with the same rules as `sealog verify`.')
    .requiredOption('-o, --out <dir>', 'directory to write index.html into (created if missing; an index.html there is replaced)')
    .addHelpText(
      'after',
      '\nOpen DIR/index.html in a browser and drop the logs (plain or .gz) and the public key (sealog.pub, a keyring or a PEM key) on it.\n' +
        'Its Content-Security-Policy forbids every network connection. The SHA-256 printed lets an auditor check the copy they were given.\n' +
        '\nExit codes: 0 written, 2 the page is not built or the directory is not writable.',
    )
    .action((o: { out: string }) => {
      try {
        const r = writeVerifierPage(o.out);
        process.stdout.write(`verifier page: ${r.file} (${Math.round(r.bytes / 1024)} KiB, sha256 ${r.sha256})\nopen it in a browser; it verifies offline and sends nothing anywhere\n`);
      } catch (err) {
        process.stderr.write(`sealog verifier: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 2;
      }
    });
}
