// The program: where thrown errors become exit codes, and commander's messages are made safe to print.
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { redactOptionValues, runCli } from '../../src/cli/program.js';
import pkg from '../../package.json' with { type: 'json' };
import { fakeIo } from './fake-io.js';

describe('redactOptionValues', () => {
  it('never repeats the value of an --option=value commander quotes', () => {
    expect(redactOptionValues("error: unknown option '--secret=hunter2 hunter2'")).toBe("error: unknown option '--secret=…'");
    expect(redactOptionValues("error: unknown option '--bogus'")).toBe("error: unknown option '--bogus'");
  });

  it('redacts every quoted --option=value in a message, short options included', () => {
    expect(redactOptionValues("'--a=1' and '-k=v' but not 'plain'")).toBe("'--a=…' and '-k=…' but not 'plain'");
  });
});

describe('runCli', () => {
  it('prints the version and exits 0', async () => {
    const io = fakeIo();
    expect(await runCli(['--version'], io)).toBe(EXIT_OK);
    expect(io.stdout.join('')).toBe(`${pkg.version}\n`);
  });

  it('exits 2 on an unknown option, never repeating a value given with it', async () => {
    const io = fakeIo();
    expect(await runCli(['decode', '--secret=hunter2hunter2', 'x'], io)).toBe(EXIT_USAGE);
    const printed = io.stdout.join('') + io.stderr.join('');
    expect(printed).toContain("'--secret=…'");
    expect(printed).not.toContain('hunter2');
  });

  it('with --json, reports a usage error as one JSON document on stdout', async () => {
    const io = fakeIo();
    expect(await runCli(['decode', '--json', '--bogus', 'x'], io)).toBe(EXIT_USAGE);
    const doc = JSON.parse(io.stdout.join('')) as { ok: boolean; error: { code: string; message: string } };
    expect(doc.ok).toBe(false);
    expect(doc.error.code).toBe('USAGE');
    expect(doc.error.message).toContain('--bogus');
  });
});
