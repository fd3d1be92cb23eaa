import { describe, expect, it } from 'vitest';
import { REGISTERED_CLAIMS, REGISTERED_HEADER_PARAMETERS, REGISTERED_JWS_ALGORITHMS } from '../../src/arbitraries/registered.js';

describe('the registries the generators model', () => {
  it('JWS algorithms: RFC 7518 §3.1 HS/RS/ES/PS and RFC 8037 EdDSA, never none', () => {
    expect([...REGISTERED_JWS_ALGORITHMS].sort()).toEqual(['ES256', 'ES384', 'ES512', 'EdDSA', 'HS256', 'HS384', 'HS512', 'PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512']);
    expect(REGISTERED_JWS_ALGORITHMS).not.toContain('none');
  });

  it('header parameters and claims whose meaning a parser must act on are registered (never drawn as private names)', () => {
    for (const name of ['crit', 'b64', 'jku', 'jwk', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'zip', 'enc']) expect(REGISTERED_HEADER_PARAMETERS.has(name), name).toBe(true);
    expect([...REGISTERED_CLAIMS].sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub']);
  });
});
