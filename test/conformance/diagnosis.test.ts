import { describe, expect, it } from 'vitest';
import type { ClassSummary } from '../../src/conformance/index.js';
import { CoverageCollector } from '../../src/conformance/coverage.js';
import { diagnoseClass, ValidCaseDiagnosis, type FailureView } from '../../src/conformance/diagnosis.js';
import { tokenFacts } from '../../src/conformance/features.js';
import { TWIN_REJECTED } from '../../src/conformance/judge.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const t = (payload: string, signature: string): string => `${b64('{"alg":"HS256"}')}.${b64(payload)}.${signature}`;
const summary = (id: ClassSummary['id'], cases: number, failed: number): ClassSummary => ({ id, level: 'accept', requirement: 'r', rule: 'x', cases, failed, status: failed > 0 ? 'fail' : 'pass' });
const rejected: FailureView = { cls: 'valid', answer: { ok: false, error: 'Invalid character' }, difference: 'rejected a valid token' };

function diagnose(cases: Array<[string, boolean]>, view: (k: number) => FailureView = () => rejected) {
  const d = new ValidCaseDiagnosis<number>();
  const coverage = new CoverageCollector();
  cases.forEach(([token, failed], i) => {
    d.add(tokenFacts(token)!, failed ? i : undefined);
    coverage.add(tokenFacts(token)!, failed);
  });
  return d.diagnose('accept', view, [summary('valid', cases.length, cases.filter((c) => c[1]).length)], coverage.result());
}

describe('ValidCaseDiagnosis', () => {
  it('finds the feature every failure has and no passing case has, the most general first', () => {
    const [d] = diagnose([
      [t('{}', '-A'), true],
      [t('{}', '_A'), true],
      [t('{}', 'AA'), false],
      [t('{"a":1}', 'AAAA'), false],
    ]);
    expect(d!.feature).toBe('url-any');
    expect(d!.members).toEqual([0, 1]);
    expect(d!.evidence[0]).toBe("2 of the 2 failures have a '-' or '_' in any segment; none of the 2 other valid cases has");
    expect(d!.evidence.at(-1)).toBe('2 rejections; the parser says "Invalid character" (2 times)');
  });

  it('separates two causes, and reports failures no feature explains', () => {
    const out = diagnose([
      [t('{}', '--A'), true],
      [t('{}', '__A'), true],
      [t('{}', '-A'), false],
      [t('{"a":"é"}', 'AA'), true],
      [t('{"bb":"ü"}', 'AA'), true],
      [t('{"aa":"e"}', 'AA'), false],
      [t('{"aaa":"e"}', 'AA'), false],
    ]);
    expect(out.map((d) => d.feature)).toEqual(['url-repeat', 'non-ascii']);
    const lonely = diagnose([
      [t('{}', 'AAAA'), true],
      [t('{}', 'AAAA'), false],
    ]);
    expect(lonely[0]!.cause).toMatch(/1 failure with no token feature that the passing cases lack/);
  });

  it('says when every valid token fails', () => {
    const [d] = diagnose([
      [t('{}', 'AA'), true],
      [t('{}', '-A'), true],
    ]);
    expect(d!.cause).toMatch(/every valid token fails/);
  });

  it('recognises UTF-8 read as Latin-1 in wrong decodings', () => {
    const latin1: FailureView = { cls: 'valid', answer: { ok: true, header: {}, payload: { n: 'Ã©' } }, difference: 'payload.n: ...', expectedHeader: {}, expectedPayload: { n: 'é' } };
    const [d] = diagnose(
      [
        [t('{"n":"é"}', 'AA'), true],
        [t('{"nn":"é"}', 'AAAA'), true],
        [t('{"nn":"e"}', 'AA'), false],
        [t('{"nnn":"e"}', 'AAAA'), false],
      ],
      () => latin1,
    );
    expect(d!.feature).toBe('non-ascii');
    expect(d!.evidence.join('\n')).toMatch(/2 of 2 mis-decoded strings are exactly the UTF-8 bytes read as Latin-1/);
  });
});

describe('diagnoseClass', () => {
  it('states the violation and the requirement; rejections that do not count get their own cause', () => {
    const s: ClassSummary = { id: 'char-plus', level: 'rfc', requirement: 'RFC 4648 §3.3', rule: 'r', cases: 10, failed: 3, status: 'fail' };
    const accepted: FailureView = { cls: 'char-plus', answer: { ok: true, header: {}, payload: {} }, difference: 'accepted an invalid token' };
    const d = diagnoseClass(s, [0, 1, 2], () => accepted);
    expect(d.cause).toMatch(/^'\+' \(standard base64\) in the header or payload is accepted/);
    expect(d.evidence[0]).toBe('3 of 10 cases fail (RFC 4648 §3.3)');
    expect(d.gating).toBe(true);
    const twin: FailureView = { cls: 'char-plus', answer: { ok: false, error: 'no' }, difference: TWIN_REJECTED };
    expect(diagnoseClass(s, [0], () => twin).cause).toMatch(/rejections that do not count: the same tokens without the fault are rejected too/);
    const unrelated: FailureView = { cls: 'char-plus', answer: { ok: false, error: 'no', category: 'json' }, difference: "rejected for an unrelated reason: category 'json', while the fault calls for 'base64url'" };
    expect(diagnoseClass(s, [0], () => unrelated).cause).toMatch(/rejected for an unrelated reason \(category 'json'/);
  });
});
