// The base64url alphabet: RFC 4648 §5, Table 2, in value order. This test restates the table from the
// RFC on purpose (an independent oracle), so a typo in the one definition cannot pass.
import { describe, expect, it } from 'vitest';
import { BASE64URL_ALPHABET } from '../../src/base64url/alphabet.js';
import { decodeBase64url, encodeBase64url } from '../../src/base64url/index.js';

/** RFC 4648 §5 Table 2, built from its ranges: 0-25 'A'-'Z', 26-51 'a'-'z', 52-61 '0'-'9', 62 '-', 63 '_'. */
function rfcTable(): string {
  const range = (from: string, count: number) => Array.from({ length: count }, (_, i) => String.fromCharCode(from.charCodeAt(0) + i)).join('');
  return `${range('A', 26)}${range('a', 26)}${range('0', 10)}-_`;
}

describe('BASE64URL_ALPHABET', () => {
  it('is RFC 4648 §5 Table 2, in value order', () => {
    expect(BASE64URL_ALPHABET).toBe(rfcTable());
    expect(BASE64URL_ALPHABET).toHaveLength(64);
    expect(BASE64URL_ALPHABET[0]).toBe('A');
    expect(BASE64URL_ALPHABET[62]).toBe('-');
    expect(BASE64URL_ALPHABET[63]).toBe('_');
  });

  it('has 64 distinct printable ASCII characters, none of the standard alphabet\'s "+", "/" or the pad "="', () => {
    expect(new Set(BASE64URL_ALPHABET).size).toBe(64);
    for (const ch of BASE64URL_ALPHABET) expect(/^[\x21-\x7e]$/.test(ch), ch).toBe(true);
    for (const ch of '+/=') expect(BASE64URL_ALPHABET).not.toContain(ch);
  });

  it('is the table the codec uses: each character decodes to its index', () => {
    // "X" followed by "A" carries X's 6 bits in the top of one byte: (index << 2).
    for (let value = 0; value < 64; value++) {
      const bytes = decodeBase64url(`${BASE64URL_ALPHABET[value]!}A`);
      expect(bytes, BASE64URL_ALPHABET[value]).toEqual(Uint8Array.of(value << 2));
    }
    // and the encoder writes them in the same order: 0x00 0x10 0x83 0x10 0x51 0x87 … spells the table
    const all = new Uint8Array(48);
    for (let i = 0; i < 16; i++) {
      const [a, b, c, d] = [4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3];
      all[3 * i] = (a << 2) | (b >> 4);
      all[3 * i + 1] = ((b & 0x0f) << 4) | (c >> 2);
      all[3 * i + 2] = ((c & 0x03) << 6) | d;
    }
    expect(encodeBase64url(all)).toBe(BASE64URL_ALPHABET);
  });
});
