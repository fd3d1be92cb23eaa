// JWT claim rules (RFC 7519 §4.1), compiled once from the options. A claim of the wrong JSON type is
// CLAIM_INVALID with `claim` set; nothing is coerced ("123" is not a number, [x] is not a string).
import { CaptokenError, configError } from '../errors.js';
import { isForbiddenMemberName, ownMember, type JsonObject, type JsonValue } from '../json.js';
import { clockReading } from '../options.js';

export interface ClaimOptions {
  issuer: ReadonlySet<string> | undefined;
  audience: ReadonlySet<string> | undefined;
  subject: string | undefined;
  typ: string | undefined;
  requiredClaims: readonly string[];
  clockTolerance: number;
  maxTokenAge: number | undefined;
}

function claimError(claim: string, message: string, index?: number): CaptokenError {
  return new CaptokenError('CLAIM_INVALID', message, { segment: 'payload', claim, index });
}

function numericDate(payload: JsonObject, claim: 'exp' | 'nbf' | 'iat'): number | undefined {
  const value = ownMember(payload, claim);
  if (value === undefined) return undefined;
  // JSON.parse turns 1e999 into Infinity: finite numbers only.
  if (typeof value !== 'number' || !Number.isFinite(value)) throw claimError(claim, `'${claim}' must be a finite NumericDate (a JSON number)`);
  return value;
}

function optionalString(payload: JsonObject, claim: 'iss' | 'sub' | 'jti'): string | undefined {
  const value = ownMember(payload, claim);
  if (value !== undefined && typeof value !== 'string') throw claimError(claim, `'${claim}' must be a string`);
  return value;
}

/** `typ` as a media type: case-insensitive, `application/` optional (RFC 7515 §4.1.9). */
export function normalizeTyp(value: string): string {
  const lower = value.toLowerCase();
  return lower.startsWith('application/') ? lower.slice(12) : lower;
}

/**
 * The time rules only: they are all that can change between two verifications of one token, so a
 * cache hit re-runs exactly these. `now` is in whole seconds, like jose (floor of ms / 1000).
 */
export function compileTimeChecks(options: Pick<ClaimOptions, 'clockTolerance' | 'maxTokenAge'>): (payload: JsonObject, nowMs: number) => void {
  const tolerance = options.clockTolerance;
  const maxAge = options.maxTokenAge;
  return (payload, nowMs) => {
    // The one clock rule (src/options.ts): a clock returning NaN would make every comparison false,
    // so no token would ever expire; it fails closed instead.
    const now = Math.floor(clockReading(nowMs) / 1000);
    const exp = numericDate(payload, 'exp');
    if (exp !== undefined && exp <= now - tolerance) {
      throw new CaptokenError('TOKEN_EXPIRED', 'the token has expired', { segment: 'payload', claim: 'exp' });
    }
    const nbf = numericDate(payload, 'nbf');
    if (nbf !== undefined && nbf > now + tolerance) {
      throw new CaptokenError('TOKEN_NOT_YET_VALID', 'the token is not valid yet', { segment: 'payload', claim: 'nbf' });
    }
    const iat = numericDate(payload, 'iat');
    if (iat !== undefined && iat > now + tolerance) throw claimError('iat', "'iat' is in the future");
    if (maxAge !== undefined) {
      if (iat === undefined) throw claimError('iat', "'iat' is required when maxTokenAge is set");
      if (now - iat - tolerance > maxAge) {
        throw new CaptokenError('TOKEN_EXPIRED', 'the token is older than maxTokenAge', { segment: 'payload', claim: 'iat' });
      }
    }
  };
}

/**
 * The time-independent rules: types of registered claims, iss, sub, aud, typ, required claims. Every
 * claim is read as an own member (json.ts ownMember): `requiredClaims: ['toString']` needs a real
 * `toString` claim, not Object.prototype's. A required claim the parser always refuses
 * (`constructor`, `__proto__`, `prototype`) could never be present: CONFIG_INVALID here, at construction.
 */
export function compileStaticChecks(options: ClaimOptions): (header: JsonObject, payload: JsonObject) => void {
  const { issuer, audience, subject, requiredClaims } = options;
  for (const claim of requiredClaims) {
    if (isForbiddenMemberName(claim)) {
      throw configError(`'requiredClaims' names '${claim}', a member name the parser refuses in every token: no token could ever verify`);
    }
  }
  const typ = options.typ === undefined ? undefined : normalizeTyp(options.typ);
  return (header, payload) => {
    const iss = optionalString(payload, 'iss');
    const sub = optionalString(payload, 'sub');
    optionalString(payload, 'jti');
    const aud: JsonValue | undefined = ownMember(payload, 'aud');
    if (aud !== undefined && typeof aud !== 'string') {
      if (!Array.isArray(aud)) throw claimError('aud', "'aud' must be a string or an array of strings");
      for (let i = 0; i < aud.length; i++) {
        if (typeof aud[i] !== 'string') throw claimError('aud', "'aud' must be a string or an array of strings", i);
      }
    }
    for (const claim of requiredClaims) {
      if (ownMember(payload, claim) === undefined) throw claimError(claim, `the required claim '${claim}' is missing`);
    }
    if (issuer !== undefined && (iss === undefined || !issuer.has(iss))) {
      throw claimError('iss', iss === undefined ? "'iss' is missing" : "'iss' is not an accepted issuer");
    }
    if (subject !== undefined && sub !== subject) throw claimError('sub', sub === undefined ? "'sub' is missing" : "'sub' does not match");
    if (audience !== undefined) {
      if (aud === undefined) throw claimError('aud', "'aud' is missing");
      const match = typeof aud === 'string' ? audience.has(aud) : (aud as string[]).some((a) => audience.has(a));
      if (!match) throw claimError('aud', "'aud' names no accepted audience");
    }
    if (typ !== undefined) {
      const value = ownMember(header, 'typ');
      if (typeof value !== 'string' || normalizeTyp(value) !== typ) {
        throw new CaptokenError('CLAIM_INVALID', value === undefined ? "the header has no 'typ'" : "the header 'typ' does not match", {
          segment: 'header',
          claim: 'typ',
        });
      }
    }
  };
}
