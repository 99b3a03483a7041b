import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { crc32c } from '../../src/spool/crc32c.js';
import { cursorFileName, decodeCursor, encodeCursor, parseCursorFileName } from '../../src/spool/cursor-file.js';
import {
  FRAME_OVERHEAD_BYTES,
  FRAME_TYPE_DATA,
  FrameView,
  MAX_FRAME_BODY_BYTES,
  PARSE_BAD_CRC,
  PARSE_BAD_LENGTH,
  PARSE_OK,
  PARSE_PARTIAL,
  SEGMENT_HEADER_BYTES,
  decodeSegmentHeader,
  encodeFrame,
  encodeSegmentHeader,
  frameSize,
  parseFrame,
  parseSegmentFileName,
  readU64,
  segmentFileName,
  writeU32,
  writeU64,
} from '../../src/spool/format.js';

/** Bit-by-bit CRC-32C, the definition the table-driven version must match. */
function crc32cReference(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('crc32c', () => {
  test('matches the published check value and the iSCSI (RFC 3720 B.4) vectors', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
  });

  test('equals the bitwise definition on any input and any sub-range', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (buf, a, b) => {
        const start = buf.length ? a % (buf.length + 1) : 0;
        const end = start + (buf.length - start ? b % (buf.length - start + 1) : 0);
        expect(crc32c(buf, start, end)).toBe(crc32cReference(buf.subarray(start, end)));
      }),
    );
  });
});

describe('frames', () => {
  test('a frame parses back to exactly what was encoded', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          type: fc.constantFrom(1, 2),
          flags: fc.integer({ min: 0, max: 255 }),
          records: fc.integer({ min: 0, max: 0xffffffff }),
          at: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          meta: fc.uint8Array({ maxLength: 100 }),
          payload: fc.uint8Array({ maxLength: 400 }),
          pad: fc.nat({ max: 9 }),
        }),
        (f) => {
          const buf = new Uint8Array(f.pad + frameSize(f.meta.length, f.payload.length) + 5);
          const n = encodeFrame(buf, f.pad, f.id, f.type, f.flags, f.records, f.at, f.meta, f.payload);
          expect(n).toBe(FRAME_OVERHEAD_BYTES + f.meta.length + f.payload.length);
          const v = new FrameView();
          expect(parseFrame(buf, f.pad, buf.length, v)).toBe(PARSE_OK);
          expect([v.id, v.type, v.flags, v.records, v.appendedAtMs, v.size]).toEqual([f.id, f.type, f.flags, f.records, f.at, n]);
          expect(buf.subarray(v.metaStart, v.metaEnd)).toEqual(f.meta);
          expect(buf.subarray(v.payloadStart, v.payloadEnd)).toEqual(f.payload);
        },
      ),
    );
  });

  test('an incomplete frame is reported as partial with the bytes it needs', () => {
    const buf = new Uint8Array(frameSize(3, 10));
    encodeFrame(buf, 0, 7, FRAME_TYPE_DATA, 0, 1, 0, new Uint8Array(3), new Uint8Array(10));
    const v = new FrameView();
    expect(parseFrame(buf, 0, 5, v)).toBe(PARSE_PARTIAL);
    expect(v.need).toBe(8);
    expect(parseFrame(buf, 0, buf.length - 1, v)).toBe(PARSE_PARTIAL);
    expect(v.need).toBe(buf.length);
  });

  test('impossible lengths and a flipped bit are told apart', () => {
    const v = new FrameView();
    const zero = new Uint8Array(64);
    expect(parseFrame(zero, 0, 64, v)).toBe(PARSE_BAD_LENGTH); // what a zero-filled tail looks like
    const huge = new Uint8Array(64);
    writeU32(huge, 0, MAX_FRAME_BODY_BYTES + 1);
    expect(parseFrame(huge, 0, 64, v)).toBe(PARSE_BAD_LENGTH);
    const buf = new Uint8Array(frameSize(2, 20));
    encodeFrame(buf, 0, 9, FRAME_TYPE_DATA, 0, 1, 0, new Uint8Array(2), new Uint8Array(20));
    const metaTooLong = buf.slice();
    writeU32(metaTooLong, 32, 1000);
    expect(parseFrame(metaTooLong, 0, metaTooLong.length, v)).toBe(PARSE_BAD_LENGTH);
    for (let bit = 64; bit < buf.length * 8; bit += 37) {
      const bad = buf.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      expect(parseFrame(bad, 0, bad.length, v)).not.toBe(PARSE_OK);
    }
    const crcFlip = buf.slice();
    crcFlip[buf.length - 1] ^= 0x10;
    expect(parseFrame(crcFlip, 0, crcFlip.length, v)).toBe(PARSE_BAD_CRC);
  });

  test('64-bit fields keep every safe integer', () => {
    const b = new Uint8Array(8);
    for (const n of [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 12345, Number.MAX_SAFE_INTEGER]) {
      writeU64(b, 0, n);
      expect(readU64(b, 0)).toBe(n);
    }
  });
});

