import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import type { LogBatch } from '../../../src/pipeline/types.js';
import { ATTR_SPLIT, ATTR_TRUNCATED, SCOPE_NAME } from '../../../src/receivers/filelog/index.js';
import { sha256Hex } from '../../../src/receivers/filelog/identity.js';
import { GapConsumer, Harness, TestConsumer, appendDurable, appendLines, attrValue, baseConfig, expectExactlyOnce, lines, sleep, waitFor } from './helpers.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(async () => {
  await h.cleanup();
});

describe('filelog reading', () => {
  it('delivers each line of an existing file as one record with log.file.name and the sealog/filelog scope', async () => {
    const file = h.path('app.log');
    appendLines(file, lines('a', 0, 250));
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [h.path('*.log')] }), c);
    await waitFor(() => c.count() === 250, '250 records');
    expect(c.bodies()).toEqual(lines('a', 0, 250));
    const b = c.batches[0]!;
    expect(b.data.resourceLogs).toHaveLength(1);
    expect(b.data.resourceLogs[0]!.resource.attributes).toEqual([]);
    expect(b.data.resourceLogs[0]!.scopeLogs[0]!.scope).toMatchObject({ name: SCOPE_NAME, version: '' });
    expect(c.batches.every((x) => x.data.resourceLogs[0]!.scopeLogs[0]!.logRecords.length <= 100)).toBe(true);
    const rec = c.records()[0]!;
    expect(attrValue(rec, 'log.file.name')).toBe('app.log');
    expect(attrValue(rec, 'log.file.path')).toBeUndefined();
    expect(rec.observedTimeUnixNano).toBeGreaterThan(0n);
    expect(rec.timeUnixNano).toBe(0n);
    // The last position is just past the last line.
    const last = c.batches.at(-1)!.positions![0]!;
    expect(last.offset).toBe(Buffer.byteLength(lines('a', 0, 250).join('\n') + '\n'));
    expect(last.path).toBe(file);
    expect(last.receiver).toBe('filelog/test');
    expect(last.key).toMatch(/^[0-9a-f]{64}:\d+:\d+$/);
    expect(h.metric('sealog_filelog_lines_read_total')).toBe(250);
  });

  it('start_at end skips what a file held at start but reads what is appended, and reads files created later from their beginning', async () => {
    const old = h.path('old.log');
    appendLines(old, lines('old', 0, 50));
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [h.path('*.log')], startAt: 'end', includeFilePath: true }), c);
    appendLines(old, lines('new', 0, 5));
    const later = h.path('later.log');
    appendLines(later, lines('later', 0, 7));
    await waitFor(() => c.count() === 12, '12 records');
    expect(c.bodies().filter((b) => b.startsWith('new'))).toEqual(lines('new', 0, 5));
    expect(c.bodies().filter((b) => b.startsWith('later'))).toEqual(lines('later', 0, 7));
    expect(c.records().find((r) => (r.body as { value: string }).value.startsWith('later'))!.attributes.find((a) => a.key === 'log.file.path')?.value).toEqual({
      type: 'string',
      value: later,
    });
  });

  it('start_at beginning reads what files already hold', async () => {
    appendLines(h.path('a.log'), lines('a', 0, 30));
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [h.path('a.log')], startAt: 'beginning' }), c);
    await waitFor(() => c.count() === 30, '30 records');
  });

  it('emits a final line without a newline only after force_flush_period, and a line being written is not cut', async () => {
    const file = h.path('p.log');
    writeFileSync(file, 'one\ntwo\npar');
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], forceFlushPeriodMs: 60_000 }), c);
    await waitFor(() => c.count() === 2, 'two complete lines');
    await sleep(300);
    appendDurable(file, 'tial\nlast-unterminated');
    await waitFor(() => c.count() === 3, 'the completed line');
    expect(c.bodies()).toEqual(['one', 'two', 'partial']);
    await h.cleanup();
    h = new Harness();
    const file2 = h.path('q.log');
    writeFileSync(file2, 'x\ny-unterminated');
    const c2 = new TestConsumer();
    await h.start(baseConfig({ include: [file2], forceFlushPeriodMs: 100 }), c2);
    await waitFor(() => c2.count() === 2, 'the unterminated line after the flush period');
    expect(c2.bodies()).toEqual(['x', 'y-unterminated']);
    expect(c2.batches.at(-1)!.positions![0]!.offset).toBe(Buffer.byteLength('x\ny-unterminated'));
    appendDurable(file2, '\nz\n');
    await waitFor(() => c2.count() === 3, 'the next line');
    expect(c2.bodies()).toEqual(['x', 'y-unterminated', 'z']);
  });

  it('handles \\r\\n line ends (the CR is not part of the record) and skips empty lines', async () => {
    const file = h.path('crlf.log');
    writeFileSync(file, 'alpha\r\nbeta\r\n\r\ngamma\n\ndelta\r\n');
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], includeProvenance: true }), c);
    await waitFor(() => c.count() === 4, 'four records');
    expect(c.bodies()).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(c.records().map((r) => attrValue(r, 'log.record.length'))).toEqual([5n, 4n, 5n, 5n]);
    expect(c.records().map((r) => attrValue(r, 'log.record.offset'))).toEqual([0n, 7n, 15n, 22n]);
  });

  it('splits lines longer than max_log_size into marked pieces that put the line back together', async () => {
    const file = h.path('long.log');
    const long = 'L'.repeat(95) + 'é'.repeat(20); // multi-byte characters near the cuts
    writeFileSync(file, `short\n${long}\nafter\n`);
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], maxLogSizeBytes: 40, maxLogSizeAction: 'split' }), c);
    await waitFor(() => c.bodies().includes('after'), 'the line after the long one');
    const recs = c.records();
    const pieces = recs.slice(1, -1);
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    expect(pieces.map((r) => (r.body as { value: string }).value).join('')).toBe(long);
    for (const p of pieces) {
      expect(attrValue(p, ATTR_SPLIT)).toBe(true);
      expect(Buffer.byteLength((p.body as { value: string }).value)).toBeLessThanOrEqual(40);
    }
    expect(attrValue(recs[0]!, ATTR_SPLIT)).toBeUndefined();
    expect(attrValue(recs.at(-1)!, ATTR_SPLIT)).toBeUndefined();
    expect(h.metric('sealog_filelog_lines_split_total')).toBe(pieces.length);
  });

  it('splits a line that grows past max_log_size while it is being written', async () => {
    const file = h.path('grow.log');
    writeFileSync(file, '');
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], maxLogSizeBytes: 64, forceFlushPeriodMs: 60_000 }), c);
    const parts = ['a'.repeat(50), 'b'.repeat(50), 'c'.repeat(50)];
    for (const p of parts) {
      appendDurable(file, p);
      await sleep(120);
    }
    appendDurable(file, '\nnext\n');
    await waitFor(() => c.bodies().includes('next'), 'the next line');
    const pieces = c.bodies().slice(0, -1);
    expect(pieces.join('')).toBe(parts.join(''));
    expect(c.records().slice(0, -1).every((r) => attrValue(r, ATTR_SPLIT) === true)).toBe(true);
  });

  it('truncates lines longer than max_log_size, marks them, and keeps the next line intact', async () => {
    const file = h.path('trunc.log');
    writeFileSync(file, `first\n${'T'.repeat(300)}\nsecond\n${'U'.repeat(10)}\n`);
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], maxLogSizeBytes: 32, maxLogSizeAction: 'truncate' }), c);
    await waitFor(() => c.count() === 4, 'four records');
    expect(c.bodies()).toEqual(['first', 'T'.repeat(32), 'second', 'U'.repeat(10)]);
    expect(attrValue(c.records()[1]!, ATTR_TRUNCATED)).toBe(true);
    expect(attrValue(c.records()[2]!, ATTR_TRUNCATED)).toBeUndefined();
    expect(h.metric('sealog_filelog_lines_truncated_total')).toBe(1);
    // The position after the truncated record is past the whole long line.
    const pos = c.batches.flatMap((b) => b.positions!).at(-1)!;
    expect(pos.offset).toBe(Buffer.byteLength(`first\n${'T'.repeat(300)}\nsecond\n${'U'.repeat(10)}\n`));
  });

  it('truncates a long line that is still being written and skips the rest of it across reads', async () => {
    const file = h.path('trunc-grow.log');
    writeFileSync(file, '');
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], maxLogSizeBytes: 64, maxLogSizeAction: 'truncate', forceFlushPeriodMs: 60_000 }), c);
    appendDurable(file, 'x'.repeat(100));
    await sleep(150);
    appendDurable(file, 'y'.repeat(100));
    await sleep(150);
    appendDurable(file, 'z\nok\n');
    await waitFor(() => c.count() === 2, 'two records');
    expect(c.bodies()).toEqual(['x'.repeat(64), 'ok']);
  });
});

