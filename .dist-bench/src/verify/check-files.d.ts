import { type VerifyOptions, type VerifyReport } from '../integrity/verifier.js';
export interface CheckOptions extends Omit<VerifyOptions, 'crypto' | 'trust' | 'nowNs' | 'bindings'> {
    keyFiles: string[];
    /** `GLOB=PUBFILE` stream bindings (--key-for). */
    keyFor?: string[];
    files: string[];
    witnessFiles?: string[];
    nowNs?: () => bigint;
    /** False: every line goes through the general decoder (the fast path's reference, for comparisons). */
    fastPath?: boolean;
    /** Called with (bytes read so far, total bytes) as input is read. */
    progress?: (done: number, total: number) => void;
}
export interface CheckResult {
    report: VerifyReport;
    /** Lines that could not be read as OTLP JSON (each also a finding). */
    unreadableLines: number;
    lines: number;
}
export declare function checkFiles(o: CheckOptions): Promise<CheckResult>;
