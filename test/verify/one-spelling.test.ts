// One spelling per token: five mutations of a validly signed token, run against captoken and three
// peers (jose jwtVerify, fast-jwt createVerifier, jsonwebtoken verify). captoken must reject all of
// them; what each peer does is recorded in PEERS below and asserted, so a peer's change is noticed.
import { generateKeyPairSync } from 'node:crypto';
import { createVerifier as fastJwtVerifier } from 'fast-jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/verify/index.js';

type Alg = 'HS256' | 'RS256' | 'ES256';
type Verdict = 'accept' | 'reject';
const MUTATIONS = [
  'signature trailing bits flipped',
  'padded signature',
  'signature in standard alphabet (+ /)',
  'whitespace inside the signature',
  'padded header (signed over the padded text)',
] as const;
type Mutation = (typeof MUTATIONS)[number];
const PEER_NAMES = ['jose', 'fast-jwt', 'jsonwebtoken'] as const;
type Peer = (typeof PEER_NAMES)[number];

/** Observed peer behaviour (jose 6.2, fast-jwt 6.3, jsonwebtoken 9.0). A change here is a finding. */
const PEERS: Record<Alg, Record<Mutation, Record<Peer, Verdict>>> = {
  HS256: {
    'signature trailing bits flipped': { jose: 'accept', 'fast-jwt': 'accept', jsonwebtoken: 'reject' },
    'padded signature': { jose: 'accept', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
    'signature in standard alphabet (+ /)': { jose: 'reject', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
    'whitespace inside the signature': { jose: 'accept', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
    'padded header (signed over the padded text)': { jose: 'accept', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
  },
  RS256: {
    'signature trailing bits flipped': { jose: 'accept', 'fast-jwt': 'accept', jsonwebtoken: 'accept' },
    'padded signature': { jose: 'accept', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
    'signature in standard alphabet (+ /)': { jose: 'reject', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
    'whitespace inside the signature': { jose: 'accept', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
    'padded header (signed over the padded text)': { jose: 'accept', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
  },
  ES256: {
    'signature trailing bits flipped': { jose: 'accept', 'fast-jwt': 'accept', jsonwebtoken: 'accept' },
    'padded signature': { jose: 'accept', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
    'signature in standard alphabet (+ /)': { jose: 'reject', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
    'whitespace inside the signature': { jose: 'accept', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
    'padded header (signed over the padded text)': { jose: 'accept', 'fast-jwt': 'reject', jsonwebtoken: 'reject' },
  },
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

interface Keys {
  sign: jose.CryptoKey | Uint8Array;
  verify: jose.CryptoKey | Uint8Array;
  pem: string; // what fast-jwt and jsonwebtoken are given
}
const keys = {} as Record<Alg, Keys>;
const SECRET = 'one-spelling-test-secret-of-32-bytes+';

beforeAll(async () => {
  const secret = new TextEncoder().encode(SECRET);
  keys.HS256 = { sign: secret, verify: secret, pem: SECRET };
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  keys.RS256 = {
    sign: await jose.importPKCS8(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'RS256'),
    verify: await jose.importSPKI(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string, 'RS256'),
    pem: rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  keys.ES256 = {
    sign: await jose.importPKCS8(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'ES256'),
    verify: await jose.importSPKI(ec.publicKey.export({ type: 'spki', format: 'pem' }) as string, 'ES256'),
    pem: ec.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
});

/** Signs `<header>.<payload>` text as given (padding and all) with jose's flattened signer output. */
async function signInput(alg: Alg, input: string): Promise<string> {
  // jose signs the exact protected-header text it produces, so sign the raw bytes with WebCrypto/HMAC instead.
  const data = new TextEncoder().encode(input);
  const key = keys[alg].sign;
  let sig: ArrayBuffer;
  if (alg === 'HS256') {
    const k = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    sig = await crypto.subtle.sign('HMAC', k, data);
  } else if (alg === 'RS256') {
    sig = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key as CryptoKey, data);
  } else {
    sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key as CryptoKey, data);
  }
  return Buffer.from(sig).toString('base64url');
}

/** A valid token whose signature holds a '-' or '_' (so the alphabet mutation changes something). */
async function validToken(alg: Alg): Promise<string> {
  for (let i = 0; ; i++) {
    const header = Buffer.from(JSON.stringify({ alg, kid: 'k1' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'alice', n: i })).toString('base64url');
    const sig = await signInput(alg, `${header}.${payload}`);
    if (/[-_]/.test(sig) && header.length % 4 !== 0) return `${header}.${payload}.${sig}`;
  }
}

async function mutate(alg: Alg, token: string, mutation: Mutation): Promise<string> {
  const [h, p, s] = token.split('.') as [string, string, string];
  switch (mutation) {
    case 'signature trailing bits flipped': {
      const last = ALPHABET.indexOf(s[s.length - 1]!);
      return `${h}.${p}.${s.slice(0, -1)}${ALPHABET[last | 1]}`;
    }
    case 'padded signature':
      return `${h}.${p}.${s}${'='.repeat((4 - (s.length % 4)) % 4)}`;
    case 'signature in standard alphabet (+ /)':
      return `${h}.${p}.${s.replace(/-/g, '+').replace(/_/g, '/')}`;
    case 'whitespace inside the signature':
      return `${h}.${p}.${s.slice(0, 20)} ${s.slice(20)}`;
    case 'padded header (signed over the padded text)': {
      const padded = `${h}${'='.repeat((4 - (h.length % 4)) % 4)}`;
      return `${padded}.${p}.${await signInput(alg, `${padded}.${p}`)}`;
    }
  }
}

async function verdict(fn: () => unknown): Promise<Verdict> {
  try {
    await fn();
    return 'accept';
  } catch {
    return 'reject';
  }
}

async function peers(alg: Alg, token: string): Promise<Record<Peer, Verdict>> {
  const k = keys[alg];
  const fast = fastJwtVerifier({ key: k.pem, algorithms: [alg] });
  return {
    jose: await verdict(() => jose.jwtVerify(token, k.verify, { algorithms: [alg] })),
    'fast-jwt': await verdict(() => fast(token)),
    jsonwebtoken: await verdict(() => jsonwebtoken.verify(token, k.pem, { algorithms: [alg] })),
  };
}

describe('one spelling per token', () => {
  const table: string[] = [];
  for (const alg of ['HS256', 'RS256', 'ES256'] as const) {
    it(`${alg}: captoken rejects all five mutations; peers behave as recorded`, async () => {
      const token = await validToken(alg);
      const ours = createVerifier({ algorithms: [alg], key: keys[alg].verify });
      // The unmutated token is accepted by everyone (the baseline).
      expect(ours.verifySync(token).payload['sub']).toBe('alice');
      expect(await peers(alg, token)).toEqual({ jose: 'accept', 'fast-jwt': 'accept', jsonwebtoken: 'accept' });
      const observed = {} as Record<Mutation, Record<Peer, Verdict>>;
      for (const mutation of MUTATIONS) {
        const mutated = await mutate(alg, token, mutation);
        expect(mutated).not.toBe(token);
        expect(await verdict(() => ours.verifySync(mutated)), `captoken, ${mutation}`).toBe('reject');
        expect(await verdict(() => ours.verify(mutated)), `captoken async, ${mutation}`).toBe('reject');
        observed[mutation] = await peers(alg, mutated);
        table.push(`| ${alg} | ${mutation} | reject | ${PEER_NAMES.map((n) => observed[mutation][n]).join(' | ')} |`);
      }
      expect(observed).toEqual(PEERS[alg]);
    });
  }

  it('known limit: ECDSA is malleable, so an ES256 token has a second valid spelling (r, n - s) that anyone can make', async () => {
    // Not a codec matter: both signatures are canonical base64url and both verify under the key (this is
    // ECDSA itself). Requiring low-s would reject about half the tokens that OpenSSL/WebCrypto signers
    // produce, so captoken accepts both; deny-lists must key on the signing input (header.payload) or jti.
    const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const token = await validToken('ES256');
    const [h, p, s] = token.split('.') as [string, string, string];
    const sig = Buffer.from(s, 'base64url');
    const sValue = BigInt(`0x${sig.subarray(32).toString('hex')}`);
    const flipped = Buffer.concat([sig.subarray(0, 32), Buffer.from((N - sValue).toString(16).padStart(64, '0'), 'hex')]);
    const twin = `${h}.${p}.${flipped.toString('base64url')}`;
    expect(twin).not.toBe(token);
    const ours = createVerifier({ algorithms: ['ES256'], key: keys.ES256.verify });
    expect(ours.verifySync(twin).payload).toEqual(ours.verifySync(token).payload);
  });

  it('prints the table', () => {
    console.log(['| alg | mutation | captoken | jose | fast-jwt | jsonwebtoken |', '| --- | --- | --- | --- | --- | --- |', ...table].join('\n'));
  });
});
