/**
 * `sealog spool verify --dir DIR --key PUB [--json] [--strict]`: every frame's
 * CRC plus the chain and seals of everything still in a local spool. Read-only
 * (no lock), so it runs next to a live agent. Exit codes as `sealog verify`.
 */
import type { Command } from 'commander';
export declare function registerSpoolVerifyCommand(spool: Command): void;
