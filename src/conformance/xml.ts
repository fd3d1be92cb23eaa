// XML text escaping for the JUnit reporters (format-junit.ts, format-corpus.ts).
/**
 * Escapes text for XML 1.0 content and attributes. Characters XML cannot carry at all (most C0
 * controls, lone surrogates, U+FFFE/U+FFFF) are written as `\uXXXX` text.
 *
 * @example
 * escapeXml('a<b & "c"\u0000') // 'a&lt;b &amp; &quot;c&quot;\\u0000'
 *
 * @throws never
 */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"'\u0000-\u0008\v\f\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}
