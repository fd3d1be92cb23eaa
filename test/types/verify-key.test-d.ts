// Type-level tests of VerifyKey: the public declarations describe KeyObject and CryptoKey
// structurally (no node:crypto import, no DOM global), and the real key types still fit.
import { createPublicKey, createSecretKey, webcrypto, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { describe, expectTypeOf, it } from 'vitest';
import { createJwsVerifier, createVerifier, type VerifyKey } from '../../src/index.js';

declare const keyObject: KeyObject;
declare const domCryptoKey: CryptoKey;
declare const nodeCryptoKey: webcrypto.CryptoKey;

describe('VerifyKey', () => {
  it('accepts a real node:crypto KeyObject (secret and public)', () => {
    expectTypeOf(keyObject).toExtend<VerifyKey>();
    expectTypeOf(createSecretKey(new Uint8Array(32))).toExtend<VerifyKey>();
    expectTypeOf(createPublicKey('')).toExtend<VerifyKey>();
    createVerifier({ algorithms: ['RS256'], key: keyObject });
    createJwsVerifier({ algorithms: ['HS256'], key: createSecretKey(new Uint8Array(32)) });
  });

  it('accepts a real CryptoKey: the DOM global and Node webcrypto.CryptoKey', () => {
    expectTypeOf(domCryptoKey).toExtend<VerifyKey>();
    expectTypeOf(nodeCryptoKey).toExtend<VerifyKey>();
    createVerifier({ algorithms: ['ES256'], key: domCryptoKey });
    createVerifier({ algorithms: ['ES256'], key: nodeCryptoKey });
  });

  it('accepts secrets and JWKs as before', () => {
    expectTypeOf<Uint8Array>().toExtend<VerifyKey>();
    expectTypeOf<string>().toExtend<VerifyKey>();
    expectTypeOf<JWK>().toExtend<VerifyKey>();
    expectTypeOf<{ kty: 'oct'; k: string }>().toExtend<VerifyKey>();
  });

  it('rejects what is no key', () => {
    expectTypeOf<number>().not.toExtend<VerifyKey>();
    expectTypeOf<boolean>().not.toExtend<VerifyKey>();
    expectTypeOf<null>().not.toExtend<VerifyKey>();
    expectTypeOf<ArrayBuffer>().not.toExtend<VerifyKey>();
    // @ts-expect-error a number is not a key
    createVerifier({ algorithms: ['HS256'], key: 42 });
  });
});
