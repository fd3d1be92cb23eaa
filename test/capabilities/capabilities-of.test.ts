import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/capabilities/capabilities-of.js';
import { CaptokenError } from '../../src/errors.js';
import type { JsonObject } from '../../src/json.js';
import { tokenFormat } from '../../src/format.js';

const ACCOUNT = 'AC' + 'a'.repeat(32);
const KEY = 'SK' + 'b'.repeat(32);
const APP = 'AP' + '1'.repeat(32);
const ACCESS = { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' };

function claimError(header: JsonObject, payload: JsonObject): CaptokenError {
  try {
    capabilitiesOf({ header, payload });
  } catch (error) {
    expect(error).toBeInstanceOf(CaptokenError);
    return error as CaptokenError;
  }
  throw new Error('expected a CaptokenError');
}

describe('format', () => {
  it.each<[JsonObject, JsonObject]>([
    [ACCESS, { iss: KEY, sub: ACCOUNT, grants: {}, scope: 'scope:a:b' }],
    [{ alg: 'HS256' }, { iss: ACCOUNT, scope: '' }],
    [{ alg: 'HS256', cty: 'twilio-fpa;v=2' }, { grants: {} }],
    [{ alg: 'HS256' }, { sub: 'x', grants: { voice: {} } }],
  ])('is what tokenFormat says for %j / %j', (header, payload) => {
    expect(capabilitiesOf({ header, payload }).format).toBe(tokenFormat(header, payload));
  });
});

describe('capabilitiesOf', () => {
  it('capability token: account is iss, identity the first incoming clientName', () => {
    const scope = `scope:client:outgoing?appSid=${APP}&clientName=bob scope:client:incoming?clientName=alice`;
    expect(capabilitiesOf({ header: { alg: 'HS256' }, payload: { iss: ACCOUNT, scope } })).toStrictEqual({
      format: 'capability',
      identity: 'alice',
      account: ACCOUNT,
      capabilities: [
        { service: 'client', privilege: 'outgoing', params: { appSid: APP, clientName: 'bob' } },
        { service: 'client', privilege: 'incoming', params: { clientName: 'alice' } },
      ],
    });
  });

  it('capability token: identity falls back to the outgoing clientName, and is absent without one', () => {
    const outgoing = capabilitiesOf({ header: {}, payload: { iss: ACCOUNT, scope: `scope:client:outgoing?appSid=${APP}&clientName=bob` } });
    expect(outgoing.identity).toBe('bob');
    const none = capabilitiesOf({ header: {}, payload: { iss: ACCOUNT, scope: 'scope:stream:subscribe?path=/2010-04-01/Events' } });
    expect('identity' in none).toBe(false);
  });

  it('access token: account is sub, identity and grants from grants', () => {
    const grants = { identity: 'alice', voice: { incoming: { allow: true }, outgoing: { application_sid: APP } }, chat: { service_sid: 'IS1' } };
    expect(capabilitiesOf({ header: ACCESS, payload: { jti: `${KEY}-1`, iss: KEY, sub: ACCOUNT, grants } })).toStrictEqual({
      format: 'access',
      identity: 'alice',
      account: ACCOUNT,
      capabilities: [
        { service: 'client', privilege: 'incoming', params: { clientName: 'alice' } },
        { service: 'client', privilege: 'outgoing', params: { appSid: APP, clientName: 'alice' } },
      ],
      grants,
    });
  });

  it('access token without an identity has no identity member', () => {
    const set = capabilitiesOf({ header: ACCESS, payload: { iss: KEY, sub: ACCOUNT, grants: { video: {} } } });
    expect(set).toStrictEqual({ format: 'access', account: ACCOUNT, capabilities: [], grants: { video: {} } });
  });

  it('any other JWT has no capabilities (deny by default)', () => {
    expect(capabilitiesOf({ header: { alg: 'HS256' }, payload: { sub: 'x', grants: { voice: { incoming: { allow: true } } } } })).toStrictEqual({
      format: 'jwt',
      capabilities: [],
    });
  });

  it.each<[string, JsonObject, JsonObject, string]>([
    ['capability token without iss', { alg: 'HS256' }, { scope: '' }, 'iss'],
    ['capability token with a numeric iss', { alg: 'HS256' }, { scope: '', iss: 1 }, 'iss'],
    ['capability token with a non-string scope', { alg: 'HS256' }, { scope: null, iss: ACCOUNT }, 'scope'],
    ['access token without sub', ACCESS, { iss: KEY, grants: {} }, 'sub'],
    ['access token without iss', ACCESS, { sub: ACCOUNT, grants: {} }, 'iss'],
    ['access token without grants', ACCESS, { iss: KEY, sub: ACCOUNT }, 'grants'],
    ['access token without grants but with a scope', ACCESS, { iss: KEY, sub: ACCOUNT, scope: 'scope:a:b' }, 'grants'],
    ['access token with grants as a string', ACCESS, { iss: KEY, sub: ACCOUNT, grants: 'voice' }, 'grants'],
    ['capability token with a numeric scope', { alg: 'HS256' }, { scope: 42, iss: ACCOUNT }, 'scope'],
  ])('%s is CLAIM_INVALID on that claim', (_what, header, payload, claim) => {
    expect(claimError(header, payload)).toMatchObject({ code: 'CLAIM_INVALID', claim });
  });

  it('a malformed scope is CLAIM_INVALID with its index, never skipped', () => {
    expect(claimError({}, { iss: ACCOUNT, scope: 'scope:client:incoming?clientName=a scope:bad' })).toMatchObject({
      code: 'CLAIM_INVALID',
      claim: 'scope',
      index: 1,
    });
  });

  it.each([[null], ['token'], [{}], [{ header: {}, payload: [] }], [{ header: null, payload: {} }]])(
    'refuses %j as CONFIG_INVALID (not a parsed or verified token)',
    (value) => {
      expect(() => capabilitiesOf(value as never)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    },
  );
});
