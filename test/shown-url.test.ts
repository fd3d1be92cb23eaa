import { describe, expect, it } from 'vitest';
import { shownUrl } from '../src/shown-url.js';

describe('shownUrl', () => {
  it('keeps scheme, host, port and path', () => {
    expect(shownUrl(new URL('https://h.example:8443/a/b'))).toBe('https://h.example:8443/a/b');
    expect(shownUrl(new URL('http://127.0.0.1:9000/'))).toBe('http://127.0.0.1:9000/');
  });

  it('never shows credentials, the query or the fragment (each may hold a secret)', () => {
    const shown = shownUrl(new URL('https://alice:s3cret-pass@h.example/jwks?api_key=s3cret-key#s3cret-frag'));
    expect(shown).toBe('https://h.example/jwks');
    expect(shown).not.toMatch(/s3cret|alice/);
  });
});
