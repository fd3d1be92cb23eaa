// What each parser of the real-parser panel does, check class by check class, as the conformance
// engine reports it. Prints Markdown (the tables of docs/notes/panel.md). Not a test: it pins nothing,
// it looks; panel.test.ts pins what it prints.
//
//   npx tsx test/conformance/real-parsers/explore.ts [--runs 1000] [--seed 20261121]
//
// Two views, both read straight off the engine's reports (`classes`, `diagnosis`, `outcomes`):
// 1. Every parser under every profile (runConformance): the failing classes with their failure counts,
//    status (fail / advisory) and requirement, and the engine's diagnoses.
// 2. The PyJWT differential (runCheck, default profile, 2.15 as candidate, 2.6 as baseline): the
//    outcome counts per class, and whether the check passes.
import { DEFAULT_RUNS, PROFILES, runCheck, runConformance, type ClassSummary, type Profile } from '../../../src/conformance/index.js';
import { SEED } from '../../support/fc.js';
import { PANEL_PYTHONS } from '../../support/panel-availability.js';
import { PANEL, PYJWT_2_15, PYJWT_2_6, type PanelParser } from './panel.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
}
const RUNS = Number(option('runs', String(DEFAULT_RUNS)));
const RUN_SEED = Number(option('seed', String(SEED)));

const out: string[] = [];
const say = (line = ''): void => {
  out.push(line);
};

const failing = (classes: readonly ClassSummary[]): ClassSummary[] => classes.filter((c) => c.failed > 0);
const cell = (classes: readonly ClassSummary[]): string =>
  failing(classes)
    .map((c) => `${c.id} ${c.failed}/${c.cases} (${c.status})`)
    .join('<br>') || 'none';

async function conformance(parser: PanelParser, profile: Profile) {
  const adapter = await parser.open();
  try {
    return await runConformance(adapter, { profile, seed: RUN_SEED, runs: RUNS });
  } finally {
    await adapter.close();
  }
}

const pythonMissing = PANEL_PYTHONS.filter((p) => p.problem !== undefined);
const parsers = PANEL.filter((p) => p.python === undefined || p.python.problem === undefined);

say(`## Per parser and profile (seed ${RUN_SEED}, runs ${RUNS})`);
say();
for (const p of pythonMissing) say(`(skipped: ${p.label}: ${p.problem})`);
say(`| parser | ${PROFILES.join(' | ')} |`);
say(`| --- | ${PROFILES.map(() => '---').join(' | ')} |`);
const diagnoses: string[] = [];
const requirements = new Map<string, string>();
for (const parser of parsers) {
  const cells: string[] = [];
  for (const profile of PROFILES) {
    const report = await conformance(parser, profile);
    cells.push(`${report.passed ? 'pass' : 'FAIL'}: ${cell(report.classes)}`);
    for (const c of failing(report.classes)) requirements.set(c.id, c.requirement);
    for (const d of report.diagnosis) diagnoses.push(`- ${parser.name} / ${profile}: [${d.classes.join(', ')}] ${d.cause} (${d.failures} failures${d.gating ? '' : ', advisory'})`);
  }
  say(`| ${parser.name} | ${cells.join(' | ')} |`);
}
say();
say('Requirements of the failing classes:');
say();
for (const [id, requirement] of requirements) say(`- \`${id}\`: ${requirement}`);
say();
say('Diagnoses:');
say();
for (const line of diagnoses) say(line);
say();

if (PYJWT_2_6.python?.problem === undefined && PYJWT_2_15.python?.problem === undefined) {
  const [candidate, baseline] = [await PYJWT_2_15.open(), await PYJWT_2_6.open()];
  try {
    const report = await runCheck(candidate, baseline, { seed: RUN_SEED, runs: RUNS });
    const diff = report.differential!;
    say(`## PyJWT differential: ${PYJWT_2_15.name} (candidate) vs ${PYJWT_2_6.name} (baseline), profile ${report.profile}`);
    say();
    say(`check ${report.passed ? 'passes' : 'FAILS'} (conformance ${report.conformance.passed ? 'passes' : 'fails'}, differential ${diff.passed ? 'passes' : 'fails'}); outcomes: ${JSON.stringify(diff.outcomes)}`);
    say();
    say('| class | level | status | cases | regressions | improvements | both wrong | allowed |');
    say('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const c of diff.classes) {
      const o = c.outcomes;
      if (o === undefined || o.regressions + o.improvements + o.bothWrong + o.allowed === 0) continue;
      say(`| ${c.id} | ${c.level} | ${c.status} | ${c.cases} | ${o.regressions} | ${o.improvements} | ${o.bothWrong} | ${o.allowed} |`);
    }
    say();
    for (const d of diff.differences.filter((x) => x.outcome !== 'improvement').slice(0, 10)) say(`- ${d.outcome} ${d.id} (${d.class}): ${d.difference}`);
  } finally {
    await Promise.all([candidate.close(), baseline.close()]);
  }
}

console.log(out.join('\n'));
