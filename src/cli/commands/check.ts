// captoken check: the pre-deploy gate. Conformance on the candidate and, with a baseline, a
// differential run with direction (same seed); the report goes to a file, the verdict to stdout.
import type { Command } from 'commander';
import type { Adapter, CheckReport } from '../../conformance/index.js';
import { addAdapterOptions, checkAdapterFlags, checkBrowserGlobal, hasAdapter, openRoleAdapter } from '../adapters.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_FAIL, EXIT_OK } from '../exit-codes.js';
import { writeJson } from '../output/json.js';
import type { Progress } from '../output/progress.js';
import { renderReport, writeReport } from '../output/report.js';
import { addRunOptions, reportTarget, runOptions, runSeed, type RunFlags } from '../run-options.js';
import { addCorpusOptions, corpusCheckOptions, withExpectations, type CorpusFlags } from '../corpus-options.js';

type CheckFlags = RunFlags & CorpusFlags & Record<string, unknown>;

export async function checkCommand(flags: CheckFlags, ctx: CliContext): Promise<void> {
  ctx.json = flags.json === true;
  checkAdapterFlags(flags, 'candidate');
  const withBaseline = hasAdapter(flags, 'baseline');
  if (withBaseline) checkAdapterFlags(flags, 'baseline');
  checkBrowserGlobal(flags, ['candidate', 'baseline']);
  const target = reportTarget(flags, ctx.io.cwd, 'captoken-check');
  const seed = runSeed(flags);
  // Loaded here: the generators are costly to set up, and only these commands need them.
  const [{ resolveOptions }, { CHECK_OPTION_NAMES, runCheck }, { checkHeadline, formatText }] = await Promise.all([
    import('../../conformance/options.js'),
    import('../../conformance/run-check.js'),
    import('../../conformance/format-text.js'),
  ]);
  const options = { ...runOptions(flags, seed), ...corpusCheckOptions(flags, ctx.io.cwd) };
  const { profile } = resolveOptions(options, CHECK_OPTION_NAMES);
  const opened: Adapter[] = [];
  let report: CheckReport;
  let progress: Progress | undefined;
  try {
    const candidate = await openRoleAdapter(flags, 'candidate', { timeoutMs: flags.timeoutMs, cwd: ctx.io.cwd });
    opened.push(candidate);
    const baseline = withBaseline ? await openRoleAdapter(flags, 'baseline', { timeoutMs: flags.timeoutMs, cwd: ctx.io.cwd }) : undefined;
    if (baseline !== undefined) opened.push(baseline);
    // The headline first, with the seed: a run cut short can still be replayed.
    if (!ctx.json) ctx.io.out(`${checkHeadline(candidate.name, baseline?.name ?? null, profile, seed)}\n`);
    report = await runCheck(candidate, baseline, {
      ...options,
      onPhase: (phase) => {
        progress?.finish();
        progress = ctx.progress(phase.padEnd(12));
      },
      onProgress: (done, total) => progress?.update(done, total),
    });
  } finally {
    progress?.finish();
    await Promise.all(opened.map((a) => a.close()));
  }
  report = await withExpectations(report, flags, ctx.io.cwd);
  await writeReport(target.file, renderReport(report, target.reporter));
  ctx.exitCode = report.passed ? EXIT_OK : EXIT_FAIL;
  if (ctx.json) writeJson(ctx.io, { ok: report.passed, reportPath: target.file, ...report });
  else ctx.io.out(formatText(report, { color: ctx.out.enabled, headline: false, reportPath: target.shown }));
}

export function registerCheck(cmd: Command, ctx: CliContext): void {
  addCorpusOptions(
    addRunOptions(
      addAdapterOptions(addAdapterOptions(cmd, 'candidate', 'the parser about to ship'), 'baseline', 'the parser in production, to compare with (optional)'),
      'report file (default reports/captoken-check.<txt|json|xml>; the extension picks the format)',
    ),
  )
    .description(
      'pre-deploy gate: conformance on the candidate and, with a baseline, a differential run; a difference fails only when the candidate moved away from the spec (a regression the profile covers); writes the report to a file',
    )
    .addHelpText(
      'after',
      `\nExamples:\n  captoken check --candidate-module ./my-adapter.mjs\n  captoken check --candidate-cmd "node new/adapter.mjs" --baseline-cmd "node old/adapter.mjs" --out reports/check.xml\n  captoken check --candidate-cmd "python3 new.py" --baseline-cmd "python3 old.py" --profile rfc\n  captoken check --candidate-browser dist/sdk.js --baseline-browser prod/sdk.js --corpus staging-tokens.txt --reporter junit\n  captoken check --candidate-module dist/adapter.mjs --corpus staging-tokens.txt --shard 1/4 --out reports/shard-1.json\n  captoken check --candidate-module dist/adapter.mjs --expectations captoken-expectations.txt\n${EXIT_CODES_HELP}`,
    )
    .action((flags: CheckFlags) => checkCommand(flags, ctx));
}
