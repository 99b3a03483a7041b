/**
 * The checker's fast path: one OTLP JSON line (ExportLogsServiceRequest /
 * LogsData) straight to the canonical bytes the chain hashes (docs/PROTOCOL.md
 * §3), without JSON.parse and without building the OTLP model.
 *
 * The decoding rules are the general decoder's (src/otlp/json-decode.ts):
 * camelCase or snake_case keys in any order, unknown keys skipped, null as
 * the default, 64-bit integers as strings or numbers, hex ids in any case,
 * enums as integers. The result for every line it accepts is exactly what
 * decoding the line and encoding each record would give. Whatever it does
 * not handle — invalid JSON or OTLP, a key given twice, a `value` before its
 * `key`, an escaped key, a lone surrogate, a number with a fraction or
 * exponent where an integer goes, a severity or count given as a string,
 * bytesValue, doubles given as strings, entityRefs, a UTF-8 error — makes
 * scan() return false, and the caller decodes the line with the general
 * decoder (which also produces the error message of a line that is not OTLP
 * JSON). Nothing is reported for a line until all of it has been read.
 *
 * Output, in one reused buffer (`out`): per record, LINK_PREFIX bytes of room
 * and then its canonical bytes; per scope, CONTEXT_PREFIX bytes of room and
 * its context bytes; plus per-record metadata (seq, `sealog.hash`, whether it
 * is a control record and where its JSON is), in ScanOutput (scan-output.ts).
 *
 * Whether a line is valid UTF-8 is asked of the function given to the
 * constructor (in Node, `isUtf8` from node:buffer), so this folder needs no
 * `node:` import and runs in a browser.
 *
 * This file: the scanner class, which walks the JSON structure and assembles
 * records and contexts. Beside it: keys.ts (the field name tables),
 * values.ts (leaf tokens), regions.ts (the output's byte regions),
 * json-bytes.ts (the lexer).
 */
import { CONTEXT_TAG } from '../../integrity/chain.js';
import { Tag } from '../../integrity/canonical.js';
import { hexDigit } from '../../otlp/binary-text.js';
import { DEFAULT_MAX_DEPTH } from '../../otlp/decode-error.js';
import { LINK_PREFIX } from '../core/index.js';
import { FALLBACK, fallback, JsonBytes } from './json-bytes.js';
import {
  F,
  KEY_VALUE_KEYS,
  LIST_KEYS,
  RECORD_KEYS,
  RESOURCE_KEYS,
  RESOURCE_LOGS_KEYS,
  SCOPE_KEYS,
  SCOPE_LOGS_KEYS,
  SEALOG_CHAIN,
  SEALOG_HASH,
  SEALOG_SEQ,
  SEALOG_STREAM,
  SEALOG_TYPE,
  TOP_KEYS,
  V,
  VALUE_KEYS,
} from './keys.js';
import { R, S, ScanOutput } from './scan-output.js';
import { compareRegions, copyRegion, getU32, putU32, regionIs, regionSize, sortEntries } from './regions.js';
import { scanDouble, scanId, scanInt32, scanInt64, scanStr, scanValidString } from './values.js';

export const CONTEXT_PREFIX = 1 + CONTEXT_TAG.length;

/** What an attribute list is: the capture rules differ. */
const enum Attrs {
  Plain = 0,
  Record = 1,
  Resource = 2,
}

const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;

const TWO_32 = 4294967296;
const utf8 = new TextDecoder();

/** True if the bytes are valid UTF-8 (in Node: `isUtf8` from node:buffer). */
export type Utf8Check = (bytes: Uint8Array) => boolean;

export class OtlpCanonicalScanner extends ScanOutput {
  readonly #j = new JsonBytes();
  readonly #maxDepth = DEFAULT_MAX_DEPTH;
  readonly #isUtf8: Utf8Check;

  // The record being read.
  #seq = -1;
  #seqSeen = false;
  #hashSeen = false;
  #claimedIndex = -1;
  #control = false;
  // The resource being read.
  #stream: string | undefined;
  #chain: string | undefined;
  #streamSeen = false;
  #chainSeen = false;

  constructor(isUtf8: Utf8Check) {
    super();
    this.#isUtf8 = isUtf8;
  }

  /** The buffer holding records and contexts (valid until the next scan). */
  get out(): Uint8Array {
    return this.#j.out;
  }

