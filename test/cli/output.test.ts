// Unit tests of the shared output helpers: caret, colour, progress bar, secret redaction.
import { describe, expect, it } from 'vitest';
import { caretLines, CARET_CONTEXT } from '../../src/cli/output/caret.js';
import { colorEnabled, createPaint } from '../../src/cli/output/color.js';
import { createProgress } from '../../src/cli/output/progress.js';
import { redactOptionValues } from '../../src/cli/program.js';

/** The column of the caret, and the character of `line` above it. */
function under([line, caret]: [string, string]): { column: number; char: string | undefined } {
  const column = caret.indexOf('^');
  return { column, char: line[column] };
}

describe('caretLines', () => {
  it('points at the character at the offset of a short token, uncut', () => {
    const token = 'abc.de+f.ghi';
    const lines = caretLines(token, 6);
    expect(lines[0]).toBe(token);
    expect(under(lines)).toEqual({ column: 6, char: '+' });
    expect(lines[1]).toBe('      ^');
  });

  it('cuts a long token around the fault, with … on both sides, and the caret still on the faulty character', () => {
    const token = `${'A'.repeat(100)}=${'B'.repeat(100)}`;
    const lines = caretLines(token, 100);
    expect(lines[0]).toBe(`…${'A'.repeat(CARET_CONTEXT)}=${'B'.repeat(CARET_CONTEXT)}…`);
    expect(under(lines).char).toBe('=');
  });

  it('cuts only the side that is long', () => {
    const token = `ab+${'C'.repeat(200)}`;
    const [line, caret] = caretLines(token, 2);
    expect(line.startsWith('ab+')).toBe(true);
    expect(line.endsWith('…')).toBe(true);
    expect(caret).toBe('  ^');
  });

  it('for every offset of a long token, the caret stands under the token character at that offset', () => {
    const token = Array.from({ length: 150 }, (_, i) => String.fromCharCode(0x41 + (i % 26))).join('');
    for (let offset = 0; offset < token.length; offset++) {
      expect(under(caretLines(token, offset)).char, `offset ${offset}`).toBe(token[offset]);
    }
  });

  it('an offset at the end points just past the last character', () => {
    const [line, caret] = caretLines('abc.def.', 8);
    expect(line).toBe('abc.def.');
    expect(caret).toBe('        ^');
  });

  it('shows control and non-ASCII characters escaped, the caret under the escape', () => {
    const token = 'ab\ncd é.x';
    const [line, caret] = caretLines(token, 2);
    expect(line).toBe('ab\\ncd\\u0020\\u00e9.x');
    expect(caret).toBe('  ^~');
    const [, caretE] = caretLines(token, 6);
    expect(caretE.indexOf('^')).toBe(line.indexOf('\\u00e9'));
  });
});

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
});

describe('progress bar', () => {
  const stream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, isTTY, columns: 80, write: (s: string) => writes.push(s) };
  };

  it('draws on a terminal, redraws in place, and clears its line at the end', () => {
    const s = stream(true);
    let t = 0;
    const p = createProgress(s, 'conformance', true, () => (t += 100));
    p.update(1, 4);
    p.update(4, 4);
    p.finish();
    expect(s.writes).toHaveLength(3);
    expect(s.writes[0]).toMatch(/^\r\u001b\[2Kconformance \[#+·+\] {2}25% {2}1\/4$/);
    expect(s.writes[1]).toMatch(/\[#+\] 100% {2}4\/4$/);
    expect(s.writes[2]).toBe('\r\u001b[2K');
  });

  it('throttles redraws (but always draws the last one)', () => {
    const s = stream(true);
    const p = createProgress(s, 'x', true, () => 0);
    for (let i = 1; i <= 100; i++) p.update(i, 100);
    expect(s.writes).toHaveLength(2);
  });

  it('writes nothing when the stream is not a terminal, or when disabled (--json)', () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const s = stream(isTTY);
      const p = createProgress(s, 'x', enabled, () => 0);
      p.update(1, 2);
      p.update(2, 2);
      p.finish();
      expect(s.writes).toEqual([]);
    }
  });
});

describe('redactOptionValues', () => {
  it('never repeats the value of an --option=value commander quotes', () => {
    expect(redactOptionValues("error: unknown option '--secret=hunter2 hunter2'")).toBe("error: unknown option '--secret=…'");
    expect(redactOptionValues("error: unknown option '--bogus'")).toBe("error: unknown option '--bogus'");
  });
});
