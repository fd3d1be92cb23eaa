import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlish } from '../../src/arbitraries/index.js';
import { decodeBase64url } from '../../src/base64url/index.js';
import { isCaptokenError } from '../../src/errors.js';
import { NUM_RUNS, SEED, seeded } from '../support/fc.js';

function verdict(s: string): string {
  try {
    decodeBase64url(s);
    return 'accepted';
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    return error.code;
  }
}

describe('base64urlish', () => {
  const samples = fc.sample(base64urlish(), { seed: SEED, numRuns: NUM_RUNS * 5 });
  const share = (p: (s: string) => boolean): number => samples.filter(p).length / samples.length;

  it(seeded('exercises acceptance and every codec error often'), () => {
    const codes = new Map<string, number>();
    for (const s of samples) codes.set(verdict(s), (codes.get(verdict(s)) ?? 0) + 1);
    console.info('base64urlish verdicts over', samples.length, 'samples:', Object.fromEntries(codes));
    for (const code of ['accepted', 'BASE64URL_INVALID_CHAR', 'BASE64URL_PADDING', 'BASE64URL_LENGTH', 'BASE64URL_NONCANONICAL']) {
      expect((codes.get(code) ?? 0) / samples.length, code).toBeGreaterThan(0.05);
    }
  });

  it(seeded('contains each kind of look-alike character'), () => {
    const kinds: Record<string, RegExp> = {
      standard: /[+/]/,
      padding: /=/,
      asciiWhitespace: /[ \t\n\r\f\v]/,
      unicodeWhitespace: /[\u00a0\u2028\u2029\ufeff]/,
      control: /[\0-\x08\x0e-\x1f\x7f-\x9f]/,
      loneSurrogate: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
      urlChars: /[-_]/,
    };
    for (const [kind, re] of Object.entries(kinds)) expect(share((s) => re.test(s)), kind).toBeGreaterThan(0.01);
  });

  it(seeded('is biased toward near-canonical strings (mostly alphabet characters)'), () => {
    const mostlyAlphabet = share((s) => s.length > 0 && (s.match(/[A-Za-z0-9_-]/g)?.length ?? 0) >= s.length - 2);
    expect(mostlyAlphabet).toBeGreaterThan(0.5);
  });
});
