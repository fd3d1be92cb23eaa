import { describe, expect, it } from 'vitest';
import { AdapterError, checkTimeout, DEFAULT_TIMEOUT_MS, isAdapterError, REJECT_CATEGORIES } from '../../src/conformance/adapter.js';

describe('adapter', () => {
  it('AdapterError carries its kind, stderr tail, token and HTTP status', () => {
    const e = new AdapterError('http', 'HTTP 404', { status: 404, token: 't', stderrTail: ['a'] });
    expect(e).toMatchObject({ name: 'AdapterError', kind: 'http', status: 404, token: 't', stderrTail: ['a'] });
    expect(isAdapterError(e)).toBe(true);
    expect(isAdapterError(Object.assign(new Error('x'), { name: 'AdapterError', kind: 'crash' }))).toBe(true);
    expect(isAdapterError(new Error('x'))).toBe(false);
    expect('status' in new AdapterError('crash', 'x')).toBe(false);
  });

  it('checkTimeout: the default, or a positive number; anything else is CONFIG_INVALID', () => {
    expect(checkTimeout(undefined)).toBe(DEFAULT_TIMEOUT_MS);
    expect(checkTimeout(250)).toBe(250);
    for (const bad of [0, -1, NaN, Infinity]) expect(() => checkTimeout(bad)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }) as Error);
  });

  it('the reject categories are fixed and end with other', () => {
    expect(REJECT_CATEGORIES).toEqual(['structure', 'size', 'base64url', 'utf8', 'json', 'duplicate-member', 'forbidden-member', 'signature', 'algorithm', 'claims', 'other']);
  });
});
