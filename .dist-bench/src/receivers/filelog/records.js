import { NO_ID } from '../../otlp/types.js';
import { FLAG_SPLIT, FLAG_TRUNCATED, nodeEncoding } from './scanner.js';
export const ATTR_FILE_NAME = 'log.file.name';
export const ATTR_FILE_PATH = 'log.file.path';
export const ATTR_FINGERPRINT = 'log.file.fingerprint';
export const ATTR_OFFSET = 'log.record.offset';
export const ATTR_LENGTH = 'log.record.length';
export const ATTR_SPLIT = 'log.record.split';
export const ATTR_TRUNCATED = 'log.record.truncated';
const EMPTY = Buffer.alloc(0);
const TRUE_VALUE = Object.freeze({ type: 'bool', value: true });
/** Bytes before a batch's end kept to recognise the same content in a copy of the file. */
export const TAIL_BYTES = 64;
export class BatchBuilder {
    #o;
    #enc;
    #max;
    #attrs = null;
    #observed = 0n;
    #view = Buffer.alloc(0);
    #base = 0;
    #records = [];
    #lastNext = -1;
    #out = [];
    constructor(o) {
        this.#o = o;
        this.#enc = nodeEncoding(o.encoding);
        this.#max = Math.max(1, o.maxBatchLines);
    }
    /** Sets the file, read time and buffer the next records come from. */
    begin(attrs, observedTimeUnixNano, view, base) {
        this.#attrs = attrs;
        this.#observed = observedTimeUnixNano;
        this.#view = view;
        this.#base = base;
    }
    record(buf, start, end, offset, next, flags) {
        const o = this.#o;
        const fa = this.#attrs;
        const attributes = [];
        if (o.includeFileName)
            attributes.push({ key: ATTR_FILE_NAME, value: fa.name });
        if (o.includeFilePath)
            attributes.push({ key: ATTR_FILE_PATH, value: fa.path });
        if (o.includeProvenance) {
            attributes.push({ key: ATTR_FINGERPRINT, value: fa.fingerprint }, { key: ATTR_OFFSET, value: { type: 'int', value: BigInt(offset) } }, { key: ATTR_LENGTH, value: { type: 'int', value: BigInt(end - start) } });
        }
        if (flags !== 0) {
            if (flags & FLAG_SPLIT) {
                attributes.push({ key: ATTR_SPLIT, value: TRUE_VALUE });
                o.onSplit();
            }
            if (flags & FLAG_TRUNCATED) {
                attributes.push({ key: ATTR_TRUNCATED, value: TRUE_VALUE });
                o.onTruncated();
            }
        }
        const rec = {
            timeUnixNano: 0n,
            observedTimeUnixNano: this.#observed,
            severityNumber: 0,
            severityText: '',
            body: { type: 'string', value: buf.toString(this.#enc, start, end) },
            attributes,
            droppedAttributesCount: 0,
            flags: 0,
            traceId: NO_ID,
            spanId: NO_ID,
            eventName: '',
        };
        if (o.parsers !== null)
            o.parsers.apply(rec, o.onParseError);
        this.#records.push(rec);
        this.#lastNext = next;
        if (this.#records.length >= this.#max)
            this.#close();
    }
    #close() {
        if (this.#records.length === 0)
            return;
        const end = this.#lastNext;
        const rel = end - this.#base;
        let tail = EMPTY;
        if (rel > 0 && rel <= this.#view.length)
            tail = Buffer.from(this.#view.subarray(rel - Math.min(TAIL_BYTES, rel), rel));
        this.#out.push({ records: this.#records, end, tail });
        this.#records = [];
    }
    /** Closes the open batch and returns every batch built since the last call. */
    take() {
        this.#close();
        const out = this.#out;
        this.#out = [];
        return out;
    }
}
//# sourceMappingURL=records.js.map