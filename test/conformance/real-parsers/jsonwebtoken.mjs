// Real-parser panel: jsonwebtoken's decode (auth0, through jws) as a module adapter.
// jsonwebtoken says "not a JWS" by returning null instead of throwing: that null is its rejection, and
// the only translation made here. A payload it cannot parse as JSON comes back as a string, and is
// answered as such (the kit judges it). It reads the JOSE header as Latin-1 (Buffer 'binary'): the
// panel pins that the kit keeps catching it.
import jwt from 'jsonwebtoken';

export function decode(token) {
  const decoded = jwt.decode(token, { complete: true });
  if (decoded === null) throw new Error('jsonwebtoken.decode returned null (not a JWS it can decode)');
  return { header: decoded.header, payload: decoded.payload };
}
