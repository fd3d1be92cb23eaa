/**
 * bench/parse.mjs — parsing a compact JWT without verifying it: captoken's parseToken (the built
 * package) against jose's decodeJwt, jose's decodeProtectedHeader + decodeJwt, and fast-jwt's
 * createDecoder(), on the same 16 tokens (taken in turn, so no candidate sees one string only).
 *
 *   node --expose-gc bench/parse.mjs [--entry bench/.snapshot/index.js] [--out file.json] [--quick]
 *
 * Before timing, all candidates must agree on every token's claims (and header, where they return
 * it), and parseToken must reject tokens the peers accept, so the timed path is the strict one.
 */
import { Buffer } from 'node:buffer';
import { createDecoder } from 'fast-jwt';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { isDeepStrictEqual } from 'node:util';
import { describeInputs, tokens } from './inputs.mjs';
import { loadCaptoken, runCases, suiteArgs } from './suite.mjs';

const args = suiteArgs();
const { mod: captoken, entry } = await loadCaptoken(args.entry);
const fastJwtDecode = createDecoder();
const fastJwtDecodeComplete = createDecoder({ complete: true });

// Each candidate walks the token list with its own counter (the & 15 costs every candidate the same).
const rotating = (f) => {
  let i = 0;
  return () => f(tokens[i++ & 15]);
};
const candidates = [
  { name: 'captoken', fn: rotating((t) => captoken.parseToken(t)) },
  { name: 'jose decodeJwt', fn: rotating((t) => decodeJwt(t)) },
  { name: 'jose header+payload', fn: rotating((t) => [decodeProtectedHeader(t), decodeJwt(t)]) },
  { name: 'fast-jwt', fn: rotating((t) => fastJwtDecode(t)) },
  { name: 'fast-jwt complete', fn: rotating((t) => fastJwtDecodeComplete(t)) },
];

for (const t of tokens) {
  const { header, payload, signature } = captoken.parseToken(t);
  const same =
    isDeepStrictEqual(payload, decodeJwt(t)) &&
    isDeepStrictEqual(header, decodeProtectedHeader(t)) &&
    isDeepStrictEqual(payload, fastJwtDecode(t)) &&
    isDeepStrictEqual(header, fastJwtDecodeComplete(t).header) &&
    signature.length === 64;
  if (!same) throw new Error('the candidates disagree on a benchmark token');
}
// Lenient spellings the peers accept and parseToken rejects: a duplicate claim, non-canonical
// trailing bits in the signature.
const [h, p, s] = tokens[0].split('.');
const dup = Buffer.from('{"sub":"a","sub":"b"}').toString('base64url');
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const lastBitsSet = s.slice(0, -1) + ALPHABET[ALPHABET.indexOf(s.at(-1)) | 1]; // 86 % 4 = 2: 4 unused bits
for (const bad of [`${h}.${dup}.${s}`, `${h}.${p}.${lastBitsSet}`]) {
  let threw = false;
  try {
    captoken.parseToken(bad);
  } catch (error) {
    threw = error?.name === 'CaptokenError';
  }
  decodeJwt(bad); // jose accepts both
  if (!threw) throw new Error('parseToken accepted a lenient spelling');
}

await runCases(
  'parse',
  [{ id: 'parse-token', title: `compact ES256 JWT, ${tokens[0].length} characters`, candidates, options: { rounds: 21, batchMs: 20 } }],
  { out: args.out, quick: args.quick, extra: { entry, inputs: describeInputs() } },
);
