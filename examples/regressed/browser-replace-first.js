// REGRESSED on purpose: a browser build of the outage's bug, written the way browser code is
// written, with no Buffer: atob() after a base64url-to-base64 conversion that uses
// String.prototype.replace with a string pattern, which replaces only the FIRST '-' and the first
// '_'. A second '-' or '_' in a segment reaches atob(), which throws. UTF-8 is read with the old
// decodeURIComponent(escape(...)) idiom. Run it where it ships, in Chromium:
//   captoken conformance --adapter-browser examples/regressed/browser-replace-first.js
// Do not copy.
function base64urlDecode(seg) {
  return decodeURIComponent(escape(atob(seg.replace('-', '+').replace('_', '/'))));
}

export function decode(token) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('invalid token: expected three segments');
  atob(parts[2].replace('-', '+').replace('_', '/'));
  return { header: JSON.parse(base64urlDecode(parts[0])), payload: JSON.parse(base64urlDecode(parts[1])) };
}
