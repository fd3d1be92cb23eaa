/**
 * bench/candidates/decode.mjs — strict base64url decoding: captoken's `decodeBase64url` (the built
 * package) and the peers of the issue 8 targets, on the same strings.
 *
 * The fair peer for an owned result is `new Uint8Array(Buffer.from(s, 'base64url'))`: `Buffer.from`
 * alone returns a slice of Node's shared 8 KiB pool for small inputs, whose `.buffer` exposes other
 * data (other tokens' bytes), which captoken must not do. At 4 KiB and 1 MiB Buffer.from allocates
 * its own memory, so it is the peer there.
 */
import { Buffer } from 'node:buffer';
import { decodeInput } from '../inputs.mjs';

const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

const candidates = {
  captoken: {
    describe: 'captoken `decodeBase64url`: canonical unpadded base64url only (alphabet, no `=`, length, zero trailing bits); a Uint8Array that owns its bytes',
    make: ({ captoken }) => (s) => captoken.decodeBase64url(s),
  },
  'owned copy': {
    describe: "`new Uint8Array(Buffer.from(s, 'base64url'))`: Node's lenient decoder, copied into an owned Uint8Array (the same kind of result)",
    make: () => (s) => new Uint8Array(Buffer.from(s, 'base64url')),
  },
  'Buffer.from': {
    describe: "`Buffer.from(s, 'base64url')`: lenient (skips invalid characters, stops at `=`, ignores trailing bits); a slice of Node's 8 KiB pool under 4 KiB",
    make: () => (s) => Buffer.from(s, 'base64url'),
  },
  jose: {
    describe: 'jose `base64url.decode`: on Node 20 `atob` after an alphabet check; accepts padding and whitespace, ignores trailing bits',
    make: async () => {
      const { base64url } = await import('jose');
      return (s) => base64url.decode(s);
    },
  },
};

// Spellings every lenient peer accepts and captoken must reject: non-canonical trailing bits,
// padding, the standard alphabet, a character above U+00FF.
const badInputs = ['QR', 'QQ==', '+/8', 'QU\u0141D'];

const decodeCase = (length, title) => ({
  title,
  inputs: () => [decodeInput(length)],
  expected: (s) => Buffer.from(s, 'base64url').toString('hex'),
  view: hex,
  badInputs: () => badInputs,
  candidates,
});

export const cases = {
  'decode-86': decodeCase(86, 'decodeBase64url, 86 characters (an ES256 signature, 64 bytes)'),
  'decode-300': decodeCase(300, 'decodeBase64url, 300 characters (a payload segment, 225 bytes)'),
  'decode-4k': decodeCase(4096, 'decodeBase64url, 4 KiB of text (3072 bytes)'),
  'decode-1mib': decodeCase(1048576, 'decodeBase64url, 1 MiB of text (768 KiB)'),
};
