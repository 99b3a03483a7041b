import { describe, expect, it } from 'vitest';
import { backupMatcher, backupPath, backupsToPrune, rotationStamp } from '../../src/exporters/file/naming.js';

describe('rotated file names', () => {
  const when = new Date(Date.UTC(2022, 8, 14, 5, 2, 14, 173));

  it('puts a UTC timestamp before the extension, like the Collector', () => {
    expect(rotationStamp(when)).toBe('2022-09-14T05-02-14.173');
    expect(backupPath('/out/data.jsonl', when)).toBe('/out/data-2022-09-14T05-02-14.173.jsonl');
    expect(backupPath('/out/data', when)).toBe('/out/data-2022-09-14T05-02-14.173');
    expect(backupPath('/out/data.jsonl', when, 2)).toBe('/out/data-2022-09-14T05-02-14.173-2.jsonl');
  });

  it('recognises its own backups (plain and gzip) and nothing else', () => {
    const m = backupMatcher('/out/data.jsonl');
    expect(m('data-2022-09-14T05-02-14.173.jsonl')?.compressed).toBe(false);
    expect(m('data-2022-09-14T05-02-14.173.jsonl.gz')?.compressed).toBe(true);
    expect(m('data-2022-09-14T05-02-14.173-3.jsonl')).toBeDefined();
    expect(m('data.jsonl')).toBeUndefined();
    expect(m('other-2022-09-14T05-02-14.173.jsonl')).toBeUndefined();
    expect(m('data-2022-09-14T05-02-14.173.json')).toBeUndefined();
    expect(m('data-2022-09-14T05-02-14.173.jsonl.gz.tmp')).toBeUndefined();
  });

  it('prunes the oldest backups beyond max_backups, and none when max_backups is 0', () => {
    const m = backupMatcher('/out/a.jsonl');
    const names = [
      'a-2024-01-01T00-00-02.000.jsonl.gz',
      'a-2024-01-01T00-00-01.000-1.jsonl',
      'a-2024-01-01T00-00-01.000.jsonl.gz',
      'a-2024-01-01T00-00-03.000.jsonl',
    ].map((n) => m(n)!);
    expect(backupsToPrune(names, 2).map((b) => b.name)).toEqual(['a-2024-01-01T00-00-01.000.jsonl.gz', 'a-2024-01-01T00-00-01.000-1.jsonl']);
    expect(backupsToPrune(names, 0)).toEqual([]);
    expect(backupsToPrune(names, 10)).toEqual([]);
  });
});
