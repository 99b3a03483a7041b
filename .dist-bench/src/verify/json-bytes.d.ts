/** Thrown when the fast path cannot decide; the general decoder takes over. */
export declare const FALLBACK: unique symbol;
export declare function fallback(): never;
export declare class JsonBytes {
    #private;
    src: Uint8Array;
    i: number;
    end: number;
    /** Output buffer for string contents; grown by `room`. */
    out: Uint8Array;
    top: number;
    /** The last integer read: magnitude = hi * 2^32 + lo, and its sign. */
    hi: number;
    lo: number;
    neg: boolean;
    /** Digits of the last integer read. */
    digits: number;
    reset(src: Uint8Array): void;
    /** Makes room for `n` more output bytes at `top`. */
    room(n: number): void;
    /** Skips whitespace and returns the next byte (-1 at the end). */
    peek(): number;
    /** Skips whitespace and consumes `c`, or falls back. */
    expect(c: number): void;
    /** After a member or element: true if a ',' follows (consumed), false at `close` (consumed). */
    more(close: number): boolean;
    /** Opens an object or array; true if it is empty (and already closed). */
    open(openC: number, close: number): boolean;
    /**
     * Reads an object key and its ':'; returns the key's byte length, its
     * bytes being src[i - len - 2 - ..]: use `keyStart`. Escaped keys fall back.
     */
    keyStart: number;
    key(): number;
    /** True if the key just read equals `name` (ASCII bytes). */
    keyIs(len: number, name: Uint8Array): boolean;
    /** True (and consumed) if the next value is `null`. */
    isNull(): boolean;
    literal(word: Uint8Array): void;
    /** Reads true or false. */
    bool(): boolean;
    /**
     * Reads a JSON string and writes its contents as UTF-8 at `top` (advancing
     * it); returns the byte length written. Lone surrogate escapes fall back.
     */
    string(): number;
    /**
     * Reads the raw contents of a string that must hold no escapes; returns
     * its start in `src` (its length is `rawLength`).
     */
    rawLength: number;
    rawString(): number;
    /**
     * An integer as proto3 JSON writes a 64-bit value: a bare integer literal
     * (no fraction or exponent, no leading zero) or a string of 1-20 decimal
     * digits with an optional '-' (`signed`). Sets hi, lo, neg; anything else,
     * or a magnitude of 2^64 or more, falls back.
     */
    integer(signed: boolean): void;
    /** A bare non-negative integer literal below 2^32 (uint32 fields). */
    uint32(): number;
    /** Skips one JSON value, validating it. */
    skip(depth?: number): void;
    /** Skips a JSON number (full grammar); returns its start in src. */
    number(): number;
    /** True when only whitespace is left. */
    atEnd(): boolean;
}
export declare const ascii: (s: string) => Uint8Array;
