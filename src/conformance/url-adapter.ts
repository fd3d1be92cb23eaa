// The URL adapter: POST {"token"} to a parser behind HTTP.
import { AdapterError, checkTimeout, type Adapter, type AdapterAnswer } from './adapter.js';
import { acceptAnswer, categoryOf, parseAnswerText, rejectAnswer, toAnswer } from './answer.js';
import { configError } from '../errors.js';
import { readNumber } from '../options.js';
import { shownUrl } from '../shown-url.js';

const jsonStringify = JSON.stringify;

/** HTTP statuses that carry a rejection (with the protocol's JSON body). */
const REJECT_STATUSES: ReadonlySet<number> = new Set([400, 422]);

const excerpt = (text: string): string => jsonStringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** The answer a 200 body carries: `{ok, ...}` (protocol v2) or `{header, payload}` (v1), else a protocol error. */
function okBody(body: unknown): AdapterAnswer | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not a JSON object';
  if ('ok' in body) return toAnswer(body);
  if (!('header' in body) || !('payload' in body)) return "a 200 answer needs 'header' and 'payload' (or 'ok')";
  return acceptAnswer(body.header, body.payload);
}

/** The rejection a 400/422 body carries: `{error}` (with `category` or `code`), or `{ok: false, ...}`. */
function rejectBody(body: unknown): AdapterAnswer | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not a JSON object';
  const b = body as { ok?: unknown; error?: unknown; category?: unknown; code?: unknown };
  if (b.ok === false) return toAnswer(body);
  if (typeof b.error !== 'string') return "a rejection needs a JSON body with a string 'error'";
  const category = categoryOf(b.category, b.code);
  if (typeof category === 'object') return category.invalid;
  return rejectAnswer(b.error, category);
}

/**
 * Sends each token as `POST <url>` with body `{"token": "..."}` (protocol v2, docs/adapter-protocol.md):
 * - `200` with a JSON body `{"ok": true, "header", "payload"}` (or v1's `{"header", "payload"}`)
 *   accepts, and `{"ok": false, "error"}` rejects;
 * - `400` or `422` with a JSON body `{"error": "..."}` (optionally `category` or `code`) rejects;
 * - anything else is an {@link AdapterError}: `http` for any other status (404, 405, 5xx, ...) or a
 *   400/422 without that body, with the status; `protocol` for a 200 whose body is not such JSON;
 *   `timeout`; `http` for a connection error.
 * A body holding `NaN` or a value JSON cannot carry is one wrong answer, not an error.
 * At most `maxInFlight` requests run at once (default 32, over keep-alive connections).
 *
 * @example
 * const adapter = createUrlAdapter('http://127.0.0.1:8787/decode');
 * const report = await runConformance(adapter, { profile: 'rfc' });
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for a URL that is not http(s) or a bad `timeoutMs`.
 * `decode` rejects with an {@link AdapterError} (`http`, `timeout`, `protocol`) when the service misbehaves.
 */
export function createUrlAdapter(url: string, options: { timeoutMs?: number; maxInFlight?: number } = {}): Adapter {
  const timeoutMs = checkTimeout(options.timeoutMs);
  const maxInFlight = readNumber(options.maxInFlight, 'maxInFlight', { integer: true, min: 1 }) ?? 32;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    // Not echoed: a URL may carry credentials or an API key.
    throw configError('the adapter URL is not a URL (expected http://host[:port]/path or https://...)');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw configError(`the adapter URL must be http(s), got ${jsonStringify(target.protocol)}`);
  // `user:pass@` becomes HTTP Basic authentication (fetch refuses a URL with credentials); the URL
  // shown in messages, summaries and reports never carries them, nor the query.
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.username !== '' || target.password !== '') {
    let user: string;
    let pass: string;
    try {
      user = decodeURIComponent(target.username);
      pass = decodeURIComponent(target.password);
    } catch {
      throw configError('the adapter URL has credentials (user:pass@) that are not valid percent-encoding');
    }
    headers['authorization'] = `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const shown = shownUrl(target);
  let active = 0;
  const queue: Array<() => void> = [];

  async function post(token: string): Promise<AdapterAnswer> {
    let response: Response;
    try {
      response = await fetch(target, {
        method: 'POST',
        headers,
        body: jsonStringify({ token }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new AdapterError('timeout', `no answer from ${shown} within ${timeoutMs} ms`, { token });
      }
      const cause = (error as { cause?: { message?: unknown } }).cause?.message;
      throw new AdapterError('http', `could not reach ${shown}: ${typeof cause === 'string' ? cause : String(error)}`, { token });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new AdapterError('http', `the answer from ${shown} broke off: ${String(error)}`, { token, status: response.status });
    }
    const status = response.status;
    if (status !== 200 && !REJECT_STATUSES.has(status)) {
      throw new AdapterError('http', `HTTP ${status} from ${shown} (the protocol answers 200, or 400/422 to reject): ${excerpt(text)}`, { token, status });
    }
    let body: unknown;
    try {
      body = parseAnswerText(text);
    } catch {
      body = undefined;
    }
    const answer = body === undefined ? 'the body is not JSON' : status === 200 ? okBody(body) : rejectBody(body);
    if (typeof answer === 'string') {
      const kind = status === 200 ? 'protocol' : 'http';
      throw new AdapterError(kind, `HTTP ${status} from ${shown} without the protocol's JSON body: ${answer}: ${excerpt(text)}`, { token, status });
    }
    return answer;
  }

  return {
    name: shown,
    async decode(token: string): Promise<AdapterAnswer> {
      if (active >= maxInFlight) await new Promise<void>((resolve) => queue.push(resolve));
      active++;
      try {
        return await post(token);
      } finally {
        active--;
        queue.shift()?.();
      }
    },
    close: () => Promise.resolve(),
  };
}
