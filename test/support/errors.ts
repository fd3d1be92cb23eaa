// The CaptokenError a call throws, for tests that then assert its code, offset, claim or message.
import { expect } from 'vitest';
import { CaptokenError } from '../../src/errors.js';

/** Runs `fn`, expects it to throw a CaptokenError, and returns it. */
export function caught(fn: () => unknown): CaptokenError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CaptokenError);
    return error as CaptokenError;
  }
  throw new Error('expected a CaptokenError');
}

/** The CaptokenError `fn` throws, or undefined when it returns (anything else thrown fails the test). */
export function rejectionOf(fn: () => unknown): CaptokenError | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(CaptokenError);
    return error as CaptokenError;
  }
}

/** The code of the CaptokenError `fn` throws, or undefined when it returns. */
export function codeOf(fn: () => unknown): string | undefined {
  return rejectionOf(fn)?.code;
}
