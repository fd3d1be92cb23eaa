// The coverage matrix of a run's valid tokens: segment x character ('-', '_') x position class x
// length mod 4, with how many cases reached each cell and how many of them failed. It shows that
// every place the incident's characters can stand was tried, and where the failures sit.
import type { TokenSegment } from '../errors.js';
import { hasCharAt, POSITION_CLASSES, SEGMENTS, type PositionClass, type TokenFacts } from './features.js';

/** One cell: valid cases with `char` at `position` in `segment` while that segment's length is ≡ `mod` (mod 4). */
export interface CoverageCell {
  segment: TokenSegment;
  char: '-' | '_';
  position: PositionClass;
  mod: 0 | 2 | 3;
  cases: number;
  failed: number;
}

/** Valid cases per segment length class. */
export interface LengthCell {
  segment: TokenSegment;
  mod: 0 | 2 | 3;
  cases: number;
  failed: number;
}

export interface Coverage {
  /** Valid cases counted (vectors and generated, both spellings). */
  validCases: number;
  cells: CoverageCell[];
  lengths: LengthCell[];
  /** Valid cases with non-ASCII bytes in the header or payload, and how many failed. */
  nonAscii: { cases: number; failed: number };
}

const CHARS = ['-', '_'] as const;
const MODS = [0, 2, 3] as const;
/** Index of a length mod 4 in MODS; -1 for 1 (no valid segment has it). */
const MOD_INDEX = [0, -1, 1, 2];

/** Collects the matrix case by case (bounded memory: counters only; plain index arithmetic per case). */
export class CoverageCollector {
  private readonly coverage: Coverage;

  constructor() {
    const cells: CoverageCell[] = [];
    const lengths: LengthCell[] = [];
    // Index order: segment, then char, then position, then mod (cells); segment, then mod (lengths).
    for (const segment of SEGMENTS) {
      for (const mod of MODS) lengths.push({ segment, mod, cases: 0, failed: 0 });
      for (const char of CHARS) {
        for (const position of POSITION_CLASSES) {
          for (const mod of MODS) cells.push({ segment, char, position, mod, cases: 0, failed: 0 });
        }
      }
    }
    this.coverage = { validCases: 0, cells, lengths, nonAscii: { cases: 0, failed: 0 } };
  }

  add(facts: TokenFacts, failed: boolean): void {
    const c = this.coverage;
    c.validCases++;
    const inc = (cell: { cases: number; failed: number } | undefined): void => {
      if (cell === undefined) return;
      cell.cases++;
      if (failed) cell.failed++;
    };
    for (let s = 0; s < SEGMENTS.length; s++) {
      const f = facts.all[s]!;
      const m = MOD_INDEX[f.mod4]!;
      if (m === -1) continue;
      inc(c.lengths[s * MODS.length + m]);
      for (let ch = 0; ch < CHARS.length; ch++) {
        for (let p = 0; p < POSITION_CLASSES.length; p++) {
          if (hasCharAt(f, CHARS[ch]!, POSITION_CLASSES[p]!)) inc(c.cells[((s * CHARS.length + ch) * POSITION_CLASSES.length + p) * MODS.length + m]);
        }
      }
    }
    if (facts.segments.header.nonAscii || facts.segments.payload.nonAscii) inc(c.nonAscii);
  }

  result(): Coverage {
    return this.coverage;
  }
}
