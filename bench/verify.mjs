/**
 * bench/verify.mjs — captoken's verifySync against the raw Node floor and its peers, per algorithm.
 *
 * Run: node --expose-gc --import tsx bench/verify.mjs   (tsx loads the TypeScript sources directly)
 * Env: BENCH_ROUNDS (default 31), BENCH_BATCH_MS (default 25), BENCH_ALGS (default HS256,RS256,ES256,EdDSA),
 *      BENCH_CLOCK ('cpu', the default: process CPU time, or 'wall').
 *
 * Every candidate verifies the same token with the same key material in the same process, in
 * interleaved rounds (bench/harness.mjs); ratios are medians of paired per-round ratios.
 * Candidates:
 * - floor (one-shot HMAC), HS256 only: the same floor with captoken's HMAC technique, to show captoken's
 *   own overhead over an equally fast HMAC.
 * - floor: what any verifier must do, on Node's own crypto: split at the dots, HMAC (createHmac +
 *   timingSafeEqual) or crypto.verify with a prepared KeyObject (ieee-p1363 for ES*), decode the
 *   signature, and JSON.parse the payload. No strictness, no header parse, no claim checks.
 * - captoken verifySync, without and with the verified-token cache (same token every call: all hits).
 * - fast-jwt createVerifier, without and with its cache (cache: true).
 * - jsonwebtoken verify.
 * - jose jwtVerify (async: awaited per call), and captoken verify (async) as its like-for-like peer.
 * Output: bench/results/verify.md (ratio tables and targets), raw samples in bench/results/raw/.
 */
import { createHmac, createPublicKey, generateKeyPairSync, hash as cryptoHash, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSigner, createVerifier as fastJwtVerifier } from 'fast-jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { createVerifier } from '../src/verify/index.ts';
import { formatNs, formatRatio, libraryVersions, machineInfo, markdownTable, measure, ratio, resultsDir, speedup, writeRaw } from './harness.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 31);
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 25);
const ALGS = (process.env.BENCH_ALGS ?? 'HS256,RS256,ES256,EdDSA').split(',');
// CPU time by default: the machine is shared, and wall time counts the waits for a core.
const CLOCK = process.env.BENCH_CLOCK ?? 'cpu';

const SECRET = 'benchmark-shared-secret-of-more-than-32-bytes';
const now = Math.floor(Date.now() / 1000);
const CLAIMS = {
  iss: 'AC00000000000000000000000000000000',
  sub: 'AC00000000000000000000000000000000',
  scope: 'scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP00000000000000000000000000000000',
  iat: now,
  exp: now + 24 * 3600,
};

function keysFor(alg) {
  if (alg === 'HS256') return { sign: SECRET, verify: SECRET };
  const pair =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : alg === 'ES256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  return {
    sign: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    verify: pair.publicKey.export({ type: 'spki', format: 'pem' }),
    publicKey: pair.publicKey,
  };
}

/** The floor: the least a verifier must do on Node's crypto, then JSON.parse the payload. */
function floorFor(alg, keys) {
  if (alg === 'HS256') {
    return (token) => {
      const second = token.lastIndexOf('.');
      const first = token.indexOf('.');
      const mac = createHmac('sha256', SECRET).update(token.slice(0, second)).digest();
      const sig = Buffer.from(token.slice(second + 1), 'base64url');
      if (sig.length !== mac.length || !timingSafeEqual(mac, sig)) throw new Error('bad signature');
      return JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString());
    };
  }
  const key = createPublicKey(keys.verify);
  const options = alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key;
  const digest = alg === 'EdDSA' ? null : 'sha256';
  return (token) => {
    const second = token.lastIndexOf('.');
    const first = token.indexOf('.');
    const sig = Buffer.from(token.slice(second + 1), 'base64url');
    if (!cryptoVerify(digest, Buffer.from(token.slice(0, second)), options, sig)) throw new Error('bad signature');
    return JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString());
  };
}

/**
 * HS256 only: the floor with captoken's HMAC technique (two one-shot digests over prepared pads
 * instead of a createHmac object per call), so the table also shows captoken's own overhead over an
 * equally fast HMAC. Requires crypto.hash (Node >= 20.12).
 */
