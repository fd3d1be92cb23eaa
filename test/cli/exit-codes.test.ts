// The exit codes, in one place, and the help text that documents them.
import { describe, expect, it } from 'vitest';
import { EXIT_CODES_HELP, EXIT_FAIL, EXIT_OK, EXIT_USAGE, UsageError } from '../../src/cli/exit-codes.js';

describe('exit codes', () => {
  it('are 0 pass, 1 fail, 2 usage', () => {
    expect([EXIT_OK, EXIT_FAIL, EXIT_USAGE]).toEqual([0, 1, 2]);
  });

  it('are each documented in the help text, in order', () => {
    const lines = EXIT_CODES_HELP.split('\n').map((l) => l.trim());
    expect(lines).toContain('Exit codes:');
    const documented = lines.flatMap((l) => /^(\d) {2}/.exec(l)?.[1] ?? []).map(Number);
    expect(documented).toEqual([EXIT_OK, EXIT_FAIL, EXIT_USAGE]);
  });
});

describe('UsageError', () => {
  it('is an Error named UsageError carrying its message', () => {
    const error = new UsageError('give the secret once');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UsageError');
    expect(error.message).toBe('give the secret once');
  });
});
