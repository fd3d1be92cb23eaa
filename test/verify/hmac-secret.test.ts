// Finding 3 of the attack probe: the algorithm-confusion attack through a secret that is really a
// public key. An attacker who holds the (public) key HMACs a token with its text; if the verifier
// took that text as its HS256 secret, the forgery would verify. captoken refuses such secrets at
// construction, in every form the key text can arrive in.
import { createHmac, createSecretKey, generateKeyPairSync } from 'node:crypto';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { mintCapabilityToken } from '../../src/mint/capability-token.js';
import { createJwsVerifier, createVerifier } from '../../src/verify/index.js';
import { checkHmacSecret, publicKeyLookalike } from '../../src/verify/hmac-secret.js';
import { b64u, expectCode } from './support.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const pkcs1 = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const der = rsa.publicKey.export({ type: 'spki', format: 'der' });
const jwkText = JSON.stringify(ec.publicKey.export({ format: 'jwk' }));
const sshRsa = `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${'C'.repeat(300)} ops@bastion`;
const sshEd = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop';
const sshEcdsa = `ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB${'A'.repeat(88)}=`;
const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Every form in which a public key's text can be handed over as an HMAC secret. */
const FORMS: [string, () => string | Uint8Array][] = [
  ['a PEM string', () => pem],
  ['a PEM string with a comment line before -----BEGIN', () => `# issuer signing key, rotated 2025-01\n${pem}`],
  ['a PEM string with leading text on the same line', () => `key: ${pem}`],
  ['a PKCS#1 RSA PUBLIC KEY PEM', () => pkcs1],
  ['a certificate-style PEM armour', () => pem.replaceAll('PUBLIC KEY', 'CERTIFICATE')],
  ['PEM as a Buffer', () => Buffer.from(pem)],
  ['PEM as a Uint8Array', () => enc(pem)],
  ['PEM with a comment line, as bytes', () => enc(`comment\r\n${pem}`)],
  ['a JWK as JSON text', () => jwkText],
  ['a JWK as JSON bytes', () => enc(jwkText)],
  ['a JWK Set as JSON text', () => `{"keys":[${jwkText}]}`],
  ['an ssh-rsa public key', () => sshRsa],
  ['an ssh-ed25519 public key after a comment', () => `# deploy key\n${sshEd}`],
  ['an ecdsa-sha2-nistp256 public key as bytes', () => enc(sshEcdsa)],
  ['DER SPKI bytes', () => new Uint8Array(der)],
  ['the base64 body of a PEM without armour', () => der.toString('base64')],
  ['the base64url body of a PEM', () => der.toString('base64url')],
  ['an Ed25519 SPKI in base64', () => ed.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')],
];

/** The forged token: HS256 with the public key's text as the HMAC key. */
function forge(secret: string | Uint8Array): string {
  const input = `${b64u('{"alg":"HS256","typ":"JWT"}')}.${b64u('{"sub":"admin","admin":true}')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('HMAC secrets that are public key material', () => {
  it.each(FORMS)('finding 3: %s is refused as an HMAC secret (CONFIG_INVALID), so a token HMAC\'d with it cannot verify', async (_form, make) => {
    const secret = make();
    const token = forge(secret);
    // The forgery is real: a verifier that takes the text as a secret (jose here) accepts it.
    await expect(jose.jwtVerify(token, typeof secret === 'string' ? enc(secret) : secret, { algorithms: ['HS256'] })).resolves.toBeDefined();
    // captoken refuses the secret before any token is seen, for both verifiers.
    const error = expectCode(() => createVerifier({ algorithms: ['HS256'], key: secret }), 'CONFIG_INVALID');
    expect(error.message).toMatch(/public key material, not an HMAC secret/);
    expectCode(() => createJwsVerifier({ algorithms: ['HS256'], key: secret }), 'CONFIG_INVALID');
  });

  it('finding 3: the same material as a secret KeyObject, an oct JWK, or an oct member of a key set is refused too', () => {
    const bytes = Buffer.from(`# comment\n${pem}`);
    expectCode(() => createVerifier({ algorithms: ['HS256'], key: createSecretKey(bytes) }), 'CONFIG_INVALID');
    const oct = { kty: 'oct', k: bytes.toString('base64url') };
    expectCode(() => createVerifier({ algorithms: ['HS256'], key: oct }), 'CONFIG_INVALID');
    expectCode(() => createVerifier({ algorithms: ['HS256'], jwks: { keys: [{ ...oct, kid: 'a' }] } }), 'CONFIG_INVALID');
  });

  it('the message names the shape found, never the secret', () => {
    const error = expectCode(() => createVerifier({ algorithms: ['HS256'], key: `${'x'.repeat(40)}\n${pem}` }), 'CONFIG_INVALID');
    expect(error.message).toContain('PEM armour');
    expect(error.message).not.toContain('xxxxxxxx');
    expect(error.message).not.toContain(pem.split('\n')[1]!.slice(0, 16));
  });

  it('the minters refuse the same secrets', async () => {
    for (const [, make] of FORMS) {
      await expect(mintCapabilityToken({ accountSid: 'AC' + '0'.repeat(32), secret: make(), capabilities: [] })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
      });
    }
  });

  it('ordinary secrets pass: random bytes, hex, base64, passphrases, twilio auth tokens (no false positive in 20,000 random secrets)', () => {
    for (const ok of ['0123456789abcdef0123456789abcdef', 'correct horse battery staple, and more words', 'ssh-rsa-is-not-a-key-without-a-blob-xxxxx']) {
      expect(publicKeyLookalike(ok), ok).toBeUndefined();
      expect(() => createVerifier({ algorithms: ['HS256'], key: ok })).not.toThrow();
    }
    for (let i = 0; i < 20_000; i++) {
      const bytes = new Uint8Array(64);
      crypto.getRandomValues(bytes);
      const b64 = Buffer.from(bytes).toString('base64');
      expect(publicKeyLookalike(bytes) ?? publicKeyLookalike(b64) ?? publicKeyLookalike(Buffer.from(bytes).toString('hex'))).toBeUndefined();
    }
    expect(() => {
      checkHmacSecret('x'.repeat(32), 'secret');
    }).not.toThrow();
  });
});
