// The codec as Node runs it: Buffer's native decoder behind the strict checks (./node.ts), and the
// pure decoder for every rejection. The browser build swaps this module for its sibling
// ./runtime-web.ts, which has the same exports (tsup.config.ts, webRuntime), so the browser bundle
// never references Buffer or a node: module.
import type { TokenSegment } from '../errors.js';
import { decodeUtf8 } from '../utf8.js';
import { decodeNode, encodeNode, writeCanonical } from './node.js';
import { decodedLength, decodePure } from './pure.js';

export const decodeBase64urlBytes = decodeNode;
export const encodeBase64urlBytes = encodeNode;
export const RUNTIME = 'node' as const;

/** Scratch for segment text: the decoded bytes are only an intermediate, so they need no owner. */
let textScratch = /* @__PURE__ */ new Uint8Array(new ArrayBuffer(4096));
let textView: Uint8Array = textScratch;
let textViewLength = -1;

/** Strict base64url, then fatal UTF-8: the text of a header or payload segment (undefined: not UTF-8). */
export function decodeBase64urlText(input: string, base = 0, segment?: TokenSegment): string | undefined {
  const n = input.length;
  if ((n & 3) !== 1) {
    const length = decodedLength(n);
    if (length > textScratch.length) {
      textScratch = new Uint8Array(new ArrayBuffer(length));
      textViewLength = -1;
    }
    if (writeCanonical(textScratch, input, length)) {
      // Segments of one issuer's tokens share lengths: keep the view instead of one per call.
      if (length !== textViewLength) {
        textView = textScratch.subarray(0, length);
        textViewLength = length;
      }
      return decodeUtf8(textView);
    }
  }
  return decodeUtf8(decodePure(input, base, segment));
}

/**
 * Scratch for signatures: the verifier checks a signature synchronously right after reading it, so
 * its bytes need no owner. Decoding into memory allocated once means no ArrayBuffer per token, and
 * node:crypto reads it in place (a fresh small Uint8Array would first be moved off V8's heap).
 */
const signatureScratch = /* @__PURE__ */ new Uint8Array(new ArrayBuffer(1024));
let signatureView: Uint8Array = signatureScratch;
let signatureViewLength = -1;

/**
 * Strict base64url into the signature scratch: the result is valid until the next call, for a caller
 * that uses it at once and synchronously. Longer inputs get owned bytes. Same verdicts as
 * decodeBase64urlBytes (the rejections come from the pure decoder).
 */
export function decodeBase64urlScratch(input: string, base = 0, segment?: TokenSegment): Uint8Array {
  const n = input.length;
  if ((n & 3) !== 1) {
    const length = decodedLength(n);
    if (length > signatureScratch.length) return decodeNode(input, base, segment);
    if (writeCanonical(signatureScratch, input, length)) {
      // Signatures of one key share a length: keep the view instead of one per call.
      if (length !== signatureViewLength) {
        signatureView = signatureScratch.subarray(0, length);
        signatureViewLength = length;
      }
      return signatureView;
    }
  }
  return decodePure(input, base, segment);
}
