/**
 * The agent never loads the SDK packages or the sdk entry point: every
 * module reachable from the CLI (static and dynamic imports) is walked.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (files.has(f)) continue;
    files.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      // Type-only imports vanish at run time.
      if (/^\s*(?:import|export)\s+type\s/.test(m[0].trimStart())) continue;
      if (spec.startsWith('.')) todo.push(resolve(dirname(f), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

describe('the agent does not load the SDK', () => {
  it('no module reachable from src/cli imports @opentelemetry/* or src/sdk', () => {
    const { files, packages } = closure(resolve(ROOT, 'src/cli/main.ts'));
    expect(files.size).toBeGreaterThan(50);
    expect([...packages].filter((p) => p.startsWith('@opentelemetry/'))).toEqual([]);
    expect([...files].filter((f) => f.includes('/src/sdk/'))).toEqual([]);
  });

  it('the sdk entry point itself loads no SDK package at run time (the app brings its own)', () => {
    const { packages } = closure(resolve(ROOT, 'src/sdk/index.ts'));
    expect([...packages].filter((p) => p.startsWith('@opentelemetry/'))).toEqual([]);
  });
});
