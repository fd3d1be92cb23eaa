// The HMAC secret rule: a secret must not be a public key in disguise. If a verifier takes the text
// of a public key as an HMAC secret, anyone holding that (public!) key can mint tokens that verify
// under HS256: the algorithm-confusion attack. keyMismatch (algorithms.ts) already keeps HS* away
// from KeyObjects, CryptoKeys and JWKs of asymmetric type; this rule covers the key *text* handed
// over as a string or bytes, in any of the forms public keys are stored in. One module: the
// verifier's key sources (keys.ts) and the minters (mint/options.ts) both apply it.

import { configError } from '../errors.js';

/**
 * Each shape a public key's text takes, with how it is recognised. Patterns run over the secret read
 * as Latin-1 (one character per byte), so a string secret and its UTF-8 bytes are judged alike for
 * every ASCII marker. A match anywhere counts: a comment line before `-----BEGIN` hides nothing.
 */
const LOOKALIKES: readonly (readonly [RegExp, string])[] = [
  // RFC 7468 armour (PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, EC PARAMETERS, any PRIVATE KEY, …).
  [/-----BEGIN [^\r\n]{0,64}-----/, 'a PEM armour line (-----BEGIN …-----)'],
  // RFC 4716 SSH2 public key files.
  [/---- BEGIN SSH2 PUBLIC KEY ----/, 'an SSH2 public key armour line'],
  // OpenSSH authorized_keys / .pub lines: the key type, then the base64 blob (which begins "AAAA").
  [
    /(?:^|[^A-Za-z0-9-])(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com|ssh-(?:rsa|ed25519)-cert-v01@openssh\.com)[ \t]+AAAA/,
    'an SSH public key (ssh-rsa, ssh-ed25519, ecdsa-sha2-…)',
  ],
  // A JWK or a JWK Set written as JSON (RFC 7517 §4.1 "kty", §5.1 "keys").
  [/"kty"\s*:/, 'a JWK ("kty" member)'],
  [/"keys"\s*:\s*\[/, 'a JWK Set ("keys" member)'],
];

/** DER algorithm identifiers of public keys (rsaEncryption, RSASSA-PSS, id-ecPublicKey, Ed25519, Ed448). */
const DER_OIDS: readonly number[][] = [
  [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
  [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a],
  [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
  [0x06, 0x03, 0x2b, 0x65, 0x70],
  [0x06, 0x03, 0x2b, 0x65, 0x71],
];

function startsAt(bytes: Uint8Array, at: number, pattern: readonly number[]): boolean {
  for (let i = 0; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) return false;
  return true;
}

/**
 * A DER SEQUENCE carrying a public-key algorithm identifier: a binary SPKI (near its start) or a
 * certificate (anywhere; only the long OIDs, which no random secret contains by chance).
 */
function isDerPublicKey(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30) return false;
  for (let at = 2; at < bytes.length; at++) {
    if (bytes[at] !== 0x06) continue;
    for (const oid of DER_OIDS) if ((oid.length >= 9 || at < 32) && startsAt(bytes, at, oid)) return true;
  }
  return false;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The base64 characters that spell `oid` whatever bytes surround it, for each of the three byte
 * alignments it can have: a public key's base64 without its armour (a bare SPKI or certificate
 * body) contains one of them. At least 9 bytes long, so each is 10+ characters: no chance match.
 */
function base64Spellings(oid: readonly number[]): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const bits = [...new Array<number>(shift).fill(0), ...oid];
    let text = '';
    for (let k = Math.ceil((8 * shift) / 6); 6 * k + 6 <= 8 * bits.length; k++) {
      let v = 0;
      for (let b = 6 * k; b < 6 * k + 6; b++) v = (v << 1) | ((bits[b >> 3]! >> (7 - (b & 7))) & 1);
      text += B64.charAt(v);
    }
    out.push(text, text.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return out;
}

/** Base64 (and base64url) fragments of the long public-key OIDs, plus the fixed Ed25519/Ed448 SPKI prefixes. */
const BASE64_MARKERS: readonly string[] = [
  ...DER_OIDS.filter((oid) => oid.length >= 9).flatMap(base64Spellings),
  'MCowBQYDK2VwAyEA',
  'MEMwBQYDK2VxAzoA',
];

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/**
 * Why `secret` looks like public key material (a short description, never the secret itself), or
 * undefined when it does not. A string is judged by its UTF-8 bytes.
 */
export function publicKeyLookalike(secret: string | Uint8Array): string | undefined {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (isDerPublicKey(bytes)) return 'a DER-encoded public key or certificate';
  const text = latin1(bytes);
  for (const [pattern, what] of LOOKALIKES) if (pattern.test(text)) return what;
  for (const marker of BASE64_MARKERS) if (text.includes(marker)) return 'the base64 of a DER public key or certificate';
  return undefined;
}

/**
 * Throws CONFIG_INVALID when the HMAC secret `secret` (named `name` in the message) contains public
 * key material: PEM armour anywhere, an SSH public key, a JWK or JWK Set, or a DER public key (binary
 * or base64). The message names the shape found and never the secret.
 */
export function checkHmacSecret(secret: string | Uint8Array, name: string): void {
  const found = publicKeyLookalike(secret);
  if (found !== undefined) {
    throw configError(
      `${name} contains ${found}, so it is public key material, not an HMAC secret: using a public key as a secret lets anyone who has it sign tokens (algorithm confusion). Pass a KeyObject, CryptoKey or JWK for RS*/PS*/ES*/EdDSA`,
    );
  }
}
