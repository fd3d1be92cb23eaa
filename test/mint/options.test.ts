// The minters' own option rules: sids, the secret (length and the HMAC secret rule), ttl, the clock.
import { describe, expect, it } from 'vitest';
import { checkNow, checkSecret, checkSid, checkText, checkTtl, DEFAULT_TTL_SECONDS, MIN_SECRET_BYTES } from '../../src/mint/options.js';
import { caught } from '../support/errors.js';

const message = (fn: () => unknown): string => {
  const error = caught(fn);
  expect(error.code).toBe('CONFIG_INVALID');
  return error.message;
};

describe('mint options', () => {
  it('checkSid: the prefix and 32 lowercase hex digits, required', () => {
    const sid = 'AC' + '0123456789abcdef'.repeat(2);
    expect(checkSid(sid, 'accountSid', 'AC')).toBe(sid);
    const expected = "'accountSid' must be a sid: 'AC' followed by 32 lowercase hex digits";
    for (const bad of [sid.toUpperCase(), 'SK' + sid.slice(2), sid.slice(0, -1), 42]) expect(message(() => checkSid(bad, 'accountSid', 'AC'))).toBe(expected);
    expect(message(() => checkSid(undefined, 'accountSid', 'AC'))).toBe(`'accountSid' is required: a sid: 'AC' followed by 32 lowercase hex digits`);
  });

  it('checkText: a required, encodable string', () => {
    expect(checkText('', 'region', false)).toBe('');
    expect(message(() => checkText('', 'identity', true))).toBe("'identity' must be a non-empty string");
    expect(message(() => checkText(undefined, 'identity', true))).toBe("'identity' is required: a non-empty string");
    expect(message(() => checkText('a\uDC00', 'identity', true))).toMatch(/lone surrogate/);
  });

  it('checkSecret: a string (its UTF-8) or bytes, at least 32 bytes, never public key material, never echoed', () => {
    expect(checkSecret('x'.repeat(MIN_SECRET_BYTES), 'secret')).toHaveLength(32);
    const bytes = new Uint8Array(40).fill(7);
    const copy = checkSecret(bytes, 'secret');
    expect(copy).toStrictEqual(bytes);
    expect(copy).not.toBe(bytes);
    expect(message(() => checkSecret('short-secret-value', 'secret'))).toBe("'secret' must be at least 32 bytes for HS256 (RFC 7518 §3.2); it is 18 bytes");
    expect(message(() => checkSecret(5, 'secret'))).toBe("'secret' must be a string or a Uint8Array");
    const pem = `-----BEGIN PUBLIC KEY-----\n${'A'.repeat(64)}\n-----END PUBLIC KEY-----\n`;
    const refused = message(() => checkSecret(pem, 'secret'));
    expect(refused).toMatch(/public key material/);
    expect(refused).not.toContain('AAAA');
  });

  it('checkTtl: a positive whole number of seconds, at most the maximum', () => {
    expect(checkTtl(undefined, undefined)).toBe(DEFAULT_TTL_SECONDS);
    expect(checkTtl(60, 86_400)).toBe(60);
    expect(message(() => checkTtl(0, undefined))).toBe("'ttl' must be a positive whole number of seconds");
    expect(message(() => checkTtl(86_401, 86_400))).toBe("'ttl' must be at most 86400 seconds");
  });

  it('checkNow: whole seconds from the one clock rule', () => {
    expect(checkNow(() => 1_700_000_000_999)()).toBe(1_700_000_000);
    expect(message(() => checkNow(() => -1)())).toBe("'now' must return a finite, non-negative number of milliseconds since the epoch");
    expect(message(() => checkNow('now'))).toBe("'now' must be a function returning milliseconds since the epoch");
  });
});
