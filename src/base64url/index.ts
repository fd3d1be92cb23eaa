import { configError } from '../errors.js';
import { decodeBase64urlBytes, encodeBase64urlBytes } from './runtime-node.js';

/**
 * Decodes canonical, unpadded base64url (RFC 4648 §5, RFC 7515 §2) and rejects everything else.
 *
 * @example
 * decodeBase64url('-_8') // Uint8Array [0xfb, 0xff]
 * decodeBase64url('QQ==') // throws CaptokenError { code: 'BASE64URL_PADDING', offset: 2 }
 *
 * @throws {CaptokenError} `BASE64URL_INVALID_CHAR` (offset of the first character outside
 * `A-Z a-z 0-9 - _`), `BASE64URL_PADDING` (offset of the first `=`), `BASE64URL_LENGTH`
 * (length % 4 === 1), `BASE64URL_NONCANONICAL` (offset of the last character, whose unused bits are set);
 * `CONFIG_INVALID` when `input` is not a string.
 */
export function decodeBase64url(input: string): Uint8Array {
  if (typeof input !== 'string') throw configError('decodeBase64url expects a string');
  return decodeBase64urlBytes(input);
}

/**
 * Encodes bytes as unpadded base64url. Agrees with `Buffer.from(bytes).toString('base64url')`.
 *
 * @example
 * encodeBase64url(new Uint8Array([0xfb, 0xff])) // '-_8'
 *
 * @throws Never for a Uint8Array: every byte string has exactly one unpadded base64url spelling.
 * {CaptokenError} `CONFIG_INVALID` for anything else.
 */
export function encodeBase64url(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw configError('encodeBase64url expects a Uint8Array');
  return encodeBase64urlBytes(bytes);
}
