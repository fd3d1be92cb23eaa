// The URL adapter: POST {"token"} to a parser behind HTTP.
import { AdapterError, checkTimeout, type Adapter, type AdapterAnswer } from './adapter.js';

const jsonStringify = JSON.stringify;
const jsonParse = JSON.parse;

/**
 * Sends each token as `POST <url>` with body `{"token": "..."}`. A 200 answer with a JSON body
 * `{ header, payload }` accepts; a 4xx answer rejects (its `error` member, or its text, is the
 * reason); any other status, a connection error or a body that is not JSON is an {@link AdapterError}.
 * At most `maxInFlight` requests run at once (default 32, over keep-alive connections).
 *
 * @example
 * const adapter = createUrlAdapter('http://127.0.0.1:8787/decode');
 * const report = await runConformance(adapter, { profile: 'strict' });
 *
 * @throws {TypeError} for an invalid URL or `timeoutMs`. `decode` rejects with an {@link AdapterError}
 * (`http`, `timeout`, `protocol`) when the service misbehaves.
 */
export function createUrlAdapter(url: string, options: { timeoutMs?: number; maxInFlight?: number } = {}): Adapter {
  const timeoutMs = checkTimeout(options.timeoutMs);
  const maxInFlight = options.maxInFlight ?? 32;
  const target = new URL(url);
  let active = 0;
  const queue: Array<() => void> = [];

  async function post(token: string): Promise<AdapterAnswer> {
    let response: Response;
    try {
      response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: jsonStringify({ token }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new AdapterError('timeout', `no answer from ${target.href} within ${timeoutMs} ms`, { token });
      }
      const cause = (error as { cause?: { message?: unknown } }).cause?.message;
      throw new AdapterError('http', `could not reach ${target.href}: ${typeof cause === 'string' ? cause : String(error)}`, { token });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new AdapterError('http', `the answer from ${target.href} broke off: ${String(error)}`, { token });
    }
    const status = response.status;
    if (status === 200) {
      let body: unknown;
      try {
        body = jsonParse(text);
      } catch {
        throw new AdapterError('protocol', `200 answer whose body is not JSON: ${jsonStringify(text.slice(0, 200))}`, { token });
      }
      if (typeof body !== 'object' || body === null || !('header' in body) || !('payload' in body)) {
        throw new AdapterError('protocol', "a 200 answer must be a JSON object with 'header' and 'payload'", { token });
      }
      const { header, payload } = body;
      return { ok: true, header, payload };
    }
    if (status >= 400 && status < 500) {
      let error = text.slice(0, 500);
      try {
        const body = jsonParse(text) as { error?: unknown };
        if (typeof body.error === 'string') error = body.error;
      } catch {
        // a plain-text reason is fine
      }
      return { ok: false, error: error === '' ? `HTTP ${status}` : error };
    }
    throw new AdapterError('http', `HTTP ${status} from ${target.href}: ${text.slice(0, 200)}`, { token });
  }

  return {
    name: target.href,
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
