import { describe, expect, it } from 'vitest';
import { adapterFromFunction } from '../../src/conformance/index.js';
import type { KitCase } from '../../src/conformance/cases.js';
import { conformanceJudge, differentialJudge, disagreement, specDifference, TWIN_REJECTED } from '../../src/conformance/judge.js';

const accept = (header: unknown, payload: unknown): KitCase => ({ token: 'valid', cls: 'valid', expectation: { expected: 'accept', header, payload } });
const reject = (extra: Partial<Extract<KitCase['expectation'], { expected: 'reject' }>> = {}): KitCase => ({
  token: 'bad',
  cls: 'char-plus',
  twin: 'good',
  expectation: { expected: 'reject', compatible: ['base64url', 'structure'], ...extra },
});

describe('specDifference: one short sentence, never the parser message again', () => {
  it('valid tokens: rejected, or decoded otherwise', () => {
    expect(specDifference(accept({}, {}), { ok: false, error: 'Invalid character' })).toBe('rejected a valid token');
    expect(specDifference(accept({ a: 1 }, {}), { ok: true, header: { a: 1 }, payload: { b: 2 } })).toBe('payload.b: unexpected member (got 2)');
    expect(specDifference(accept({}, {}), { ok: true, header: {}, payload: {}, problem: 'the answer cannot be carried as JSON: payload.n is NaN' })).toMatch(/NaN/);
    expect(specDifference(accept({ a: 1 }, {}), { ok: true, header: { a: 1 }, payload: {} })).toBeUndefined();
  });

  it('invalid tokens: accepted, accepted without last-wins, or rejected for an unrelated reason', () => {
    expect(specDifference(reject(), { ok: true, header: {}, payload: {} })).toBe('accepted an invalid token');
    const dup = reject({ lastWins: { header: {}, payload: { sub: 'b' } } });
    expect(specDifference(dup, { ok: true, header: {}, payload: { sub: 'b' } })).toBeUndefined();
    expect(specDifference(dup, { ok: true, header: {}, payload: { sub: 'a' } })).toMatch(/^accepted a duplicate member without keeping the lexically last value: payload\.sub/);
    expect(specDifference(reject(), { ok: false, error: 'x' })).toBeUndefined();
    expect(specDifference(reject(), { ok: false, error: 'x', category: 'other' })).toBeUndefined();
    expect(specDifference(reject(), { ok: false, error: 'x', category: 'structure' })).toBeUndefined();
    expect(specDifference(reject(), { ok: false, error: 'x', category: 'json' })).toBe("rejected for an unrelated reason: category 'json', while the fault calls for 'base64url' or 'structure'");
  });
});

describe('conformanceJudge', () => {
  it('checks a rejection against the unmutated twin, and counts every call', async () => {
    const rejectsAll = conformanceJudge(adapterFromFunction('no', () => { throw new Error('no'); }));
    const v = await rejectsAll.judge(reject());
    expect(v).toEqual({ answer: { ok: false, error: 'no' }, twin: { ok: false, error: 'no' }, difference: TWIN_REJECTED });
    expect(rejectsAll.calls).toBe(2);
    expect(rejectsAll.failure(v)).toBe('fail');
    const picky = conformanceJudge(adapterFromFunction('picky', (t) => { if (t === 'bad') throw new Error('no'); return { header: {}, payload: {} }; }));
    const ok = await picky.judge(reject());
    expect(ok).toEqual({ answer: { ok: false, error: 'no' }, twin: { ok: true, header: {}, payload: {} } });
    expect(picky.failure(ok)).toBeUndefined();
    // A valid case: one call, no twin.
    expect(await picky.judge(accept({}, {}))).toEqual({ answer: { ok: true, header: {}, payload: {} } });
    expect(picky.calls).toBe(3);
  });
});

describe('differentialJudge: the direction of every difference', () => {
  const accepts = adapterFromFunction('accepts', () => ({ header: {}, payload: {} }));
  const rejects = adapterFromFunction('rejects', () => { throw new Error('no'); });
  const onlyTwin = adapterFromFunction('only-twin', (t) => { if (t === 'good' || t === 'valid') return { header: {}, payload: {} }; throw new Error('no'); });

  it.each([
    ['a valid token newly rejected', accept({}, {}), rejects, accepts, 'regression'],
    ['a valid token newly accepted', accept({}, {}), accepts, rejects, 'improvement'],
    ['an invalid token newly accepted', reject(), accepts, onlyTwin, 'regression'],
    ['an invalid token newly rejected', reject(), onlyTwin, accepts, 'improvement'],
    ['the same answers', reject(), onlyTwin, onlyTwin, 'same'],
  ] as const)('%s: %s', async (_what, c, candidate, baseline, outcome) => {
    const judge = differentialJudge(candidate, baseline);
    const v = await judge.judge(c);
    expect(v.outcome).toBe(outcome);
    expect(judge.failure(v)).toBe(outcome === 'same' ? undefined : outcome);
  });

  it('both wrong, differently; and both right, differently (a duplicate kept last vs rejected)', async () => {
    const decodesA = adapterFromFunction('a', () => ({ header: {}, payload: { v: 'a' } }));
    const decodesB = adapterFromFunction('b', () => ({ header: {}, payload: { v: 'b' } }));
    expect((await differentialJudge(decodesA, decodesB).judge(accept({}, { v: 'c' }))).outcome).toBe('both-wrong');
    const dup = reject({ lastWins: { header: {}, payload: { v: 'b' } } });
    const v = await differentialJudge(decodesB, onlyTwin).judge(dup);
    expect(v).toMatchObject({ outcome: 'allowed', difference: 'the candidate accepts what the baseline rejects' });
  });

  it('disagreement names the side that has a value', () => {
    expect(disagreement({ ok: true, header: {}, payload: {} }, { ok: true, header: {}, payload: { a: 1 } })).toBe('the decoded values differ: payload.a: only the baseline has it (1)');
    expect(disagreement({ ok: false, error: 'x' }, { ok: false, error: 'y' })).toBeUndefined();
  });
});
