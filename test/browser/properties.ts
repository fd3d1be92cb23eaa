// Codec and parser properties written once and run twice: in Node (vitest) and in a real Chromium
// page, against whichever build of captoken the caller hands in. The oracle is the platform's own
// atob/btoa, which exist in both, so the two runs check the same thing with the same seed.
import type fcModule from 'fast-check';

/** The part of captoken the properties exercise (structural, so the browser and Node builds both fit). */
export interface CodecApi {
  decodeBase64url(input: string): Uint8Array;
  encodeBase64url(bytes: Uint8Array): string;
  parseToken(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: Uint8Array };
  isCaptokenError(value: unknown): value is Error & { code: string; offset?: number; segment?: string };
}

/** One fc.check run, reduced to what a report needs. */
export interface PropertyReport {
  name: string;
  numRuns: number;
  failed: boolean;
  seed: number;
  numShrinks: number;
  counterexample: string | null;
  error: string | null;
}

export const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const FAULTS = ['=', '+', '/', ' ', '\n', '\t', '.', '%', '\u00a0', '\u00e9', '\u0100', '\ufeff', '\ud800', '\u0000'];

type Outcome = { ok: true; bytes: number[] } | { ok: false; code: string; offset: number | undefined };

/** Unpadded base64url of `bytes`, computed with btoa (the platform's encoder). */
export function referenceEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const std = btoa(binary);
  let end = std.length;
  while (end > 0 && std.charCodeAt(end - 1) === 0x3d) end--;
  let out = '';
  for (let i = 0; i < end; i++) {
    const c = std.charAt(i);
    out += c === '+' ? '-' : c === '/' ? '_' : c;
  }
  return out;
}

/**
 * What a strict decoder must do with `input`, from first principles and atob: the first character
 * outside the alphabet (`=` -> PADDING, else INVALID_CHAR), then a length of 4k+1, then a decode
 * whose re-encoding differs (non-zero unused bits) -> NONCANONICAL at the last character.
 */
export function oracle(input: string): Outcome {
  for (let i = 0; i < input.length; i++) {
    const c = input.charAt(i);
    if (c === '=') return { ok: false, code: 'BASE64URL_PADDING', offset: i };
    if (!ALPHABET.includes(c)) return { ok: false, code: 'BASE64URL_INVALID_CHAR', offset: i };
  }
  if (input.length % 4 === 1) return { ok: false, code: 'BASE64URL_LENGTH', offset: undefined };
  let std = '';
  for (const c of input) std += c === '-' ? '+' : c === '_' ? '/' : c;
  const binary = atob(std + '='.repeat((4 - (input.length % 4)) % 4));
  const bytes = Array.from(binary, (c) => c.charCodeAt(0));
  if (referenceEncode(Uint8Array.from(bytes)) !== input) {
    return { ok: false, code: 'BASE64URL_NONCANONICAL', offset: input.length - 1 };
  }
  return { ok: true, bytes };
}

function outcomeOf(api: CodecApi, input: string): Outcome {
  try {
    return { ok: true, bytes: Array.from(api.decodeBase64url(input)) };
  } catch (error) {
    if (!api.isCaptokenError(error)) throw error;
    return { ok: false, code: error.code, offset: error.offset };
  }
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The error a call throws (as `{ code, offset, segment }`), or `'no error'`. */
function rejection(fn: () => unknown, api: CodecApi): { code: string; offset: number | undefined; segment: string | undefined } | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (!api.isCaptokenError(error)) throw error;
    return { code: error.code, offset: error.offset, segment: error.segment };
  }
}

const textEncoder = new TextEncoder();

/**
 * Runs the codec's round-trip, oracle and incident properties with `fc.check` (never throws) and
 * returns one report per property.
 */