describe('filelog encodings', () => {
  it('reads utf-16le (with BOM, surrogate pairs and a code unit whose high byte is 0x0A)', async () => {
    const file = h.path('u16.log');
    const text = ['hello', 'wörld 😀', '\u0a00\u0100 tricky', 'end'];
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.join('\r\n') + '\r\n', 'utf16le')]));
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], encoding: 'utf-16le', includeProvenance: true }), c);
    await waitFor(() => c.count() === 4, 'four records');
    expect(c.bodies()).toEqual(text);
    expect(attrValue(c.records()[0]!, 'log.record.offset')).toBe(2n);
    expect(attrValue(c.records()[0]!, 'log.record.length')).toBe(10n);
  });

  it('reads latin1', async () => {
    const file = h.path('l1.log');
    writeFileSync(file, Buffer.from('caf\xe9\nna\xefve\n', 'latin1'));
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], encoding: 'latin1' }), c);
    await waitFor(() => c.count() === 2, 'two records');
    expect(c.bodies()).toEqual(['café', 'naïve']);
  });

  it('reads utf-8 with a BOM and multi-byte characters', async () => {
    const file = h.path('u8.log');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('日本語\nΩmega\n')]));
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file] }), c);
    await waitFor(() => c.count() === 2, 'two records');
    expect(c.bodies()).toEqual(['日本語', 'Ωmega']);
  });
});

