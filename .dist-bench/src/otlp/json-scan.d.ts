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
/** Returns `text` with every unquoted integer literal longer than 15 digits turned into a JSON string. */
export declare function quoteLargeIntegers(text: string): string;
