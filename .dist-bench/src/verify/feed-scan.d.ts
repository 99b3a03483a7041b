import type { Verifier } from '../integrity/verifier.js';
import { type OtlpCanonicalScanner } from './otlp-canonical.js';
export declare class ScanFeeder {
    #private;
    private readonly v;
    private readonly scan;
    constructor(v: Verifier, scan: OtlpCanonicalScanner);
    /** Feeds the line `scan` last read (`line` is its bytes, `where` its file:line). */
    feed(line: Uint8Array, where: string): void;
}
