// The panel's oracle for jsonwebtoken's known defect: jws reads the JOSE header bytes as Latin-1
// (`Buffer.from(segment, 'base64').toString('binary')`) instead of UTF-8. Restated here on purpose, as
// an independent check that a jsonwebtoken failure is that defect and nothing else.

/** The header of `token` as a Latin-1 reader decodes it: each UTF-8 byte becomes one U+0000..U+00FF. */
export function latin1Reading(token: string): unknown {
  const header = token.slice(0, token.indexOf('.'));
  return JSON.parse(Buffer.from(header, 'base64url').toString('latin1')) as unknown;
}

/** True when the header's bytes are not all ASCII: the only headers a Latin-1 reader gets wrong. */
export function headerHasNonAscii(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'));
  return Buffer.from(header, 'base64url').some((byte) => byte >= 0x80);
}
