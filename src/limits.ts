// Size limits, in one place. captoken policy, not an RFC requirement: no RFC bounds a token's size.

/** Default upper bound on a token's length, in UTF-16 code units, checked before any other work. */
export const DEFAULT_MAX_LENGTH = 16 * 1024;
