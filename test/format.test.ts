// tokenFormat: the one place a token's format (capability, access, plain JWT) is decided.
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_CTY, tokenFormat, type TokenFormat } from '../src/format.js';
import type { JsonObject } from '../src/json.js';

describe('ACCESS_TOKEN_CTY', () => {
  it("is the Twilio access token's content type", () => {
    expect(ACCESS_TOKEN_CTY).toBe('twilio-fpa;v=1');
  });
});

describe('tokenFormat', () => {
  it.each<[JsonObject, JsonObject, TokenFormat]>([
    // access: the cty AND a grants object
    [{ cty: 'twilio-fpa;v=1' }, { grants: {} }, 'access'],
    [{ alg: 'HS256', cty: 'twilio-fpa;v=1' }, { grants: { identity: 'alice' } }, 'access'],
    // access wins over a scope string when both are present
    [{ cty: 'twilio-fpa;v=1' }, { grants: {}, scope: 'scope:a:b' }, 'access'],
    // grants that are not an object: not an access token
    [{ cty: 'twilio-fpa;v=1' }, { grants: [] }, 'jwt'],
    [{ cty: 'twilio-fpa;v=1' }, { grants: null }, 'jwt'],
    [{ cty: 'twilio-fpa;v=1' }, { grants: 'x' }, 'jwt'],
    [{ cty: 'twilio-fpa;v=1' }, {}, 'jwt'],
    // a grants object without the cty (or with another version) is not an access token
    [{}, { grants: {} }, 'jwt'],
    [{ cty: 'twilio-fpa;v=2' }, { grants: {} }, 'jwt'],
    [{ cty: 'TWILIO-FPA;V=1' }, { grants: {} }, 'jwt'],
    // capability: a string scope, even an empty one
    [{}, { scope: 'scope:client:incoming?clientName=alice' }, 'capability'],
    [{ alg: 'HS256' }, { scope: '' }, 'capability'],
    [{ cty: 'twilio-fpa;v=1' }, { grants: [], scope: 'scope:a:b' }, 'capability'],
    // a scope that is not a string: a plain JWT
    [{}, { scope: ['scope:x'] }, 'jwt'],
    [{}, { scope: 1 }, 'jwt'],
    [{}, {}, 'jwt'],
  ])('%j / %j is %s', (header, payload, expected) => {
    expect(tokenFormat(header, payload)).toBe(expected);
  });
});
