// RFC 7515 Appendix A examples: A.1 (HS256, JWK key), A.2 (RS256), A.3 (ES256) verify with a clock
// before their exp (1300819380); A.5 (alg none) is rejected.
import { describe, expect, it } from 'vitest';
import { createJwsVerifier, createVerifier } from '../../src/verify/index.js';
import { buildVerifier } from '../../src/verify/verifier.js';
import { cryptoProvider as web } from '../../src/verify/crypto-web.js';
import { expectCode, expectRejectCode } from './support.js';

const PAYLOAD = 'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ';
const BEFORE_EXP = () => 1300819379 * 1000;
const AT_EXP = () => 1300819380 * 1000;

const A1 = {
  token: `eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.${PAYLOAD}.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`,
  key: { kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' },
  alg: 'HS256' as const,
};
const A2 = {
  token:
    `eyJhbGciOiJSUzI1NiJ9.${PAYLOAD}.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw`,
  key: {
    kty: 'RSA',
    n: 'ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ',
    e: 'AQAB',
  },
  alg: 'RS256' as const,
};
const A3 = {
  token: `eyJhbGciOiJFUzI1NiJ9.${PAYLOAD}.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q`,
  key: { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' },
  alg: 'ES256' as const,
};
const A5 = `eyJhbGciOiJub25lIn0.${PAYLOAD}.`;

describe('RFC 7515 Appendix A', () => {
  for (const [name, example] of [
    ['A.1 HS256 (JWK oct key)', A1],
    ['A.2 RS256', A2],
    ['A.3 ES256', A3],
  ] as const) {
    it(`${name} verifies before exp, on the Node and the WebCrypto paths`, async () => {
      const options = { algorithms: [example.alg], key: example.key, now: BEFORE_EXP };
      const verified = createVerifier(options).verifySync(example.token);
      expect(verified.alg).toBe(example.alg);
      expect(verified.payload).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
      expect((await buildVerifier(options, web).verify(example.token)).payload).toEqual(verified.payload);
      expect(new TextDecoder().decode(createJwsVerifier({ algorithms: [example.alg], key: example.key }).verifySync(example.token).payload)).toBe(
        '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}',
      );
    });

    it(`${name} is expired at exp (1300819380)`, () => {
      expectCode(() => createVerifier({ algorithms: [example.alg], key: example.key, now: AT_EXP }).verifySync(example.token), 'TOKEN_EXPIRED');
    });
  }

  it('A.5 (alg none, empty signature) is rejected whatever the verifier allows', async () => {
    const verifier = createVerifier({ algorithms: ['HS256'], key: A1.key, now: BEFORE_EXP });
    expectCode(() => verifier.verifySync(A5), 'TOKEN_MALFORMED');
    await expectRejectCode(verifier.verify(A5), 'TOKEN_MALFORMED');
    // With a signature segment appended, it is the alg that is refused.
    const err = expectCode(() => verifier.verifySync(`${A5}AAAA`), 'ALG_NOT_ALLOWED');
    expect(err.claim).toBe('alg');
    expectCode(() => createVerifier({ algorithms: ['none' as 'HS256'], key: A1.key }), 'CONFIG_INVALID');
  });
});
