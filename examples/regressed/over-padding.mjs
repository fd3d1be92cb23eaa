// REGRESSED on purpose: the translation is right (replaceAll), but the padding is computed as
// 4 - length % 4, so a segment whose length is already a multiple of 4 gets "====" appended and
// atob() refuses it. Tokens pass or fail by the lengths of their segments alone. Do not copy.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function segment(s) {
  const padded = s.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat(4 - (s.length % 4));
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

export function decode(token) {
  const [header, payload, signature, extra] = token.split('.');
  if (signature === undefined || extra !== undefined) throw new Error('not three segments');
  segment(signature);
  return { header: JSON.parse(utf8.decode(segment(header))), payload: JSON.parse(utf8.decode(segment(payload))) };
}
