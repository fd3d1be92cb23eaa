/**
 * bench/decode.mjs — strict base64url decoding: captoken's decodeBase64url (the built package, the real
 * public function) against Node's Buffer.from, jose's base64url.decode and atob, on the same strings.
 *
 *   node --expose-gc bench/decode.mjs [--entry bench/.snapshot/index.js] [--out file.json] [--quick]
 *
 * Before timing, every candidate must return the same bytes for every input, and captoken must reject
 * the strings the others accept, so what is timed is the strict path doing its job.
 */
import { Buffer } from 'node:buffer';
import { base64url as joseBase64url } from 'jose';
import { mib, segment300, segment86, describeInputs } from './inputs.mjs';
import { loadCaptoken, runCases, suiteArgs } from './suite.mjs';

const args = suiteArgs();
const { mod: captoken, entry } = await loadCaptoken(args.entry);

/** The browser-style decoder: base64url -> base64, pad, atob, binary string -> bytes. */
function atobDecode(s) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '==='.slice((b64.length + 3) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const candidates = (s) => [
  { name: 'captoken', fn: () => captoken.decodeBase64url(s) },
  { name: 'Buffer.from', fn: () => Buffer.from(s, 'base64url') },
  { name: 'jose', fn: () => joseBase64url.decode(s) },
  { name: 'atob', fn: () => atobDecode(s) },
  { name: 'Buffer.from+copy', fn: () => new Uint8Array(Buffer.from(s, 'base64url')) },
];

// Same bytes from everyone on the benchmark inputs...
for (const s of [segment86, segment300, mib]) {
  const expected = Buffer.from(s, 'base64url');
  for (const c of candidates(s)) {
    if (!expected.equals(Buffer.from(c.fn()))) throw new Error(`${c.name} decodes the ${s.length}-character input differently`);
  }
}
// ...and captoken is the strict one: non-canonical trailing bits, padding, '+', a wide character.
for (const bad of ['QR', 'QQ==', '+/8', 'QU\u0141D']) {
  let threw = false;
  try {
    captoken.decodeBase64url(bad);
  } catch (error) {
    threw = error?.name === 'CaptokenError';
  }
  if (!threw) throw new Error(`captoken accepted ${JSON.stringify(bad)}`);
}

// Not a decoder: only the allocation of the owned result that captoken, jose and atob each make
// (new Uint8Array of the decoded length), to show how much of their time that alone takes.
const measured = (s) => {
  const length = Buffer.from(s, 'base64url').length;
  return [...candidates(s), { name: 'alloc only', fn: () => new Uint8Array(length) }];
};

await runCases(
  'decode',
  [
    { id: 'decode-300', title: '300-character payload segment', candidates: measured(segment300), options: { rounds: 21, batchMs: 20 } },
    { id: 'decode-86', title: '86-character signature segment (ES256)', candidates: measured(segment86), options: { rounds: 21, batchMs: 20 } },
    { id: 'decode-1mib', title: '1 MiB of base64url', candidates: measured(mib), options: { rounds: 11, batchMs: 80 } },
  ],
  { out: args.out, quick: args.quick, extra: { entry, inputs: describeInputs() } },
);
