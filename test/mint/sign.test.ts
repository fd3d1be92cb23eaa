// HS256 signing (through jose): header member order, payload member order, and a signature that an
// independent HMAC (node:crypto) computes the same.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHs256 } from '../../src/mint/sign.js';

const SECRET = new TextEncoder().encode('s'.repeat(32));

function segments(token: string): [string, string, string] {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return parts as [string, string, string];
}

const text = (segment: string) => Buffer.from(segment, 'base64url').toString('utf8');

describe('signHs256', () => {
  it('writes alg first, then the header members in their order (jsonwebtoken\'s order)', async () => {
    const [header] = segments(await signHs256({ typ: 'JWT', cty: 'twilio-fpa;v=1', kid: 'SK1' }, { a: 1 }, SECRET));
    expect(text(header)).toBe('{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","kid":"SK1"}');
  });

  it('keeps the payload members in their order, byte for byte as JSON.stringify writes them', async () => {
    const payload = { scope: 'scope:client:incoming?clientName=alice', iss: 'AC1', exp: 2, iat: 1, nested: { z: 1, a: [true, null] } };
    const [, body] = segments(await signHs256({}, payload, SECRET));
    expect(text(body)).toBe(JSON.stringify(payload));
  });

  it('signs header.payload with HMAC-SHA256 under the secret, unpadded base64url', async () => {
    const token = await signHs256({ typ: 'JWT' }, { sub: 'x' }, SECRET);
    const [header, body, signature] = segments(token);
    const expected = createHmac('sha256', SECRET).update(`${header}.${body}`).digest('base64url');
    expect(signature).toBe(expected);
    expect(token).not.toContain('=');
  });

  it('is deterministic: the same input gives the same token', async () => {
    expect(await signHs256({ typ: 'JWT' }, { n: 1 }, SECRET)).toBe(await signHs256({ typ: 'JWT' }, { n: 1 }, SECRET));
  });
});
