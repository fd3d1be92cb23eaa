import { describe, expect, it } from 'vitest';
import { answerText, charAt, describeChar, escapeInvisible, escapeText, faultChars, segmentLengths, show, showToken } from '../../src/conformance/display.js';

describe('display: nothing invisible reaches the output raw', () => {
  it('escapeText escapes everything but printable ASCII; escapeInvisible only the invisible', () => {
    expect(escapeText('a b\n\t\u0000é\ud800')).toBe('a\\u0020b\\n\\t\\u0000\\u00e9\\ud800');
    expect(escapeInvisible('é ok\u00a0\u2028\ufeff\u200b😀\ud800x')).toBe('é ok\\u00a0\\u2028\\ufeff\\u200b😀\\ud800x');
    expect(show('a\u2028b')).toBe('"a\\u2028b"');
    expect(show('x'.repeat(200)).length).toBe(120);
  });

  it('showToken cuts a long token in the middle and says how long it is', () => {
    expect(showToken('abc')).toBe('abc');
    const long = showToken('a'.repeat(300) + 'Z', 20);
    expect(long).toBe(`${'a'.repeat(10)}…${'a'.repeat(9)}Z (301 characters)`);
  });

  it('locates characters: segment, offset in it and in the token, code point', () => {
    const token = 'eyJ+.e30.A\u00a0A';
    expect(describeChar(charAt(token, 3))).toBe("'+' header offset 3 (token offset 3, U+002B)");
    expect(describeChar(charAt(token, 10))).toBe("'\\u00a0' signature offset 1 (token offset 10, U+00A0)");
    expect(describeChar(charAt(token, 12))).toBe('the end of the token (offset 12)');
    expect(faultChars('ab-.c_.-', undefined, true).map((c) => c.offset)).toEqual([2, 5, 7]);
    expect(faultChars('ab', { offset: 1 }, false)).toEqual([{ segment: 'header', offset: 1, segmentOffset: 1, codePoint: 'U+0062', shown: 'b' }]);
    expect(segmentLengths('abcd.ef.g')).toBe('header 4 (≡ 0), payload 2 (≡ 2), signature 1 (≡ 1)');
    expect(segmentLengths('a.b')).toBe('2 segments');
  });

  it('answerText: accepts with the values, or rejects with the message and category', () => {
    expect(answerText({ ok: true, header: { alg: 'HS256' }, payload: {} })).toBe('accepts: header {"alg":"HS256"}, payload {}');
    expect(answerText({ ok: false, error: 'bad\u2028x', category: 'json' })).toBe('rejects: "bad\\u2028x" [json]');
  });
});
