// Runtime primitives for Node.js (and runtimes with Node's Buffer). The browser build swaps this file
// for ./web.ts (see tsup.config.ts), so the browser bundle never references Buffer or node: modules.
import { Buffer, isUtf8 } from 'node:buffer';
import { decodeNode, encodeNode } from '../base64url/node.js';

export const decodeBase64urlBytes = decodeNode;
export const encodeBase64urlBytes = encodeNode;
export const RUNTIME = 'node' as const;

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Fatal UTF-8 decode: undefined when `bytes` is not valid UTF-8. A leading BOM is kept (not
 * stripped), so JSON.parse rejects it, as it does on the web path.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  // The fast decoder returns Buffers: use them as they are. toString() without arguments goes
  // straight to the native UTF-8 slice.
  return (bytes instanceof Buffer ? bytes : toBuffer(bytes)).toString();
}
export { cryptoProvider } from './crypto-node.js';
