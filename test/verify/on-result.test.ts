// Finding 2 of the attack probe: onResult's `kid` is attacker-chosen text until it matched a key, so
// it is reported only when it names a configured key, for every key source.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/verify/index.js';
import type { VerifyResultEvent } from '../../src/verify/types.js';
import { b64u } from './support.js';

const SECRET = 'on-result-secret-of-at-least-32-bytes';

function hs(header: Record<string, unknown>, payload: Record<string, unknown> = { sub: 'a' }, secret = SECRET): string {
  const input = `${b64u(JSON.stringify({ alg: 'HS256', ...header }))}.${b64u(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The kid each verification reported, in order (undefined: none). */
async function reportedKids(options: Record<string, unknown>, tokens: string[]): Promise<(string | undefined)[]> {
  const events: VerifyResultEvent[] = [];
  const v = createVerifier({ ...options, onResult: (e: VerifyResultEvent) => events.push(e) } as never);
  for (const token of tokens) await v.verify(token).catch(() => undefined);
  if (options['jwksUrl'] === undefined) for (const token of tokens) {
    try {
      v.verifySync(token);
    } catch {
      // the event is what is asserted
    }
  }
  return events.map((e) => e.kid);
}

let server: Server | undefined;
let url = '';
let es: CryptoKeyPair;

beforeAll(async () => {
  es = await jose.generateKeyPair('ES256', { extractable: true });
  const jwks = JSON.stringify({ keys: [{ ...(await jose.exportJWK(es.publicKey)), kid: 'es-key' }] });
  const http = createServer((req, res) => {
    if (req.url === '/jwks.json') res.writeHead(200).end(jwks);
    else res.writeHead(503).end();
  });
  server = http;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  const http = server;
  if (http !== undefined) await new Promise((resolve) => http.close(resolve));
});

describe('onResult kid', () => {
  it('finding 2: with a single secret key, a validly signed token\'s kid names no configured key and is not reported', async () => {
    const kids = await reportedKids({ algorithms: ['HS256'], key: SECRET }, [
      hs({ kid: 'attacker-chosen' }),
      hs({ kid: 'attacker-chosen' }, {}, 'a-different-secret-of-32-bytes-or-more'),
    ]);
    expect(kids).toStrictEqual([undefined, undefined, undefined, undefined]);
  });

  it('finding 2: a single JWK reports the token kid only when it is the JWK\'s own kid', async () => {
    const jwk = { kty: 'oct', k: b64u(SECRET), kid: 'k1' };
    expect(await reportedKids({ algorithms: ['HS256'], key: jwk }, [hs({ kid: 'k1' }), hs({ kid: 'k2' }), hs({})])).toStrictEqual([
      'k1',
      undefined,
      undefined,
      'k1',
      undefined,
      undefined,
    ]);
    const noKid = { kty: 'oct', k: b64u(SECRET) };
    expect(await reportedKids({ algorithms: ['HS256'], key: noKid }, [hs({ kid: 'k1' })])).toStrictEqual([undefined, undefined]);
  });

  it('finding 2: a local JWKS reports a kid that selected one of its keys, even when the signature then fails, and never an unknown one', async () => {
    const jwks = { keys: [{ kty: 'oct', k: b64u(SECRET), kid: 'known' }] };
    const kids = await reportedKids({ algorithms: ['HS256'], jwks }, [
      hs({ kid: 'known' }),
      hs({ kid: 'known' }, {}, 'a-different-secret-of-32-bytes-or-more'),
      hs({ kid: 'unknown' }),
    ]);
    expect(kids).toStrictEqual(['known', 'known', undefined, 'known', 'known', undefined]);
  });

  it('finding 2: a remote JWKS reports a kid of the fetched set only; an unknown kid or an unavailable set reports none', async () => {
    const sign = (kid: string) => new jose.SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'ES256', kid }).sign(es.privateKey);
    const kids = await reportedKids({ algorithms: ['ES256'], jwksUrl: `${url}/jwks.json` }, [await sign('es-key'), await sign('unknown-kid')]);
    expect(kids).toStrictEqual(['es-key', undefined]);
    const down = await reportedKids({ algorithms: ['ES256'], jwksUrl: `${url}/down.json` }, [await sign('es-key')]);
    expect(down).toStrictEqual([undefined]);
  });
});
