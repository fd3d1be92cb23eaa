// The attack probe's fuzz, kept: over arbitrary inputs up to 64 KiB, no public function throws
// anything but a CaptokenError. It feeds each input to the codec, the parser, both verify paths (with
// and without the cache), the capability model, tokenFormat, and the CLI's printers fed from
// parseToken's output (or its error).
//
// A short run is part of `npm test`; the long one is behind an environment variable:
//   CAPTOKEN_FUZZ_RUNS=200000 npx vitest run test/fuzz.test.ts
// The seed is pinned (test/support/fc.ts, FC_SEED overrides it) and printed in the test title.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPaint } from '../src/cli/output/color.js';
import { formatJson } from '../src/cli/output/json.js';
import { errorText, tokenText } from '../src/cli/output/token-view.js';
import { tokenHint, tokenPrecheck } from '../src/cli/token-fault.js';
import { CaptokenError, isCaptokenError } from '../src/errors.js';
import {
  capabilitiesOf,
  createJwsVerifier,
  createVerifier,
  decodeBase64url,
  hasCapability,
  parseToken,
  requireCapability,
  tokenFormat,
  type CapabilitySet,
  type ParsedToken,
} from '../src/index.js';
import { SEED, seeded } from './support/fc.js';

const RUNS = Number(process.env['CAPTOKEN_FUZZ_RUNS'] ?? 400);
const MAX_INPUT = 64 * 1024;
const SECRET = 'fuzz-secret-of-at-least-thirty-two-bytes';
const NOW_MS = 1_800_000_000_000;

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const sign = (header: string, payload: string): string => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
};

// --- inputs -------------------------------------------------------------------------------------

/** Pieces of the scope grammar and its faults, so malformed scopes are likely, not rare. */
const scopePiece = fc.constantFrom(
  'scope:', 'client', 'incoming', 'outgoing', 'stream', 'subscribe', ':', '?', '&', '=', '%', '%2', '%41', '%ZZ', '%C3%A9',
  '%ED%A0%80', '+', ' ', '  ', 'clientName', 'appSid', 'appParams', 'path', '/', 'AP0123', '__proto__', 'constructor',
  'toString', '%3D', '%26', 'é', '\uD800', '\u0000', 'x',
);
const scope = fc.array(scopePiece, { maxLength: 40 }).map((pieces) => pieces.join(''));
const anyJson = fc.jsonValue({ maxDepth: 4 });
const stringOr = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anyJson);
const grants = fc.record(
  {
    identity: stringOr(fc.string({ maxLength: 12 })),
    voice: stringOr(
      fc.record(
        {
          incoming: stringOr(fc.record({ allow: stringOr(fc.boolean()) }, { requiredKeys: [] })),
          outgoing: stringOr(fc.record({ application_sid: stringOr(fc.string()), params: stringOr(fc.dictionary(fc.string({ maxLength: 8 }), stringOr(fc.string()))) }, { requiredKeys: [] })),
          push_credential_sid: anyJson,
          endpoint_id: anyJson,
        },
        { requiredKeys: [] },
      ),
    ),
    video: anyJson,
  },
  { requiredKeys: [] },
);
const claims = fc.record(
  {
    scope: stringOr(scope),
    iss: stringOr(fc.constantFrom('AC0123', 'SK0123', '')),
    sub: stringOr(fc.constantFrom('AC0123', 'alice')),
    aud: stringOr(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })),
    grants: stringOr(grants),
    exp: stringOr(fc.constantFrom(NOW_MS / 1000 + 60, NOW_MS / 1000 - 60, Number.MAX_VALUE)),
    nbf: stringOr(fc.integer()),
    iat: stringOr(fc.integer()),
    toString: anyJson,
  },
  { requiredKeys: [] },
);

/** Deep nesting: up to 23,000 levels of arrays or 7,500 of objects (so the token stays within 64 KiB). */
const deepText = fc.oneof(
  fc.integer({ min: 1, max: 23_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 7_500 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

const payloadText = fc.oneof(
  { weight: 4, arbitrary: claims.map((c) => JSON.stringify(c)) },
  { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: deepText.map((deep) => `{"grants":{"identity":"alice","deep":${deep}},"iss":"SK0","sub":"AC0","scope":"scope:a:b"}`) },
  { weight: 1, arbitrary: deepText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('{"exp":1e999,"scope":"","iss":"AC"}', '{"nbf":-1e999}', '{"iat":1e999,"grants":{}}', '{"aud":[1,"a"]}', '{"a":1,"a":2}', '{"__proto__":{}}') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 47 * 1024 }).map((n) => JSON.stringify({ sub: 'big', pad: 'x'.repeat(n) })) },
);
const headerText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('{"alg":"HS256"}', '{"alg":"HS256","typ":"JWT"}', '{"alg":"HS256","cty":"twilio-fpa;v=1"}', '{"alg":"HS256","kid":"k1"}') },
  { weight: 1, arbitrary: fc.record({ alg: stringOr(fc.constantFrom('HS256', 'none', 'RS256')), kid: anyJson, cty: anyJson, crit: anyJson }, { requiredKeys: [] }).map((h) => JSON.stringify(h)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** A token edited in a few places: characters replaced, inserted or removed. */
const mutate = (token: string, edits: [number, number, string][]): string => {
  let out = token;
  for (const [at, kind, ch] of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + 1);
    out = kind === 0 ? out.slice(0, i) + ch + out.slice(i + 1) : kind === 1 ? out.slice(0, i) + ch + out.slice(i) : out.slice(0, i) + out.slice(i + 1);
  }
  return out;
};
const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), fc.constantFrom('.', '=', '+', '/', ' ', '\n', 'A', '_', '-', '%', '{', 'é', '\uD800'));
const signed = fc.tuple(headerText, payloadText).map(([h, p]) => sign(h, p));
/** Large raw inputs: a short chunk repeated up to 64 KiB. */
const bigRaw = fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: MAX_INPUT })).map(([chunk, n]) => chunk.repeat(Math.ceil(n / chunk.length)).slice(0, n));

