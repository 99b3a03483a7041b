import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileGlob, compileGlobs, dirCouldMatch, expandBraces, matchesAny } from '../../../src/receivers/filelog/glob.js';
import { discover } from '../../../src/receivers/filelog/discovery.js';

describe('globs', () => {
  it('matches *, ?, classes and ** like a shell (with ** crossing directories)', () => {
    const m = (pattern: string, path: string): boolean => compileGlob(pattern).re.test(path);
    expect(m('/var/log/*.log', '/var/log/app.log')).toBe(true);
    expect(m('/var/log/*.log', '/var/log/sub/app.log')).toBe(false);
    expect(m('/var/log/app?.log', '/var/log/app1.log')).toBe(true);
    expect(m('/var/log/app[0-9].log', '/var/log/appx.log')).toBe(false);
    expect(m('/var/log/app[!0-9].log', '/var/log/appx.log')).toBe(true);
    expect(m('/var/log/**/*.log', '/var/log/a.log')).toBe(true);
    expect(m('/var/log/**/*.log', '/var/log/x/y/z.log')).toBe(true);
    expect(m('/var/log/**', '/var/log/x/y')).toBe(true);
    expect(m('/var/log/a\\*b.log', '/var/log/a*b.log')).toBe(true);
    expect(m('/var/log/a\\*b.log', '/var/log/axb.log')).toBe(false);
    expect(m('/var/log/app.log', '/var/log/app_log')).toBe(false);
  });

  it('expands braces, nested too, and keeps a lone {x} literal', () => {
    expect(expandBraces('/a/{b,c}.log')).toEqual(['/a/b.log', '/a/c.log']);
    expect(expandBraces('/a/{b,{c,d}}x')).toEqual(['/a/bx', '/a/cx', '/a/dx']);
    expect(matchesAny(compileGlobs(['/a/{x}.log']), '/a/{x}.log')).toBe(true);
    expect(() => expandBraces('/a/{b,c')).toThrow(/unbalanced/);
  });

  it('finds the literal base directory and which directories can hold matches', () => {
    const g = compileGlobs(['/var/log/app/*/x-*.log', '/srv/**/y.log']);
    expect(g.map((x) => x.base)).toEqual(['/var/log/app', '/srv']);
    expect(dirCouldMatch(g, '/var')).toBe(true);
    expect(dirCouldMatch(g, '/var/log/app/one')).toBe(true);
    expect(dirCouldMatch(g, '/var/log/app/one/two')).toBe(false);
    expect(dirCouldMatch(g, '/srv/a/b/c')).toBe(true);
    expect(dirCouldMatch(g, '/etc')).toBe(false);
  });

  it('rejects relative patterns', () => {
    expect(() => compileGlob('logs/*.log')).toThrow(/absolute/);
  });
});

describe('discovery', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('walks only what the globs select, applies excludes, skips symlinks unless followed (then by real path) and reports identity', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sealog-glob-'));
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    mkdirSync(join(dir, 'c'));
    for (const f of ['x.log', 'a/y.log', 'a/b/z.log', 'a/b/skip.log', 'c/w.txt']) writeFileSync(join(dir, f), f);
    symlinkSync(join(dir, 'x.log'), join(dir, 'c/link.log'));
    mkdirSync(join(dir, 'a/dir.log'));
    const found = await discover(compileGlobs([join(dir, '**/*.log')]), compileGlobs([join(dir, '**/skip.log')]));
    const names = found.files.map((f) => f.path.slice(dir.length + 1)).sort();
    expect(names).toEqual(['a/b/z.log', 'a/y.log', 'x.log']);
    expect(found.skipped).toEqual([{ path: join(dir, 'c/link.log'), reason: 'symlink' }]);
    const x = found.files.find((f) => f.path.endsWith('/x.log'))!;
    expect(x.size).toBe(5);
    expect(found.errors).toEqual([]);
    // Followed: the link's target matches include, so it is the same file, under its real path.
    const followed = await discover(compileGlobs([join(dir, '**/*.log')]), compileGlobs([join(dir, '**/skip.log')]), { followSymlinks: true });
    const viaLink = followed.files.filter((f) => f.id === x.id);
    expect(viaLink.map((f) => f.path)).toEqual([join(dir, 'x.log'), join(dir, 'x.log')]);
    expect(followed.skipped).toEqual([]);
  });
});
