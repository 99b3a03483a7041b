/**
 * fast-check generators for the OTLP logs model (src/otlp/types.ts), shared
 * by every test that needs arbitrary records.
 *
 * Everything generated is *canonical*: what the decoders can produce, so that
 * model -> bytes -> model is the identity. That means: trace ids of 16 and
 * span ids of 8 bytes that are not all zero (or none), well-formed Unicode
 * strings, int64 AnyValue ints, uint64 timestamps, uint32 counts and flags,
 * int32 severity numbers. Edge values (NaN, -0, ±Infinity, huge and negative
 * ints, empty strings and lists, empty values, astral characters, control
 * characters) are all in range.
 */
import fc from 'fast-check';
import {
  NO_ID,
  type AnyValue,
  type EntityRef,
  type InstrumentationScope,
  type KeyValue,
  type LogRecord,
  type LogsData,
  type Resource,
  type ResourceLogs,
  type ScopeLogs,
} from '../../src/otlp/types.js';

export interface ArbOptions {
  /** Maximum AnyValue nesting (arrays/kvlists inside values); default 3. */
  maxDepth?: number;
  /** Maximum list lengths (attributes, records, scopes, resources); default 3. */
  maxItems?: number;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * One Unicode scalar value (any code point but a surrogate) as a string.
 * (fast-check's built-in `unit: 'binary'` does the same but costs about a
 * second to construct in every test process.)
 */
export const arbCodePoint: fc.Arbitrary<string> = fc
  .oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0xd7ff }),
    fc.integer({ min: 0xe000, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x10ffff }),
  )
  .map((c) => String.fromCodePoint(c));

/** Well-formed strings of any Unicode code points (ASCII, BMP, astral, controls). */
export function arbUnicodeString(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({ unit: arbCodePoint, ...constraints });
}

/**
 * Strings: mostly short printable ASCII, sometimes any Unicode code point
 * (incl. astral, controls, quotes), sometimes long (the encoder handles
 * strings of 48+ UTF-16 units on a separate path).
 */
export const arbText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 2, arbitrary: arbUnicodeString({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 40, maxLength: 120 }) },
  { weight: 1, arbitrary: arbUnicodeString({ minLength: 30, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '"\\\n\r\t\b\f\u0000\u001f', '\u2028\u2029', 'ünïcødé ✓', '😀𝄞') },
);

export const arbInt64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.constantFrom(0n, -1n, 1n, INT64_MIN, INT64_MAX, 1n << 53n, (1n << 53n) + 1n),
  fc.bigInt({ min: -1000n, max: 1000n }),
);

export const arbUint64: fc.Arbitrary<bigint> = fc.oneof(
  fc.constant(0n),
  fc.bigInt({ min: 1_500_000_000_000_000_000n, max: 2_100_000_000_000_000_000n }),
  fc.bigInt({ min: 0n, max: UINT64_MAX }),
  fc.constantFrom(1n, UINT64_MAX, (1n << 53n) + 1n),
);

export const arbUint32: fc.Arbitrary<number> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 300 }),
  fc.integer({ min: 0, max: 0xffffffff }),
);

export const arbSeverityNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 24 }) },
  { weight: 1, arbitrary: fc.integer({ min: -0x80000000, max: 0x7fffffff }) },
);

const arbDouble: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e-7, 1.5e300, 5e-324, 0.1, 123456789012345680000),
);

function arbId(size: number): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.constant(NO_ID),
    fc
      .uint8Array({ minLength: size, maxLength: size })
      .filter((b) => b.some((x) => x !== 0)),
  );
}

export const arbTraceId: fc.Arbitrary<Uint8Array> = arbId(16);
export const arbSpanId: fc.Arbitrary<Uint8Array> = arbId(8);

