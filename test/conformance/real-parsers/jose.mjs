// Real-parser panel: jose (panva) through its decode-only API, as a module adapter.
// One call per part to the library and nothing else: accept with what it returns, reject with what it
// throws. No checks of our own: the verdict is jose's.
import { decodeJwt, decodeProtectedHeader } from 'jose';

export function decode(token) {
  return { header: decodeProtectedHeader(token), payload: decodeJwt(token) };
}
