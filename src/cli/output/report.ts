// Writing a run's report file in the chosen format. The reporters render the report object; nothing
// here parses or rewrites another reporter's output.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatJson } from '../../conformance/format-json.js';
import { formatJunit } from '../../conformance/format-junit.js';
import { formatText } from '../../conformance/format-text.js';
import type { Report } from '../../conformance/report.js';
import type { Reporter } from '../run-options.js';

/** The full report in a reporter's format (the text one: every failure, the classes, the coverage matrix). */
export function renderReport(report: Report, reporter: Reporter): string {
  if (reporter === 'json') return formatJson(report);
  if (reporter === 'junit') return formatJunit(report);
  return formatText(report, { detail: 'full' });
}

export async function writeReport(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}
