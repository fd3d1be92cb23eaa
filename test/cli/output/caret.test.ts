// The caret under a token's faulty character (moved from test/cli/output.test.ts, plus the cases below).
import { describe, expect, it } from 'vitest';
import { caretLines, CARET_CONTEXT } from '../../../src/cli/output/caret.js';

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

  it('clamps an offset outside the token to its ends', () => {
    expect(caretLines('abc', -5)).toEqual(['abc', '^']);
    expect(caretLines('abc', 99)).toEqual(['abc', '   ^']);
  });

  it('takes a narrower context when asked', () => {
    expect(caretLines('0123456789', 5, 2)).toEqual(['…34567…', '   ^']);
  });

  it('shows an empty token as an empty line with the caret at 0', () => {
    expect(caretLines('', 0)).toEqual(['', '^']);
  });

  it('is 30 characters of context by default', () => {
    expect(CARET_CONTEXT).toBe(30);
  });
});
