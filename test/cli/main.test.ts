/**
 * `sealog` loads only the module of the command it runs (src/cli/main.ts):
 * every command is still there, with its own help, and a name that is no
 * command still gets the whole list (help, suggestions).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/agent-process.js';

const COMMANDS = ['run', 'validate', 'keygen', 'verify', 'search', 'prove', 'verify-proof', 'verifier', 'index', 'spool'];

describe('sealog commands', () => {
  it('the root help lists every command, in order', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    const listed = [...r.stdout.matchAll(/^ {2}([a-z-]+)(?: |$)/gm)].map((m) => m[1]);
    expect(listed.filter((c) => c !== 'help')).toEqual(COMMANDS);
  });

  it.each(COMMANDS)('sealog %s --help', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: sealog ${cmd} `, 'm'));
  });

  it('the spool subcommands are there (inspect, verify, dlq)', async () => {
    const r = await runCli(['spool', '--help']);
    for (const sub of ['inspect', 'verify', 'dlq']) expect(r.stdout).toMatch(new RegExp(`^ {2}${sub}\\b`, 'm'));
  });

  it('an unknown command is a usage error that suggests the nearest one', async () => {
    const r = await runCli(['serch', '--key', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'serch'");
    expect(r.stderr).toContain('search');
  });
});
