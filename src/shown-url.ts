// What a message, a report or a summary shows of a URL: scheme, host and path. Never `user:pass@`
// (credentials), never the query (it often carries an API key) or the fragment. One rule for the
// remote key set (verify/remote-jwks.ts) and the conformance kit's URL adapter.

/**
 * A URL as messages show it: scheme, host and path; never `user:pass@`, never the query or fragment.
 *
 * @example
 * shownUrl(new URL('https://u:p@h.example:8443/a?key=1')) // 'https://h.example:8443/a'
 *
 * @throws never
 */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
