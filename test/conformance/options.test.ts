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
    [{ profile: 'lax' }, /'profile' must be one of 'accept', 'rfc', 'hardened', 'strict'/],
    [{ failOn: 'strict' }, /'failOn' must be one of/],
    [{ profile: 'accept', failOn: 'rfc' }, /failOn 'rfc' needs profile 'rfc'/],
    [{ allow: ['char-pluss'] }, /unknown class "char-pluss"/],
    [{ allow: ['valid-ascii-json'] }, /cannot be waived/],
    [{ algorithms: [] }, /at least one/],
    [{ algorithms: ['none'] }, /"none" is not a registered JWS algorithm/],
    [{ algorithms: ['Ed25519'] }, /not a registered/],
    [{ maxHeaderBytes: 100 }, /'maxHeaderBytes' must be a whole number of bytes \(at least 128\)/],
    [{ maxPayloadBytes: 1.5 }, /maxPayloadBytes/],
    [{ runs: -1 }, /runs/],
    [{ seed: 1.5 }, /seed/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ onProgress: 3 }, /'onProgress' must be a function/],
    [{ verifies: 'yes' }, /'verifies' must be a boolean/],
    [{ allow: 'char-plus' }, /'allow' must be an array/],
    [{ algorithms: 'HS256' }, /'algorithms' must be a non-empty array/],
    [{ rnus: 5 }, /unknown conformance option 'rnus' \(known: profile, /],
    [{ corpus: {} }, /unknown conformance option 'corpus'/],
  ])('%o is CONFIG_INVALID', (options, message) => {
    // One reader for the whole library (src/options.ts): same code, same message style, no value echoed.
    expect(invalid(options)).toMatchObject({ name: 'CaptokenError', code: 'CONFIG_INVALID', message: expect.stringMatching(message) as string });
  });

  it('takes the members a caller adds when it names them (runCheck: corpus, shard, cwd, onPhase)', () => {
    expect(resolveOptions({ seed: 1, corpus: { files: [] } } as never, ['corpus']).seed).toBe(1);
  });

  it('never echoes a value in its message (a value may be a secret)', () => {
    const error = invalid({ seed: 'hunter2-secret' }) as Error;
    expect(error.message).not.toContain('hunter2');
    expect((invalid({ timeoutMs: 'hunter2-secret' }) as Error).message).not.toContain('hunter2');
  });
});
