// Grouping failures by cause, with the evidence. For valid tokens: the features of the token (from
// the coverage of passing and failing cases) that every failure of a group has and no passing case
// has, most general first. For invalid tokens: the class of the fault, with its requirement.
import type { AdapterAnswer } from './adapter.js';
import { checkClass, type CheckClassId, type Level } from './classes.js';
import type { Coverage } from './coverage.js';
import { FEATURES, featuresOf, type TokenFacts } from './features.js';
import { TWIN_REJECTED } from './judge.js';
import type { ClassSummary, Diagnosis } from './report.js';

/** What the diagnosis needs of a failing case. */
export interface FailureView {
  cls: CheckClassId;
  /** The answer judged wrong (a differential run: the candidate's). */
  answer: AdapterAnswer;
  difference: string;
  expectedHeader?: unknown;
  expectedPayload?: unknown;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The most frequent rejection messages of some failures: `"Invalid character" (640 times)`. */
function topMessages(answers: readonly AdapterAnswer[], max = 2): string[] {
  const counts = new Map<string, number>();
  for (const a of answers) if (!a.ok) counts.set(a.error, (counts.get(a.error) ?? 0) + 1);
  return [...counts.entries()]
    .sort((x, y) => y[1] - x[1])
    .slice(0, max)
    .map(([message, n]) => `${JSON.stringify(message.length > 100 ? `${message.slice(0, 97)}...` : message)} (${plural(n, 'time')})`);
}

/** The first pair of strings at the same place in two JSON values that differ, or undefined. */
function firstStringMismatch(expected: unknown, actual: unknown): [string, string] | undefined {
  if (typeof expected === 'string' && typeof actual === 'string') return expected === actual ? undefined : [expected, actual];
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) return undefined;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return undefined;
    for (let i = 0; i < expected.length; i++) {
      const m = firstStringMismatch(expected[i], actual[i]);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  const a = actual as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) {
    const m = firstStringMismatch(value, a[key]);
    if (m !== undefined) return m;
  }
  return undefined;
}

/** True when `actual` is `expected`'s UTF-8 bytes read one byte per character (Latin-1). */
function isLatin1Reading(expected: string, actual: string): boolean {
  return Buffer.from(expected, 'utf8').toString('latin1') === actual;
}

/** Who is judged and what a failure is called: the parser's failures, or the candidate's regressions. */
export interface Words {
  failure: string;
  parser: string;
}

const CONFORMANCE_WORDS: Words = { failure: 'failure', parser: 'the parser' };

/** How the parser got the failures wrong: rejections and wrong decodings, with what it said. */
function answerEvidence(failures: readonly FailureView[], words: Words): string[] {
  const rejected = failures.filter((f) => !f.answer.ok);
  const decoded = failures.filter((f) => f.answer.ok);
  const lines: string[] = [];
  if (rejected.length > 0) {
    lines.push(`${plural(rejected.length, 'rejection')}${decoded.length > 0 ? `, ${plural(decoded.length, 'wrong decoding')}` : ''}; ${words.parser} says ${topMessages(rejected.map((f) => f.answer)).join(', ')}`);
  } else if (decoded.length > 0) {
    lines.push(`${plural(decoded.length, 'wrong decoding')}, e.g. ${decoded[0]!.difference}`);
  }
  let latin1 = 0;
  let compared = 0;
  for (const f of decoded) {
    if (!f.answer.ok) continue;
    const m = firstStringMismatch({ h: f.expectedHeader, p: f.expectedPayload }, { h: f.answer.header, p: f.answer.payload });
    if (m === undefined) continue;
    compared++;
    if (isLatin1Reading(m[0], m[1])) latin1++;
  }
  if (latin1 > 0) lines.push(`${latin1} of ${compared} mis-decoded strings are exactly the UTF-8 bytes read as Latin-1 ("é" comes back as "Ã©")`);
  return lines;
}