const input = fc.oneof(
  { weight: 8, arbitrary: signed },
  { weight: 3, arbitrary: fc.tuple(signed, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([t, e]) => mutate(t, e)) },
  { weight: 2, arbitrary: fc.tuple(headerText, payloadText, fc.string({ maxLength: 50 })).map(([h, p, s]) => `${b64(h)}.${b64(p)}.${s}`) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: bigRaw },
  { weight: 1, arbitrary: fc.constantFrom('', '.', '..', 'Bearer x.y.z', '{"payload":"e30"}', 'a.b.c.d') },
).filter((token) => token.length <= MAX_INPUT);
const query = fc.tuple(fc.constantFrom('client:incoming', 'client:outgoing', 'stream:subscribe', 'x', 'a:b:c', ''), fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }))), { maxKeys: 3 }), { nil: undefined }));

// --- the public functions -----------------------------------------------------------------------

const options = { algorithms: ['HS256'] as const, key: SECRET, now: () => NOW_MS, maxLength: MAX_INPUT };
const plain = createVerifier({ ...options, algorithms: ['HS256'] });
const cached = createVerifier({ ...options, algorithms: ['HS256'], cache: { max: 64, ttlSeconds: 60, maxBytes: 4 * 1024 * 1024 }, onResult: () => undefined });
const jws = createJwsVerifier({ algorithms: ['HS256'], key: SECRET, maxLength: MAX_INPUT });
const paint = createPaint(true);

/** Runs `fn`; a CaptokenError is an expected outcome, anything else is the finding. */
function guarded<T>(what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (isCaptokenError(error) && error instanceof CaptokenError) return undefined;
    throw new Error(`${what} threw ${String(error)}`, { cause: error });
  }
}

async function guardedAsync(what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (isCaptokenError(error) && error instanceof CaptokenError) return;
    throw new Error(`${what} rejected with ${String(error)}`, { cause: error });
  }
}

/** The printers of decode and verify, fed from parseToken's result or error: they must never throw. */
function print(token: string, parsed: ParsedToken | undefined, set: CapabilitySet | undefined, error: unknown): void {
  if (parsed !== undefined) {
    expect(tokenText({ header: parsed.header, payload: parsed.payload, signatureBytes: parsed.signature.length }, set, paint)).toContain('payload:');
    formatJson({ ok: true, header: parsed.header, payload: parsed.payload, capabilities: set });
  }
  if (error instanceof CaptokenError) {
    const hint = tokenHint(token, error);
    expect(errorText(error, token, paint, hint)).toContain(error.code);
    formatJson({ ok: false, error });
  }
}

async function exercise(token: string, [wanted, params]: [string, Record<string, unknown> | undefined]): Promise<void> {
  guarded('decodeBase64url', () => decodeBase64url(token));
  guarded('tokenPrecheck', () => tokenPrecheck(token));
  for (const maxLength of [undefined, MAX_INPUT]) {
    let parsed: ParsedToken | undefined;
    let parseError: unknown;
    try {
      parsed = parseToken(token, maxLength === undefined ? undefined : { maxLength });
    } catch (error) {
      parseError = error;
      guarded('parseToken', () => {
        throw error;
      });
    }
    let set: CapabilitySet | undefined;
    if (parsed !== undefined) {
      const { header, payload } = parsed;
      guarded('tokenFormat', () => tokenFormat(header, payload));
      set = guarded('capabilitiesOf', () => capabilitiesOf({ header, payload }));
      if (set !== undefined) {
        const asked = set;
        guarded('hasCapability', () => hasCapability(asked, wanted, params as never));
        guarded('requireCapability', () => requireCapability(asked, wanted, params as never));
        guarded('hasCapability (list)', () => hasCapability(asked.capabilities, wanted, params as never));
      }
    }
    guarded('printers', () => {
      print(token, parsed, set, parseError);
    });
  }
  guarded('verifySync', () => plain.verifySync(token));
  guarded('verifySync (cached, twice)', () => [cached.verifySync(token), cached.verifySync(token)]);
  guarded('JWS verifySync', () => jws.verifySync(token));
  await guardedAsync('verify', () => plain.verify(token));
  await guardedAsync('verify (cached)', () => cached.verify(token));
}

describe('fuzz: public functions throw only CaptokenError', () => {
  it(seeded(`over ${RUNS} inputs up to 64 KiB (CAPTOKEN_FUZZ_RUNS), every public function and the CLI printers throw only CaptokenError`), async () => {
    const started = performance.now();
    let largest = 0;
    let parsedCount = 0;
    await fc.assert(
      fc.asyncProperty(input, query, async (token, q) => {
        largest = Math.max(largest, token.length);
        if (guarded('count', () => parseToken(token, { maxLength: MAX_INPUT })) !== undefined) parsedCount++;
        await exercise(token, q);
      }),
      { seed: SEED, numRuns: RUNS, verbose: fc.VerbosityLevel.Verbose, endOnFailure: true },
    );
    const seconds = (performance.now() - started) / 1000;
    // One line for the record: count, seed, time, the largest input, how many parsed.
    console.log(`fuzz: ${RUNS} inputs, seed ${SEED}, ${seconds.toFixed(1)} s, largest ${largest} chars, ${parsedCount} parsed`);
    expect(largest).toBeLessThanOrEqual(MAX_INPUT);
    expect(parsedCount).toBeGreaterThan(RUNS / 10);
  }, Math.max(60_000, RUNS * 100));
});
