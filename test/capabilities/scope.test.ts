import { describe, expect, it } from 'vitest';
import { CaptokenError } from '../../src/errors.js';
import { encodeScope, parseScopeClaim } from '../../src/capabilities/scope.js';
import { caught } from '../support/errors.js';

describe('parseScopeClaim', () => {
  it('reads the issue examples', () => {
    expect(
      parseScopeClaim(
        'scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP123&clientName=alice&appParams=foo%3Dbar%26x%3Dy scope:stream:subscribe?path=/2010-04-01/Events',
      ),
    ).toStrictEqual([
      { service: 'client', privilege: 'incoming', params: { clientName: 'alice' } },
      { service: 'client', privilege: 'outgoing', params: { appSid: 'AP123', clientName: 'alice', appParams: { foo: 'bar', x: 'y' } } },
      { service: 'stream', privilege: 'subscribe', params: { path: '/2010-04-01/Events' } },
    ]);
  });

  it('decodes appParams twice: each pair, then the joined string', () => {
    // Inner "a b=c&d" & "e==%": pairs escaped (a%20b=c%26d, e=%3D%25), joined with '&', escaped again.
    const [capability] = parseScopeClaim('scope:client:outgoing?appSid=AP1&appParams=a%2520b%3Dc%2526d%26e%3D%253D%2525');
    expect(capability?.params).toStrictEqual({ appSid: 'AP1', appParams: { 'a b': 'c&d', e: '=%' } });
  });

  it('reads an empty appParams as an empty object', () => {
    expect(parseScopeClaim('scope:client:outgoing?appSid=AP1&appParams=')[0]?.params).toStrictEqual({ appSid: 'AP1', appParams: {} });
  });

  it('reads a scope without a query (no ?) as a capability with no params', () => {
    expect(parseScopeClaim('scope:client:incoming')).toStrictEqual([{ service: 'client', privilege: 'incoming', params: {} }]);
  });

  it('reads an empty scope claim (twilio writes one for no scopes) as no capabilities', () => {
    expect(parseScopeClaim('')).toStrictEqual([]);
  });

  it('keeps repeated scopes, in order', () => {
    expect(parseScopeClaim('scope:a:b scope:a:b')).toHaveLength(2);
  });

  it.each([[undefined], [null], [42], [['scope:client:incoming']], [{}]])('refuses a scope claim of %j: CLAIM_INVALID on scope', (value) => {
    const error = caught(() => parseScopeClaim(value));
    expect(error).toMatchObject({ code: 'CLAIM_INVALID', claim: 'scope' });
    expect(error.index).toBeUndefined();
  });

  it.each([
    ['client:incoming?clientName=a', 'not'],
    ['scope:client', 'not'],
    ['scope::incoming', 'not'],
    ['scope:client:', 'not'],
    ['scope:cli.ent:incoming', 'not'],
    ['scope:client:incoming:extra', 'not'],
    ['SCOPE:client:incoming', 'not'],
    ['scope:client:incoming?', 'empty'],
    ['scope:client:incoming?clientName', "no '='"],
    ['scope:client:incoming?=alice', 'empty name'],
    ['scope:client:incoming?clientName=a&clientName=b', 'repeats'],
    ['scope:client:incoming?clientName=%zz', "'%'"],
    ['scope:client:incoming?clientName=%FF', 'UTF-8'],
    ['scope:client:incoming?clientName=a=b', 'not allowed'],
    ['scope:client:incoming?clientName=\u00e9', 'not allowed'],
    ['scope:client:incoming?clientName=a\tb', 'not allowed'],
    ['scope:client:outgoing?appSid=AP1&appParams=foo', 'appParams'],
    ['scope:client:outgoing?appSid=AP1&appParams=a%3D1%26a%3D2', 'appParams'],
    ['scope:client:outgoing?appSid=AP1&appParams=a%3D%25', 'appParams'],
    ['scope:client:outgoing?appSid=AP1&appParams=a%3D%C3%A9', 'appParams'],
  ])('refuses %j with the index of the offending scope', (bad, reason) => {
    const error = caught(() => parseScopeClaim(`scope:client:incoming?clientName=ok scope:stream:subscribe ${bad}`));
    expect(error).toMatchObject({ code: 'CLAIM_INVALID', claim: 'scope', index: 2 });
    expect(error.message).toContain(reason);
  });

  it.each([
    [' scope:a:b', 0],
    ['scope:a:b ', 1],
    ['scope:a:b  scope:a:b', 1],
    ['scope:a:b\nscope:a:b', 0],
  ])('refuses stray whitespace in %j as an empty or malformed scope at %i', (claim, index) => {
    expect(caught(() => parseScopeClaim(claim))).toMatchObject({ code: 'CLAIM_INVALID', claim: 'scope', index });
  });

  it('points at the faulty character within the scope and does not echo values', () => {
    const error = caught(() => parseScopeClaim('scope:client:incoming?clientName=hunter2"'));
    expect(error.message).toContain('character 40');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('encodeScope', () => {
  it('writes no ? when there are no params', () => {
    expect(encodeScope('client', 'incoming', {})).toBe('scope:client:incoming');
  });

  it('escapes names and values like querystring.escape, params in the given order', () => {
    expect(encodeScope('client', 'incoming', { clientName: "al ice&bob=1/é+'" })).toBe(
      "scope:client:incoming?clientName=al%20ice%26bob%3D1%2F%C3%A9%2B'",
    );
  });

  it('leaves / raw in path, as twilio writes /2010-04-01/Events', () => {
    expect(encodeScope('stream', 'subscribe', { path: '/2010-04-01/Events' })).toBe('scope:stream:subscribe?path=/2010-04-01/Events');
  });

  it('encodes appParams twice', () => {
    expect(encodeScope('client', 'outgoing', { appSid: 'AP1', appParams: { 'a b': 'c&d', e: '=%' } })).toBe(
      'scope:client:outgoing?appSid=AP1&appParams=a%2520b%3Dc%2526d%26e%3D%253D%2525',
    );
  });

  it('reads back what it writes', () => {
    const params = { appSid: 'AP1', clientName: 'ø +', appParams: { 'k=': 'v&', '': '' } };
    // An empty appParams name is written but refused on reading: minting refuses it first (CONFIG_INVALID).
    expect(() => parseScopeClaim(encodeScope('client', 'outgoing', params))).toThrow(CaptokenError);
    const { appParams: _dropped, ...rest } = params;
    const ok = { ...rest, appParams: { 'k=': 'v&' } };
    expect(parseScopeClaim(encodeScope('client', 'outgoing', ok))).toStrictEqual([{ service: 'client', privilege: 'outgoing', params: ok }]);
  });
});
