// Type-level tests (vitest --typecheck): the public error types are closed and precise.
import { describe, expectTypeOf, it } from 'vitest';
import { CAPTOKEN_ERROR_CODES, CaptokenError, isCaptokenError, type CaptokenErrorCode, type TokenSegment } from '../../src/index.js';
import type { VerifyResultEvent } from '../../src/index.js';
import { DOCUMENTED_CODES } from './codes.js';

describe('CaptokenErrorCode', () => {
  it('is exactly the documented codes: no more, no fewer', () => {
    expectTypeOf<CaptokenErrorCode>().toEqualTypeOf<(typeof DOCUMENTED_CODES)[number]>();
  });

  it('is a closed union of string literals, not string', () => {
    expectTypeOf<string>().not.toExtend<CaptokenErrorCode>();
    expectTypeOf<'NOT_A_CODE'>().not.toExtend<CaptokenErrorCode>();
    // @ts-expect-error an unknown code is a compile error
    const unknown: CaptokenErrorCode = 'BASE64URL_WHITESPACE';
    expectTypeOf(unknown).toBeString();
  });

  it('lets a switch be exhaustive (the default branch is `never`)', () => {
    function label(code: CaptokenErrorCode): string {
      switch (code) {
        case 'BASE64URL_INVALID_CHAR':
        case 'BASE64URL_PADDING':
        case 'BASE64URL_LENGTH':
        case 'BASE64URL_NONCANONICAL':
          return 'encoding';
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
        case 'CONFIG_INVALID':
          return 'verification';
        default:
          expectTypeOf(code).toBeNever();
          return code;
      }
    }
    expectTypeOf(label).returns.toBeString();
  });

  it('types the exported list, the error and the guard with it', () => {
    expectTypeOf(CAPTOKEN_ERROR_CODES).toEqualTypeOf<readonly CaptokenErrorCode[]>();
    expectTypeOf<CaptokenError['code']>().toEqualTypeOf<CaptokenErrorCode>();
    expectTypeOf<CaptokenError['segment']>().toEqualTypeOf<TokenSegment | undefined>();
    expectTypeOf<VerifyResultEvent['code']>().toEqualTypeOf<CaptokenErrorCode | undefined>();
    const value: unknown = new Error('x');
    if (isCaptokenError(value)) expectTypeOf(value.code).toEqualTypeOf<CaptokenErrorCode>();
  });
});
