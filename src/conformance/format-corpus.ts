// How the issue-12 sections of a check report read: the corpus replay (tokens named by file, line and
// fingerprint: no corpus token, nor its signature segment, is ever rendered), the shard and the
// expectations. Text and JUnit reporters call these; JSON carries the same data as is.
import { describeChar, show } from './display.js';
import type { CorpusAnswer, CorpusFinding, CorpusReport } from './corpus-report.js';
import { escapeXml } from './xml.js';
import type { Paint } from './paint.js';
import type { CheckReport } from './report.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
/** Findings shown on a terminal (the report file lists every one). */
const SUMMARY_FINDINGS = 3;

function answer(a: CorpusAnswer): string {
  if (!a.ok) return `rejects: ${show(a.error, 160)}${a.category === undefined ? '' : ` [${a.category}]`}`;
  return `accepts: claims ${a.claims.join(', ') || '(none)'}${a.claimValues === undefined ? '' : ` = ${show(a.claimValues, 400)}`}`;
}

/** The lines of one finding (no token: file, line, fingerprint, header, claim names, where it diverges). */
export function findingLines(f: CorpusFinding): string[] {
  const lines = [`${f.file}:${f.line} ${f.fingerprint} ${f.outcome}${f.gating ? '' : ' (not gating)'}: ${f.why}`];
  lines.push(`  class: ${f.class} (${f.level}; ${f.requirement}); captoken ${f.expected === 'accept' ? 'accepts' : `rejects (${f.captokenCode ?? ''})`}; segments ${f.segments}`);
  if (f.header !== undefined) lines.push(`  header: ${show(f.header, 300)}`);
  if (f.claims !== undefined) lines.push(`  claims: ${f.claims.join(', ') || '(none)'}${f.claimValues === undefined ? '' : ` = ${show(f.claimValues, 400)}`}`);
  if (f.divergence.length > 0) lines.push(`  diverges at: ${f.divergence.map(describeChar).join('; ')}${f.divergencePath === undefined ? '' : `; value ${f.divergencePath}`}`);
  else if (f.divergencePath !== undefined) lines.push(`  diverges at: value ${f.divergencePath}`);
  lines.push(`  candidate ${answer(f.candidate)}`);
  if (f.baseline !== undefined) lines.push(`  baseline ${answer(f.baseline)}`);
  if (f.reproduction !== undefined) lines.push(`  reproduction: #${f.reproduction + 1} (synthetic, shareable)`);
  return lines;
}

/** The corpus section: counts, outcomes, findings (a few, or all with `full`) and the synthetic reproductions. */
export function corpusLines(c: CorpusReport, paint: Paint, full: boolean): string[] {
  const o = c.outcomes;
  const lines = [
    paint.bold('corpus'),
    `${plural(c.tokens, 'token')} replayed from ${plural(c.files.length, 'file')} (${c.captoken.valid} valid, ${c.captoken.invalid} invalid by captoken; ${c.skipped} blank/comment lines${c.otherShards > 0 ? `, ${c.otherShards} in other shards` : ''}) in ${(c.durationMs / 1000).toFixed(1)} s, ${c.tokensPerSecond.toFixed(0)} tokens/s, peak RSS ${c.peakRssMiB} MiB`,
    `outcomes: ${o.failures} failures, ${o.regressions} regressions, ${o.improvements} improvements, ${o.bothWrong} both wrong, ${o.allowed} allowed`,
  ];
  const shown = full ? c.findings : c.findings.filter((f) => f.gating).slice(0, SUMMARY_FINDINGS);
  for (const f of shown) lines.push(...findingLines(f));
  if (!full && c.findings.length > shown.length) lines.push(`(${c.findings.length - shown.length} more findings in the report file)`);
  if (c.findingsOmitted > 0) lines.push(`${c.findingsOmitted} further findings counted but not listed (bounded memory)`);
  if (c.reproductionMs !== undefined) lines.push(`synthetic reproductions searched in ${(c.reproductionMs / 1000).toFixed(1)} s`);
  c.reproductions.forEach((r, i) => {
    lines.push(`reproduction #${i + 1}: a synthetic token with ${r.exact ? 'the same' : 'a superset of the'} fault features (${r.features.join('; ') || 'none'}), for ${plural(r.findings, 'corpus finding')}:`);
    lines.push(`  token: ${r.token}`, `  header: ${show(r.header, 300)}`, `  payload: ${show(r.payload, 300)}`, `  candidate ${r.candidate}`, `  why: ${r.why}`, `  --seed ${r.seed} (fast-check path "${r.path}", ${plural(r.numShrinks, 'shrink')})`);
  });
  lines.push(c.passed ? paint.green('corpus passed') : paint.red('corpus failed'));
  return lines;
}

