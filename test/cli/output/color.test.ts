// Colour: only on a terminal, never with NO_COLOR, forced with FORCE_COLOR (moved from test/cli/output.test.ts, extended).
import { describe, expect, it } from 'vitest';
import { colorEnabled, createPaint } from '../../../src/cli/output/color.js';

describe('colour', () => {
  it('is on for a terminal only, off with NO_COLOR, forced with FORCE_COLOR (NO_COLOR wins)', () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(true, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });

  it('paints only when enabled', () => {
    expect(createPaint(false).red('x')).toBe('x');
    expect(createPaint(true).red('x')).toBe('\u001b[31mx\u001b[39m');
  });

  it("treats FORCE_COLOR 'false' like '0', and an empty FORCE_COLOR as unset", () => {
    expect(colorEnabled(true, { FORCE_COLOR: 'false' })).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: '' })).toBe(false);
    expect(colorEnabled(true, { FORCE_COLOR: '' })).toBe(true);
    expect(colorEnabled(false, { FORCE_COLOR: '3' })).toBe(true);
  });

  it('paints each colour with its SGR pair, and says whether it is on', () => {
    const on = createPaint(true);
    expect(on.enabled).toBe(true);
    expect([on.red('x'), on.green('x'), on.yellow('x'), on.dim('x'), on.bold('x')]).toEqual([
      '\u001b[31mx\u001b[39m',
      '\u001b[32mx\u001b[39m',
      '\u001b[33mx\u001b[39m',
      '\u001b[2mx\u001b[22m',
      '\u001b[1mx\u001b[22m',
    ]);
    const off = createPaint(false);
    expect(off.enabled).toBe(false);
    expect([off.red('x'), off.green('x'), off.yellow('x'), off.dim('x'), off.bold('x')]).toEqual(['x', 'x', 'x', 'x', 'x']);
  });
});
