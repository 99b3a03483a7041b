/**
 * Child processes cannot run TypeScript on Node 20, and tests must not depend
 * on a fresh `npm run build`: this transpiles the spool sources and a test
 * fixture into a temp directory (same relative layout, so `.js` imports
 * resolve) with the project's own TypeScript compiler.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function tsFiles(dir: string): Promise<string[]> {
  return (await readdir(join(ROOT, dir))).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, dir, f));
}

/** Transpiles what the spool fixtures need into outDir; returns the path of each fixture's .js. */
export async function compileSpoolFixtures(outDir: string): Promise<{ child: string }> {
  const files = [
    ...(await tsFiles('src/spool')),
    join(ROOT, 'src/errors.ts'),
    join(ROOT, 'src/telemetry/logger.ts'),
    join(ROOT, 'src/telemetry/metrics.ts'),
    ...(await tsFiles('test/spool/fixtures')),
  ];
  for (const file of files) {
    const out = ts.transpileModule(await readFile(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, sourceMap: false },
      fileName: file,
    });
    const dest = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(dest), { recursive: true });
    await writeFile(dest, out.outputText);
  }
  await writeFile(join(outDir, 'package.json'), '{"type":"module"}\n');
  return { child: join(outDir, 'test/spool/fixtures/spool-child.js') };
}
