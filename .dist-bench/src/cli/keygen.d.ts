/** `sealog keygen --out DIR`: a new Ed25519 signing key (0600) and its public key (the checker's trust anchor). */
import type { Command } from 'commander';
export declare function registerKeygenCommand(program: Command): void;
