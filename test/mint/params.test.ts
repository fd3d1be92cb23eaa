// Capability parameters and extra grants are checked before they are signed: what the readers in
// src/capabilities would refuse is refused here first, as CONFIG_INVALID naming where it is.
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_MEMBER_NAMES } from '../../src/json.js';
import { checkExtraGrants, checkScopeParams, checkStringParams } from '../../src/mint/params.js';
import { caught } from '../support/errors.js';

const APP = `AP${'1'.repeat(32)}`;

/** The message of the CONFIG_INVALID `run` throws. */
function configFault(run: () => unknown): string {
  const error = caught(run);
  expect(error.code).toBe('CONFIG_INVALID');
  return error.message;
}

/** An object with an own member of any name, `__proto__` included (an object literal would set the prototype). */
function withMember(name: string, value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, name, { value, enumerable: true, configurable: true, writable: true });
  return object;
}

describe('checkStringParams', () => {
  it('returns a copy of a plain name → string object', () => {
    const input = { foo: 'bar', empty: '' };
    const out = checkStringParams(input, 'appParams');
    expect(out).toEqual({ foo: 'bar', empty: '' });
    expect(out).not.toBe(input);
  });

  it('refuses anything but a plain object of strings, naming the place', () => {
    for (const bad of [null, 'x', ['a'], new Map(), new Date(0)]) expect(configFault(() => checkStringParams(bad, 'appParams'))).toContain('appParams');
    expect(configFault(() => checkStringParams({ n: 1 }, 'appParams'))).toContain('appParams.n');
    expect(configFault(() => checkStringParams({ s: 'a\uD800' }, 'appParams'))).toContain('appParams.s');
  });

  it('refuses an empty name and every forbidden member name of src/json.ts', () => {
    expect(configFault(() => checkStringParams({ '': 'x' }, 'appParams'))).toContain('appParams');
    for (const name of FORBIDDEN_MEMBER_NAMES) {
      expect(configFault(() => checkStringParams(withMember(name, 'x'), 'appParams')), name).toContain(`'${name}'`);
    }
  });

  it('accepts an object without a prototype', () => {
    const bare = Object.create(null) as Record<string, string>;
    bare['k'] = 'v';
    expect(checkStringParams(bare, 'p')).toEqual({ k: 'v' });
  });
});

describe('checkScopeParams', () => {
  it('is {} for no parameters', () => {
    expect(checkScopeParams(undefined, 'scopes[0].params')).toEqual({});
  });

  it('takes strings, appSid as an AP sid, and appParams as an object of strings', () => {
    expect(checkScopeParams({ clientName: 'alice', appSid: APP, appParams: { a: 'b' } }, 'p')).toEqual({
      clientName: 'alice',
      appSid: APP,
      appParams: { a: 'b' },
    });
  });

  it('names the faulty parameter', () => {
    expect(configFault(() => checkScopeParams({ appSid: `CA${'1'.repeat(32)}` }, 'scopes[0].params'))).toContain('scopes[0].params.appSid');
    expect(configFault(() => checkScopeParams({ appSid: `AP${'A'.repeat(32)}` }, 'p'))).toContain('p.appSid');
    expect(configFault(() => checkScopeParams({ appParams: 'a=b' }, 'p'))).toContain('p.appParams');
    expect(configFault(() => checkScopeParams({ appParams: { x: 1 } }, 'p'))).toContain('p.appParams.x');
    expect(configFault(() => checkScopeParams({ clientName: 7 }, 'p'))).toContain('p.clientName');
    expect(configFault(() => checkScopeParams([], 'p'))).toContain('p');
    expect(configFault(() => checkScopeParams(withMember('constructor', 'x'), 'p'))).toContain("'constructor'");
  });
});

describe('checkExtraGrants', () => {
  it('is {} for none, and copies JSON grants as they are', () => {
    expect(checkExtraGrants(undefined)).toEqual({});
    const video = { room: 'r', nested: { list: [1, 'two', null, true, { deep: 2.5 }] } };
    const out = checkExtraGrants({ video, chat: {} });
    expect(out).toEqual({ video, chat: {} });
    expect(out['video']).not.toBe(video);
  });

  it('leaves identity and voice to their own options', () => {
    expect(configFault(() => checkExtraGrants({ identity: {} }))).toContain("'identity' option");
    expect(configFault(() => checkExtraGrants({ voice: {} }))).toContain("'voice' option");
  });

  it('needs each grant to be a JSON object, under an allowed non-empty name', () => {
    expect(configFault(() => checkExtraGrants([]))).toContain('grants');
    expect(configFault(() => checkExtraGrants({ video: 'x' }))).toContain('grants.video');
    expect(configFault(() => checkExtraGrants({ video: [] }))).toContain('grants.video');
    expect(configFault(() => checkExtraGrants({ '': {} }))).toContain('grants');
    for (const name of FORBIDDEN_MEMBER_NAMES) expect(configFault(() => checkExtraGrants(withMember(name, {}))), name).toContain('grants');
  });

  it('refuses what JSON cannot carry, naming the path inside the grant', () => {
    expect(configFault(() => checkExtraGrants({ video: { n: Infinity } }))).toContain('grants.video.n');
    expect(configFault(() => checkExtraGrants({ video: { n: Number.NaN } }))).toContain('grants.video.n');
    expect(configFault(() => checkExtraGrants({ video: { list: [1, undefined] } }))).toContain('grants.video.list[1]');
    expect(configFault(() => checkExtraGrants({ video: { when: new Date(0) } }))).toContain('grants.video.when');
    expect(configFault(() => checkExtraGrants({ video: { f: () => 1 } }))).toContain('grants.video.f');
    expect(configFault(() => checkExtraGrants({ video: { big: 1n } }))).toContain('grants.video.big');
    expect(configFault(() => checkExtraGrants({ video: { s: '\uDC00' } }))).toContain('grants.video.s');
    expect(configFault(() => checkExtraGrants({ video: withMember('__proto__', 1) }))).toContain("'__proto__'");
  });

  it('refuses nesting deeper than 64 levels (so signing cannot overflow the stack), accepts 64', () => {
    const nest = (levels: number): Record<string, unknown> => {
      let value: Record<string, unknown> = {};
      for (let i = 0; i < levels; i++) value = { a: value };
      return value;
    };
    expect(() => checkExtraGrants({ g: nest(63) })).not.toThrow();
    expect(configFault(() => checkExtraGrants({ g: nest(64) }))).toContain('must be JSON nested at most 64 levels deep');
  });
});
