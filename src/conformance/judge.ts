// Who decides whether a case passed. The conformance judge holds one adapter's answer against the
// spec; the differential judge holds a candidate and a baseline against each other and both against
// the spec, so that every difference has a direction. The engine runs either one the same way.
import type { Adapter, AdapterAnswer } from './adapter.js';
import type { KitCase } from './cases.js';
import { jsonDifference, type Sides } from './compare.js';

const PARSERS: Sides = { expected: 'baseline', actual: 'candidate' };

/** Judges one case. `failure` gives undefined for a pass, else a key for the kind of failure (shrinking keeps it). */
export interface Judge<V> {
  judge(c: KitCase): Promise<V>;
  failure(verdict: V): string | undefined;
  /** Tokens sent to adapters so far (each adapter call counts, twins and shrinking included). */
  readonly calls: number;
}

/**
 * Why `answer` is not what a conforming parser gives for `c`, or undefined when it is. One short
 * sentence: the answer itself (the parser's message) is reported next to it, never repeated in it.
 */
export function specDifference(c: KitCase, answer: AdapterAnswer): string | undefined {
  const e = c.expectation;
  if (e.expected === 'accept') {
    if (!answer.ok) return 'rejected a valid token';
    if (answer.problem !== undefined) return answer.problem;
    return jsonDifference(e.header, answer.header, 'header') ?? jsonDifference(e.payload, answer.payload, 'payload');
  }
  if (answer.ok) {
    if (answer.problem !== undefined) return answer.problem;
    if (e.lastWins !== undefined) {
      const d = jsonDifference(e.lastWins.header, answer.header, 'header') ?? jsonDifference(e.lastWins.payload, answer.payload, 'payload');
      return d === undefined ? undefined : `accepted a duplicate member without keeping the lexically last value: ${d}`;
    }
    return 'accepted an invalid token';
  }
  if (answer.category !== undefined && answer.category !== 'other' && !e.compatible.includes(answer.category)) {
    return `rejected for an unrelated reason: category '${answer.category}', while the fault calls for ${e.compatible.map((x) => `'${x}'`).join(' or ')}`;
  }
  return undefined;
}

/** The sentence for a rejection that does not count because the unmutated token is rejected too. */
export const TWIN_REJECTED = 'the same token without the fault is rejected too: the rejection does not show that the fault was seen';

/** What the conformance judge found for a case. */
export interface ConformanceVerdict {
  answer: AdapterAnswer;
  /** Why the answer is wrong; undefined when it is right. */
  difference?: string;
  /** The answer for the case's unmutated twin, when the case's rejection was checked against it. */
  twin?: AdapterAnswer;
}

/** Decodes the twin of a rejected mutated case: the rejection counts only if the twin is accepted. */
async function checkTwin(adapter: Adapter, c: KitCase, answer: AdapterAnswer, count: () => void): Promise<{ twin?: AdapterAnswer; difference?: string }> {
  if (answer.ok || c.twin === undefined) return {};
  count();
  const twin = await adapter.decode(c.twin);
  return twin.ok ? { twin } : { twin, difference: TWIN_REJECTED };
}

/** One adapter against the spec. */
export function conformanceJudge(adapter: Adapter): Judge<ConformanceVerdict> {
  let calls = 0;
  const count = (): void => {
    calls++;
  };
  return {
    get calls() {
      return calls;
    },
    async judge(c) {
      count();
      const answer = await adapter.decode(c.token);
      const difference = specDifference(c, answer);
      if (difference !== undefined) return { answer, difference };
      const checked = await checkTwin(adapter, c, answer, count);
      const verdict: ConformanceVerdict = { answer };
      if (checked.twin !== undefined) verdict.twin = checked.twin;
      if (checked.difference !== undefined) verdict.difference = checked.difference;
      return verdict;
    },
    failure: (v) => (v.difference === undefined ? undefined : 'fail'),
  };
}

/**
 * Where a candidate stands against its baseline on one token:
 * - `same`: they agree (verdict, and decoded header and payload);
 * - `regression`: the baseline is right and the candidate wrong (it moved away from the spec);
 * - `improvement`: the candidate is right and the baseline wrong;
 * - `both-wrong`: they differ and neither is right;
 * - `allowed`: they differ and both are right (one rejects a duplicate member, the other keeps the last).
 */
export type DifferentialOutcome = 'same' | 'regression' | 'improvement' | 'both-wrong' | 'allowed';

export interface DifferentialVerdict {
  outcome: DifferentialOutcome;
  candidate: AdapterAnswer;
  baseline: AdapterAnswer;
  /** How the two answers differ (verdict, or the decoded values), when they do. */
  difference?: string;
  /** Why the candidate's answer is wrong by the spec, when it is. */
  candidateWrong?: string;
  /** Why the baseline's answer is wrong by the spec, when it is. */
  baselineWrong?: string;
}

/** How two answers differ, or undefined when they agree on the verdict and the decoded values. */
export function disagreement(candidate: AdapterAnswer, baseline: AdapterAnswer): string | undefined {
  if (candidate.ok !== baseline.ok) return candidate.ok ? 'the candidate accepts what the baseline rejects' : 'the candidate rejects what the baseline accepts';
  if (!candidate.ok || !baseline.ok) return undefined;
  const d = jsonDifference(baseline.header, candidate.header, 'header', PARSERS) ?? jsonDifference(baseline.payload, candidate.payload, 'payload', PARSERS);
  return d === undefined ? undefined : `the decoded values differ: ${d}`;
}

/** A candidate against a baseline, each against the spec. */
export function differentialJudge(candidate: Adapter, baseline: Adapter): Judge<DifferentialVerdict> {
  let calls = 0;
  const count = (): void => {
    calls++;
  };
  const wrong = async (adapter: Adapter, c: KitCase, answer: AdapterAnswer): Promise<string | undefined> =>
    specDifference(c, answer) ?? (await checkTwin(adapter, c, answer, count)).difference;
  return {
    get calls() {
      return calls;
    },
    async judge(c) {
      calls += 2;
      const [a, b] = await Promise.all([candidate.decode(c.token), baseline.decode(c.token)]);
      const difference = disagreement(a, b);
      if (difference === undefined) return { outcome: 'same', candidate: a, baseline: b };
      const [candidateWrong, baselineWrong] = await Promise.all([wrong(candidate, c, a), wrong(baseline, c, b)]);
      const outcome: DifferentialOutcome =
        candidateWrong === undefined ? (baselineWrong === undefined ? 'allowed' : 'improvement') : baselineWrong === undefined ? 'regression' : 'both-wrong';
      const verdict: DifferentialVerdict = { outcome, candidate: a, baseline: b, difference };
      if (candidateWrong !== undefined) verdict.candidateWrong = candidateWrong;
      if (baselineWrong !== undefined) verdict.baselineWrong = baselineWrong;
      return verdict;
    },
    failure: (v) => (v.outcome === 'same' ? undefined : v.outcome),
  };
}
