import { describe, expect, it } from 'vitest';
import { hasCapability, requireCapability } from '../../src/capabilities/has-capability.js';
import type { CapabilitySet } from '../../src/capabilities/types.js';
import { CaptokenError } from '../../src/errors.js';

const APP = 'AP' + '1'.repeat(32);
const OTHER_APP = 'AP' + '2'.repeat(32);

const set: CapabilitySet = {
  format: 'capability',
  account: 'AC' + 'a'.repeat(32),
  capabilities: [
    { service: 'client', privilege: 'incoming', params: { clientName: 'alice' } },
    { service: 'client', privilege: 'outgoing', params: { appSid: APP, clientName: 'alice', appParams: { queue: 'sales', vip: '1' } } },
    { service: 'stream', privilege: 'subscribe', params: {} },
  ],
};

describe('hasCapability', () => {
  it('matches service:privilege with no params asked', () => {
    expect(hasCapability(set, 'client:outgoing')).toBe(true);
    expect(hasCapability(set, 'stream:subscribe', {})).toBe(true);
    expect(hasCapability(set, 'client:listen')).toBe(false);
    expect(hasCapability(set, 'video:outgoing')).toBe(false);
  });

  it('requires every asked param to match and ignores the others', () => {
    expect(hasCapability(set, 'client:outgoing', { appSid: APP })).toBe(true);
    expect(hasCapability(set, 'client:outgoing', { appSid: APP, clientName: 'alice' })).toBe(true);
    expect(hasCapability(set, 'client:outgoing', { appSid: OTHER_APP })).toBe(false);
    expect(hasCapability(set, 'client:outgoing', { appSid: APP, clientName: 'bob' })).toBe(false);
    expect(hasCapability(set, 'stream:subscribe', { path: '/2010-04-01/Events' })).toBe(false);
  });

  it('compares appParams exactly: same names, same values', () => {
    expect(hasCapability(set, 'client:outgoing', { appParams: { vip: '1', queue: 'sales' } })).toBe(true);
    expect(hasCapability(set, 'client:outgoing', { appParams: { queue: 'sales' } })).toBe(false);
    expect(hasCapability(set, 'client:outgoing', { appParams: { queue: 'sales', vip: '1', x: '' } })).toBe(false);
    expect(hasCapability(set, 'client:outgoing', { appParams: { queue: 'sales', vip: '2' } })).toBe(false);
    expect(hasCapability(set, 'client:outgoing', { appSid: { x: '1' } })).toBe(false);
    expect(hasCapability(set, 'client:outgoing', { appParams: 'queue=sales&vip=1' })).toBe(false);
  });

  it('does not find inherited names', () => {
    // Every params object inherits toString; only own members count.
    expect(hasCapability(set, 'stream:subscribe', { toString: 'function toString() { [native code] }' })).toBe(false);
    expect(hasCapability(set, 'stream:subscribe', { hasOwnProperty: '' })).toBe(false);
  });

  it('accepts the capabilities array as well as the set', () => {
    expect(hasCapability(set.capabilities, 'client:incoming', { clientName: 'alice' })).toBe(true);
  });

  it.each([['client'], ['client:'], [':outgoing'], ['client:outgoing:x'], ['scope:client:outgoing'], [''], [7]])(
    'refuses %j as the capability asked for: CONFIG_INVALID',
    (wanted) => {
      expect(() => hasCapability(set, wanted as string)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    },
  );

  it('refuses an undefined param rather than reading it as "any app"', () => {
    const appSid = undefined as unknown as string;
    expect(() => hasCapability(set, 'client:outgoing', { appSid })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it.each([[null], ['appSid'], [[APP]], [{ appSid: 1 }], [{ appParams: { a: 1 } }], [{ appParams: null }]])(
    'refuses params %j: CONFIG_INVALID',
    (params) => {
      expect(() => hasCapability(set, 'client:outgoing', params as never)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    },
  );

  it('refuses something that is not a capability set', () => {
    expect(() => hasCapability({} as never, 'client:outgoing')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => hasCapability(null as never, 'client:outgoing')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('requireCapability', () => {
  it('returns the matching capability', () => {
    expect(requireCapability(set, 'client:outgoing', { appSid: APP }).params['appParams']).toStrictEqual({ queue: 'sales', vip: '1' });
  });

  it('throws CAPABILITY_MISSING naming service:privilege and the param names, not their values', () => {
    let error: unknown;
    try {
      requireCapability(set, 'client:outgoing', { appSid: OTHER_APP, clientName: 'top-secret-name' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaptokenError);
    const { code, message } = error as CaptokenError;
    expect(code).toBe('CAPABILITY_MISSING');
    expect(message).toContain('client:outgoing');
    expect(message).toContain('appSid, clientName');
    expect(message).not.toContain(OTHER_APP);
    expect(message).not.toContain('top-secret-name');
  });

  it('names only service:privilege when no params were asked', () => {
    expect(() => requireCapability(set, 'client:listen')).toThrow('the token does not grant client:listen');
  });
});