export function runCodecProperties(api: CodecApi, fc: typeof fcModule, seed: number, numRuns: number): PropertyReport[] {
  const bytes = fc.uint8Array({ maxLength: 96 });
  // Mostly alphabet characters, often a fault: most strings get far enough to test length and tail.
  const mixed = fc.string({
    unit: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ALPHABET.split('')) }, { weight: 1, arbitrary: fc.constantFrom(...FAULTS) }),
    maxLength: 40,
  });
  // Byte strings whose encoding has unused bits in its last character (length % 3 != 0).
  const partial = fc.uint8Array({ minLength: 1, maxLength: 64 }).filter((b) => b.length % 3 !== 0);
  const segment = (value: unknown): string => api.encodeBase64url(textEncoder.encode(JSON.stringify(value)));

  const reports: PropertyReport[] = [];
  const check = <Ts extends unknown[]>(name: string, property: fcModule.IRawProperty<Ts, false>): void => {
    const details = fc.check(property, { seed, numRuns });
    reports.push({
      name,
      numRuns: details.numRuns,
      failed: details.failed,
      seed: details.seed,
      numShrinks: details.numShrinks,
      counterexample: details.counterexample === null ? null : fc.stringify(details.counterexample),
      error: details.errorInstance instanceof Error ? `${details.errorInstance.name}: ${details.errorInstance.message}` : null,
    });
  };

  check(
    'round-trip: decode(encode(bytes)) = bytes, and encode agrees with btoa',
    fc.property(bytes, (b) => {
      const encoded = api.encodeBase64url(b);
      return encoded === referenceEncode(b) && Array.from(api.decodeBase64url(encoded)).join() === Array.from(b).join();
    }),
  );
  check(
    'oracle: decodeBase64url accepts, rejects and locates faults exactly as the atob-based oracle says',
    fc.property(mixed, (s) => sameOutcome(outcomeOf(api, s), oracle(s))),
  );
  check(
    "incident: non-zero unused bits in the last character are rejected ('QR' is not 'QQ')",
    fc.property(partial, fc.integer({ min: 1, max: 15 }), (b, bits) => {
      const canonical = api.encodeBase64url(b);
      const last = ALPHABET.indexOf(canonical.charAt(canonical.length - 1));
      const mask = b.length % 3 === 1 ? 0x0f : 0x03;
      const flipped = last | (bits & mask);
      fc.pre(flipped !== last);
      const mutated = canonical.slice(0, -1) + ALPHABET.charAt(flipped);
      const r = rejection(() => api.decodeBase64url(mutated), api);
      return r !== 'no error' && r.code === 'BASE64URL_NONCANONICAL' && r.offset === mutated.length - 1;
    }),
  );
  check(
    'incident: padded input is rejected at the first =',
    fc.property(partial, fc.integer({ min: 1, max: 2 }), (b, pads) => {
      const canonical = api.encodeBase64url(b);
      const r = rejection(() => api.decodeBase64url(canonical + '='.repeat(pads)), api);
      return r !== 'no error' && r.code === 'BASE64URL_PADDING' && r.offset === canonical.length;
    }),
  );
  check(
    'incident: a second spelling of a token signature is rejected (no signature malleability)',
    fc.property(partial, fc.integer({ min: 1, max: 15 }), fc.string({ maxLength: 12 }), (sig, bits, sub) => {
      const head = `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment({ sub })}.`;
      const canonical = api.encodeBase64url(sig);
      const parsed = api.parseToken(head + canonical);
      const last = ALPHABET.indexOf(canonical.charAt(canonical.length - 1));
      const flipped = last | (bits & (sig.length % 3 === 1 ? 0x0f : 0x03));
      fc.pre(flipped !== last);
      const token = head + canonical.slice(0, -1) + ALPHABET.charAt(flipped);
      const r = rejection(() => api.parseToken(token), api);
      return (
        parsed.payload['sub'] === sub &&
        r !== 'no error' &&
        r.code === 'BASE64URL_NONCANONICAL' &&
        r.segment === 'signature' &&
        r.offset === token.length - 1
      );
    }),
  );
  return reports;
}
