import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureBytes } from '../../src/arbitraries/signatureBytes.js';
import { decodeBase64url, encodeBase64url } from '../../src/base64url/index.js';
import { SEED, seeded } from '../support/fc.js';

describe('signatureBytes', () => {
  it(seeded('real signature sizes and free ones; url characters first, last and repeated'), () => {
    const samples = fc.sample(signatureBytes(), { seed: SEED, numRuns: 2000 }).map((b) => encodeBase64url(b));
    const share = (p: (s: string) => boolean): number => samples.filter(p).length / samples.length;
    for (const bytes of [32, 64, 256]) expect(samples.some((s) => decodeBase64url(s).length === bytes), `${bytes} bytes`).toBe(true);
    expect(share((s) => s.startsWith('-') || s.startsWith('_'))).toBeGreaterThan(0.2);
    expect(share((s) => s.length % 4 === 0 && /[-_]$/.test(s))).toBeGreaterThan(0.05);
    expect(share((s) => /[-_].*[-_]/.test(s))).toBeGreaterThan(0.3);
    expect(samples.every((s) => s.length % 4 !== 1 && s.length >= 2)).toBe(true);
  });

  it("shrinks to one zero byte ('AA'), or keeps just the '-' a failure needs", () => {
    const all = fc.check(fc.property(signatureBytes(), (_b: Uint8Array) => false), { seed: SEED });
    expect(encodeBase64url(all.counterexample![0])).toBe('AA');
    const dash = fc.check(fc.property(signatureBytes(), (b) => !encodeBase64url(b).includes('-')), { seed: SEED });
    expect(encodeBase64url(dash.counterexample![0])).toBe('-A');
    const twoDashes = fc.check(fc.property(signatureBytes(), (b) => encodeBase64url(b).split('-').length < 3), { seed: SEED });
    const two = encodeBase64url(twoDashes.counterexample![0]);
    expect(two.split('-')).toHaveLength(3);
    expect(two).not.toContain('_');
    expect(two.length).toBeLessThanOrEqual(4);
  });
});