function floorOneShotHmac() {
  if (typeof cryptoHash !== 'function') return undefined;
  const key = Buffer.from(SECRET);
  const inner = Buffer.alloc(64 + 16384);
  const outer = Buffer.alloc(96);
  for (let i = 0; i < 64; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36;
    outer[i] = (key[i] ?? 0) ^ 0x5c;
  }
  return (token) => {
    const second = token.lastIndexOf('.');
    const first = token.indexOf('.');
    const n = inner.write(token.slice(0, second), 64, 'latin1');
    cryptoHash('sha256', inner.subarray(0, 64 + n), 'buffer').copy(outer, 64);
    const mac = cryptoHash('sha256', outer, 'buffer');
    const sig = Buffer.from(token.slice(second + 1), 'base64url');
    if (sig.length !== mac.length || !timingSafeEqual(mac, sig)) throw new Error('bad signature');
    return JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString());
  };
}

async function candidatesFor(alg) {
  const keys = keysFor(alg);
  const token = createSigner({ key: keys.sign, algorithm: alg })(CLAIMS);
  const ourKey = alg === 'HS256' ? SECRET : keys.publicKey;
  const ours = createVerifier({ algorithms: [alg], key: ourKey });
  const oursCached = createVerifier({ algorithms: [alg], key: ourKey, cache: { max: 1000, ttlSeconds: 600 } });
  const fast = fastJwtVerifier({ key: keys.verify, algorithms: [alg] });
  const fastCached = fastJwtVerifier({ key: keys.verify, algorithms: [alg], cache: true });
  const joseKey = alg === 'HS256' ? new TextEncoder().encode(SECRET) : await jose.importSPKI(keys.verify, alg);
  const floor = floorFor(alg, keys);
  // Every candidate must accept the token before it is timed.
  const checks = [['floor', floor], ['captoken', (t) => ours.verifySync(t)], ['fast-jwt', fast]];
  if (alg !== 'EdDSA') checks.push(['jsonwebtoken', (t) => jsonwebtoken.verify(t, keys.verify, { algorithms: [alg] })]);
  for (const [name, fn] of checks) {
    const payload = fn(token);
    if ((payload.payload ?? payload).sub !== CLAIMS.sub) throw new Error(`${name} did not verify the ${alg} token`);
  }
  await jose.jwtVerify(token, joseKey, { algorithms: [alg] });
  const oneShot = alg === 'HS256' ? floorOneShotHmac() : undefined;
  if (oneShot !== undefined && oneShot(token).sub !== CLAIMS.sub) throw new Error('one-shot floor did not verify');
  const sync = [
    { name: 'floor', fn: () => floor(token) },
    ...(oneShot === undefined ? [] : [{ name: 'floor (one-shot HMAC)', fn: () => oneShot(token) }]),
    { name: 'captoken', fn: () => ours.verifySync(token) },
    { name: 'captoken (cache)', fn: () => oursCached.verifySync(token) },
    { name: 'fast-jwt', fn: () => fast(token) },
    { name: 'fast-jwt (cache)', fn: () => fastCached(token) },
    ...(alg === 'EdDSA' ? [] : [{ name: 'jsonwebtoken', fn: () => jsonwebtoken.verify(token, keys.verify, { algorithms: [alg] }) }]), // jsonwebtoken 9 has no EdDSA
  ];
  const async = [
    { name: 'captoken verify (async)', fn: () => ours.verify(token) },
    { name: 'jose jwtVerify (async)', fn: () => jose.jwtVerify(token, joseKey, { algorithms: [alg] }) },
  ];
  return { sync, async, tokenLength: token.length };
}

const TARGETS = {
  HS256: [
    ['captoken', 'fast-jwt', 1.3, 'at least 1.3x fast-jwt (no cache)'],
    ['captoken', 'floor', 0.85, 'at least 0.85x the raw floor'],
    ['captoken', 'floor (one-shot HMAC)', null, "(information, not a target) captoken vs a floor using captoken's own HMAC technique: the cost of strictness"],
    ['captoken', 'jose jwtVerify (async)', 8, 'at least 8x jose.jwtVerify (captoken verifySync vs jose)'],
    ['captoken (cache)', 'fast-jwt (cache)', 1.0, "cached: at least fast-jwt's cached speed"],
  ],
  RS256: [['captoken', 'floor', 0.9, 'at least 0.9x the raw floor']],
  ES256: [['captoken', 'floor', 0.9, 'at least 0.9x the raw floor']],
  EdDSA: [['captoken', 'floor', 0.9, 'at least 0.9x the raw floor']],
};

