export const FLAG_SPLIT = 1;
export const FLAG_TRUNCATED = 2;
export function newScanState() {
    return { splitActive: false, kept: null, keptOffset: 0, midLine: false };
}
const MODE_PLAIN = 0;
const MODE_START = 1;
const MODE_END = 2;
const NL16 = Buffer.from([0x0a, 0x00]);
export function nodeEncoding(e) {
    return e === 'utf-8' ? 'utf8' : e === 'utf-16le' ? 'utf16le' : 'latin1';
}
export class RecordScanner {
    #enc;
    #nodeEnc;
    #max;
    #truncate;
    #mode;
    #re;
    #nlLen;
    /** Bytes kept back from a cut so that a lone CR never becomes a record. */
    #margin;
    constructor(opts) {
        this.#enc = opts.encoding;
        this.#nodeEnc = nodeEncoding(opts.encoding);
        this.#max = Math.max(8, Math.floor(opts.maxLogSize));
        this.#truncate = opts.action === 'truncate';
        this.#mode = opts.lineStart ? MODE_START : opts.lineEnd ? MODE_END : MODE_PLAIN;
        this.#re = opts.lineStart ?? opts.lineEnd;
        this.#nlLen = opts.encoding === 'utf-16le' ? 2 : 1;
        this.#margin = 2 * this.#nlLen;
    }
    /** The largest unconsumed tail a scan can leave: size buffers above this. */
    get maxCarry() {
        // line_start may hold an open record and a partial line that could start the next one.
        const limit = this.#max + this.#margin;
        return (this.#mode === MODE_START ? 2 * limit : limit) + 8;
    }
    /**
     * Scans view (file bytes starting at file offset `base`), emits every
     * complete record, and returns how many bytes of view are consumed. With
     * `flush`, whatever is pending is emitted too and everything is consumed.
     */
    scan(view, base, flush, st, sink) {
        const end = view.length;
        const mode = this.#mode;
        const max = this.#max;
        let p = base === 0 && st.kept === null ? this.#bomLength(view) : 0;
        let rec = p;
        let lines = 0;
        let lastEnd = p;
        // The first line is the rest of a line whose start was skipped: it cannot start a record.
        let fragment = st.midLine;
        st.midLine = false;
        while (p < end) {
            const nl = this.#findNl(view, p, base);
            if (nl < 0)
                break;
            const ce = this.#contentEnd(view, p, nl);
            const next = nl + this.#nlLen;
            if (st.kept !== null) {
                // Skipping the rest of a truncated record until its boundary.
                const isFragment = fragment;
                fragment = false;
                if (mode === MODE_PLAIN) {
                    this.#emitKept(st, base + next, sink);
                    rec = p = next;
                    continue;
                }
                if (mode === MODE_END) {
                    if (this.#test(view, p, ce))
                        this.#emitKept(st, base + next, sink);
                    rec = p = next;
                    continue;
                }
                if (isFragment || !this.#test(view, p, ce)) {
                    rec = p = next;
                    continue;
                }
                // A start line ends the skipped record and opens the next one.
                this.#emitKept(st, base + p, sink);
                rec = p;
                lines = 1;
                lastEnd = ce;
                p = next;
            }
            else if (mode === MODE_PLAIN) {
                this.#emitComplete(view, p, ce, base, base + next, st, sink);
                rec = p = next;
                continue;
            }
            else if (mode === MODE_START) {
                if (lines > 0 && this.#test(view, p, ce)) {
                    this.#emitComplete(view, rec, lastEnd, base, base + p, st, sink);
                    rec = p;
                    lines = 0;
                }
                lines++;
                lastEnd = ce;
                p = next;
            }
            else {
                if (this.#test(view, p, ce)) {
                    this.#emitComplete(view, rec, ce, base, base + next, st, sink);
                    rec = p = next;
                    lines = 0;
                    continue;
                }
                lines++;
                lastEnd = ce;
                p = next;
            }
            // Bound an open multiline record.
            if (lastEnd - rec > max) {
                if (this.#truncate) {
                    this.#keep(view, rec, base, st);
                    rec = p;
                    lines = 0;
                }
                else {
                    while (lastEnd - rec > max)
                        rec = this.#emitPiece(view, rec, base, st, sink);
                }
            }
        }
        // The tail: a partial line, perhaps after complete lines of an open multiline record.
        if (flush) {
            if (st.kept !== null) {
                this.#emitKept(st, base + end, sink);
            }
            else if (mode === MODE_PLAIN) {
                this.#emitComplete(view, p, this.#stripCr(view, p, end), base, base + end, st, sink);
            }
            else if (lines > 0 || p < end) {
                const ce = p === end ? lastEnd : this.#stripCr(view, p, end);
                this.#emitComplete(view, rec, ce, base, base + end, st, sink);
            }
            return end;
        }
        const limit = max + this.#margin;
        // No line ended in this scan: what is left is still the rest of a skipped line.
        if (fragment)
            st.midLine = true;
        if (st.kept !== null) {
            // A partial line while skipping. In multiline modes it may be the
            // boundary, so it stays unconsumed until complete unless it alone is
            // over the limit: then line_start decides by its beginning, and
            // line_end by its last bytes (kept unconsumed for the test).
            if (mode === MODE_PLAIN)
                return this.#skipTo(base, p, end, st);
            if (end - p <= limit)
                return p;
            if (mode === MODE_END)
                return this.#skipTo(base, p, end - limit, st);
            if (fragment || !this.#test(view, p, p + max))
                return this.#skipTo(base, p, end, st);
            this.#emitKept(st, base + p, sink);
            rec = p;
        }
        else if (mode === MODE_START && p > rec) {
            // Complete lines of an open record, then a partial line that may start the next one.
            if (end - p <= limit)
                return rec;
            if (this.#test(view, p, p + max)) {
                this.#emitComplete(view, rec, lastEnd, base, base + p, st, sink);
                rec = p;
            }
        }
        if (end - rec > limit) {
            if (this.#truncate) {
                this.#keep(view, rec, base, st);
                if (mode === MODE_END)
                    return end - p <= limit ? p : this.#skipTo(base, p, end - limit, st);
                return this.#skipTo(base, p, end, st);
            }
            while (end - rec > limit)
                rec = this.#emitPiece(view, rec, base, st, sink);
        }
        return rec;
    }
    /**
     * Consumes up to `end` while skipping, but never half of a UTF-16 code unit
     * (a terminator could start there); notes when that stops inside a line.
     */
    #skipTo(base, lineStart, end, st) {
        const to = this.#nlLen === 2 ? end - ((base + end) & 1) : end;
        st.midLine = to > lineStart;
        return to;
    }
    #test(view, s, e) {
        return this.#re.test(view.toString(this.#nodeEnc, s, e));
    }
    #bomLength(view) {
        if (this.#enc === 'utf-8') {
            return view.length >= 3 && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf ? 3 : 0;
        }
        if (this.#enc === 'utf-16le')
            return view.length >= 2 && view[0] === 0xff && view[1] === 0xfe ? 2 : 0;
        return 0;
    }
    #findNl(view, from, base) {
        if (this.#nlLen === 1)
            return view.indexOf(0x0a, from);
        let i = from;
        for (;;) {
            const nl = view.indexOf(NL16, i);
            if (nl < 0 || ((base + nl) & 1) === 0)
                return nl;
            i = nl + 1;
        }
    }
    /** End of a line's content: before the LF, and before a CR right before it. */
    #contentEnd(view, lineStart, nl) {
        if (this.#nlLen === 1)
            return nl > lineStart && view[nl - 1] === 0x0d ? nl - 1 : nl;
        return nl - 2 >= lineStart && view[nl - 2] === 0x0d && view[nl - 1] === 0 ? nl - 2 : nl;
    }
    #stripCr(view, s, e) {
        if (this.#nlLen === 1)
            return e > s && view[e - 1] === 0x0d ? e - 1 : e;
        return e - 2 >= s && view[e - 2] === 0x0d && view[e - 1] === 0 ? e - 2 : e;
    }
    /** A cut point at or before c that does not split a character. */
    #alignCut(view, s, c) {
        if (this.#enc === 'utf-8') {
            let k = c;
            while (k > s && (view[k] & 0xc0) === 0x80)
                k--;
            return k > s ? k : c;
        }
        if (this.#enc === 'utf-16le') {
            let k = s + ((c - s) & ~1);
            if (k - 2 > s) {
                const hi = view[k - 1];
                if (hi >= 0xd8 && hi <= 0xdb)
                    k -= 2;
            }
            return k > s ? k : s + 2;
        }
        return c;
    }
    #emitPiece(view, s, base, st, sink) {
        const cut = this.#alignCut(view, s, s + this.#max);
        sink.record(view, s, cut, base + s, base + cut, FLAG_SPLIT);
        st.splitActive = true;
        return cut;
    }
    #keep(view, s, base, st) {
        const cut = this.#alignCut(view, s, s + this.#max);
        st.kept = Buffer.from(view.subarray(s, cut));
        st.keptOffset = base + s;
    }
    #emitKept(st, next, sink) {
        const kept = st.kept;
        st.kept = null;
        const flags = FLAG_TRUNCATED | (st.splitActive ? FLAG_SPLIT : 0);
        st.splitActive = false;
        sink.record(kept, 0, kept.length, st.keptOffset, next, flags);
    }
    #emitComplete(view, s, e, base, next, st, sink) {
        const flags = st.splitActive ? FLAG_SPLIT : 0;
        st.splitActive = false;
        if (e - s <= this.#max) {
            if (e > s)
                sink.record(view, s, e, base + s, next, flags);
            return;
        }
        if (this.#truncate) {
            const cut = this.#alignCut(view, s, s + this.#max);
            sink.record(view, s, cut, base + s, next, flags | FLAG_TRUNCATED);
            return;
        }
        while (e - s > this.#max) {
            const cut = this.#alignCut(view, s, s + this.#max);
            sink.record(view, s, cut, base + s, base + cut, FLAG_SPLIT);
            s = cut;
        }
        sink.record(view, s, e, base + s, next, FLAG_SPLIT);
    }
}
//# sourceMappingURL=scanner.js.map