/**
 * `sealog run -c FILE`: the daemon.
 *   SIGTERM / SIGINT  stop inputs, seal, flush the spool, drain exporters, exit 0
 *   SIGHUP            reload the config; an invalid one is logged and the old one kept
 * Exit codes: 0 clean stop, 1 failed to start or crashed, 2 invalid config.
 */
import type { Command } from 'commander';
export declare function registerRunCommand(program: Command, version: string): void;
export declare function runAgent(configPath: string, version: string): Promise<number>;
