// CaptokenError: one class, a closed union of stable codes, details that locate the fault.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CAPTOKEN_ERROR_CODES, CaptokenError, isCaptokenError, type CaptokenErrorCode, type CaptokenErrorJson, type TokenSegment } from '../src/errors.js';
import { parseToken } from '../src/parse.js';

/**
 * Every code, as an object literal typed by the union: adding a code to the union without listing it
 * here fails to compile (missing property), and listing a code the union lacks fails too (excess
 * property). So this record is the union, checked by the compiler.
 */
const EVERY_CODE: Record<CaptokenErrorCode, true> = {
  BASE64URL_INVALID_CHAR: true,
  BASE64URL_PADDING: true,
  BASE64URL_LENGTH: true,
  BASE64URL_NONCANONICAL: true,
  TOKEN_MALFORMED: true,
  TOKEN_TOO_LARGE: true,
  TOKEN_UTF8: true,
  TOKEN_JSON: true,
  TOKEN_DUPLICATE_MEMBER: true,
  TOKEN_FORBIDDEN_MEMBER: true,
  ALG_NOT_ALLOWED: true,
  KEY_NOT_FOUND: true,
  KEY_SOURCE_UNAVAILABLE: true,
  KEY_ASYNC: true,
  SIGNATURE_INVALID: true,
  TOKEN_EXPIRED: true,
  TOKEN_NOT_YET_VALID: true,
  CLAIM_INVALID: true,
  CRIT_UNSUPPORTED: true,
  CAPABILITY_MISSING: true,
  CONFIG_INVALID: true,
};

/** An exhaustive switch: with a new code this stops compiling at the `never` assignment. */
function layer(code: CaptokenErrorCode): 'codec' | 'structure' | 'verification' | 'config' {
  switch (code) {
    case 'BASE64URL_INVALID_CHAR':
    case 'BASE64URL_PADDING':
    case 'BASE64URL_LENGTH':
    case 'BASE64URL_NONCANONICAL':
      return 'codec';
    case 'TOKEN_MALFORMED':
    case 'TOKEN_TOO_LARGE':
    case 'TOKEN_UTF8':
    case 'TOKEN_JSON':
    case 'TOKEN_DUPLICATE_MEMBER':
    case 'TOKEN_FORBIDDEN_MEMBER':
      return 'structure';
    case 'ALG_NOT_ALLOWED':
    case 'KEY_NOT_FOUND':
    case 'KEY_SOURCE_UNAVAILABLE':
    case 'KEY_ASYNC':
    case 'SIGNATURE_INVALID':
    case 'TOKEN_EXPIRED':
    case 'TOKEN_NOT_YET_VALID':
    case 'CLAIM_INVALID':
    case 'CRIT_UNSUPPORTED':
    case 'CAPABILITY_MISSING':
      return 'verification';
    case 'CONFIG_INVALID':
      return 'config';
    default: {
      const unreachable: never = code;
      throw new Error(`unknown code ${String(unreachable)}`);
    }
  }
}

describe('CAPTOKEN_ERROR_CODES', () => {
  it('lists every code of the union exactly once', () => {
    expect(new Set(CAPTOKEN_ERROR_CODES).size).toBe(CAPTOKEN_ERROR_CODES.length);
    expect([...CAPTOKEN_ERROR_CODES].sort()).toEqual(Object.keys(EVERY_CODE).sort());
  });

  it('is frozen', () => {
    expect(Object.isFrozen(CAPTOKEN_ERROR_CODES)).toBe(true);
    expect(() => (CAPTOKEN_ERROR_CODES as CaptokenErrorCode[]).push('CONFIG_INVALID')).toThrow(TypeError);
  });

  it('every code belongs to a layer (exhaustive switch)', () => {
    const layers = CAPTOKEN_ERROR_CODES.map(layer);
    expect(layers.filter((l) => l === 'codec')).toHaveLength(4);
    expect(layers.filter((l) => l === 'structure')).toHaveLength(6);
  });

  it('the union is closed at the type level', () => {
    expectTypeOf<(typeof CAPTOKEN_ERROR_CODES)[number]>().toEqualTypeOf<CaptokenErrorCode>();
    expectTypeOf<'BASE64URL_PADDING'>().toExtend<CaptokenErrorCode>();
    expectTypeOf<'SOMETHING_ELSE'>().not.toExtend<CaptokenErrorCode>();
    expectTypeOf<string>().not.toExtend<CaptokenErrorCode>();
    expectTypeOf<TokenSegment>().toEqualTypeOf<'header' | 'payload' | 'signature'>();
  });
});

