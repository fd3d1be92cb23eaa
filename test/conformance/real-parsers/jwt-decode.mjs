// Real-parser panel: jwt-decode (auth0) as a module adapter. It decodes one part per call:
// `{ header: true }` for the JOSE header, no options for the payload. Whatever the library returns is
// the answer (even a non-object: the kit judges it), whatever it throws is the rejection.
import { jwtDecode } from 'jwt-decode';

export function decode(token) {
  return { header: jwtDecode(token, { header: true }), payload: jwtDecode(token) };
}