/**
 * Collects the features of every valid case (counters for passing cases, feature sets for failing
 * ones) and finds the causes of the failures.
 */
export class ValidCaseDiagnosis<K> {
  private readonly passWith = new Array<number>(FEATURES.length).fill(0);
  private passTotal = 0;
  private readonly fails: Array<{ features: boolean[]; key: K }> = [];

  /** Counts a case: passing (no key), or failing (`key` identifies the failure for `view`). */
  add(facts: TokenFacts, key: K | undefined): void {
    if (key === undefined) {
      // Passing cases are only counted (no allocation: most cases pass).
      this.passTotal++;
      for (let k = 0; k < FEATURES.length; k++) if (FEATURES[k]!.test(facts)) this.passWith[k]!++;
    } else {
      this.fails.push({ features: featuresOf(facts), key });
    }
  }

  /**
   * The causes, most failures first: groups of failures explained by one feature that no passing
   * case has. `view(key)` gives a failure; `classes` the run's classes (for the valid / ASCII split).
   */
  diagnose(level: Level, view: (key: K) => FailureView, classes: readonly ClassSummary[], coverage: Coverage, words: Words = CONFORMANCE_WORDS): Array<Diagnosis & { members: K[] }> {
    const out: Array<Diagnosis & { members: K[] }> = [];
    if (this.fails.length === 0) return out;
    const total = this.fails.length;
    const valid = classes.find((c) => c.id === 'valid');
    const ascii = classes.find((c) => c.id === 'valid-ascii-json');
    if (this.passTotal === 0) {
      const members = this.fails.map((f) => f.key);
      out.push({
        level,
        classes: ['valid', 'valid-ascii-json'],
        cause: 'every valid token fails: the parser (or its adapter) rejects or mis-decodes them all',
        evidence: [`all ${plural(total, 'valid case')} fail, whatever their shape`, ...answerEvidence(members.map(view), words)],
        failures: total,
        gating: true,
        members,
      });
      return out;
    }
    let remaining = this.fails;
    while (remaining.length > 0) {
      let best = -1;
      let bestCovered = 0;
      for (let k = 0; k < FEATURES.length; k++) {
        if (this.passWith[k]! > 0) continue;
        let covered = 0;
        for (const f of remaining) if (f.features[k]) covered++;
        if (covered > bestCovered && covered >= Math.min(2, remaining.length)) {
          best = k;
          bestCovered = covered;
        }
      }
      if (best === -1) break;
      const group = remaining.filter((f) => f.features[best]);
      remaining = remaining.filter((f) => !f.features[best]);
      out.push(this.explain(level, best, group, total, view, valid, ascii, coverage, words));
    }
    if (remaining.length > 0) {
      const members = remaining.map((f) => f.key);
      out.push({
        level,
        classes: ['valid', 'valid-ascii-json'],
        cause: `${plural(remaining.length, words.failure)} with no token feature that the passing cases lack`,
        evidence: [
          `checked: '-'/'_' by segment and position, repetition, length mod 4, non-ASCII and 4-byte UTF-8, sizes, alg, header members`,
          ...answerEvidence(members.map(view), words),
        ],
        failures: remaining.length,
        gating: true,
        members,
      });
    }
    return out;
  }

