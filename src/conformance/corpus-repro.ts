// A shareable reproduction of a corpus finding: a generated valid token with the same fault features
// as the customer's token (segment lengths mod 4, where '-' and '_' stand, non-ASCII bytes), judged
// the same way, then shrunk while it keeps those features and the failure. It carries no customer data.
import { planSuites, type KitCase, type PropertySuite } from './cases.js';
import type { CorpusFinding, CorpusReproduction } from './corpus-report.js';
import { answerText } from './display.js';
import { FEATURES, featuresOf, tokenFacts } from './features.js';
import type { ConformanceVerdict, DifferentialVerdict, Judge } from './judge.js';
import type { ResolvedOptions } from './options.js';
import { propertyCases, shrinkRun, SourceCache } from './property-runner.js';

/** The features that describe where a token can trip a decoder (the diagnosis's own features). */
const FAULT_FEATURES = FEATURES.flatMap((f, i) => (/^(?:url-in|url-first|url-last|mod[023]):/.test(f.id) || f.id.startsWith('non-ascii:') ? [i] : []));

/** Generated tokens tried per reproduction search. */
const SEARCH_RUNS = 2000;
/** Distinct fault keys searched (each costs up to SEARCH_RUNS adapter calls and a shrink). */
const MAX_SEARCHES = 3;

/** The fault features of a token, one boolean per fault feature; undefined for a token not in three segments. */
export function faultKey(token: string): boolean[] | undefined {
  const facts = tokenFacts(token);
  if (facts === undefined) return undefined;
  const all = featuresOf(facts);
  return FAULT_FEATURES.map((i) => all[i]!);
}

const exact = (a: readonly boolean[], b: readonly boolean[]): boolean => a.every((x, i) => x === b[i]);
const superset = (want: readonly boolean[], got: readonly boolean[]): boolean => want.every((x, i) => !x || got[i] === true);

type Verdict = ConformanceVerdict | DifferentialVerdict;

/**
 * For each group of findings (same fault key, same outcome), a synthetic token that reproduces them:
 * the first generated valid token with exactly those features (else a superset of them) on which the
 * judge gives the same outcome, shrunk while it keeps the features and the outcome. Groups are
 * searched largest first, at most three; each finding of a reproduced group points at its reproduction.
 */
export async function findReproductions(
  judge: Judge<Verdict>,
  options: ResolvedOptions,
  groups: Array<{ key: boolean[]; findings: CorpusFinding[]; outcome: CorpusFinding['outcome'] }>,
): Promise<CorpusReproduction[]> {
  const suite = planSuites({ ...options, runs: SEARCH_RUNS }).find((s): s is PropertySuite => s.kind === 'property' && s.name === 'valid');
  if (suite === undefined) return [];
  const cases = propertyCases(suite, options.seed, new SourceCache());
  const keys = cases.map((c) => faultKey(c.token));
  const out: CorpusReproduction[] = [];
  const ordered = [...groups].sort((a, b) => b.findings.length - a.findings.length).slice(0, MAX_SEARCHES);
  for (const group of ordered) {
    const fails = (v: Verdict): boolean => ('outcome' in v ? v.outcome === group.outcome : group.outcome === 'fail' && v.difference !== undefined);
    let found: { index: number; exact: boolean } | undefined;
    for (const pass of [exact, superset]) {
      for (let i = 0; i < cases.length && found === undefined; i++) {
        const k = keys[i];
        if (k === undefined || !pass(group.key, k)) continue;
        if (fails(await judge.judge(cases[i]!))) found = { index: i, exact: pass === exact };
      }
      if (found !== undefined) break;
    }
    if (found === undefined) continue;
    const keep = (c: KitCase, v: Verdict): boolean => {
      const k = faultKey(c.token);
      return fails(v) && k !== undefined && superset(group.key, k);
    };
    const shrunk = await shrinkRun(suite, options.seed, found.index, (c) => judge.judge(c), keep);
    const c = shrunk?.case ?? cases[found.index]!;
    const verdict = shrunk?.verdict ?? (await judge.judge(c));
    const x = c.expectation;
    const r: CorpusReproduction = {
      features: FAULT_FEATURES.flatMap((fi, j) => (group.key[j] === true ? [FEATURES[fi]!.label] : [])),
      findings: group.findings.length,
      token: c.token,
      header: x.expected === 'accept' ? x.header : null,
      payload: x.expected === 'accept' ? x.payload : null,
      candidate: answerText('outcome' in verdict ? verdict.candidate : verdict.answer),
      why: 'outcome' in verdict ? (verdict.candidateWrong ?? verdict.difference ?? '') : (verdict.difference ?? ''),
      seed: options.seed,
      path: shrunk?.path ?? String(found.index),
      numShrinks: shrunk?.numShrinks ?? 0,
      exact: found.exact,
    };
    for (const f of group.findings) f.reproduction = out.length;
    out.push(r);
  }
  return out;
}
