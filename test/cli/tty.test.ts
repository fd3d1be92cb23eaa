// On a real terminal (a pty from util-linux `script`): the progress bar and colour appear; --json
// turns the bar off, NO_COLOR turns colour off. Skipped where `script` is not installed.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cliPath, fixture, ROOT } from './support.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const COLOUR = /\u001b\[[0-9;]*m/;
const BAR = /\r\u001b\[2Kconformance \[[#·]+\] +\d+%/;

/** Runs the CLI with stdin, stdout and stderr on a pseudo-terminal; returns everything it wrote. */
async function onTerminal(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, await cliPath(), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const append = (d: string): void => {
      output += d;
    };
    child.stdout.setEncoding('utf8').on('data', append);
    child.stderr.setEncoding('utf8').on('data', append);
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, output });
    });
  });
}

const RUN = ['conformance', '--adapter-module', fixture('captoken-src.ts'), '--runs', '30', '--seed', '1'];

describe.skipIf(!hasScript)('on a terminal', () => {
  it('draws a progress bar on stderr and colours the report', async () => {
    const { code, output } = await onTerminal(RUN);
    expect(code).toBe(0);
    expect(output).toMatch(BAR);
    expect(output).toMatch(/^captoken conformance: adapter /);
    expect(output).toMatch(/\r\u001b\[2Kconformance +\u001b\[32mPASS/);
  });

  it('--json: no progress bar, no colour, only the JSON document', async () => {
    const { code, output } = await onTerminal([...RUN, '--json']);
    expect(code).toBe(0);
    expect(output).not.toMatch(BAR);
    expect(output).not.toMatch(COLOUR);
    expect(JSON.parse(output)).toMatchObject({ ok: true, passed: true, seed: 1, kind: 'conformance' });
  });

  it('NO_COLOR: no colour (the progress bar stays)', async () => {
    const { output } = await onTerminal(RUN, { NO_COLOR: '1' });
    expect(output).toMatch(BAR);
    expect(output).not.toMatch(COLOUR);
  });
});
