// The context every command gets: colour per stream, the exit code, and a progress bar that --json silences.
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/cli/context.js';
import { EXIT_OK } from '../../src/cli/exit-codes.js';
import { fakeIo } from './fake-io.js';

describe('createContext', () => {
  it('starts at exit code 0, text output, on the given io', () => {
    const io = fakeIo();
    const ctx = createContext(io);
    expect(ctx.io).toBe(io);
    expect(ctx.exitCode).toBe(EXIT_OK);
    expect(ctx.json).toBe(false);
  });

  it('decides colour for stdout and stderr separately, each by its own terminal', () => {
    const ctx = createContext(fakeIo({ stdoutIsTTY: false, stderrIsTTY: true }));
    expect(ctx.out.enabled).toBe(false);
    expect(ctx.err.enabled).toBe(true);
    expect(ctx.out.red('x')).toBe('x');
    expect(ctx.err.red('x')).toBe('\u001b[31mx\u001b[39m');
  });

  it('honours NO_COLOR and FORCE_COLOR from the io environment', () => {
    expect(createContext(fakeIo({ stdoutIsTTY: true, stderrIsTTY: true, env: { NO_COLOR: '1' } })).err.enabled).toBe(false);
    expect(createContext(fakeIo({ env: { FORCE_COLOR: '1' } })).out.enabled).toBe(true);
  });

  it('draws the progress bar on stderr of a terminal, at its width', () => {
    const io = fakeIo({ stderrIsTTY: true, columns: 60 });
    const bar = createContext(io).progress('run');
    bar.update(1, 2);
    bar.finish();
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toHaveLength(2);
    // 60 columns - 'run' - 30 = 27 cells
    expect(io.stderr[0]).toMatch(/^\r\u001b\[2Krun \[[#·]{27}\] {2}50% {2}1\/2$/);
  });

  it('draws no progress bar once the command writes JSON, or when stderr is not a terminal', () => {
    const json = fakeIo({ stderrIsTTY: true });
    const ctx = createContext(json);
    ctx.json = true;
    const bar = ctx.progress('run');
    bar.update(1, 1);
    bar.finish();
    expect(json.stderr).toEqual([]);
    const piped = fakeIo({ stderrIsTTY: false });
    createContext(piped).progress('run').update(1, 1);
    expect(piped.stderr).toEqual([]);
  });
});
