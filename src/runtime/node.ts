// Runtime primitives for Node.js (and runtimes with Node's Buffer). The browser build swaps this file
// for ./web.ts (see tsup.config.ts), so the browser bundle never references Buffer or node: modules.
import type { TokenSegment } from '../errors.js';
import { decodeNode, encodeNode, writeCanonical } from '../base64url/node.js';
import { decodedLength, decodePure } from '../base64url/pure.js';

export const decodeBase64urlBytes = decodeNode;
export const encodeBase64urlBytes = encodeNode;
export const RUNTIME = 'node' as const;

// Node's TextDecoder decodes UTF-8 natively, fatal mode included, straight from any
// Uint8Array. Going through a Buffer view instead would read `.buffer`, which moves a small typed
// array (V8 keeps those of <= 64 bytes on its heap, as decodeNode returns them) off the heap first.
// ignoreBOM: keep a leading U+FEFF in the text so JSON.parse rejects it, as on the web path.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Fatal UTF-8 decode: undefined when `bytes` is not valid UTF-8. A leading BOM is kept (not
 * stripped), so JSON.parse rejects it, as it does on the web path.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
/** Scratch for segment text: the decoded bytes are only an intermediate, so they need no owner. */
let textScratch = new Uint8Array(new ArrayBuffer(4096));

/** Strict base64url, then fatal UTF-8: the text of a header or payload segment (undefined: not UTF-8). */
export function decodeBase64urlText(input: string, base = 0, segment?: TokenSegment): string | undefined {
  const n = input.length;
  if ((n & 3) !== 1) {
    const length = decodedLength(n);
    if (length > textScratch.length) textScratch = new Uint8Array(new ArrayBuffer(length));
    if (writeCanonical(textScratch, input, length)) return decodeUtf8(textScratch.subarray(0, length));
  }
  return decodeUtf8(decodePure(input, base, segment));
}
export { cryptoProvider } from './crypto-node.js';
