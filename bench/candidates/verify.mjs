/**
 * bench/candidates/verify.mjs — verifying a signed JWT: captoken's `createVerifier(...).verifySync`
 * (the built package, no cache) against fast-jwt, jose and the floors, per algorithm. Every candidate
 * verifies the run's token for that algorithm with the run's key (bench/inputs.mjs).
 *
 * The floors are the least a verifier must do on Node's own crypto, and nothing more: no strict
 * decoding, no header parsing, no algorithm or claim checks.
 * - HS256 (`hs256Floor`): split; HMAC-SHA-256 as two one-shot `crypto.hash` calls over pads prepared
 *   once (key XOR ipad / opad), the inner digest written into the outer pad buffer, the outer digest
 *   as base64url text; a constant-time compare of that text with the signature segment; the payload
 *   decoded into a scratch buffer allocated once, `JSON.parse` of its UTF-8 text. No ArrayBuffer is
 *   allocated per call: it is the tightest HMAC verify we know how to write on Node.
 * - RS256, PS256, ES256, EdDSA (`signatureFloor`): split; the signing input written into a buffer
 *   allocated once; `Buffer.from(signature, 'base64url')`; `crypto.verify` with a KeyObject prepared
 *   once (PSS with salt = digest length, ES256 as ieee-p1363); `JSON.parse(Buffer.from(payload,
 *   'base64url').toString())`.
 */
import { Buffer } from 'node:buffer';
import { constants, createPublicKey, hash, verify } from 'node:crypto';
import { ALGORITHMS } from '../inputs.mjs';

const MAX_INPUT = 65536;

const split = (token) => {
  const first = token.indexOf('.');
  const second = first === -1 ? -1 : token.indexOf('.', first + 1);
  if (second === -1 || second > MAX_INPUT) throw new Error('malformed token');
  return [first, second];
};

/** The HS256 floor (see the file comment). `secret` is at most 64 bytes. */
export function hs256Floor(secret) {
  const key = Buffer.from(secret, 'utf8');
  if (key.length > 64) throw new Error('hs256Floor: a key longer than the SHA-256 block would be hashed first');
  const inner = Buffer.alloc(64 + MAX_INPUT);
  const outer = Buffer.alloc(64 + 32);
  for (let i = 0; i < 64; i++) {
    const k = i < key.length ? key[i] : 0;
    inner[i] = k ^ 0x36;
    outer[i] = k ^ 0x5c;
  }
  const scratch = Buffer.alloc(MAX_INPUT);
  let signed = inner.subarray(0, 64);
  let signedLength = 0;
  return (token) => {
    const [first, second] = split(token);
    if (second !== signedLength) {
      signed = inner.subarray(0, 64 + second);
      signedLength = second;
    }
    inner.write(token, 64, second, 'latin1');
    outer.write(hash('sha256', signed, 'latin1'), 64, 32, 'latin1');
    const mac = hash('sha256', outer, 'base64url');
    if (token.length - second - 1 !== mac.length) throw new Error('bad signature');
    let diff = 0;
    for (let i = 0; i < mac.length; i++) diff |= mac.charCodeAt(i) ^ token.charCodeAt(second + 1 + i);
    if (diff !== 0) throw new Error('bad signature');
    const n = scratch.write(token.slice(first + 1, second), 'base64url');
    return JSON.parse(scratch.toString('utf8', 0, n));
  };
}

/** The crypto.verify floor for RS256, PS256, ES256 and EdDSA (see the file comment). */
export function signatureFloor(alg, publicKeyPem) {
  const key = createPublicKey(publicKeyPem);
  const options =
    alg === 'PS256'
      ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : alg === 'ES256'
        ? { key, dsaEncoding: 'ieee-p1363' }
        : key;
  const digest = alg === 'EdDSA' ? null : 'sha256';
  const data = Buffer.alloc(MAX_INPUT);
  let signed = data.subarray(0, 0);
  return (token) => {
    const [first, second] = split(token);
    if (second !== signed.length) signed = data.subarray(0, second);
    data.write(token, 0, second, 'latin1');
    const signature = Buffer.from(token.slice(second + 1), 'base64url');
    if (!verify(digest, signed, options, signature)) throw new Error('bad signature');
    return JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString());
  };
}

