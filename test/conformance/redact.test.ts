// Fingerprints and scrubbing: what stands in for a corpus token in every output.
import { describe, expect, it } from 'vitest';
import { fingerprint, redact } from '../../src/conformance/index.js';
import { corpusTokens } from './corpus-tokens.js';

describe('fingerprint', () => {
  it('is sha256: and 12 hex digits, stable, and different for different tokens', () => {
    const [a, b] = corpusTokens(2, 1);
    expect(fingerprint(a!.token)).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(fingerprint(a!.token)).toBe(fingerprint(a!.token));
    expect(fingerprint(a!.token)).not.toBe(fingerprint(b!.token));
  });
});

describe('redact', () => {
  it('removes a listed token, each of its segments, and anything shaped like a compact JWS', () => {
    const [a, b] = corpusTokens(2, 2);
    const [h, p, s] = a!.token.split('.');
    const text = `bad token ${a!.token}; sig=${s!}; payload ${p!}; header "${h!}"; other ${b!.token}`;
    const out = redact(text, [a!.token]);
    for (const part of [a!.token, h!, p!, s!, b!.token, b!.signature]) expect(out).not.toContain(part);
    expect(out).toContain('[redacted');
    expect(out).toContain('bad token');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('could not parse header: Unexpected token } in JSON at position 12 (v1.2)')).toBe('could not parse header: Unexpected token } in JSON at position 12 (v1.2)');
  });
});
