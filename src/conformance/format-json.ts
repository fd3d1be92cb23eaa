// The machine-readable report of a run: the report object itself, as JSON.
import type { Report } from './report.js';

// Captured at load: a module adapter runs in this process and could patch JSON.
const jsonStringify = JSON.stringify;

/**
 * Adapter answers are JSON-safe when they reach a report (see answer.ts); this replacer is the last
 * guard, so that a report can always be written: a BigInt becomes its decimal string.
 */
const replacer = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/**
 * The report as JSON (2-space indented, final newline): every field, every failure, the classes with
 * their levels and requirements, the coverage matrix and the diagnosis.
 *
 * @example
 * writeFileSync('conformance.json', formatJson(report));
 *
 * @throws never
 */
export function formatJson(report: Report): string {
  return `${jsonStringify(report, replacer, 2)}\n`;
}
