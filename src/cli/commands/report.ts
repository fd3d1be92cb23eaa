// captoken report merge <files...> --out <file>: joins the reports of a sharded run (JSON into JSON,
// JUnit into JUnit) into the report of the whole run; exit 1 when the merged run failed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT_FAIL, EXIT_OK, UsageError } from '../exit-codes.js';
import { writeReport } from '../output/report.js';

interface MergeFlags {
  out: string;
  expectations?: string;
}

export async function reportMergeCommand(files: string[], flags: MergeFlags, ctx: CliContext): Promise<void> {
  const { mergeJunit, mergeReports } = await import('../../conformance/merge-reports.js');
  const texts = await Promise.all(
    files.map(async (f) => {
      try {
        return await readFile(path.resolve(ctx.io.cwd, f), 'utf8');
      } catch {
        throw new UsageError(`cannot read ${f}`);
      }
    }),
  );
  const xml = texts.map((t) => t.trimStart().startsWith('<'));
  if (xml.some((x) => x !== xml[0])) throw new UsageError('reports to merge must all be JSON or all JUnit XML');
  const out = path.resolve(ctx.io.cwd, flags.out);
  if (xml[0] === true) {
    if (flags.expectations !== undefined) throw new UsageError('--expectations applies to JSON reports (merge the JSON reports, then render JUnit from them)');
    const merged = mergeJunit(texts);
    await writeReport(out, merged);
    const failures = Number(/<testsuites[^>]*\sfailures="(\d+)"/.exec(merged)?.[1] ?? 0);
    ctx.exitCode = failures > 0 ? EXIT_FAIL : EXIT_OK;
    ctx.io.out(`merged ${files.length} JUnit reports into ${flags.out}: ${failures} failures\n`);
    return;
  }
  const [{ formatJson }, { applyExpectations, readExpectations }] = await Promise.all([import('../../conformance/format-json.js'), import('../../conformance/expectations.js')]);
  let reports;
  try {
    reports = texts.map((t) => JSON.parse(t) as import('../../conformance/report.js').Report);
  } catch {
    throw new UsageError('a report to merge is not JSON');
  }
  let merged = mergeReports(reports);
  if (flags.expectations !== undefined) {
    if (merged.kind !== 'check') throw new UsageError('--expectations applies to check reports');
    merged = applyExpectations(merged, await readExpectations(path.resolve(ctx.io.cwd, flags.expectations)), flags.expectations);
  }
  await writeReport(out, formatJson(merged));
  ctx.exitCode = merged.passed ? EXIT_OK : EXIT_FAIL;
  ctx.io.out(`merged ${files.length} reports into ${flags.out}: ${merged.passed ? 'passed' : 'failed'}\n`);
}

export function registerReport(cmd: Command, ctx: CliContext): void {
  cmd.description('work with report files');
  cmd
    .command('merge')
    .description('join the reports of a sharded run (JSON into JSON, JUnit into JUnit) with nothing lost; exit 1 when the merged run failed')
    .argument('<files...>', 'report files of the shards')
    .requiredOption('--out <file>', 'merged report file')
    .option('--expectations <file>', 'hold the merged check report against known deviations (computes the fixed ones too)')
    .action((files: string[], flags: MergeFlags) => reportMergeCommand(files, flags, ctx));
}
