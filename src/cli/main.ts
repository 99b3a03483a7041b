#!/usr/bin/env node
/**
 * `sealog`: one program, one subcommand per job. Each subcommand lives in its
 * own module and registers itself here. Exit codes: 0 success, 1 integrity
 * violation (verify), 2 usage error or unreadable input/config.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { registerDlqCommands } from './dlq.js';
import { registerIndexCommand } from './index-cmd.js';
import { registerKeygenCommand } from './keygen.js';
import { registerProveCommand } from './prove.js';
import { registerRunCommand } from './run.js';
import { registerSearchCommand } from './search.js';
import { registerSpoolCommands } from './spool.js';
import { registerSpoolVerifyCommand } from './spool-verify.js';
import { registerValidateCommand } from './validate.js';
import { registerVerifierCommand } from './verifier.js';
import { registerVerifyCommand } from './verify.js';
import { registerVerifyProofCommand } from './verify-proof.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('sealog')
    .description('Tamper-evident log forwarder: tail files and accept OTLP, hash-chain and sign at the source, spool durably, forward over OTLP, verify later.')
    .version(pkg.version)
    .showHelpAfterError()
    .exitOverride();
  registerRunCommand(program, pkg.version);
  registerValidateCommand(program);
  registerKeygenCommand(program);
  registerVerifyCommand(program);
  registerSearchCommand(program, pkg.version);
  registerProveCommand(program);
  registerVerifyProofCommand(program);
  registerVerifierCommand(program);
  registerIndexCommand(program);
  const spool = registerSpoolCommands(program);
  registerSpoolVerifyCommand(spool);
  registerDlqCommands(spool);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every other parse problem is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`sealog: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}

await main(process.argv);
