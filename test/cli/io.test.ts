// The real process surface: streams, terminal facts, environment and working directory.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processIo } from '../../src/cli/io.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('processIo', () => {
  it('reflects this process: env, cwd, and terminal facts as booleans', () => {
    const io = processIo();
    expect(io.env).toBe(process.env);
    expect(io.cwd).toBe(process.cwd());
    // isTTY is typed boolean but is undefined on a stream that is not a terminal
    expect(io.stdoutIsTTY).toBe((process.stdout as { isTTY?: boolean }).isTTY === true);
    expect(io.stderrIsTTY).toBe((process.stderr as { isTTY?: boolean }).isTTY === true);
    expect(typeof io.stdoutIsTTY).toBe('boolean');
  });

  it('writes to stdout and stderr, and reads all of stdin as UTF-8 (in a child process with pipes)', () => {
    const script = [
      "import { processIo } from './src/cli/io.ts';",
      'const io = processIo();',
      'const text = await io.readStdin();',
      "io.out(`out:${text.length}:${text}:${io.stdoutIsTTY}`);",
      "io.err(`err:${io.stderrIsTTY}`);",
    ].join('\n');
    const input = `${'é'.repeat(70_000)}\u{1F600}`; // several pipe chunks, multi-byte characters across their edges
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, input, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(`out:${input.length}:${input}:false`);
    expect(run.stderr).toBe('err:false');
  });
});
