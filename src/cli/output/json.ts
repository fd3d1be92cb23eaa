// Machine-readable output: one JSON document on stdout, nothing else.
import type { CliIo } from '../io.js';

/** Writes `value` as the single JSON document of this run (2-space indent, final newline). */
export function writeJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
