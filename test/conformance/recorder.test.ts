import { describe, expect, it } from 'vitest';
import type { KitCase, Suite } from '../../src/conformance/cases.js';
import type { CaseRecord } from '../../src/conformance/engine.js';
import type { ConformanceVerdict } from '../../src/conformance/judge.js';
import { resolveOptions } from '../../src/conformance/options.js';
import { Recorder } from '../../src/conformance/recorder.js';

const suite: Suite = { kind: 'vectors', name: 'vectors', entries: [], skipped: 0 };
const record = (cls: KitCase['cls'], failed: boolean, i: number): CaseRecord<ConformanceVerdict> => ({
  index: i,
  id: String(i),
  case: { token: 'eyJhbGciOiJIUzI1NiJ9.e30.AA', cls, expectation: cls === 'valid' ? { expected: 'accept', header: { alg: 'HS256' }, payload: {} } : { expected: 'reject', compatible: ['base64url'] } },
  verdict: failed ? { answer: { ok: true, header: {}, payload: {} }, difference: 'accepted an invalid token' } : { answer: { ok: false, error: 'x' } },
});

describe('Recorder: per-class counts and statuses', () => {
  it('a failing class fails, advises or is waived by its level, failOn and allow', async () => {
    const options = resolveOptions({ profile: 'hardened', seed: 1, runs: 0, allow: ['forbidden-member'] });
    const recorder = new Recorder<ConformanceVerdict>(options, (v) => v.difference !== undefined);
    let i = 0;
    for (const [cls, failed] of [['valid', false], ['char-plus', true], ['char-plus', false], ['trailing-bits', true], ['forbidden-member', true]] as const) {
      recorder.observe(suite, record(cls, failed, i++), failed);
    }
    const report = await recorder.conformanceReport('a', [], undefined as never, () => 5, 0);
    const status = Object.fromEntries(report.classes.map((c) => [c.id, `${c.status} ${c.failed}/${c.cases}`]));
    expect(status['valid']).toBe('pass 0/1');
    expect(status['char-plus']).toBe('fail 1/2');
    expect(status['trailing-bits']).toBe('advisory 1/1');
    expect(status['forbidden-member']).toBe('waived 1/1');
    expect(status['char-slash']).toBe('not-run 0/0');
    expect(report.settings.allow).toEqual(['forbidden-member']);
    expect(report.coverage.validCases).toBe(1);
    expect(report.cases).toBe(5);
  });
});