/** Shard and expectations lines of a check. */
export function checkExtraLines(r: CheckReport, paint: Paint, full: boolean): string[] {
  const lines: string[] = [];
  if (r.shard !== undefined) lines.push(`shard ${r.shard.index}/${r.shard.count} (merge the shards' reports with captoken report merge)`);
  if (r.shards !== undefined) lines.push(`merged from shards ${r.shards.map((s) => `${s.index}/${s.count}`).join(', ')}`);
  if (r.corpus !== undefined) lines.push(...corpusLines(r.corpus, paint, full));
  const e = r.expectations;
  if (e !== undefined) {
    lines.push(`expectations ${e.file}: ${e.known.length} known, ${e.new.length} new, ${e.fixed.length} fixed`);
    const list = (label: string, xs: ReadonlyArray<{ scope: string; id: string; class: string }>): void => {
      for (const x of full ? xs : xs.slice(0, 10)) lines.push(`  ${label} ${x.scope} ${x.id} ${x.class}`);
      if (!full && xs.length > 10) lines.push(`  (${xs.length - 10} more ${label} in the report file)`);
    };
    list(paint.red('new'), e.new);
    list(paint.green('fixed'), e.fixed);
    if (full) list('known', e.known);
  }
  return lines;
}

/** JUnit suites of the corpus and the expectations: a testcase per finding (failing when it gates), one per expectation outcome. */
export function corpusJunitSuites(r: CheckReport): Array<{ xml: string; tests: number; failures: number; skipped: number }> {
  const out: Array<{ xml: string; tests: number; failures: number; skipped: number }> = [];
  const make = (name: string, cases: Array<{ name: string; failure?: string; message?: string; output?: string }>): void => {
    const failures = cases.filter((c) => c.failure !== undefined).length;
    const xml = [`  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" skipped="0">`];
    for (const c of cases) {
      const open = `    <testcase classname="${escapeXml(name)}" name="${escapeXml(c.name)}"`;
      if (c.failure !== undefined) xml.push(`${open}>\n      <failure message="${escapeXml((c.message ?? '').slice(0, 500))}" type="corpus">${escapeXml(c.failure)}</failure>\n    </testcase>`);
      else if (c.output !== undefined) xml.push(`${open}>\n      <system-out>${escapeXml(c.output)}</system-out>\n    </testcase>`);
      else xml.push(`${open}/>`);
    }
    xml.push('  </testsuite>');
    out.push({ xml: xml.join('\n'), tests: cases.length, failures, skipped: 0 });
  };
  const c = r.corpus;
  if (c !== undefined) {
    const known = new Set((r.expectations?.known ?? []).filter((e) => e.scope === 'corpus').map((e) => e.id));
    const cases: Array<{ name: string; failure?: string; message?: string; output?: string }> = [
      { name: 'corpus replay', output: `${c.tokens} tokens, ${c.tokensPerSecond.toFixed(0)} tokens/s, peak RSS ${c.peakRssMiB} MiB; outcomes ${JSON.stringify(c.outcomes)}` },
    ];
    for (const f of c.findings) {
      const text = [...findingLines(f), ...(f.reproduction === undefined ? [] : [`synthetic reproduction: ${c.reproductions[f.reproduction]!.token}`])].join('\n');
      const fails = f.gating && !known.has(f.fingerprint);
      cases.push(fails ? { name: `${f.file}:${f.line} ${f.fingerprint}`, failure: text, message: `${f.outcome}: ${f.why}` } : { name: `${f.file}:${f.line} ${f.fingerprint}`, output: text });
    }
    if (c.findingsOmitted > 0) cases.push({ name: 'findings not listed', output: `${c.findingsOmitted} further findings counted but not listed (bounded memory)` });
    make('corpus', cases);
  }
  const e = r.expectations;
  if (e !== undefined) {
    make('expectations', [
      ...e.new.map((x) => (x.gating ? { name: `new ${x.scope} ${x.id} ${x.class}`, failure: 'a deviation not in the expectations file', message: 'new deviation' } : { name: `new ${x.scope} ${x.id} ${x.class}`, output: 'new deviation (not gating)' })),
      ...e.known.map((x) => ({ name: `known ${x.scope} ${x.id} ${x.class}`, output: x.note ?? 'known deviation' })),
      ...e.fixed.map((x) => ({ name: `fixed ${x.scope} ${x.id} ${x.class}`, output: 'listed as known, no longer seen: remove it from the file' })),
    ]);
  }
  return out;
}
