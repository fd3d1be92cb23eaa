// A fault-bearing character of a token, located: the one shape every report and display uses.
import type { TokenSegment } from '../errors.js';

export interface FaultChar {
  segment: TokenSegment;
  /** Index into the whole token. */
  offset: number;
  /** Index into the segment. */
  segmentOffset: number;
  /** `U+002D`. */
  codePoint: string;
  /** The character as printed (escaped when invisible: `\u00a0`). */
  shown: string;
}
