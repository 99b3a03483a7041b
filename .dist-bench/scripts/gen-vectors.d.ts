import { type ResourceLogs } from '../src/otlp/types.js';
export declare const VECTOR_SEED_HEX = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
export declare const OTHER_SEED_HEX = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
export declare function buildVectorStream(): {
    frames: ResourceLogs[];
    publicKeyHex: string;
};
type Json = Record<string, unknown>;
export interface Negative {
    name: string;
    description: string;
    lines: string[];
    /** Verify with this public key instead of the vector key. */
    publicKeyHex?: string;
    options?: {
        maxAgeSeconds?: number;
        strict?: boolean;
    };
    /** Every finding a checker reports for it (kind, severity, seq, seqEnd), no more and no fewer. */
    expect: Array<{
        kind: string;
        severity: 'violation' | 'warning' | 'note';
        seq?: number;
        seqEnd?: number;
    }>;
}
export declare function generateVectors(): Json;
export declare const VECTOR_FILE: string;
export declare const VECTOR_FILE_V2: string;
export {};
