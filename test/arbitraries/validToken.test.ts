import fc from 'fast-check';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { validToken } from '../../src/arbitraries/index.js';
import { fcParams, seeded } from '../support/fc.js';

describe('validToken', () => {
  it(seeded('is three base64url segments that decode (by Buffer and JSON.parse) to the parts'), () => {
    fc.assert(
      fc.property(validToken(), ({ token, header, payload, signature }) => {
        expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        const [h, p, s] = token.split('.') as [string, string, string];
        expect(JSON.parse(Buffer.from(h, 'base64url').toString('utf8'))).toStrictEqual(header);
        expect(JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))).toStrictEqual(payload);
        expect([...Buffer.from(s, 'base64url')]).toEqual([...signature]);
        expect(token.length).toBeLessThanOrEqual(16 * 1024);
      }),
      fcParams(),
    );
  });

  it(seeded('a third party agrees: jose decodes the same header and claims'), () => {
    fc.assert(
      fc.property(validToken(), ({ token, header, payload }) => {
        expect(jose.decodeProtectedHeader(token)).toStrictEqual(header);
        expect(jose.decodeJwt(token)).toStrictEqual(payload);
      }),
      fcParams(),
    );
  });
});
