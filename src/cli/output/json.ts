// Machine-readable output: one JSON document on stdout, nothing else. The one JSON printer of the
// CLI, for JSON documents and for the header and payload blocks of decode and verify.
import type { CliIo } from '../io.js';

/**
 * Levels indented before a value is written on one line. A valid 16 KiB token can nest its claims
 * thousands of levels deep; indenting each level would write megabytes of spaces.
 */
export const MAX_INDENT_DEPTH = 32;

// JSON.stringify returns undefined for undefined, functions and symbols, whatever its declared type says.
const stringify: (value: unknown) => string | undefined = JSON.stringify;
const isArray = Array.isArray;

type Frame = { kind: 'array'; items: readonly unknown[]; next: number; depth: number } | { kind: 'object'; names: string[]; object: Record<string, unknown>; next: number; depth: number };

/**
 * `JSON.stringify(value, null, indent)`, without recursion: deep nesting cannot overflow the stack
 * (JSON.stringify throws RangeError at a few thousand levels). Levels deeper than `maxIndentDepth`
 * are written compactly on one line; the text is valid JSON either way and parses back to `value`.
 * For JSON values (what parseToken and the verifier return) and plain records of them: `toJSON` is
 * honoured and `undefined` members are skipped, as JSON.stringify does.
 */
export function formatJson(value: unknown, indent = 2, maxIndentDepth = MAX_INDENT_DEPTH): string {
  const parts: string[] = [];
  const stack: Frame[] = [];
  const newline = (depth: number): string => (depth <= maxIndentDepth && indent > 0 ? `\n${' '.repeat(indent * depth)}` : '');
  const colon = indent > 0 ? ': ' : ':';

  /** Writes a scalar, or opens a container (pushing its frame). */
  const open = (given: unknown, depth: number): void => {
    const toJson = (given as { toJSON?: unknown } | null | undefined)?.toJSON;
    const v: unknown = typeof toJson === 'function' ? (toJson as () => unknown).call(given) : given;
    if (isArray(v)) {
      if (v.length === 0) parts.push('[]');
      else {
        parts.push('[');
        stack.push({ kind: 'array', items: v, next: 0, depth });
      }
    } else if (typeof v === 'object' && v !== null) {
      const object = v as Record<string, unknown>;
      const names = Object.keys(object).filter((name) => object[name] !== undefined);
      if (names.length === 0) parts.push('{}');
      else {
        parts.push('{');
        stack.push({ kind: 'object', names, object, next: 0, depth });
      }
    } else {
      parts.push(stringify(v) ?? 'null');
    }
  };

  open(value, 0);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const inner = frame.depth + 1;
    const count = frame.kind === 'array' ? frame.items.length : frame.names.length;
    if (frame.next === count) {
      stack.pop();
      parts.push(newline(inner <= maxIndentDepth ? frame.depth : inner), frame.kind === 'array' ? ']' : '}');
      continue;
    }
    const i = frame.next++;
    parts.push(i === 0 ? newline(inner) : `,${newline(inner)}`);
    if (frame.kind === 'array') {
      open(frame.items[i], inner);
    } else {
      const name = frame.names[i]!;
      parts.push(stringify(name)!, colon);
      open(frame.object[name], inner);
    }
  }
  return parts.join('');
}

/** Writes `value` as the single JSON document of this run (2-space indent, final newline). */
export function writeJson(io: CliIo, value: unknown): void {
  io.out(`${formatJson(value)}\n`);
}
