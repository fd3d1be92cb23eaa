/**
 * bench/inputs.mjs — the prepared inputs, built once and handed unchanged to every library.
 * Deterministic (fixed-seed PRNG), so every run and every process measures the same strings.
 *
 *   segment300  a 300-character base64url payload segment (225 bytes of JWT claims JSON)
 *   segment86   an 86-character ES256 signature segment (64 bytes)
 *   mib         1 MiB (1,048,576 characters) of base64url text (768 KiB of random bytes)
 *   tokens      16 distinct compact ES256 JWTs of the same shape and length (~400 characters): one
 *               issuer, so the header is identical; sub, jti and the signature differ
 *   token       tokens[0]
 */
import { Buffer } from 'node:buffer';

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

function claims(i) {
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
  const base = { ...claims(0), pad: '' };
  base.pad = 'x'.repeat(bytes - json(base).length);
  const out = json(base);
  if (out.length !== bytes) throw new Error('claims length');
  return out;
}

export const segment300 = b64u(claimsOfLength(225));
export const segment86 = b64u(randomBytes(64, 86));
export const mib = b64u(randomBytes(786432, 1));

const header = b64u(json({ alg: 'ES256', typ: 'JWT', kid: 'k-2026-01' }));
export const tokens = Array.from({ length: 16 }, (_, i) => `${header}.${b64u(json(claims(i)))}.${b64u(randomBytes(64, 1000 + i))}`);
export const token = tokens[0];

export const describeInputs = () => ({
  segment300: `${segment300.length} characters (${Buffer.from(segment300, 'base64url').length} bytes of claims JSON)`,
  segment86: `${segment86.length} characters (ES256 signature, 64 bytes)`,
  mib: `${mib.length} characters (${Buffer.from(mib, 'base64url').length} random bytes)`,
  token: `${tokens.length} distinct ES256 JWTs of ${token.length} characters (header ${header.length}, payload ${token.split('.')[1].length}, signature 86)`,
});

if (segment300.length !== 300 || mib.length !== 1048576 || new Set(tokens.map((t) => t.length)).size !== 1) {
  throw new Error('bench inputs do not have the documented shape');
}