/** AnyValue of at most `maxDepth` levels (a scalar is one level). */
export function arbAnyValue(opts: ArbOptions = {}): fc.Arbitrary<AnyValue> {
  const maxDepth = opts.maxDepth ?? 3;
  const maxItems = opts.maxItems ?? 3;
  const scalar: fc.Arbitrary<AnyValue> = fc.oneof(
    fc.constant<AnyValue>({ type: 'empty' }),
    arbText.map((value): AnyValue => ({ type: 'string', value })),
    fc.boolean().map((value): AnyValue => ({ type: 'bool', value })),
    arbInt64.map((value): AnyValue => ({ type: 'int', value })),
    arbDouble.map((value): AnyValue => ({ type: 'double', value })),
    fc.uint8Array({ maxLength: 12 }).map((value): AnyValue => ({ type: 'bytes', value })),
  );
  const level = (depth: number): fc.Arbitrary<AnyValue> => {
    if (depth <= 1) return scalar;
    const inner = level(depth - 1);
    return fc.oneof(
      { weight: 4, arbitrary: scalar },
      { weight: 1, arbitrary: fc.array(inner, { maxLength: maxItems }).map((value): AnyValue => ({ type: 'array', value })) },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.record({ key: arbText, value: inner }), { maxLength: maxItems })
          .map((value): AnyValue => ({ type: 'kvlist', value })),
      },
    );
  };
  return level(maxDepth);
}

export function arbKeyValue(opts: ArbOptions = {}): fc.Arbitrary<KeyValue> {
  return fc.record({ key: arbText, value: arbAnyValue(opts) });
}

function arbAttributes(opts: ArbOptions): fc.Arbitrary<KeyValue[]> {
  return fc.array(arbKeyValue(opts), { maxLength: opts.maxItems ?? 3 });
}

export const arbEntityRef: fc.Arbitrary<EntityRef> = fc.record({
  schemaUrl: arbText,
  type: arbText,
  idKeys: fc.array(arbText, { maxLength: 2 }),
  descriptionKeys: fc.array(arbText, { maxLength: 2 }),
});

export function arbResource(opts: ArbOptions = {}): fc.Arbitrary<Resource> {
  return fc.record({
    attributes: arbAttributes(opts),
    droppedAttributesCount: arbUint32,
    entityRefs: fc.array(arbEntityRef, { maxLength: 2 }),
  });
}

export function arbScope(opts: ArbOptions = {}): fc.Arbitrary<InstrumentationScope> {
  return fc.record({
    name: arbText,
    version: arbText,
    attributes: arbAttributes(opts),
    droppedAttributesCount: arbUint32,
  });
}

export function arbLogRecord(opts: ArbOptions = {}): fc.Arbitrary<LogRecord> {
  return fc.record({
    timeUnixNano: arbUint64,
    observedTimeUnixNano: arbUint64,
    severityNumber: arbSeverityNumber,
    severityText: arbText,
    body: arbAnyValue(opts),
    attributes: arbAttributes(opts),
    droppedAttributesCount: arbUint32,
    flags: arbUint32,
    traceId: arbTraceId,
    spanId: arbSpanId,
    eventName: arbText,
  });
}

export function arbScopeLogs(opts: ArbOptions = {}): fc.Arbitrary<ScopeLogs> {
  return fc.record({
    scope: arbScope(opts),
    logRecords: fc.array(arbLogRecord(opts), { maxLength: opts.maxItems ?? 3 }),
    schemaUrl: arbText,
  });
}

export function arbResourceLogs(opts: ArbOptions = {}): fc.Arbitrary<ResourceLogs> {
  return fc.record({
    resource: arbResource(opts),
    scopeLogs: fc.array(arbScopeLogs(opts), { maxLength: opts.maxItems ?? 3 }),
    schemaUrl: arbText,
  });
}

export function arbLogsData(opts: ArbOptions = {}): fc.Arbitrary<LogsData> {
  return fc.record({ resourceLogs: fc.array(arbResourceLogs(opts), { maxLength: opts.maxItems ?? 3 }) });
}
