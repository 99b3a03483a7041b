/**
 * `sealog verify --key PUB [--json] [--strict] [--max-age D] FILE...`
 * Exit codes: 0 intact, 1 integrity violation, 2 usage error or unreadable input.
 */
import type { Command } from 'commander';
export interface VerifyCliOptions {
    key: string[];
    keyFor?: string[];
    json?: boolean;
    strict?: boolean;
    maxAge?: string;
    expectFrom?: string;
    stream: string[];
    since?: string;
    until?: string;
    witness: string[];
    progress?: boolean;
}
export declare function registerVerifyCommand(program: Command): void;
export declare function runVerify(files: string[], o: VerifyCliOptions): Promise<number>;
