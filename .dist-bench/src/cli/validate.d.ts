/**
 * `sealog validate -c FILE`: checks a config file without starting anything.
 * Exit 0 and a one-line summary on stdout, or exit 2 with every problem on
 * stderr as `file:line: path: message (hint)`.
 */
import type { Command } from 'commander';
import type { SealogConfig } from '../config/types.js';
/** `2 pipelines, 3 receivers, 1 processor, 2 exporters, spool /var/lib/sealog/spool` */
export declare function summarizeConfig(c: SealogConfig): string;
export interface TextSink {
    write(s: string): unknown;
}
/**
 * Validates one file, writes the result, returns the exit code (0 valid,
 * 2 invalid or unreadable).
 */
export declare function runValidate(file: string, out: TextSink, err: TextSink, env?: Record<string, string | undefined>): number;
/** Adds `validate`; `io` defaults to the process's stdout and stderr. */
export declare function registerValidateCommand(program: Command, io?: {
    out: TextSink;
    err: TextSink;
}): void;
