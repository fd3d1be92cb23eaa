// Size limits, defined once in src/limits.ts and read by the parser, the verifier and the vectors.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LENGTH as PUBLIC_DEFAULT_MAX_LENGTH } from '../src/index.js';
import { DEFAULT_MAX_LENGTH } from '../src/limits.js';
import { parseToken } from '../src/parse.js';
import { codeOf } from './support/errors.js';

const PREFIX = 'eyJhbGciOiJIUzI1NiJ9.e30.'; // {"alg":"HS256"} . {} .

/** A well-formed token of exactly `length` characters: the signature is 'A's (canonical when length % 4 is not 1). */
function tokenOfLength(length: number): string {
  const signature = 'A'.repeat(length - PREFIX.length);
  expect(signature.length % 4).not.toBe(1);
  return PREFIX + signature;
}

describe('DEFAULT_MAX_LENGTH', () => {
  it('is 16 KiB of UTF-16 code units, and is the value the public entry point exports', () => {
    expect(DEFAULT_MAX_LENGTH).toBe(16 * 1024);
    expect(PUBLIC_DEFAULT_MAX_LENGTH).toBe(DEFAULT_MAX_LENGTH);
  });

  it("is parseToken's default: a token of exactly that length parses, one character more is TOKEN_TOO_LARGE", () => {
    expect(codeOf(() => parseToken(tokenOfLength(DEFAULT_MAX_LENGTH)))).toBeUndefined();
    expect(codeOf(() => parseToken(tokenOfLength(DEFAULT_MAX_LENGTH + 1)))).toBe('TOKEN_TOO_LARGE');
    // the length is checked before anything else: a longer string that is not even a token is still TOKEN_TOO_LARGE
    expect(codeOf(() => parseToken('+'.repeat(DEFAULT_MAX_LENGTH + 1)))).toBe('TOKEN_TOO_LARGE');
    expect(codeOf(() => parseToken('+'.repeat(DEFAULT_MAX_LENGTH)))).toBe('TOKEN_MALFORMED');
  });

  it('gives way to an explicit maxLength', () => {
    const token = tokenOfLength(DEFAULT_MAX_LENGTH + 3);
    expect(codeOf(() => parseToken(token, { maxLength: DEFAULT_MAX_LENGTH + 3 }))).toBeUndefined();
    expect(codeOf(() => parseToken(tokenOfLength(31), { maxLength: 30 }))).toBe('TOKEN_TOO_LARGE');
  });
});
