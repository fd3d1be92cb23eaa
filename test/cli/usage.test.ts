// --help on everything, --version, and what a bare or unknown command does.
import { describe, expect, it } from 'vitest';
import { cli, json } from './support.js';
import pkg from '../../package.json' with { type: 'json' };

const COMMANDS = ['decode', 'verify', 'mint', 'mint capability', 'mint access', 'vectors', 'conformance', 'check'];

describe('help and usage', () => {
  it('captoken --help lists every command and the exit codes (exit 0)', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: captoken \[options\] \[command\]/);
    for (const name of ['decode', 'verify', 'mint', 'vectors', 'conformance', 'check']) expect(run.stdout).toMatch(new RegExp(`\\n  ${name} `));
    expect(run.stdout).toContain('Exit codes:\n  0  pass');
  });

  it.each(COMMANDS)('captoken %s --help: usage, options, exit codes (exit 0)', async (command) => {
    const run = await cli([...command.split(' '), '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`^Usage: captoken ${command} `));
    expect(run.stdout).toContain('Exit codes:');
    if (command !== 'mint') expect(run.stdout).toContain('--json');
  });

  it('--version prints the package version', async () => {
    const run = await cli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });

  it('no command, or an unknown one, is a usage error (exit 2) with a hint', async () => {
    const bare = await cli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^Usage: captoken/);
    const unknown = await cli(['decod', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'decod'/);
    expect(unknown.stderr).toContain('(Did you mean decode?)');
  });

  it('with --json a usage error is also one JSON document on stdout', async () => {
    const run = await cli(['decode', '--json']);
    expect(run.code).toBe(2);
    expect(json(run)).toEqual({ ok: false, error: { code: 'USAGE', message: "missing required argument 'token'" } });
  });
});
