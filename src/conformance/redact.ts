// Corpus tokens are live credentials: what the kit prints about one is a fingerprint, never the
// token or its signature segment. This module is the one place that fingerprints a token and scrubs
// text (adapter messages, stderr tails) of tokens before it reaches any output.
import { createHash } from 'node:crypto';

/** Characters of a short fingerprint: the first 12 hex digits of the token's SHA-256. */
const FINGERPRINT_HEX = 12;

/**
 * A short, stable identifier of a token that does not reveal it: the first 12 hex digits of its
 * SHA-256 (`sha256:3f1c0a9e2b7d`).
 *
 * @example
 * fingerprint(token) // 'sha256:3f1c0a9e2b7d'
 *
 * @throws never
 */
export function fingerprint(token: string): string {
  return `sha256:${createHash('sha256').update(token, 'utf8').digest('hex').slice(0, FINGERPRINT_HEX)}`;
}

/** Characters of a token-like run: base64url, standard base64 and '.'. */
const RUN = /[\w+./=-]+/g;

/** Whether a run is shaped like a compact JWS (two dots or more, the first two segments 4+ characters): never printed whatever its origin. */
function jwsLike(run: string): boolean {
  const first = run.indexOf('.');
  const second = first === -1 ? -1 : run.indexOf('.', first + 1);
  return first >= 4 && second - first > 4;
}
/** Segments shorter than this are not scrubbed on their own (a 3-character segment would blank common words). */
const MIN_SEGMENT = 8;

/**
 * `text` with every listed token, each of their segments (signature included) and anything shaped
 * like a compact JWS replaced by `[redacted]`. Used on adapter messages and stderr before they reach
 * a report, stdout or an error message.
 *
 * @throws never
 *
 * @example
 * redact(adapterStderr, tokensInFlight) // every token, segment and JWS-shaped text replaced by '[redacted]'
 */
export function redact(text: string, tokens: Iterable<string> = []): string {
  let out = text;
  for (const token of tokens) {
    if (token === '') continue;
    if (out.includes(token)) out = out.split(token).join('[redacted token]');
    for (const segment of token.split('.')) {
      if (segment.length >= MIN_SEGMENT && out.includes(segment)) out = out.split(segment).join('[redacted segment]');
    }
  }
  return out.replace(RUN, (run) => (jwsLike(run) ? '[redacted token]' : run));
}