const keyFor = (alg, inputs) => (alg === 'HS256' ? inputs.secret : inputs.publicKeys[alg]);

function syncCandidates(alg) {
  return {
    captoken: {
      describe: `captoken \`createVerifier({ algorithms: ['${alg}'], key }).verifySync\`, no cache: strict decoding of all three segments, strict JSON header and payload, algorithm allow-list, ${alg === 'HS256' ? 'constant-time compare, ' : ''}registered claims (exp, nbf, iat types)`,
      make: ({ captoken, verify: inputs }) => {
        const key = alg === 'HS256' ? inputs.secret : createPublicKey(inputs.publicKeys[alg]);
        const verifier = captoken.createVerifier({ algorithms: [alg], key });
        return (t) => verifier.verifySync(t);
      },
      view: (r) => r.payload,
    },
    'fast-jwt': {
      describe: `fast-jwt \`createVerifier({ key, algorithms: ['${alg}'] })\`, no cache (its default), same ${alg === 'HS256' ? 'secret' : 'public key (PEM)'}`,
      make: async ({ verify: inputs }) => {
        const { createVerifier } = await import('fast-jwt');
        return createVerifier({ key: keyFor(alg, inputs), algorithms: [alg] });
      },
    },
    floor: {
      describe:
        alg === 'HS256'
          ? 'the one-shot HMAC floor: split, two `crypto.hash` calls over prepared pads, constant-time compare, JSON.parse (no ArrayBuffer per call)'
          : `the crypto.verify floor: split, \`Buffer.from\` base64url, \`crypto.verify\` with a prepared KeyObject, JSON.parse`,
      make: ({ verify: inputs }) => (alg === 'HS256' ? hs256Floor(inputs.secret) : signatureFloor(alg, inputs.publicKeys[alg])),
    },
  };
}

const asyncCandidates = {
  captoken: {
    describe: "captoken `createVerifier({ algorithms: ['HS256'], key }).verify` (async, awaited per call), no cache",
    make: ({ captoken, verify: inputs }) => {
      const verifier = captoken.createVerifier({ algorithms: ['HS256'], key: inputs.secret });
      return (t) => verifier.verify(t);
    },
    view: (r) => r.payload,
  },
  jose: {
    describe: "jose `jwtVerify(token, secret, { algorithms: ['HS256'] })` (async, awaited per call)",
    make: async ({ verify: inputs }) => {
      const { jwtVerify } = await import('jose');
      const key = new TextEncoder().encode(inputs.secret);
      return (t) => jwtVerify(t, key, { algorithms: ['HS256'] });
    },
    view: (r) => r.payload,
  },
};

/** The run's token with one signature character changed: every candidate must reject it. */
function tampered(token) {
  const i = token.lastIndexOf('.') + 5;
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}

const verifyCase = (alg, title, candidates) => ({
  title,
  inputs: ({ verify: inputs }) => [inputs.tokens[alg]],
  expected: (_token, { verify: inputs }) => inputs.claims,
  view: (r) => r,
  // A forged signature: here the peers must reject too, or they are not verifying.
  badInputs: ({ verify: inputs }) => [tampered(inputs.tokens[alg])],
  peersReject: true,
  candidates,
});

export const cases = {
  ...Object.fromEntries(ALGORITHMS.map((alg) => [`verify-${alg}`, verifyCase(alg, `${alg} verifySync, no cache`, syncCandidates(alg))])),
  'verify-HS256-async': verifyCase('HS256', 'HS256 verify, async (awaited per call)', asyncCandidates),
};
