/*! voice-sdk 1.0.0 (UMD build): a stand-in for a vendor's browser SDK bundle, to show the browser
 * adapter. Load it with <script src="voice-sdk.umd.js"> and it sets window.MyVoice; under a bundler or
 * Node it is a CommonJS module. Its token decoder is written for the browser, with no Buffer:
 * - base64url by its own alphabet table (atob would accept '+', '/', '=' and whitespace, and would
 *   reject '-' and '_'), with no padding, no length of 1 mod 4 and no non-zero trailing bits;
 * - UTF-8 through TextDecoder with { fatal: true } (invalid bytes throw instead of becoming U+FFFD);
 * - JSON.parse, and both the header and the payload must be objects.
 * Check it in Chromium with:
 *   captoken conformance --adapter-browser examples/adapters/browser/voice-sdk.umd.js --browser-global MyVoice.decodeToken
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module !== null && typeof module.exports === 'object') module.exports = factory();
  else root.MyVoice = factory();
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var VALUES = new Int8Array(128).fill(-1);
  for (var i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
  var utf8 = new TextDecoder('utf-8', { fatal: true });

  function TokenError(code, message) {
    var error = new Error(message);
    error.name = 'TokenError';
    error.code = code;
    return error;
  }

  /** The bytes of one base64url segment (RFC 4648 section 5, unpadded, canonical). */
  function base64urlBytes(segment, name) {
    var n = segment.length;
    if (n % 4 === 1) throw TokenError('BAD_LENGTH', name + ': a base64url length of 1 mod 4 is impossible');
    var bytes = new Uint8Array(Math.floor((n * 3) / 4));
    var acc = 0;
    var bits = 0;
    var at = 0;
    for (var j = 0; j < n; j++) {
      var c = segment.charCodeAt(j);
      var v = c < 128 ? VALUES[c] : -1;
      if (v < 0) throw TokenError('BAD_CHAR', name + ': character ' + JSON.stringify(segment[j]) + ' at ' + j + ' is not base64url');
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes[at++] = (acc >> bits) & 0xff;
      }
    }
    if ((acc & ((1 << bits) - 1)) !== 0) throw TokenError('BAD_TRAILING_BITS', name + ': non-zero trailing bits');
    return bytes;
  }

  function jsonObject(segment, name) {
    var text;
    try {
      text = utf8.decode(base64urlBytes(segment, name));
    } catch (error) {
      if (error.name === 'TokenError') throw error;
      throw TokenError('BAD_UTF8', name + ': not UTF-8');
    }
    var value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw TokenError('BAD_JSON', name + ': not JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw TokenError('NOT_OBJECT', name + ': not a JSON object');
    return value;
  }

  /** Decodes (does not verify) a compact JWS: { header, payload, signature }. Throws a TokenError. */
  function decodeToken(token) {
    if (typeof token !== 'string') throw TokenError('BAD_TOKEN', 'the token must be a string');
    var parts = token.split('.');
    if (parts.length !== 3) throw TokenError('BAD_SHAPE', 'a token has three segments, not ' + parts.length);
    return {
      header: jsonObject(parts[0], 'header'),
      payload: jsonObject(parts[1], 'payload'),
      signature: base64urlBytes(parts[2], 'signature'),
    };
  }

  return { version: '1.0.0', decodeToken: decodeToken };
});
