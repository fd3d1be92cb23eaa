/**
 * bench/inputs.mjs — the inputs every candidate gets, unchanged: the same strings, the same tokens,
 * the same keys.
 *
 * Decode and parse inputs are fixed (seeded PRNG): every run measures the same strings.
 * Verify inputs need key pairs; `createVerifyInputs()` makes them once per run (run.mjs), signs the
 * tokens with node:crypto directly (no library under test signs), and the run writes the public
 * half to its raw folder as inputs.json, which every child process reads. So within a run all
 * processes and all candidates verify the same token with the same key; the private keys are never
 * written anywhere.
 *
 *   decodeInput(length)                     base64url strings of 86, 300, 4096 and 1,048,576 characters
 *   parseTokens                             16 distinct ES256-shaped JWTs of one length (taken in turn)
 *   createVerifyInputs() -> { secret, claims, tokens: { HS256, RS256, PS256, ES256, EdDSA }, publicKeys: { alg: spki PEM } }
 */
import { Buffer } from 'node:buffer';
import { constants, createHmac, generateKeyPairSync, sign } from 'node:crypto';

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(n, seed) {
  const next = prng(seed);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
  return out;
}

const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
const json = (value) => Buffer.from(JSON.stringify(value), 'utf8');

function parseClaims(i) {
  return {
    iss: 'https://issuer.example.com',
    sub: `user-${String(1234567890 + i * 7919)}`,
    aud: 'api.example.com',
    iat: 1790000000 + i,
    exp: 1790003600 + i,
    jti: `6f1d2c3b-4a59-4e8f-9a7b-${(0x1c2d3e4f5a6b + i).toString(16).padStart(12, '0')}`,
    scope: 'read:items write:items',
  };
}

/** Claims padded (in `pad`) so the JSON is exactly `bytes` long. */
function claimsOfLength(bytes) {
  const base = { ...parseClaims(0), pad: '' };
  base.pad = 'x'.repeat(bytes - json(base).length);
  const out = json(base);
  if (out.length !== bytes) throw new Error('claims length');
  return out;
}

// Made on first use: a process timing verify does not carry a 1 MiB string it never reads.
const DECODE_INPUTS = {
  86: () => b64u(randomBytes(64, 86)),
  300: () => b64u(claimsOfLength(225)),
  4096: () => b64u(randomBytes(3072, 4)),
  1048576: () => b64u(randomBytes(786432, 1)),
};
const decodeMade = new Map();

/** The base64url string of exactly `length` characters (86, 300, 4096 or 1048576). */
export function decodeInput(length) {
  if (!decodeMade.has(length)) {
    const s = DECODE_INPUTS[length]();
    if (s.length !== length) throw new Error(`decode input of ${s.length} characters, expected ${length}`);
    decodeMade.set(length, s);
  }
  return decodeMade.get(length);
}

const parseHeader = b64u(json({ alg: 'ES256', typ: 'JWT', kid: 'k-2026-01' }));
export const parseTokens = Array.from({ length: 16 }, (_, i) => `${parseHeader}.${b64u(json(parseClaims(i)))}.${b64u(randomBytes(64, 1000 + i))}`);

if (new Set(parseTokens.map((t) => t.length)).size !== 1) throw new Error('parse tokens differ in length');

/** The HS256 secret (ASCII, 45 bytes, shorter than the SHA-256 block, so pads are key XOR ipad/opad). */
export const SECRET = 'benchmark-shared-secret-of-more-than-32-bytes';

/** Claims of a capability-style access token: fixed, valid until 2100, so a run never sees it expire. */
export const VERIFY_CLAIMS = {
  iss: 'SK00000000000000000000000000000000',
  sub: 'AC00000000000000000000000000000000',
  scope: 'scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP00000000000000000000000000000000',
  iat: 1790000000,
  exp: 4102444800,
};

export const ALGORITHMS = ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA'];

function signingKeys(alg) {
  if (alg === 'RS256' || alg === 'PS256') return generateKeyPairSync('rsa', { modulusLength: 2048 });
  if (alg === 'ES256') return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return generateKeyPairSync('ed25519');
}

function signCompact(alg, input, privateKey) {
  const data = Buffer.from(input, 'latin1');
  if (alg === 'HS256') return createHmac('sha256', SECRET).update(data).digest('base64url');
  if (alg === 'EdDSA') return sign(null, data, privateKey).toString('base64url');
  const key =
    alg === 'PS256'
      ? { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : alg === 'ES256'
        ? { key: privateKey, dsaEncoding: 'ieee-p1363' }
        : privateKey;
  return sign('sha256', data, key).toString('base64url');
}

export function createVerifyInputs() {
  const tokens = {};
  const publicKeys = {};
  for (const alg of ALGORITHMS) {
    const pair = alg === 'HS256' ? undefined : signingKeys(alg);
    const input = `${b64u(json({ alg, typ: 'JWT' }))}.${b64u(json(VERIFY_CLAIMS))}`;
    tokens[alg] = `${input}.${signCompact(alg, input, pair?.privateKey)}`;
    if (pair) publicKeys[alg] = pair.publicKey.export({ type: 'spki', format: 'pem' });
  }
  return { secret: SECRET, claims: VERIFY_CLAIMS, tokens, publicKeys };
}