describe('CaptokenError', () => {
  it('is an Error with name, code, message and a stack', () => {
    const error = new CaptokenError('TOKEN_JSON', 'the payload segment is not valid JSON', { offset: 37, segment: 'payload' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(CaptokenError);
    expect(error.name).toBe('CaptokenError');
    expect(error.code).toBe('TOKEN_JSON');
    expect(error.message).toBe('the payload segment is not valid JSON');
    expect(error.offset).toBe(37);
    expect(error.segment).toBe('payload');
    expect(String(error)).toBe('CaptokenError: the payload segment is not valid JSON');
    expect(error.stack).toContain('CaptokenError');
  });

  it('carries claim and index for claim errors, and leaves absent details absent', () => {
    const error = new CaptokenError('CAPABILITY_MISSING', 'scope lacks a capability', { claim: 'scope', index: 2 });
    expect(error).toMatchObject({ claim: 'scope', index: 2 });
    const bare = new CaptokenError('TOKEN_MALFORMED', 'x');
    // Absent details are absent, not own properties holding undefined.
    for (const key of ['offset', 'segment', 'claim', 'index'] as const) {
      expect(bare[key], key).toBeUndefined();
      expect(key in bare, key).toBe(false);
    }
    const undefinedDetails = new CaptokenError('TOKEN_MALFORMED', 'x', { offset: undefined, segment: undefined });
    expect(undefinedDetails.offset).toBeUndefined();
    expect(JSON.parse(JSON.stringify(bare))).toEqual({ name: 'CaptokenError', code: 'TOKEN_MALFORMED', message: 'x' });
    // 0 is a real offset, not an absent one.
    expect(new CaptokenError('TOKEN_MALFORMED', 'x', { offset: 0, index: 0 })).toMatchObject({ offset: 0, index: 0 });
  });

  it('serialises code and details with JSON.stringify (for logs)', () => {
    const error = new CaptokenError('BASE64URL_PADDING', 'm', { offset: 3, segment: 'header' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'CaptokenError', code: 'BASE64URL_PADDING', message: 'm', offset: 3, segment: 'header' });
  });

  it('finding 11: a CaptokenError passed to JSON.stringify keeps its message (toJSON: code, message, offset, segment, claim, index; never a token)', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6MX0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2ln';
    let error: unknown;
    try {
      parseToken(`${token}=`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CaptokenError);
    const json = JSON.parse(JSON.stringify({ error })) as { error: Record<string, unknown> };
    expect(json.error).toStrictEqual({
      name: 'CaptokenError',
      code: (error as CaptokenError).code,
      message: (error as CaptokenError).message,
      offset: (error as CaptokenError).offset,
      segment: 'signature',
    });
    expect(JSON.stringify(error)).not.toContain(token.slice(0, 20));
    expect(JSON.stringify(error)).not.toContain('stack');
    const full = new CaptokenError('CLAIM_INVALID', 'm', { offset: 1, segment: 'payload', claim: 'scope', index: 2 }).toJSON();
    expect(Object.keys(full)).toStrictEqual(['name', 'code', 'message', 'offset', 'segment', 'claim', 'index']);
    expectTypeOf(full).toEqualTypeOf<CaptokenErrorJson>();
  });
});

describe('isCaptokenError', () => {
  it('is true for CaptokenError', () => {
    expect(isCaptokenError(new CaptokenError('KEY_ASYNC', 'm'))).toBe(true);
  });

  it('is true for a CaptokenError from another copy of the package or realm (name and string code)', () => {
    const foreign = Object.assign(new Error('m'), { name: 'CaptokenError', code: 'TOKEN_JSON' });
    expect(isCaptokenError(foreign)).toBe(true);
  });

  it('is false for everything else', () => {
    for (const value of [
      new Error('m'),
      new TypeError('m'),
      Object.assign(new Error('m'), { name: 'CaptokenError' }), // no code
      Object.assign(new Error('m'), { name: 'CaptokenError', code: 42 }),
      Object.assign(new Error('m'), { code: 'TOKEN_JSON' }), // wrong name
      { name: 'CaptokenError', code: 'TOKEN_JSON', message: 'm' }, // not an Error
      'CaptokenError',
      null,
      undefined,
    ]) {
      expect(isCaptokenError(value)).toBe(false);
    }
  });

  it('narrows the type', () => {
    const value: unknown = new CaptokenError('TOKEN_UTF8', 'm');
    if (isCaptokenError(value)) expectTypeOf(value.code).toEqualTypeOf<CaptokenErrorCode>();
  });
});
