// The parser under test. Here it is captoken itself; an SDK team imports its own parser instead and
// adapts its result: { header, payload } for an accepted token, a thrown error for a rejected one
// (an error `category`, such as 'base64url' or 'json', tells the kit why).
import { parseToken } from 'captoken';

export function decode(token) {
  const { header, payload } = parseToken(token);
  return { header, payload };
}
