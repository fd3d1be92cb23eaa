// The base64url alphabet (RFC 4648 §5, Table 2): the one definition every part of captoken uses.

/** The 64 characters of base64url, in value order: 'A' is 0, '_' is 63. */
export const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
