#!/usr/bin/env node
/**
 * `sealog`: one program, one subcommand per job. Each subcommand lives in its
 * own module and registers itself here. Exit codes: 0 success, 1 integrity
 * violation (verify), 2 usage error or unreadable input/config.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Each command's module, loaded only when that command runs: `sealog search`
 * does not load the agent (undici, yaml, the pipeline), and `sealog run` does
 * not load the checker's tools. In the order of `sealog --help`.
 */
const COMMANDS: ReadonlyArray<[string, (program: Command) => Promise<void>]> = [
  ['run', async (p) => (await import('./run.js')).registerRunCommand(p, pkg.version)],
  ['validate', async (p) => (await import('./validate.js')).registerValidateCommand(p)],
  ['keygen', async (p) => (await import('./keygen.js')).registerKeygenCommand(p)],
  ['verify', async (p) => (await import('./verify.js')).registerVerifyCommand(p)],
  ['search', async (p) => (await import('./search.js')).registerSearchCommand(p, pkg.version)],
  ['prove', async (p) => (await import('./prove.js')).registerProveCommand(p)],
  ['verify-proof', async (p) => (await import('./verify-proof.js')).registerVerifyProofCommand(p)],
  ['verifier', async (p) => (await import('./verifier.js')).registerVerifierCommand(p)],
  ['index', async (p) => (await import('./index-cmd.js')).registerIndexCommand(p)],
  [
    'spool',
    async (p) => {
      const spool = (await import('./spool.js')).registerSpoolCommands(p);
      (await import('./spool-verify.js')).registerSpoolVerifyCommand(spool);
      (await import('./dlq.js')).registerDlqCommands(spool);
    },
  ],
];

/**
 * The program with the command `argv` names (its first argument), or with
 * every command when it names none of them (`--help`, `help`, a typo that
 * commander's suggestions need the whole list for).
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('sealog')
    .description('Tamper-evident log forwarder: tail files and accept OTLP, hash-chain and sign at the source, spool durably, forward over OTLP, verify later.')
    .version(pkg.version)
    .showHelpAfterError()
    .exitOverride();
  const named = COMMANDS.find(([name]) => name === argv[2]);
  for (const [, register] of named ? [named] : COMMANDS) await register(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    const program = await buildProgram(argv);
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
