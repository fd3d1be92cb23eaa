import { afterEach, describe, expect, it, vi } from 'vitest';
import { mintCapabilityToken, type MintCapabilityTokenOptions } from '../../src/mint/capability-token.js';
import { incomingScope, outgoingScope } from '../../src/mint/scopes.js';
import { parseToken } from '../../src/parse.js';
import { verified } from './verified.js';

const ACCOUNT = 'AC' + '0123456789abcdef'.repeat(2);
const APP = 'AP' + '1'.repeat(32);
const SECRET = 'auth-token-abcdefghijklmnopqrstuv'; // 33 bytes
const NOW_MS = 1_795_301_277_999;
const NOW = 1_795_301_277;

const base: MintCapabilityTokenOptions = { accountSid: ACCOUNT, secret: SECRET, capabilities: [incomingScope('alice')], now: () => NOW_MS };

async function configInvalid(options: unknown, mentions?: string): Promise<void> {
  const rejection = expect(mintCapabilityToken(options as MintCapabilityTokenOptions)).rejects;
  await rejection.toMatchObject({ name: 'CaptokenError', code: 'CONFIG_INVALID' });
  if (mentions !== undefined) await expect(mintCapabilityToken(options as MintCapabilityTokenOptions)).rejects.toThrow(mentions);
}

describe('mintCapabilityToken', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes header { alg, typ } and claims scope, iss, exp, iat in that order; default ttl 3600', async () => {
    const token = await mintCapabilityToken(base);
    const { header, payload } = await verified(token, SECRET, NOW);
    expect(JSON.stringify(header)).toBe('{"alg":"HS256","typ":"JWT"}');
    expect(JSON.stringify(payload)).toBe(
      JSON.stringify({ scope: 'scope:client:incoming?clientName=alice', iss: ACCOUNT, exp: NOW + 3600, iat: NOW }),
    );
  });

  it('takes ttl in seconds', async () => {
    const token = await mintCapabilityToken({ ...base, ttl: 60 });
    expect(parseToken(token).payload['exp']).toBe(NOW + 60);
  });

  it('reads Date.now when no clock is given', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_MS);
    const { now: _now, ...options } = base;
    const token = await mintCapabilityToken(options);
    expect(parseToken(token).payload['iat']).toBe(NOW);
  });

  it('writes scope "" for no capabilities, as twilio does', async () => {
    const token = await mintCapabilityToken({ ...base, capabilities: [] });
    expect(parseToken(token).payload['scope']).toBe('');
  });

  it('joins scopes with one space, in order', async () => {
    const token = await mintCapabilityToken({
      ...base,
      capabilities: [outgoingScope({ appSid: APP }), { service: 'stream', privilege: 'subscribe' }, incomingScope('a b')],
    });
    expect(parseToken(token).payload['scope']).toBe(`scope:client:outgoing?appSid=${APP} scope:stream:subscribe scope:client:incoming?clientName=a%20b`);
  });

  it('signs the same way with the secret as a string or as its UTF-8 bytes', async () => {
    const fromString = await mintCapabilityToken(base);
    const fromBytes = await mintCapabilityToken({ ...base, secret: new TextEncoder().encode(SECRET) });
    expect(fromBytes).toBe(fromString);
  });

  it.each<[string, unknown, string]>([
    ['options that are not an object', null, 'options'],
    ['an unknown option', { ...base, ttlSeconds: 5 }, "'ttlSeconds'"],
    ['an account sid with the wrong prefix', { ...base, accountSid: 'AP' + '0'.repeat(32) }, 'accountSid'],
    ['an account sid with uppercase hex', { ...base, accountSid: 'AC' + 'A'.repeat(32) }, 'accountSid'],
    ['a short account sid', { ...base, accountSid: 'AC123' }, 'accountSid'],
    ['a 31-byte secret', { ...base, secret: 'x'.repeat(31) }, '31 bytes'],
    ['a 31-byte secret as bytes', { ...base, secret: new Uint8Array(31) }, '31 bytes'],
    ['a secret of another type', { ...base, secret: 12345 }, 'secret'],
    ['capabilities that are not an array', { ...base, capabilities: incomingScope('a') }, 'capabilities'],
    ['a capability that is not an object', { ...base, capabilities: ['scope:client:incoming'] }, 'capabilities[0]'],
    ['an unknown capability member', { ...base, capabilities: [{ service: 'a', privilege: 'b', scope: 'x' }] }, "'scope'"],
    ['a service with a colon', { ...base, capabilities: [{ service: 'cl:ient', privilege: 'incoming' }] }, 'service'],
    ['an empty privilege', { ...base, capabilities: [{ service: 'client', privilege: '' }] }, 'privilege'],
    ['params that are not an object', { ...base, capabilities: [{ service: 'a', privilege: 'b', params: 'x=1' }] }, 'params'],
    ['a numeric param', { ...base, capabilities: [{ service: 'a', privilege: 'b', params: { n: 1 } }] }, 'params.n'],
    ['an object param other than appParams', { ...base, capabilities: [{ service: 'a', privilege: 'b', params: { n: {} } }] }, 'params.n'],
    ['appParams that is a string', { ...base, capabilities: [{ service: 'a', privilege: 'b', params: { appParams: 'a=b' } }] }, 'appParams'],
    ['an appParams value that is not a string', { ...base, capabilities: [{ service: 'a', privilege: 'b', params: { appParams: { a: 1 } } }] }, 'appParams.a'],
    ['an empty appParams name', { ...base, capabilities: [{ service: 'a', privilege: 'b', params: { appParams: { '': 'x' } } }] }, 'empty'],
    ['an empty param name', { ...base, capabilities: [{ service: 'a', privilege: 'b', params: { '': 'x' } }] }, 'empty'],
    ['a reserved param name', { ...base, capabilities: [{ service: 'a', privilege: 'b', params: JSON.parse('{"constructor":"x"}') as object }] }, 'constructor'],
    ['an appSid that is not an AP sid', { ...base, capabilities: [outgoingScope({ appSid: 'AP123' })] }, 'appSid'],
    ['a lone surrogate', { ...base, capabilities: [incomingScope('a\uD800')] }, 'surrogate'],
    ['ttl 0', { ...base, ttl: 0 }, 'ttl'],
    ['a negative ttl', { ...base, ttl: -5 }, 'ttl'],
    ['a fractional ttl', { ...base, ttl: 1.5 }, 'ttl'],
    ['a string ttl', { ...base, ttl: '3600' }, 'ttl'],
    ['a now that is not a function', { ...base, now: NOW_MS }, 'now'],
    ['a now returning NaN', { ...base, now: () => Number.NaN }, "'now' must return a finite, non-negative number"],
    ['a now returning a Date', { ...base, now: () => new Date(NOW_MS) }, "'now' must return a finite, non-negative number"],
    ['a now returning a negative time', { ...base, now: () => -1 }, "'now' must return a finite, non-negative number"],
  ])('refuses %s: CONFIG_INVALID', async (_what, options, mentions) => {
    await configInvalid(options, mentions);
  });

  it('never echoes the secret in an error', async () => {
    const secret = 'hunter2-but-too-short';
    await expect(mintCapabilityToken({ ...base, secret })).rejects.toSatisfy((error: Error) => !error.message.includes(secret));
  });
});
