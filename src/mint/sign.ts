import { SignJWT } from 'jose';
import type { JsonObject } from '../json.js';

/**
 * Signs `payload` with HS256 under a header of `alg` followed by `header`'s members in order
 * (jsonwebtoken's order, so tokens match twilio's byte for byte in structure). The payload's member
 * order is kept.
 */
export async function signHs256(header: JsonObject, payload: JsonObject, secret: Uint8Array): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', ...header }).sign(secret);
}
