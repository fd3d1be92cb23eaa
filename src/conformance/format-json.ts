// The machine-readable report of a run.
import type { ConformanceReport, DifferentialReport } from './report.js';

// Captured at load: a module adapter runs in this process and could patch JSON.
const jsonStringify = JSON.stringify;

/**
 * The report as JSON (2-space indented, final newline): every field of the report, every failure.
 *
 * @example
 * writeFileSync('conformance.json', formatJson(report));
 *
 * @throws never
 */
export function formatJson(report: ConformanceReport | DifferentialReport): string {
  return `${jsonStringify(report, null, 2)}\n`;
}
