// Fatal UTF-8 decoding, the same on every runtime: TextDecoder exists in Node, browsers and edge
// runtimes, and Node's decodes natively straight from any Uint8Array (going through a Buffer view would
// read `.buffer`, which moves a small on-heap typed array off V8's heap first).
// ignoreBOM: keep a leading U+FEFF in the text so JSON.parse rejects it (one spelling per token).
const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Fatal UTF-8 decode: undefined when `bytes` is not valid UTF-8. A leading BOM is kept, not stripped. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
