/**
 * bench/candidates/parse.mjs — reading a compact JWT without verifying it: captoken's `parseToken`
 * (the built package) against fast-jwt's complete decoder, jose, and the floor, on the same 16 tokens
 * taken in turn.
 */
import { Buffer } from 'node:buffer';
import { parseTokens } from '../inputs.mjs';

/** What each candidate's result is compared on, before timing (a candidate may override it). */
const view = (r) => ({ header: r.header, payload: r.payload });

const candidates = {
  captoken: {
    describe: 'captoken `parseToken`: three segments, all strictly decoded, fatal UTF-8, header and payload strict JSON objects (no repeated or prototype-reaching members), length cap',
    make: ({ captoken }) => (t) => captoken.parseToken(t),
  },
  'fast-jwt complete': {
    describe: 'fast-jwt `createDecoder({ complete: true })`: an alphabet regex per segment, lenient `Buffer.from` + `toString` + `JSON.parse` of header and payload; the signature is returned as text',
    make: async () => {
      const { createDecoder } = await import('fast-jwt');
      return createDecoder({ complete: true });
    },
  },
  'jose header+payload': {
    describe: 'jose `decodeProtectedHeader` + `decodeJwt`: both segments decoded and parsed (two splits); lenient base64url; the signature is not looked at',
    make: async () => {
      const { decodeJwt, decodeProtectedHeader } = await import('jose');
      return (t) => [decodeProtectedHeader(t), decodeJwt(t)];
    },
    view: (r) => ({ header: r[0], payload: r[1] }),
  },
  'jose decodeJwt': {
    describe: 'jose `decodeJwt` alone: the payload only; the header is not parsed (for reference: it does less)',
    make: async () => {
      const { decodeJwt } = await import('jose');
      return (t) => decodeJwt(t);
    },
    // The payload alone: compared with the payload, the header taken from the reference.
    view: (payload, t) => ({ header: expected(t).header, payload }),
  },
  floor: {
    describe: "the floor: split at the dots, `JSON.parse(Buffer.from(segment, 'base64url').toString())` for header and payload; no checks at all",
    make: () => (t) => {
      const first = t.indexOf('.');
      const second = t.indexOf('.', first + 1);
      return {
        header: JSON.parse(Buffer.from(t.slice(0, first), 'base64url').toString()),
        payload: JSON.parse(Buffer.from(t.slice(first + 1, second), 'base64url').toString()),
      };
    },
  },
};

function expected(t) {
  const [h, p] = t.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
}

function badInputs() {
  // Lenient spellings the peers accept and parseToken rejects: a repeated claim, and non-canonical
  // trailing bits in the signature (86 characters: the last one carries 4 unused bits).
  const [h, p, s] = parseTokens[0].split('.');
  const dup = Buffer.from('{"sub":"a","sub":"b"}').toString('base64url');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const lastBitsSet = s.slice(0, -1) + alphabet[alphabet.indexOf(s.at(-1)) | 1];
  return [`${h}.${dup}.${s}`, `${h}.${p}.${lastBitsSet}`];
}

export const cases = {
  parse: {
    title: `parseToken, ${parseTokens[0].length}-character ES256-shaped JWT (16 distinct tokens in turn)`,
    inputs: () => parseTokens,
    expected,
    view,
    badInputs,
    candidates,
  },
};