describe('segment header and names', () => {
  test('a header round-trips, and each kind of damage is named', () => {
    const h = new Uint8Array(SEGMENT_HEADER_BYTES);
    encodeSegmentHeader(h, 0, 123456789012, 98765);
    expect(Buffer.from(h.subarray(0, 8)).toString()).toBe('SEALOGSG');
    expect(decodeSegmentHeader(h, h.length)).toEqual({ ok: true, header: { version: 1, firstId: 123456789012, firstRecordIndex: 98765 } });
    expect(decodeSegmentHeader(h, 39)).toMatchObject({ ok: false, reason: 'short' });
    expect(decodeSegmentHeader(new Uint8Array(40), 40)).toMatchObject({ ok: false, reason: 'zero' });
    const magic = h.slice();
    magic[0] = 0x41;
    expect(decodeSegmentHeader(magic, 40)).toMatchObject({ ok: false, reason: 'magic' });
    const crc = h.slice();
    crc[20] ^= 1;
    expect(decodeSegmentHeader(crc, 40)).toMatchObject({ ok: false, reason: 'crc' });
  });

  test('segment file names sort by first frame id and parse back', () => {
    expect(segmentFileName(1)).toBe('00000000000000000001.seg');
    expect(parseSegmentFileName(segmentFileName(987654321))).toBe(987654321);
    expect(parseSegmentFileName('00000000000000000001.seg.corrupt')).toBeUndefined();
    expect(parseSegmentFileName('0000000000000000000x.seg')).toBeUndefined();
    expect(parseSegmentFileName('00000000000000000000.seg')).toBeUndefined();
    const names = [5, 40, 300, 2000].map(segmentFileName);
    expect([...names].sort()).toEqual(names);
  });
});

describe('cursor files', () => {
  test('a cursor round-trips and names with any characters map to safe file names', () => {
    const state = { ackedId: 2 ** 40, segmentFirstId: 2 ** 39, offset: 1234567, recordsEnd: 99, writtenAtMs: 1_700_000_000_000 };
    for (const name of ['otlphttp', 'otlphttp/backup', 'file/a b', 'ünï/cødé', '50%']) {
      const d = decodeCursor(encodeCursor(name, state));
      expect(d).toEqual({ ok: true, reader: name, state });
      const file = cursorFileName(name);
      expect(file).toMatch(/^cursor-[A-Za-z0-9_.%-]+\.cur$/);
      expect(parseCursorFileName(file)).toBe(name);
    }
  });

  test('a damaged cursor is rejected with the reason', () => {
    const good = encodeCursor('r', { ackedId: 5, segmentFirstId: 1, offset: 100, recordsEnd: 5, writtenAtMs: 1 });
    expect(decodeCursor(good.subarray(0, 10))).toMatchObject({ ok: false });
    const flipped = good.slice();
    flipped[17] ^= 4;
    expect(decodeCursor(flipped)).toEqual({ ok: false, reason: 'CRC mismatch' });
    const magic = good.slice();
    magic[2] = 0;
    expect(decodeCursor(magic)).toEqual({ ok: false, reason: 'bad magic' });
  });
});
