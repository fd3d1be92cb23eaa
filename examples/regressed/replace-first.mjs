// REGRESSED on purpose: String.prototype.replace with a string pattern replaces only the FIRST
// occurrence, so a second '-' or '_' in a segment reaches atob() and throws. (replaceAll, or a /g
// regex, was meant.) This is the bug behind the five-hour outage. Do not copy.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function segment(s) {
  return Uint8Array.from(atob(s.replace('-', '+').replace('_', '/')), (c) => c.charCodeAt(0));
}

export function decode(token) {
  const [header, payload, signature, extra] = token.split('.');
  if (signature === undefined || extra !== undefined) throw new Error('not three segments');
  segment(signature);
  return { header: JSON.parse(utf8.decode(segment(header))), payload: JSON.parse(utf8.decode(segment(payload))) };
}
