// Real-parser panel: fast-jwt's decoder (nearform) as a module adapter. `complete: true` returns the
// header with the payload; the signature and signing input it also returns are not part of the answer.
import { createDecoder } from 'fast-jwt';

const decodeComplete = createDecoder({ complete: true });

export function decode(token) {
  const { header, payload } = decodeComplete(token);
  return { header, payload };
}
