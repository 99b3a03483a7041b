/**
 * The checker's two outputs: a short summary per stream for people, and the
 * same content as a documented JSON report (docs/VERIFY.md) for machines.
 */
import { type VerifyReport } from '../integrity/verifier.js';
export declare const REPORT_FORMAT = "sealog-verify-report-v1";
export declare function formatText(r: VerifyReport, opts?: {
    maxFindingsPerStream?: number;
}): string;
export declare function formatJson(r: VerifyReport, extra?: Record<string, unknown>): string;