  /** Reads one line; false when the general decoder must take it (see the module comment). */
  scan(line: Uint8Array): boolean {
    this.resourceCount = 0;
    this.scopeCount = 0;
    this.recordCount = 0;
    this.claimedCount = 0;
    if (!this.#isUtf8(line)) return false;
    const j = this.#j;
    j.reset(line);
    try {
      this.#top();
      return true;
    } catch (err) {
      if (err === FALLBACK) return false;
      // A RangeError from a too deep recursion or the like: the general decoder decides.
      if (err instanceof RangeError) return false;
      throw err;
    }
  }

  #top(): void {
    const j = this.#j;
    let seen = 0;
    if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
      do {
        const f = TOP_KEYS.code(j, j.key());
        if (f === 0 || j.isNull()) {
          if (f === 0) j.skip();
          continue;
        }
        if (seen & f) fallback();
        seen |= f;
        if (j.open(OPEN_ARR, CLOSE_ARR)) continue;
        do this.#resourceLogs();
        while (j.more(CLOSE_ARR));
      } while (j.more(CLOSE_OBJ));
    }
    if (!j.atEnd()) fallback();
  }

  #resourceLogs(): void {
    const j = this.#j;
    const firstScope = this.scopeCount;
    const firstRecord = this.recordCount;
    let attrsStart = -1;
    let attrsEnd = -1;
    this.#stream = undefined;
    this.#chain = undefined;
    this.#streamSeen = false;
    this.#chainSeen = false;
    let seen = 0;
    if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
      do {
        const f = RESOURCE_LOGS_KEYS.code(j, j.key());
        if (f === 0) {
          j.skip();
          continue;
        }
        if (j.isNull()) continue;
        if (seen & f) fallback();
        seen |= f;
        if (f === F.RESOURCE) {
          [attrsStart, attrsEnd] = this.#resource();
        } else if (f === F.SCOPE_LOGS) {
          if (j.open(OPEN_ARR, CLOSE_ARR)) continue;
          do this.#scopeLogs();
          while (j.more(CLOSE_ARR));
        } else {
          scanValidString(j);
        }
      } while (j.more(CLOSE_OBJ));
    }
    const scopes = this.scopeCount - firstScope;
    // The context of each scope: resource attributes, then the scope's own parts.
    for (let s = firstScope; s < this.scopeCount; s++) this.#context(s, attrsStart, attrsEnd);
    const r = (this.resources[this.resourceCount] ??= { stream: undefined, chain: undefined, firstScope: 0, scopes: 0, records: 0 });
    r.stream = this.#stream;
    r.chain = this.#chain;
    r.firstScope = firstScope;
    r.scopes = scopes;
    r.records = this.recordCount - firstRecord;
    this.resourceCount++;
  }

  /** Returns the region of its attributes' canonical bytes ([-1, -1] when absent). */
  #resource(): [number, number] {
    const j = this.#j;
    let start = -1;
    let end = -1;
    let seen = 0;
    if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
      do {
        const f = RESOURCE_KEYS.code(j, j.key());
        if (f === 0) {
          j.skip();
          continue;
        }
        if (j.isNull()) continue;
        if (seen & f) fallback();
        seen |= f;
        if (f === F.ATTRIBUTES) {
          start = j.top;
          this.#attrs(Attrs.Resource, 0);
          end = j.top;
        } else if (f === F.DROPPED) {
          j.uint32();
        } else {
          fallback(); // entityRefs: not covered by the chain, but its shape must be checked
        }
      } while (j.more(CLOSE_OBJ));
    }
    return [start, end];
  }

  #scopeLogs(): void {
    const j = this.#j;
    const s = this.scopeCount++;
    if (this.scopes.length < this.scopeCount * S.STRIDE) {
      const next = new Int32Array(this.scopes.length * 2);
      next.set(this.scopes);
      this.scopes = next;
    }
    const sc = this.scopes;
    const b = s * S.STRIDE;
    sc[b + S.NAME_START] = -1;
    sc[b + S.VERSION_START] = -1;
    sc[b + S.ATTRS_START] = -1;
    sc[b + S.FIRST_RECORD] = this.recordCount;
    let seen = 0;
    if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
      do {
        const f = SCOPE_LOGS_KEYS.code(j, j.key());
        if (f === 0) {
          j.skip();
          continue;
        }
        if (j.isNull()) continue;
        if (seen & f) fallback();
        seen |= f;
        if (f === F.SCOPE) {
          this.#scope(b);
        } else if (f === F.LOG_RECORDS) {
          if (j.open(OPEN_ARR, CLOSE_ARR)) continue;
          do this.#record();
          while (j.more(CLOSE_ARR));
        } else {
          scanValidString(j);
        }
      } while (j.more(CLOSE_OBJ));
    }
    this.scopes[b + S.RECORDS] = this.recordCount - this.scopes[b + S.FIRST_RECORD]!;
  }

  #scope(b: number): void {
    const j = this.#j;
    let seen = 0;
    if (j.open(OPEN_OBJ, CLOSE_OBJ)) return;
    do {
      const f = SCOPE_KEYS.code(j, j.key());
      if (f === 0) {
        j.skip();
        continue;
      }
      if (j.isNull()) continue;
      if (seen & f) fallback();
      seen |= f;
      const start = j.top;
      if (f === F.NAME || f === F.VERSION) scanStr(j);
      else if (f === F.ATTRIBUTES) this.#attrs(Attrs.Plain, 0);
      else {
        j.uint32();
        continue;
      }
      const at = f === F.NAME ? S.NAME_START : f === F.VERSION ? S.VERSION_START : S.ATTRS_START;
      this.scopes[b + at] = start;
      this.scopes[b + at + 1] = j.top;
    } while (j.more(CLOSE_OBJ));
  }

  /** Assembles scope s's context: attrs(resource) ‖ str(name) ‖ str(version) ‖ attrs(scope). */
  #context(s: number, attrsStart: number, attrsEnd: number): void {
    const j = this.#j;
    const b = s * S.STRIDE;
    const sc = this.scopes;
    const size =
      CONTEXT_PREFIX +
      regionSize(attrsStart, attrsEnd) +
      regionSize(sc[b + S.NAME_START]!, sc[b + S.NAME_END]!) +
      regionSize(sc[b + S.VERSION_START]!, sc[b + S.VERSION_END]!) +
      regionSize(sc[b + S.ATTRS_START]!, sc[b + S.ATTRS_END]!);
    j.room(size);
    j.top += CONTEXT_PREFIX;
    sc[b + S.CONTEXT_START] = j.top;
    copyRegion(j, attrsStart, attrsEnd);
    copyRegion(j, sc[b + S.NAME_START]!, sc[b + S.NAME_END]!);
    copyRegion(j, sc[b + S.VERSION_START]!, sc[b + S.VERSION_END]!);
    copyRegion(j, sc[b + S.ATTRS_START]!, sc[b + S.ATTRS_END]!);
    sc[b + S.CONTEXT_END] = j.top;
  }

  #record(): void {
    const j = this.#j;
    j.peek();
    const objStart = j.i;
    this.#seq = -1;
    this.#seqSeen = false;
    this.#hashSeen = false;
    this.#claimedIndex = -1;
    this.#control = false;
    let seen = 0;
    let tHi = 0;
    let tLo = 0;
    let oHi = 0;
    let oLo = 0;
    let severity = 0;
    let flags = 0;
    let textS = -1;
    let textE = -1;
    let bodyS = -1;
    let bodyE = -1;
    let attrS = -1;
    let attrE = -1;
    let traceS = -1;
    let traceE = -1;
    let spanS = -1;
    let spanE = -1;
    let eventS = -1;
    let eventE = -1;
    if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
      do {
        const f = RECORD_KEYS.code(j, j.key());
        if (f === 0) {
          j.skip();
          continue;
        }
        if (j.isNull()) continue;
        if (seen & f) fallback();
        seen |= f;
        const start = j.top;
        switch (f) {
          case F.TIME:
            j.integer(false);
            tHi = j.hi;
            tLo = j.lo;
            break;
          case F.OBSERVED:
            j.integer(false);
            oHi = j.hi;
            oLo = j.lo;
            break;
          case F.SEVERITY:
            severity = scanInt32(j);
            break;
          case F.SEVERITY_TEXT:
            scanStr(j);
            textS = start;
            textE = j.top;
            break;
          case F.BODY:
            this.#anyValue(1);
            bodyS = start;
            bodyE = j.top;
            break;
          case F.ATTRIBUTES:
            this.#attrs(Attrs.Record, 0);
            attrS = start;
            attrE = j.top;
            break;
          case F.DROPPED:
            j.uint32();
            break;
          case F.FLAGS:
            flags = j.uint32();
            break;
          case F.TRACE:
            scanId(j, 16);
            traceS = start;
            traceE = j.top;
            break;
          case F.SPAN:
            scanId(j, 8);
            spanS = start;
            spanE = j.top;
            break;
          case F.EVENT:
            scanStr(j);
            eventS = start;
            eventE = j.top;
            break;
        }
      } while (j.more(CLOSE_OBJ));
    }
    const objEnd = j.i;

    // Assemble in canonical order after the parts (docs/PROTOCOL.md §3).
    j.room(
      LINK_PREFIX +
        20 +
        regionSize(textS, textE) +
        (bodyS < 0 ? 1 : bodyE - bodyS) +
        regionSize(attrS, attrE) +
        4 +
        regionSize(traceS, traceE) +
        regionSize(spanS, spanE) +
        regionSize(eventS, eventE),
    );
    j.top += LINK_PREFIX;
    const recStart = j.top;
    const o = j.out;
    let p = recStart;
    p = putU32(o, p, tHi);
    p = putU32(o, p, tLo);
    p = putU32(o, p, oHi);
    p = putU32(o, p, oLo);
    p = putU32(o, p, severity >>> 0);
    j.top = p;
    copyRegion(j, textS, textE);
    if (bodyS < 0) o[j.top++] = Tag.Empty;
    else copyRegion(j, bodyS, bodyE);
    copyRegion(j, attrS, attrE);
    j.top = putU32(o, j.top, flags);
    copyRegion(j, traceS, traceE);
    copyRegion(j, spanS, spanE);
    copyRegion(j, eventS, eventE);

    const k = this.recordCount++;
    if (this.records.length < this.recordCount * R.STRIDE) {
      const next = new Float64Array(this.records.length * 2);
      next.set(this.records);
      this.records = next;
    }
    const r = this.records;
    const b = k * R.STRIDE;
    r[b + R.START] = recStart;
    r[b + R.END] = j.top;
    r[b + R.SEQ] = this.#seq;
    r[b + R.CLAIMED] = this.#claimedIndex;
    r[b + R.CONTROL_START] = this.#control ? objStart : -1;
    r[b + R.CONTROL_END] = this.#control ? objEnd : -1;
  }

  /** value(v) of an AnyValue at nesting `depth` (the body and attribute values are depth 1). */
  #anyValue(depth: number): void {
    if (depth > this.#maxDepth) fallback();
    const j = this.#j;
    j.room(9);
    const start = j.top;
    let set = false;
    if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
      do {
        const f = VALUE_KEYS.code(j, j.key());
        if (f === 0) {
          j.skip();
          continue;
        }
        if (j.isNull()) continue;
        if (set) fallback(); // a second member: the last would win; leave it to the general decoder
        set = true;
        j.room(9);
        const o = j.out;
        switch (f) {
          case V.STRING:
            o[j.top++] = Tag.String;
            scanStr(j);
            break;
          case V.BOOL:
            o[j.top++] = Tag.Bool;
            o[j.top++] = j.bool() ? 1 : 0;
            break;
          case V.INT:
            scanInt64(j);
            break;
          case V.DOUBLE:
            scanDouble(j);
            break;
          case V.ARRAY:
          case V.KVLIST:
            this.#list(f, depth);
            break;
          default:
            fallback(); // bytesValue
        }
      } while (j.more(CLOSE_OBJ));
    }
    if (!set) {
      j.top = start;
      j.out[j.top++] = Tag.Empty;
    }
  }

  /** arrayValue / kvlistValue: {"values": [...]} */
  #list(kind: number, depth: number): void {
    const j = this.#j;
    const start = j.top;
    let seen = false;
    if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
      do {
        const f = LIST_KEYS.code(j, j.key());
        if (f === 0) {
          j.skip();
          continue;
        }
        if (j.isNull()) continue;
        if (seen) fallback();
        seen = true;
        if (kind === V.KVLIST) {
          j.out[j.top++] = Tag.KvList;
          this.#attrs(Attrs.Plain, depth);
        } else {
          j.out[j.top++] = Tag.Array;
          const countAt = j.top;
          j.room(4);
          j.top += 4;
          let n = 0;
          if (!j.open(OPEN_ARR, CLOSE_ARR)) {
            do {
              this.#anyValue(depth + 1);
              n++;
            } while (j.more(CLOSE_ARR));
          }
          putU32(j.out, countAt, n);
        }
      } while (j.more(CLOSE_OBJ));
    }
    if (!seen) {
      j.top = start;
      j.room(5);
      j.out[j.top++] = kind === V.KVLIST ? Tag.KvList : Tag.Array;
      j.top = putU32(j.out, j.top, 0);
    }
  }

  /**
   * attrs(list) of a KeyValue array whose values sit at depth `depth + 1`.
   * Record attributes leave out sealog.seq and sealog.hash (read here);
   * resource attributes note sealog.stream and sealog.chain.
   */
  #attrs(mode: Attrs, depth: number): void {
    const j = this.#j;
    j.room(4);
    const countAt = j.top;
    j.top += 4;
    let n = 0;
    let sorted = true;
    let dup = false;
    let prevKey = -1;
    let prevLen = 0;
    if (!j.open(OPEN_ARR, CLOSE_ARR)) {
      do {
        const entry = j.top;
        this.#keyValue(depth + 1);
        const o = j.out;
        const klen = getU32(o, entry);
        const key = entry + 4;
        if (mode === Attrs.Record && this.#recordChainKey(o, key, klen)) {
          j.top = entry; // sealog.seq and sealog.hash are the chain's output, not its input
          continue;
        }
        if (mode === Attrs.Resource) this.#resourceKey(o, key, klen);
        else if (mode === Attrs.Record && !this.#control && regionIs(o, key, klen, SEALOG_TYPE)) this.#control = true;
        if (prevKey >= 0) {
          const c = compareRegions(o, prevKey, prevLen, key, klen);
          if (c > 0) sorted = false;
          else if (c === 0) dup = true;
        }
        prevKey = key;
        prevLen = klen;
        n++;
      } while (j.more(CLOSE_ARR));
    }
    putU32(j.out, countAt, n);
    if (!sorted || dup) sortEntries(j, countAt + 4, j.top, n);
  }

  /** A KeyValue as str(key) ‖ value(v); a `value` before its `key` falls back. */
  #keyValue(depth: number): void {
    const j = this.#j;
    let key = false;
    let value = false;
    if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
      do {
        const f = KEY_VALUE_KEYS.code(j, j.key());
        if (f === 0) {
          j.skip();
          continue;
        }
        if (j.isNull()) continue;
        if (f === F.KEY) {
          if (key) fallback();
          key = true;
          scanStr(j);
        } else {
          if (value) fallback();
          if (!key) {
            key = true; // the key is "" unless one follows, which the general decoder handles
            j.room(4);
            j.top = putU32(j.out, j.top, 0);
          }
          value = true;
          this.#anyValue(depth);
        }
      } while (j.more(CLOSE_OBJ));
    }
    if (!key) {
      j.room(4);
      j.top = putU32(j.out, j.top, 0);
    }
    if (!value) {
      j.room(1);
      j.out[j.top++] = Tag.Empty;
    }
  }

  /** sealog.seq or sealog.hash of a record: the first of each is read; true if the entry is one of them. */
  #recordChainKey(o: Uint8Array, key: number, klen: number): boolean {
    if (regionIs(o, key, klen, SEALOG_SEQ)) {
      if (!this.#seqSeen) {
        this.#seqSeen = true;
        const v = key + klen;
        if (o[v] === Tag.Int) {
          const hi = getU32(o, v + 1);
          const lo = getU32(o, v + 5);
          // 1 .. 2^53-1
          if (hi < 0x200000 && (hi !== 0 || lo !== 0)) this.#seq = hi * TWO_32 + lo;
        }
      }
      return true;
    }
    if (regionIs(o, key, klen, SEALOG_HASH)) {
      if (!this.#hashSeen) {
        this.#hashSeen = true;
        const v = key + klen;
        if (o[v] === Tag.String && getU32(o, v + 1) === 64) this.#readClaimed(o, v + 5);
      }
      return true;
    }
    return false;
  }

  #readClaimed(o: Uint8Array, at: number): void {
    const c = this.claimedCount;
    if (this.claimed.length < (c + 1) * 32) {
      const next = new Uint8Array(this.claimed.length * 2);
      next.set(this.claimed);
      this.claimed = next;
    }
    const out = this.claimed;
    for (let i = 0; i < 32; i++) {
      const hi = hexDigit(o[at + 2 * i]!);
      const lo = hexDigit(o[at + 2 * i + 1]!);
      if ((hi | lo) < 0) return;
      out[c * 32 + i] = (hi << 4) | lo;
    }
    this.claimedCount++;
    this.#claimedIndex = c;
  }

  /** The first sealog.stream / sealog.chain of a resource, kept when it is a string. */
  #resourceKey(o: Uint8Array, key: number, klen: number): void {
    const isStream = !this.#streamSeen && regionIs(o, key, klen, SEALOG_STREAM);
    const isChain = !isStream && !this.#chainSeen && regionIs(o, key, klen, SEALOG_CHAIN);
    if (!isStream && !isChain) return;
    const v = key + klen;
    const value = o[v] === Tag.String ? utf8.decode(o.subarray(v + 5, v + 5 + getU32(o, v + 1))) : undefined;
    if (isStream) {
      this.#streamSeen = true;
      this.#stream = value;
    } else {
      this.#chainSeen = true;
      this.#chain = value;
    }
  }
}
