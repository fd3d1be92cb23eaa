// The progress bar on stderr (moved from test/cli/output.test.ts, extended).
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/cli/output/progress.js';

describe('progress bar', () => {
  const stream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, isTTY, columns: 80, write: (s: string) => writes.push(s) };
  };

  it('draws on a terminal, redraws in place, and clears its line at the end', () => {
    const s = stream(true);
    let t = 0;
    const p = createProgress(s, 'conformance', true, () => (t += 100));
    p.update(1, 4);
    p.update(4, 4);
    p.finish();
    expect(s.writes).toHaveLength(3);
    expect(s.writes[0]).toMatch(/^\r\u001b\[2Kconformance \[#+·+\] {2}25% {2}1\/4$/);
    expect(s.writes[1]).toMatch(/\[#+\] 100% {2}4\/4$/);
    expect(s.writes[2]).toBe('\r\u001b[2K');
  });

  it('throttles redraws (but always draws the last one)', () => {
    const s = stream(true);
    const p = createProgress(s, 'x', true, () => 0);
    for (let i = 1; i <= 100; i++) p.update(i, 100);
    expect(s.writes).toHaveLength(2);
  });

  it('writes nothing when the stream is not a terminal, or when disabled (--json)', () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const s = stream(isTTY);
      const p = createProgress(s, 'x', enabled, () => 0);
      p.update(1, 2);
      p.update(2, 2);
      p.finish();
      expect(s.writes).toEqual([]);
    }
  });

  it('fits the bar to the terminal: 10 to 40 cells, wider terminals do not widen it further', () => {
    const cells = (columns: number | undefined) => {
      const s = { writes: [] as string[], isTTY: true, columns, write: (t: string) => s.writes.push(t) };
      createProgress(s, 'label', true, () => 0).update(1, 2);
      return /\[([#·]+)\]/.exec(s.writes[0]!)![1]!.length;
    };
    expect(cells(20)).toBe(10);
    expect(cells(55)).toBe(20);
    expect(cells(500)).toBe(40);
    expect(cells(undefined)).toBe(40); // 80 columns assumed
  });

  it('shows 100% for a total of 0, and never more than 100%', () => {
    const s = stream(true);
    const p = createProgress(s, 'x', true, () => 0);
    p.update(0, 0);
    p.update(7, 5);
    expect(s.writes[0]).toMatch(/ 100% {2}0\/0$/);
    expect(s.writes[1]).toMatch(/ 100% {2}7\/5$/);
  });

  it('does not clear a line it never drew', () => {
    const s = stream(true);
    createProgress(s, 'x', true, () => 0).finish();
    expect(s.writes).toEqual([]);
  });
});
