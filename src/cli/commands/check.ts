// captoken check: the pre-deploy gate. Conformance on the candidate and, with a baseline, a
// differential run (same vectors and generated tokens to both); the report goes to a file.
import path from 'node:path';
import type { Command } from 'commander';
import type { Adapter, ConformanceReport, DifferentialReport } from '../../conformance/index.js';
import { addAdapterOptions, checkAdapterFlags, checkBrowserGlobal, hasAdapter, openAdapter, type AdapterFlags } from '../adapters.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_FAIL, EXIT_OK } from '../exit-codes.js';
import { writeJson } from '../output/json.js';
import { checkSummary, renderCheck, reportExtension, writeReport, type CheckJson } from '../output/report.js';
import { addRunOptions, adapterOptions, runOptions, type RunFlags } from '../run-options.js';

type CheckFlags = RunFlags & AdapterFlags<'candidate' | 'baseline'>;

export async function checkCommand(flags: CheckFlags, ctx: CliContext): Promise<void> {
  ctx.json = flags.json === true;
  const reporter = flags.reporter ?? 'text';
  checkAdapterFlags(flags, 'candidate');
  const withBaseline = hasAdapter(flags, 'baseline');
  if (withBaseline) checkAdapterFlags(flags, 'baseline');
  checkBrowserGlobal(flags, ['candidate', 'baseline']);
  const out = flags.out ?? path.join('reports', `captoken-check.${reportExtension(reporter)}`);
  const file = path.resolve(ctx.io.cwd, out);

  const options = adapterOptions(flags, ctx.io.cwd);
  const opened: Adapter[] = [];
  let conformance: ConformanceReport;
  let differential: DifferentialReport | null = null;
  try {
    const candidate = await openAdapter(flags, 'candidate', options);
    opened.push(candidate);
    const baseline = withBaseline ? await openAdapter(flags, 'baseline', options) : undefined;
    if (baseline !== undefined) opened.push(baseline);
    // Loaded here: the property generators are costly to set up, and only these commands need them.
    const [{ runConformance }, { runDifferential }] = await Promise.all([
      import('../../conformance/run-conformance.js'),
      import('../../conformance/run-differential.js'),
    ]);
    let progress = ctx.progress('conformance ');
    try {
      conformance = await runConformance(candidate, runOptions(flags, progress.update));
    } finally {
      progress.finish();
    }
    if (baseline !== undefined) {
      progress = ctx.progress('differential');
      try {
        // The same seed as the conformance run, so one --seed replays the whole check.
        differential = await runDifferential(candidate, baseline, { ...runOptions(flags, progress.update), seed: conformance.seed });
      } finally {
        progress.finish();
      }
    }
  } finally {
    await Promise.all(opened.map((a) => a.close()));
  }

  const passed = conformance.passed && (differential === null || differential.passed);
  const doc: CheckJson = {
    ok: passed,
    passed,
    candidate: conformance.adapter,
    baseline: differential?.baseline ?? null,
    reportPath: file,
    conformance,
    differential,
  };
  await writeReport(file, renderCheck(doc, reporter, false));
  ctx.exitCode = passed ? EXIT_OK : EXIT_FAIL;
  if (ctx.json) writeJson(ctx.io, doc);
  else ctx.io.out(checkSummary({ ...doc, reportPath: out }, ctx.out));
}

export function registerCheck(cmd: Command, ctx: CliContext): void {
  addRunOptions(
    addAdapterOptions(addAdapterOptions(cmd, 'candidate', 'the parser about to ship'), 'baseline', 'the parser it must agree with (optional)'),
    'report file (default reports/captoken-check.<txt|json|xml>, by --reporter)',
  )
    .description(
      'pre-deploy gate: conformance on the candidate and, with a baseline, a differential run (any difference in verdict or decoded claims fails, with a minimal token); writes the report to a file',
    )
    .addHelpText(
      'after',
      `\nExamples:\n  captoken check --candidate-module ./my-adapter.mjs\n  captoken check --candidate-cmd "node new/adapter.mjs" --baseline-cmd "node old/adapter.mjs" --reporter junit --out reports/check.xml\n  captoken check --candidate-browser dist/sdk.js --baseline-browser prod/sdk.js\n${EXIT_CODES_HELP}`,
    )
    .action((flags: CheckFlags) => checkCommand(flags, ctx));
}