describe('filelog multiline', () => {
  it('groups lines with line_start_pattern (a stack trace stays one record) and flushes the last record', async () => {
    const file = h.path('java.log');
    const content = [
      '2024-01-01 10:00:00 INFO started',
      '2024-01-01 10:00:01 ERROR boom',
      'java.lang.IllegalStateException: bad',
      '\tat a.b.C.d(C.java:1)',
      '\tat a.b.C.e(C.java:2)',
      '2024-01-01 10:00:02 INFO recovered',
      '\tcontinued',
    ];
    writeFileSync(file, content.join('\n') + '\n');
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], multiline: { lineStartPattern: '^\\d{4}-\\d{2}-\\d{2} ' }, includeProvenance: true }), c);
    await waitFor(() => c.count() === 3, 'three records');
    expect(c.bodies()).toEqual([content[0], content.slice(1, 5).join('\n'), content.slice(5).join('\n')]);
    expect(attrValue(c.records()[1]!, 'log.record.length')).toBe(BigInt(Buffer.byteLength(content.slice(1, 5).join('\n'))));
  });

  it('groups lines with line_end_pattern', async () => {
    const file = h.path('sql.log');
    writeFileSync(file, 'SELECT *\nFROM t\nWHERE x = 1;\nUPDATE t SET y = 2;\nDELETE\nFROM t;\n');
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], multiline: { lineEndPattern: ';$' } }), c);
    await waitFor(() => c.count() === 3, 'three records');
    expect(c.bodies()).toEqual(['SELECT *\nFROM t\nWHERE x = 1;', 'UPDATE t SET y = 2;', 'DELETE\nFROM t;']);
  });
});

describe('filelog: a short file that grows while it is read (issue #22)', () => {
  it('commits its position under a fingerprint at least that long, so a restart resumes it (no line twice, no gap)', async () => {
    const app = h.path('app.log');
    const cfg = baseConfig({ include: [app], maxBatchLines: 10 });
    const all = lines('a', 0, 40); // 9 bytes a line: the whole file stays below fingerprint_size (1 KiB)
    appendLines(app, all.slice(0, 10));
    // The first batch's delivery appends more: the same turn reads on past the fingerprint it took before
    // reading (90 bytes), and commits those lines too (the writer appended while the agent was reading).
    class Growing extends GapConsumer {
      override async consume(batch: LogBatch): Promise<void> {
        if (this.consumeCalls === 0) appendLines(app, all.slice(10, 30));
        return super.consume(batch);
      }
    }
    const c = new Growing();
    const r = await h.start(cfg, c);
    await waitFor(() => c.count() === 30, 'the first 30 lines');
    await r.shutdown();
    const last = [...c.positions.values()].find((p) => p.offset === 270);
    expect(last, 'position after 30 lines').toBeDefined();
    // The key hashes at least the bytes the position covers (what a restart matches it by).
    expect(last!.key.startsWith(sha256Hex(readFileSync(app).subarray(0, 270)))).toBe(true);
    appendLines(app, all.slice(30));
    await h.start(cfg, c, c.recovered());
    await waitFor(() => c.count() >= 40, 'all 40 lines');
    await waitFor(() => [...c.positions.values()].some((p) => p.offset === 360), 'the position at the end');
    expect(expectExactlyOnce(c.bodies(), all)).toEqual({ missing: [], duplicated: [], unexpected: [] });
    expect(c.gaps).toEqual([]);
  });
});
