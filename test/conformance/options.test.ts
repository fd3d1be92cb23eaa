import { describe, expect, it } from 'vitest';
import { REGISTERED_JWS_ALGORITHMS } from '../../src/arbitraries/index.js';
import { DEFAULT_RUNS, resolveOptions } from '../../src/conformance/options.js';

const invalid = (options: Record<string, unknown>): unknown => {
  try {
    resolveOptions(options);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('resolveOptions', () => {
  it('fills in the defaults', () => {
    const o = resolveOptions({ seed: 5 });
    expect(o).toMatchObject({ profile: 'accept', failOn: 'accept', verifies: false, runs: DEFAULT_RUNS, seed: 5, maxHeaderBytes: 511, maxPayloadBytes: 8191, timeoutMs: undefined, notes: [] });
    expect(o.algorithms).toEqual(REGISTERED_JWS_ALGORITHMS);
    expect([...o.allow]).toEqual([]);
    expect(resolveOptions({ profile: 'rfc' }).failOn).toBe('rfc');
    expect(resolveOptions({ profile: 'hardened' }).failOn).toBe('rfc');
    expect(Number.isSafeInteger(resolveOptions({}).seed)).toBe(true);
  });

  it("takes 'strict' as 'hardened', with a deprecation note", () => {
    const o = resolveOptions({ profile: 'strict' });
    expect(o.profile).toBe('hardened');
    expect(o.notes[0]).toMatch(/deprecated/);
  });

  it.each([
    [{ profile: 'lax' }, /profile must be one of accept, rfc, hardened/],
    [{ failOn: 'strict' }, /failOn must be one of/],
    [{ profile: 'accept', failOn: 'rfc' }, /failOn 'rfc' needs profile 'rfc'/],
    [{ allow: ['char-pluss'] }, /unknown class "char-pluss"/],
    [{ allow: ['valid-ascii-json'] }, /cannot be waived/],
    [{ algorithms: [] }, /at least one/],
    [{ algorithms: ['none'] }, /"none" is not a registered JWS algorithm/],
    [{ algorithms: ['Ed25519'] }, /not a registered/],
    [{ maxHeaderBytes: 100 }, /maxHeaderBytes must be an integer of at least 128/],
    [{ maxPayloadBytes: 1.5 }, /maxPayloadBytes/],
    [{ runs: -1 }, /runs/],
    [{ seed: 1.5 }, /seed/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ onProgress: 3 }, /onProgress/],
  ])('%o is CONFIG_INVALID', (options, message) => {
    expect(invalid(options)).toMatchObject({ name: 'CaptokenError', code: 'CONFIG_INVALID', message: expect.stringMatching(message) as string });
  });
});
