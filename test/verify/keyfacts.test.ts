// Facts about keys that do not depend on the runtime: secrets, public keys by type, CryptoKeys, JWKs.
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cryptoKeyFacts, jwkFacts, octBytes, publicFacts, secretFacts } from '../../src/verify/keyfacts.js';
import { caught } from '../support/errors.js';

describe('key facts', () => {
  it('secretFacts and publicFacts describe a key without its material', () => {
    expect(secretFacts(32)).toStrictEqual({ type: 'secret', bits: 256, bound: undefined, describe: 'a secret of 32 bytes' });
    expect(publicFacts('rsa', 2048, undefined, 'RS256', 'RSA').describe).toBe('an RSA public key of 2048 bits');
    expect(publicFacts('ec', 0, 'P-256', undefined, 'EC').describe).toBe('an EC public key on P-256');
    expect(publicFacts('other', 0, undefined, undefined, 'X25519').describe).toBe('a key of type X25519');
  });

  it('cryptoKeyFacts: bound to its algorithm; a private key or one without verify is CONFIG_INVALID', async () => {
    const hmac = await webcrypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-384', length: 384 }, false, ['sign', 'verify']);
    expect(cryptoKeyFacts(hmac)).toMatchObject({ type: 'secret', bits: 384, bound: 'HS384' });
    const rsa = await webcrypto.subtle.generateKey(
      { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    expect(cryptoKeyFacts(rsa.publicKey)).toMatchObject({ type: 'rsa-pss', bits: 2048, bound: 'PS256' });
    expect(caught(() => cryptoKeyFacts(rsa.privateKey)).message).toMatch(/private CryptoKey/);
    const signOnly = await webcrypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(caught(() => cryptoKeyFacts(signOnly)).message).toMatch(/do not include 'verify'/);
  });

  it('jwkFacts and octBytes read a JWK strictly (canonical base64url)', () => {
    expect(jwkFacts({ kty: 'oct', k: 'AAAA' }, 'HS256')).toMatchObject({ type: 'secret', bits: 24, bound: 'HS256' });
    expect(jwkFacts({ kty: 'RSA', n: 'AQAB', e: 'AQAB' }, undefined)).toMatchObject({ type: 'rsa', bits: 17 });
    expect(jwkFacts({ kty: 'OKP', crv: 'Ed25519', x: '' }, undefined).type).toBe('ed25519');
    expect(octBytes({ kty: 'oct', k: '_w' })).toStrictEqual(new Uint8Array([255]));
    expect(caught(() => octBytes({ kty: 'oct', k: '_x' })).message).toMatch(/not canonical base64url/);
    expect(caught(() => octBytes({ kty: 'oct' })).message).toMatch(/needs a string 'k'/);
  });
});