const sections = [];
const raw = {};
const summary = [];
for (const alg of ALGS) {
  const { sync, async, tokenLength } = await candidatesFor(alg);
  const m = await measure(sync, { rounds: ROUNDS, batchMs: BATCH_MS, clock: CLOCK, label: `${alg} verifySync` });
  const a = await measure([...async, { name: 'captoken', fn: sync[1].fn }], { rounds: ROUNDS, batchMs: BATCH_MS, clock: CLOCK, label: `${alg} async` });
  raw[alg] = { sync: m, async: a };
  const rows = m.candidates.map((c) => [
    c.name,
    formatNs(c.median),
    c.name === 'captoken' ? '1.00x' : formatRatio(speedup(m, 'captoken', c.name)),
  ]);
  for (const c of a.candidates.filter((x) => x.name !== 'captoken')) {
    rows.push([c.name, formatNs(c.median), formatRatio(speedup(a, 'captoken', c.name))]);
  }
  // Speed-up of subject over peer: median and quartiles of the paired per-round time(peer)/time(subject).
  const lookup = (subject, peer) => {
    const run = m.candidates.some((c) => c.name === peer) && m.candidates.some((c) => c.name === subject) ? m : a;
    return ratio(run, peer, subject);
  };
  const quartiles = (r) => `${r.q1.toFixed(2)}–${r.q3.toFixed(2)}`;
  const targetRows = (TARGETS[alg] ?? []).map(([subject, peer, want, text]) => {
    const got = lookup(subject, peer);
    const status = want === null ? 'info' : got.median >= want ? 'met' : 'NOT met';
    summary.push({ alg, target: text, got: got.median, spread: quartiles(got), status });
    return [text, formatRatio(got.median), quartiles(got), status];
  });
  const q = ratio(m, 'captoken', 'floor');
  const asyncVsJose = speedup(a, 'captoken verify (async)', 'jose jwtVerify (async)');
  const cachedVsFast = speedup(m, 'captoken (cache)', 'fast-jwt (cache)');
  sections.push(
    [
      `### ${alg} (token of ${tokenLength} characters)`,
      '',
      markdownTable(['candidate', 'median time/op', 'captoken verifySync is N.x faster'], rows),
      '',
      `captoken / floor time ratio: median ${q.median.toFixed(2)} (quartiles ${q.q1.toFixed(2)}–${q.q3.toFixed(2)}). ` +
        `Like for like: captoken \`verify\` (async) is ${formatRatio(asyncVsJose)} faster than jose \`jwtVerify\`; ` +
        `captoken with cache is ${formatRatio(cachedVsFast)} faster than fast-jwt with cache.`,
      '',
      markdownTable(['target', 'reached (median)', 'quartiles', 'status'], targetRows),
      '',
    ].join('\n'),
  );
  console.log(`${alg}: ${targetRows.map((r) => `${r[0]} -> ${r[1]} ${r[2]}`).join('; ')}`);
}

const machine = machineInfo();
const versions = libraryVersions(['jose', 'fast-jwt', 'jsonwebtoken']);
const md = [
  '## Verification (bench/verify.mjs)',
  '',
  `Machine: ${machine.cpuModel}, ${machine.cores} cores (shared), Node ${machine.node}, load ${machine.loadavg.join(' ')}. ` +
    `Libraries: jose ${versions.jose}, fast-jwt ${versions['fast-jwt']}, jsonwebtoken ${versions.jsonwebtoken}. ${machine.date}.`,
  '',
  `Method: every candidate verifies the same token with the same key in one process, ${ROUNDS} interleaved rounds of ~${BATCH_MS} ms batches, ${CLOCK === 'cpu' ? 'process CPU time' : 'wall time'}; ` +
    'figures are medians, "N.x faster" is the median of paired per-round ratios (time of peer / time of captoken in the same round). ' +
    '"captoken" is `verifySync` without cache; "(cache)" rows verify the same token every call (all hits). ' +
    'jose is asynchronous, so its row is measured in a separate interleaved run with `await` per call, next to captoken `verify` (async) and `verifySync`. ' +
    'The floor splits, checks the signature with Node crypto (createHmac + timingSafeEqual, or crypto.verify with a prepared KeyObject) and JSON.parses the payload: no strict decoding, no header parsing, no claim checks.',
  '',
  ...sections,
  '### Targets',
  '',
  markdownTable(['alg', 'target', 'reached (median)', 'quartiles', 'status'], summary.map((s) => [s.alg, s.target, formatRatio(s.got), s.spread, s.status])),
  '',
].join('\n');
writeFileSync(path.join(resultsDir, 'verify.md'), md);
const file = writeRaw('verify', { rounds: ROUNDS, batchMs: BATCH_MS, clock: CLOCK, results: raw });
console.log(md);
console.log(`raw: ${file}`);
