// Shared helpers of the verifier tests.
import { expect } from 'vitest';
import { isCaptokenError, type CaptokenErrorCode } from '../../src/errors.js';

/** Asserts that `fn` throws a CaptokenError with `code` (and returns it for further checks). */
export function expectCode(fn: () => unknown, code: CaptokenErrorCode): Error & { code: string; claim?: string; index?: number } {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${code}`).toBeDefined();
  expect(isCaptokenError(thrown), `not a CaptokenError: ${String(thrown)}`).toBe(true);
  expect((thrown as { code: string }).code).toBe(code);
  return thrown as Error & { code: string };
}

/** The async counterpart of expectCode. */
export async function expectRejectCode(promise: Promise<unknown>, code: CaptokenErrorCode): Promise<Error & { code: string; claim?: string }> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${code}`).toBeDefined();
  expect(isCaptokenError(thrown), `not a CaptokenError: ${String(thrown)}`).toBe(true);
  expect((thrown as { code: string }).code).toBe(code);
  return thrown as Error & { code: string };
}

export const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
export const b64u = (bytes: Uint8Array | string): string => Buffer.from(typeof bytes === 'string' ? enc(bytes) : bytes).toString('base64url');
