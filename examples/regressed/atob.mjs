// REGRESSED on purpose: atob() decodes standard base64 only; on base64url it throws as soon as a
// segment holds '-' or '_' (about one token in four, depending on the claims). Do not copy.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function segment(s) {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

export function decode(token) {
  const [header, payload, signature, extra] = token.split('.');
  if (signature === undefined || extra !== undefined) throw new Error('not three segments');
  segment(signature);
  return { header: JSON.parse(utf8.decode(segment(header))), payload: JSON.parse(utf8.decode(segment(payload))) };
}
