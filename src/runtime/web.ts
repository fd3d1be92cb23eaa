// Runtime primitives for browsers and edge runtimes: plain TypeScript and TextDecoder only.
import { decodePure, encodePure } from '../base64url/pure.js';
import type { TokenSegment } from '../errors.js';

export const decodeBase64urlBytes = decodePure;
export const encodeBase64urlBytes = encodePure;
export const RUNTIME = 'web' as const;

// ignoreBOM: keep a leading U+FEFF in the text so JSON.parse rejects it (one spelling per token).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Fatal UTF-8 decode: undefined when `bytes` is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
/** Strict base64url, then fatal UTF-8 (see runtime/node.ts). */
export function decodeBase64urlText(input: string, base = 0, segment?: TokenSegment): string | undefined {
  return decodeUtf8(decodePure(input, base, segment));
}
export { cryptoProvider } from './crypto-web.js';