  private explain(
    level: Level,
    k: number,
    group: ReadonlyArray<{ key: K }>,
    total: number,
    view: (key: K) => FailureView,
    valid: ClassSummary | undefined,
    ascii: ClassSummary | undefined,
    coverage: Coverage,
    words: Words,
  ): Diagnosis & { members: K[] } {
    const feature = FEATURES[k]!;
    const members = group.map((g) => g.key);
    const evidence = [`${group.length} of the ${plural(total, words.failure)} have ${feature.label}; none of the ${plural(this.passTotal, 'other valid case')} has`];
    const contrasts = (feature.contrast ?? [])
      .map((id) => FEATURES.findIndex((f) => f.id === id))
      .filter((i) => i !== -1 && this.passWith[i]! > 0)
      .slice(0, 2)
      .map((i) => `${this.passWith[i]!} others have ${FEATURES[i]!.label}`);
    if (contrasts.length > 0) evidence.push(`while ${contrasts.join(', and ')}`);
    if (feature.id.startsWith('non-ascii') && valid !== undefined && ascii !== undefined && ascii.cases > 0) {
      evidence.push(`valid fails ${valid.failed} of ${valid.cases}; valid-ascii-json (the same tokens, non-ASCII written as \\u escapes) fails ${ascii.failed} of ${ascii.cases}`);
    }
    const mod = /^mod(\d)/.exec(feature.id);
    if (mod !== null) {
      const m = Number(mod[1]);
      const rows = coverage.lengths.filter((l) => l.mod === m && l.cases > 0).map((l) => `${l.segment} ${l.failed}/${l.cases}`);
      if (rows.length > 0) evidence.push(`valid cases failing with a segment ≡ ${m} (mod 4): ${rows.join(', ')}`);
    }
    evidence.push(...answerEvidence(members.map(view), words));
    return { level, classes: [...new Set(members.map((i) => view(i).cls))], cause: feature.cause, evidence, failures: group.length, gating: true, feature: feature.id, members };
  }
}

/** The kind of an invalid-token failure, from its difference sentence. */
function failureKind(f: FailureView): 'accepted' | 'last-wins' | 'unrelated' | 'twin' | 'problem' {
  if (f.difference === TWIN_REJECTED) return 'twin';
  if (f.difference.startsWith('rejected for an unrelated reason')) return 'unrelated';
  if (f.difference.startsWith('accepted a duplicate member')) return 'last-wins';
  if (f.answer.ok && f.answer.problem !== undefined) return 'problem';
  return 'accepted';
}

/**
 * One diagnosis per failing fault class: what the failures mean, with the requirement and counts.
 * Rejections that do not count (an unrelated reason, a rejected twin) get their own line.
 */
export function diagnoseClass(summary: ClassSummary, members: readonly number[], view: (index: number) => FailureView): Diagnosis & { members: number[] } {
  const cls = checkClass(summary.id)!;
  const failures = members.map(view);
  const kinds = new Map<string, number>();
  for (const f of failures) kinds.set(failureKind(f), (kinds.get(failureKind(f)) ?? 0) + 1);
  const accepted = (kinds.get('accepted') ?? 0) + (kinds.get('last-wins') ?? 0) + (kinds.get('problem') ?? 0);
  const evidence = [`${summary.failed} of ${summary.cases} cases ${summary.outcomes === undefined ? 'fail' : 'regress'} (${summary.requirement})`];
  let cause = cls.violation;
  if (accepted === 0 && (kinds.get('twin') ?? 0) > 0 && (kinds.get('unrelated') ?? 0) === 0) {
    cause = `${summary.id}: rejections that do not count: the same tokens without the fault are rejected too`;
  } else if (accepted === 0 && (kinds.get('unrelated') ?? 0) > 0) {
    const first = failures.find((f) => failureKind(f) === 'unrelated')!;
    cause = `${summary.id}: rejected for an unrelated reason (${first.difference.replace(/^rejected for an unrelated reason: /, '')})`;
  }
  const parts: string[] = [];
  if (accepted > 0) parts.push(`${accepted} accepted`);
  if ((kinds.get('unrelated') ?? 0) > 0) parts.push(`${kinds.get('unrelated')!} rejected for an unrelated reason`);
  if ((kinds.get('twin') ?? 0) > 0) parts.push(`${kinds.get('twin')!} rejected with the unmutated twin rejected too`);
  if (parts.length > 1 || accepted === 0) evidence.push(parts.join(', '));
  return { level: summary.level, classes: [summary.id], cause, evidence, failures: members.length, gating: summary.status === 'fail', members: [...members] };
}
