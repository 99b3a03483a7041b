import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerValidateCommand, runValidate } from '../../src/cli/validate.js';
import { FIXTURES, minimal } from './helpers.js';

function capture(): { write(s: string): void; text: string } {
  return {
    text: '',
    write(s: string) {
      this.text += s;
    },
  };
}

describe('sealog validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealog-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints FILE: ok with a summary and returns 0 for a valid file', () => {
    const out = capture();
    const err = capture();
    const code = runValidate(FIXTURES + 'valid.yaml', out, err, { INGEST_TOKEN: 't' });
    expect(code).toBe(0);
    expect(out.text).toBe(`${FIXTURES}valid.yaml: ok (2 pipelines, 2 receivers, 4 processors, 2 exporters, agent id web-01)\n`);
    expect(err.text).toBe('');
  });

  it('prints every issue as file:line: path: message (hint) on stderr and returns 2', () => {
    const out = capture();
    const err = capture();
    const file = FIXTURES + 'bad_many.yaml';
    expect(runValidate(file, out, err, {})).toBe(2);
    expect(out.text).toBe('');
    const lines = err.text.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(`${file}:4: receivers.filelog.start_at: must be one of end, beginning, got "middle"`);
    expect(lines[3]).toBe(`${file}:9: integrity.generate_key: expected true or false, got the string "yes" (YAML 1.2 booleans are only true and false)`);
    expect(lines[5]).toBe(`${file}: 5 problems`);
  });

  it('reports a missing file at line 0 and returns 2', () => {
    const err = capture();
    const file = join(dir, 'nope.yaml');
    expect(runValidate(file, capture(), err, {})).toBe(2);
    expect(err.text).toBe(`${file}:0: cannot read the config: file not found (check the path given with -c)\n${file}: 1 problem\n`);
  });

  it('is registered as a subcommand that requires -c and sets exit code 2 on an invalid file', async () => {
    const program = new Command('sealog').exitOverride();
    program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    const out = capture();
    const err = capture();
    registerValidateCommand(program, { out, err });
    await expect(program.parseAsync(['validate'], { from: 'user' })).rejects.toBeInstanceOf(CommanderError);

    const file = join(dir, 'bad.yaml');
    writeFileSync(file, minimal().replace('integrity: { key: /tmp/sealog-test.key }', 'integrity: { key: /tmp/k, rotate: 10 }'));
    const before = process.exitCode;
    try {
      await program.parseAsync(['validate', '-c', file], { from: 'user' });
      expect(process.exitCode).toBe(2);
      expect(err.text).toContain(`${file}:6: integrity.rotate: duration 10 has no unit`);
    } finally {
      process.exitCode = before;
    }
  });
});
