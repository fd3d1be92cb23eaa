import { afterEach, describe, expect, it, vi } from 'vitest';
import { mintAccessToken, type MintAccessTokenOptions } from '../../src/mint/access-token.js';
import { parseToken } from '../../src/parse.js';
import { verified } from './verified.js';

const ACCOUNT = 'AC' + '0123456789abcdef'.repeat(2);
const KEY = 'SK' + 'fedcba9876543210'.repeat(2);
const APP = 'AP' + '1'.repeat(32);
const CREDENTIAL = 'CR' + '2'.repeat(32);
const SECRET = 'api-key-secret-abcdefghijklmnopqr';
const NOW_MS = 1_795_301_277_500;
const NOW = 1_795_301_277;

const base: MintAccessTokenOptions = { accountSid: ACCOUNT, keySid: KEY, secret: SECRET, identity: 'alice', now: () => NOW_MS };

async function configInvalid(options: unknown, mentions: string): Promise<void> {
  await expect(mintAccessToken(options as MintAccessTokenOptions)).rejects.toMatchObject({ name: 'CaptokenError', code: 'CONFIG_INVALID' });
  await expect(mintAccessToken(options as MintAccessTokenOptions)).rejects.toThrow(mentions);
}

describe('mintAccessToken', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the twilio header and claims, in twilio order; default ttl 3600', async () => {
    const token = await mintAccessToken(base);
    const { header, payload } = await verified(token, SECRET, NOW);
    expect(JSON.stringify(header)).toBe('{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}');
    expect(JSON.stringify(payload)).toBe(
      JSON.stringify({ jti: `${KEY}-${NOW}`, grants: { identity: 'alice' }, iat: NOW, exp: NOW + 3600, iss: KEY, sub: ACCOUNT }),
    );
  });

  it('writes nbf after grants and the region as twr', async () => {
    const token = await mintAccessToken({ ...base, nbf: NOW - 10, region: 'ie1' });
    const { header, payload } = parseToken(token);
    expect(header).toStrictEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1', twr: 'ie1' });
    expect(Object.keys(payload)).toStrictEqual(['jti', 'grants', 'nbf', 'iat', 'exp', 'iss', 'sub']);
    expect(payload['nbf']).toBe(NOW - 10);
  });

  it('writes the voice grant as VoiceGrant.toPayload does, then the other grants', async () => {
    const token = await mintAccessToken({
      ...base,
      voice: {
        incomingAllow: true,
        outgoingApplicationSid: APP,
        outgoingApplicationParams: { queue: 'sales' },
        pushCredentialSid: CREDENTIAL,
        endpointId: 'alice-phone',
      },
      grants: { video: { room: 'standup' } },
    });
    expect(JSON.stringify(parseToken(token).payload['grants'])).toBe(
      JSON.stringify({
        identity: 'alice',
        voice: {
          incoming: { allow: true },
          outgoing: { application_sid: APP, params: { queue: 'sales' } },
          push_credential_sid: CREDENTIAL,
          endpoint_id: 'alice-phone',
        },
        video: { room: 'standup' },
      }),
    );
  });

  it('omits incoming when incomingAllow is false, and writes an empty voice grant as {}', async () => {
    const off = await mintAccessToken({ ...base, voice: { incomingAllow: false } });
    expect(parseToken(off).payload['grants']).toStrictEqual({ identity: 'alice', voice: {} });
  });

  it('accepts a ttl of exactly 24 h', async () => {
    const token = await mintAccessToken({ ...base, ttl: 86_400 });
    expect(parseToken(token).payload['exp']).toBe(NOW + 86_400);
  });

  it('reads Date.now when no clock is given', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_MS);
    const { now: _now, ...options } = base;
    expect(parseToken(await mintAccessToken(options)).payload['jti']).toBe(`${KEY}-${NOW}`);
  });

  it.each<[string, unknown, string]>([
    ['options that are not an object', 'alice', 'options'],
    ['an unknown option', { ...base, algorithm: 'HS512' }, "'algorithm'"],
    ['a bad account sid', { ...base, accountSid: KEY }, 'accountSid'],
    ['a bad key sid', { ...base, keySid: ACCOUNT }, 'keySid'],
    ['a short secret', { ...base, secret: 'x'.repeat(31) }, '31 bytes'],
    ['no identity', { ...base, identity: undefined }, 'identity'],
    ['an empty identity', { ...base, identity: '' }, 'identity'],
    ['a numeric identity', { ...base, identity: 42 }, 'identity'],
    ['a ttl over 24 h', { ...base, ttl: 86_401 }, '86400'],
    ['ttl 0', { ...base, ttl: 0 }, 'ttl'],
    ['a fractional nbf', { ...base, nbf: NOW + 0.5 }, 'nbf'],
    ['a negative nbf', { ...base, nbf: -1 }, 'nbf'],
    ['an nbf at exp', { ...base, ttl: 60, nbf: NOW + 60 }, 'never be valid'],
    ['a region with uppercase', { ...base, region: 'IE1' }, 'region'],
    ['an empty region', { ...base, region: '' }, 'region'],
    ['voice that is not an object', { ...base, voice: true }, 'voice'],
    ['an unknown voice option', { ...base, voice: { incoming: true } }, "'incoming'"],
    ['a non-boolean incomingAllow', { ...base, voice: { incomingAllow: 'yes' } }, 'incomingAllow'],
    ['a bad outgoingApplicationSid', { ...base, voice: { outgoingApplicationSid: 'AP1' } }, 'outgoingApplicationSid'],
    ['params without an application', { ...base, voice: { outgoingApplicationParams: { a: 'b' } } }, "needs 'voice.outgoingApplicationSid'"],
    ['a non-string param', { ...base, voice: { outgoingApplicationSid: APP, outgoingApplicationParams: { a: 1 } } }, 'outgoingApplicationParams.a'],
    ['a bad pushCredentialSid', { ...base, voice: { pushCredentialSid: APP } }, 'pushCredentialSid'],
    ['an empty endpointId', { ...base, voice: { endpointId: '' } }, 'endpointId'],
    ['grants that are not an object', { ...base, grants: [] }, 'grants'],
    ['an identity grant', { ...base, grants: { identity: {} } }, "'identity' option"],
    ['a voice grant in grants', { ...base, grants: { voice: {} } }, "'voice' option"],
    ['a grant that is not an object', { ...base, grants: { video: 'room' } }, 'grants.video'],
    ['a grant that is an array', { ...base, grants: { video: ['room'] } }, 'grants.video'],
    ['a grant holding a function', { ...base, grants: { video: { room: () => 'r' } } }, 'grants.video.room'],
    ['a grant holding undefined', { ...base, grants: { video: { room: undefined } } }, 'grants.video.room'],
    ['a grant holding NaN', { ...base, grants: { video: { size: Number.NaN } } }, 'grants.video.size'],
    ['a grant holding a Date', { ...base, grants: { video: { at: new Date(0) } } }, 'grants.video.at'],
    ['a grant holding a reserved name', { ...base, grants: { video: JSON.parse('{"a":{"__proto__":1}}') as object } }, '__proto__'],
    ['a grant nested too deep', { ...base, grants: { deep: JSON.parse('{"a":'.repeat(70) + '1' + '}'.repeat(70)) as object } }, 'nested at most 64 levels deep'],
    ['a now returning Infinity', { ...base, now: () => Number.POSITIVE_INFINITY }, "'now' must return a finite, non-negative number"],
  ])('refuses %s: CONFIG_INVALID', async (_what, options, mentions) => {
    await configInvalid(options, mentions);
  });
});
