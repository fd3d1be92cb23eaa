// captoken conformance --adapter-<kind> <value>: run the kit against one parser. stdout gets the
// verdict, the diagnosis and a few minimal examples; the report file gets everything.
import type { Command } from 'commander';
import type { Adapter, ConformanceReport } from '../../conformance/index.js';
import { addAdapterOptions, checkAdapterFlags, checkBrowserGlobal, openRoleAdapter } from '../adapters.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_FAIL, EXIT_OK } from '../exit-codes.js';
import { writeJson } from '../output/json.js';
import { renderReport, writeReport } from '../output/report.js';
import { addRunOptions, reportTarget, runOptions, runSeed, type RunFlags } from '../run-options.js';

type ConformanceFlags = RunFlags & Record<string, unknown>;

export async function conformanceCommand(flags: ConformanceFlags, ctx: CliContext): Promise<void> {
  ctx.json = flags.json === true;
  checkAdapterFlags(flags, 'adapter');
  checkBrowserGlobal(flags, ['adapter']);
  const target = reportTarget(flags, ctx.io.cwd, 'captoken-conformance');
  const seed = runSeed(flags);
  // Loaded here: the generators are costly to set up, and only these commands need them.
  const [{ resolveOptions }, { runConformance }, { conformanceHeadline, formatText }] = await Promise.all([
    import('../../conformance/options.js'),
    import('../../conformance/run-conformance.js'),
    import('../../conformance/format-text.js'),
  ]);
  const options = runOptions(flags, seed);
  // Checked before the adapter starts: a configuration mistake is CONFIG_INVALID (exit 2).
  const { profile } = resolveOptions(options);
  const adapter: Adapter = await openRoleAdapter(flags, 'adapter', { timeoutMs: flags.timeoutMs, cwd: ctx.io.cwd });
  if (!ctx.json) ctx.io.out(`${conformanceHeadline(adapter.name, profile, seed)}\n`);
  const progress = ctx.progress('conformance');
  let report: ConformanceReport;
  try {
    report = await runConformance(adapter, { ...options, onProgress: progress.update });
  } finally {
    progress.finish();
    await adapter.close();
  }
  await writeReport(target.file, renderReport(report, target.reporter));
  ctx.exitCode = report.passed ? EXIT_OK : EXIT_FAIL;
  if (ctx.json) writeJson(ctx.io, { ok: report.passed, reportPath: target.file, ...report });
  else ctx.io.out(formatText(report, { color: ctx.out.enabled, headline: false, reportPath: target.shown }));
}

export function registerConformance(cmd: Command, ctx: CliContext): void {
  addRunOptions(addAdapterOptions(cmd, 'adapter', 'the parser under test'), 'report file (default reports/captoken-conformance.<txt|json|xml>; the extension picks the format)')
    .description('run the conformance vectors and generated tokens against one token parser (give exactly one --adapter-*); stdout: verdict and diagnosis, the report file: every failure')
    .addHelpText(
      'after',
      `\nExamples:\n  captoken conformance --adapter-module examples/regressed/atob.mjs\n  captoken conformance --adapter-cmd "python3 examples/adapters/captoken_python.py" --profile rfc --seed 42\n  captoken conformance --adapter-url http://127.0.0.1:8787/decode --out reports/conformance.xml\n  captoken conformance --adapter-browser examples/regressed/browser-replace-first.js\n  captoken conformance --adapter-browser examples/adapters/browser/voice-sdk.umd.js --browser-global MyVoice.decodeToken\n${EXIT_CODES_HELP}`,
    )
    .action((flags: ConformanceFlags) => conformanceCommand(flags, ctx));
}
