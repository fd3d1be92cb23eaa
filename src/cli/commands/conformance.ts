// captoken conformance (--adapter-cmd | --adapter-module | --adapter-url | --adapter-browser): run the kit against one parser.
import path from 'node:path';
import type { Command } from 'commander';
import type { Adapter, ConformanceReport } from '../../conformance/index.js';
import { addAdapterOptions, checkAdapterFlags, checkBrowserGlobal, openAdapter, type AdapterFlags } from '../adapters.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_FAIL, EXIT_OK, UsageError } from '../exit-codes.js';
import { writeJson } from '../output/json.js';
import { renderConformance, writeReport } from '../output/report.js';
import { addRunOptions, adapterOptions, runOptions, type RunFlags } from '../run-options.js';

type ConformanceFlags = RunFlags & AdapterFlags<'adapter'>;

/**
 * Without --out the report goes to stdout in the reporter's format (json with --json). With --out
 * it goes to the file, and stdout gets the text report (or, with --json, the JSON report with
 * `reportPath`).
 */
export async function conformanceCommand(flags: ConformanceFlags, ctx: CliContext): Promise<void> {
  ctx.json = flags.json === true;
  const reporter = flags.reporter ?? (ctx.json ? 'json' : 'text');
  if (ctx.json && flags.out === undefined && reporter !== 'json') {
    throw new UsageError(`--json prints JSON on stdout; write the ${reporter} report to a file with --out`);
  }
  checkAdapterFlags(flags, 'adapter');
  checkBrowserGlobal(flags, ['adapter']);
  const adapter: Adapter = await openAdapter(flags, 'adapter', adapterOptions(flags, ctx.io.cwd));
  const progress = ctx.progress('conformance');
  let report: ConformanceReport;
  try {
    // Loaded here: the property generators are costly to set up, and only these commands need them.
    const { runConformance } = await import('../../conformance/run-conformance.js');
    report = await runConformance(adapter, runOptions(flags, progress.update));
  } finally {
    progress.finish();
    await adapter.close();
  }
  ctx.exitCode = report.passed ? EXIT_OK : EXIT_FAIL;
  if (flags.out === undefined) {
    ctx.io.out(renderConformance(report, reporter, ctx.out.enabled));
    return;
  }
  const file = path.resolve(ctx.io.cwd, flags.out);
  await writeReport(file, renderConformance(report, reporter, false));
  if (ctx.json) writeJson(ctx.io, { ...report, reportPath: file });
  else ctx.io.out(`${renderConformance(report, 'text', ctx.out.enabled)}report written to ${flags.out}\n`);
}

export function registerConformance(cmd: Command, ctx: CliContext): void {
  addRunOptions(addAdapterOptions(cmd, 'adapter', 'the parser under test'), 'write the report to this file (stdout gets the text report)')
    .description('run the conformance vectors and generated tokens against one token parser (give exactly one --adapter-*)')
    .addHelpText(
      'after',
      `\nExamples:\n  captoken conformance --adapter-module examples/regressed/atob.mjs\n  captoken conformance --adapter-cmd "python3 examples/adapters/captoken_python.py" --profile strict --seed 42\n  captoken conformance --adapter-url http://127.0.0.1:8787/decode --reporter junit --out reports/conformance.xml\n  captoken conformance --adapter-browser examples/regressed/browser-replace-first.js\n  captoken conformance --adapter-browser examples/adapters/browser/voice-sdk.umd.js --browser-global MyVoice.decodeToken\n${EXIT_CODES_HELP}`,
    )
    .action((flags: ConformanceFlags) => conformanceCommand(flags, ctx));
}
