/**
 * Exact 64-bit integers from JSON *numbers*.
 *
 * JSON.parse turns `"timeUnixNano":1700000000000000001` into the nearest
 * double and loses the last digits, and Node 20's JSON.parse reviver cannot
 * see the source text. So before parsing, quoteLargeIntegers() rewrites every
 * integer literal of 16 or more digits that sits outside a string into a JSON
 * string (`"1700000000000000001"`), which the OTLP/JSON field decoders accept
 * wherever a number is allowed. Literals with a fraction or an exponent are
 * left alone (they are doubles). Integers of up to 15 digits are always exact
 * as doubles, so they need nothing.
 *
 * The fast path is one regular-expression test: an unquoted number can only
 * follow ':', ',' or '[' (plus whitespace), so text in which no such position
 * is followed by 16 digits is returned unchanged without being copied. Only
 * when that test hits does a linear scan, which skips string literals, run.
 */
const MAYBE_LONG_INTEGER = /[:,[]\s*-?\d{16}/;
/** Digits after which a literal is not an exact integer candidate (15 digits < 2^53 always). */
const SAFE_DIGITS = 15;
function isDigit(c) {
    return c >= 0x30 && c <= 0x39;
}
/** Index just past the closing quote of the string literal whose content starts at `i` (text.length if unterminated). */
function skipString(text, i) {
    for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0)
            return text.length;
        // the quote closes the string unless an odd number of backslashes precedes it
        let backslashes = 0;
        for (let k = q - 1; k >= i && text.charCodeAt(k) === 0x5c; k--)
            backslashes++;
        if ((backslashes & 1) === 0)
            return q + 1;
        i = q + 1;
    }
}
/** Returns `text` with every unquoted integer literal longer than 15 digits turned into a JSON string. */
export function quoteLargeIntegers(text) {
    if (!MAYBE_LONG_INTEGER.test(text))
        return text;
    const n = text.length;
    let out = '';
    let copied = 0;
    let i = 0;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 0x22 /* " */) {
            i = skipString(text, i + 1);
            continue;
        }
        if (c === 0x2d /* - */ || isDigit(c)) {
            const start = i;
            let j = c === 0x2d ? i + 1 : i;
            const digitsStart = j;
            while (j < n && isDigit(text.charCodeAt(j)))
                j++;
            const digits = j - digitsStart;
            const next = j < n ? text.charCodeAt(j) : -1;
            const isFloat = next === 0x2e /* . */ || next === 0x65 /* e */ || next === 0x45; /* E */
            if (digits > SAFE_DIGITS && !isFloat) {
                out += text.slice(copied, start) + '"' + text.slice(start, j) + '"';
                copied = j;
            }
            else {
                // skip the rest of the number (fraction, exponent)
                while (j < n) {
                    const d = text.charCodeAt(j);
                    if (isDigit(d) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d)
                        j++;
                    else
                        break;
                }
            }
            i = j;
            continue;
        }
        i++;
    }
    return copied === 0 ? text : out + text.slice(copied);
}
//# sourceMappingURL=json-scan.js.map