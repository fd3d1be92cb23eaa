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

/** Collects the matrix case by case (bounded memory: counters only). */
export class CoverageCollector {
  private readonly coverage: Coverage;
  private readonly cellIndex = new Map<string, CoverageCell>();
  private readonly lengthIndex = new Map<string, LengthCell>();

  constructor() {
    const cells: CoverageCell[] = [];
    const lengths: LengthCell[] = [];
    for (const segment of SEGMENTS) {
      for (const mod of MODS) {
        const l: LengthCell = { segment, mod, cases: 0, failed: 0 };
        lengths.push(l);
        this.lengthIndex.set(`${segment}|${mod}`, l);
      }
      for (const char of CHARS) {
        for (const position of POSITION_CLASSES) {
          for (const mod of MODS) {
            const cell: CoverageCell = { segment, char, position, mod, cases: 0, failed: 0 };
            cells.push(cell);
            this.cellIndex.set(`${segment}|${char}|${position}|${mod}`, cell);
          }
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
    for (const segment of SEGMENTS) {
      const s = facts.segments[segment];
      inc(this.lengthIndex.get(`${segment}|${s.mod4}`));
      for (const char of CHARS) {
        for (const position of POSITION_CLASSES) {
          if (hasCharAt(s, char, position)) inc(this.cellIndex.get(`${segment}|${char}|${position}|${s.mod4}`));
        }
      }
    }
    if (facts.segments.header.nonAscii || facts.segments.payload.nonAscii) inc(c.nonAscii);
  }

  result(): Coverage {
    return this.coverage;
  }
}
