// The codec for browsers and edge runtimes: plain TypeScript and TextDecoder only. The browser build
// uses this module in place of ./runtime-node.ts (same exports; tsup.config.ts, webRuntime).
import type { TokenSegment } from '../errors.js';
import { decodeUtf8 } from '../utf8.js';
import { decodePure, encodePure } from './pure.js';

export const decodeBase64urlBytes = decodePure;
export const encodeBase64urlBytes = encodePure;
export const RUNTIME = 'web' as const;
/** Owned bytes here: the pure decoder allocates its result anyway (see ./runtime-node.ts). */
export const decodeBase64urlScratch = decodePure;

/** Strict base64url, then fatal UTF-8 (see ./runtime-node.ts). */
export function decodeBase64urlText(input: string, base = 0, segment?: TokenSegment): string | undefined {
  return decodeUtf8(decodePure(input, base, segment));
}
