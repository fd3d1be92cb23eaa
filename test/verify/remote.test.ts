// Remote JWKS (jwksUrl) end to end, against a tiny HTTP server on 127.0.0.1. The fetcher's caps,
// back-off and refusals are tested in remote-jwks.test.ts.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoProvider as web } from '../../src/verify/crypto-web.js';
import { createVerifier } from '../../src/verify/index.js';
import { buildVerifier } from '../../src/verify/verifier.js';
import { expectCode, expectRejectCode } from './support.js';

let server: Server | undefined; // stays undefined if beforeAll fails before the server is made
let url: string;
let requests = 0;
let jwks: { keys: jose.JWK[] } = { keys: [] };
let es: CryptoKeyPair;
let rs: CryptoKeyPair;
let smallPrivate: KeyObject;

beforeAll(async () => {
  es = await jose.generateKeyPair('ES256', { extractable: true });
  rs = await jose.generateKeyPair('RS256', { extractable: true });
  const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
  smallPrivate = small.privateKey;
  jwks = {
    keys: [
      { ...(await jose.exportJWK(es.publicKey)), kid: 'es', alg: 'ES256', use: 'sig' },
      { ...(await jose.exportJWK(rs.publicKey)), kid: 'rs' },
      { ...(small.publicKey.export({ format: 'jwk' }) as jose.JWK), kid: 'small' },
    ],
  };
  const http = createServer((req, res) => {
    requests++;
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  server = http;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/jwks.json`;
});

afterAll(async () => {
  const http = server;
  if (http !== undefined) await new Promise((resolve) => http.close(resolve));
});

const sign = (alg: 'ES256' | 'RS256', kid: string, key: CryptoKey) => new jose.SignJWT({ sub: 'alice' }).setProtectedHeader({ alg, kid }).sign(key);

describe('remote JWKS (jwksUrl)', () => {
  it('verifies with keys fetched once and cached, on both crypto paths', async () => {
    const v = createVerifier({ algorithms: ['ES256', 'RS256'], jwksUrl: url });
    const before = requests;
    expect(await v.verify(await sign('ES256', 'es', es.privateKey))).toMatchObject({ alg: 'ES256', kid: 'es', payload: { sub: 'alice' } });
    expect((await v.verify(await sign('RS256', 'rs', rs.privateKey))).kid).toBe('rs');
    expect(requests - before).toBe(1);
    const w = buildVerifier({ algorithms: ['ES256'], jwksUrl: new URL(url) }, web);
    expect((await w.verify(await sign('ES256', 'es', es.privateKey))).alg).toBe('ES256');
  });

  it('verifySync throws KEY_ASYNC', () => {
    const v = createVerifier({ algorithms: ['ES256'], jwksUrl: url });
    expectCode(() => v.verifySync('a.b.c'), 'KEY_ASYNC');
  });

  it('KEY_NOT_FOUND (at the header member kid) for an unknown kid and a key under 2048 bits; KEY_SOURCE_UNAVAILABLE for a missing set', async () => {
    const v = createVerifier({ algorithms: ['ES256', 'RS256'], jwksUrl: url });
    const unknown = await expectRejectCode(v.verify(await sign('ES256', 'nope', es.privateKey)), 'KEY_NOT_FOUND');
    expect(unknown).toMatchObject({ segment: 'header', claim: 'kid' });
    const small = jwks.keys[2]!;
    expect(small.kid).toBe('small');
    // A token correctly signed by the 1024-bit key: the set's member is never usable for RS256 (RFC 7518 §3.3).
    const input = `${Buffer.from('{"alg":"RS256","kid":"small"}').toString('base64url')}.${Buffer.from('{"sub":"alice"}').toString('base64url')}`;
    const weak = `${input}.${createSign('sha256').update(input).sign(smallPrivate).toString('base64url')}`;
    await expectRejectCode(v.verify(weak), 'KEY_NOT_FOUND');
    const down = createVerifier({ algorithms: ['ES256'], jwksUrl: url.replace('/jwks.json', '/missing'), jwksOptions: { timeoutDuration: 2000 } });
    const missing = await expectRejectCode(down.verify(await sign('ES256', 'es', es.privateKey)), 'KEY_SOURCE_UNAVAILABLE');
    expect(missing.message).toContain('HTTP 404');
    expect('claim' in missing).toBe(false);
  });

  it('a wrong signature under a fetched key is SIGNATURE_INVALID', async () => {
    const v = createVerifier({ algorithms: ['ES256'], jwksUrl: url });
    const other = await jose.generateKeyPair('ES256');
    await expectRejectCode(v.verify(await sign('ES256', 'es', other.privateKey)), 'SIGNATURE_INVALID');
  });
});
