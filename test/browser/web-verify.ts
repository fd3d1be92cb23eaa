// Verification, minting and the capability model, exercised through captoken's public API only, with
// keys and signatures made by the platform's WebCrypto. Runs in the browser page (web runtime: jose +
// crypto.subtle) and in Node (node:crypto runtime); each case reports what it expected and what it got.
import type * as Captoken from '../../src/index.js';

type Api = Pick<
  typeof Captoken,
  'createVerifier' | 'encodeBase64url' | 'isCaptokenError' | 'mintCapabilityToken' | 'capabilitiesOf' | 'hasCapability' | 'incomingScope' | 'parseToken'
>;

export interface VerifyCase {
  name: string;
  expected: string;
  got: string;
}

const encoder = new TextEncoder();
const NOW_S = 1_800_000_000;
const SECRET = 'browser-hs256-secret-of-32-bytes!';
const ACCOUNT = `AC${'0'.repeat(32)}`;

/** `ok` or the CaptokenError code (anything else: its name and message). */
async function outcome(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    const e = error as { code?: unknown; name?: unknown; message?: unknown };
    return typeof e.code === 'string' ? e.code : `${String(e.name)}: ${String(e.message)}`;
  }
}

export async function runWebVerify(api: Api): Promise<VerifyCase[]> {
  const subtle = globalThis.crypto.subtle;
  const b64 = (value: unknown): string => api.encodeBase64url(encoder.encode(JSON.stringify(value)));
  const claims = { iss: ACCOUNT, exp: NOW_S + 300, scope: 'scope:client:incoming?clientName=alice' };
  const now = (): number => NOW_S * 1000;
  const cases: VerifyCase[] = [];
  const check = async (name: string, expected: string, run: () => unknown): Promise<void> => {
    cases.push({ name, expected, got: await outcome(run) });
  };

  // HS256: HMAC key and signature from WebCrypto.
  const hmac = await subtle.importKey('raw', encoder.encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const hsInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  const hsToken = `${hsInput}.${api.encodeBase64url(new Uint8Array(await subtle.sign('HMAC', hmac, encoder.encode(hsInput))))}`;
  const hs = api.createVerifier({ algorithms: ['HS256'], key: SECRET, issuer: ACCOUNT, now, cache: { max: 8, ttlSeconds: 60 } });
  await check('HS256 verify: a valid token', 'ok', () => hs.verify(hsToken));
  await check('HS256 verify: the result is deep-frozen (cached results are shared)', 'ok', async () => {
    const r = await hs.verify(hsToken);
    if (!Object.isFrozen(r) || !Object.isFrozen(r.payload)) throw new Error('not frozen');
  });
  const tampered = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, scope: 'scope:client:outgoing' })}.${hsToken.split('.')[2] ?? ''}`;
  await check('HS256 verify: a changed payload', 'SIGNATURE_INVALID', () => hs.verify(tampered));
  await check('HS256 verify: expired', 'TOKEN_EXPIRED', () =>
    api.createVerifier({ algorithms: ['HS256'], key: SECRET, now: () => (NOW_S + 301) * 1000 }).verify(hsToken),
  );
  await check('HS256 verify: alg not allowed', 'ALG_NOT_ALLOWED', () =>
    api.createVerifier({ algorithms: ['HS512'], key: `${SECRET}${SECRET}` }).verify(hsToken),
  );

  // ES256: a P-256 key pair from WebCrypto, the public half handed over as a JWK.
  const pair = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']));
  const other = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']));
  const jwk = await subtle.exportKey('jwk', pair.publicKey);
  const { kty, crv, x, y } = jwk;
  const esInput = `${b64({ alg: 'ES256', typ: 'JWT', kid: 'k1' })}.${b64(claims)}`;
  const esSign = async (key: CryptoKey): Promise<string> =>
    `${esInput}.${api.encodeBase64url(new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, encoder.encode(esInput))))}`;
  const es = api.createVerifier({ algorithms: ['ES256'], key: { kty, crv, x, y } as Captoken.VerifyKey, now });
  const esToken = await esSign(pair.privateKey);
  await check('ES256 verify: a valid token', 'ok', () => es.verify(esToken));
  await check('ES256 verify: signed by another key', 'SIGNATURE_INVALID', async () => es.verify(await esSign(other.privateKey)));

  // Minting (jose SignJWT) and the capability model.
  const minted = await api.mintCapabilityToken({ accountSid: ACCOUNT, secret: SECRET, capabilities: [api.incomingScope('alice')], now });
  await check('mintCapabilityToken -> verify -> capabilitiesOf: client:incoming for alice', 'ok', async () => {
    const verified = await hs.verify(minted);
    const set = api.capabilitiesOf(verified);
    if (!api.hasCapability(set, 'client:incoming', { clientName: 'alice' })) throw new Error(`no client:incoming in ${JSON.stringify(set)}`);
    if (api.hasCapability(set, 'client:outgoing')) throw new Error('unexpected client:outgoing');
  });

  return cases;
}
