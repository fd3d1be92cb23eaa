/**
 * bench/stats.mjs — the arithmetic of the benchmark report, and nothing else (pure functions, no I/O).
 *
 * Conventions used everywhere in bench/:
 * - A *round* of a pair holds one timed batch of each candidate, A (captoken) and B (the peer), taken
 *   back to back in the same process: `{ a: { ns, cpuNs, ops }, b: { ns, cpuNs, ops } }`, where
 *   `ns` is wall time and `cpuNs` the process CPU time (user + system) of the batch.
 * - The *paired ratio* of a round is time per op of A over time per op of B: > 1 means captoken is slower.
 * - A target reads that ratio in one of two ways:
 *     'slowdown'  time(captoken) / time(peer) must be <= required   ("within 1.35x of the floor")
 *     'speedup'   time(peer) / time(captoken) must be >= required   ("at least 1.8x fast-jwt")
 *   The per-round values are converted first and then summarised, so the median and the spread are
 *   those of the figure the target names.
 */

/** Quantile with linear interpolation between order statistics (R type 7, numpy's default). */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((x, y) => x - y);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function median(values) {
  return quantile(values, 0.5);
}

/** Median, quartiles, extremes and count of a list of numbers. */
export function summarise(values) {
  return {
    n: values.length,
    median: median(values),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    min: values.length === 0 ? NaN : Math.min(...values),
    max: values.length === 0 ? NaN : Math.max(...values),
  };
}

/** Time per operation of one side of a round, on the wall clock or the CPU clock. */
export function perOp(side, clock = 'wall') {
  return (clock === 'cpu' ? side.cpuNs : side.ns) / side.ops;
}

/** Paired ratios time(A)/time(B) per op, one per round. */
export function pairedRatios(rounds, clock = 'wall') {
  return rounds.map((r) => perOp(r.a, clock) / perOp(r.b, clock));
}

/** Converts time ratios A/B into the figure a target of this metric names. */
export function asMetric(metric, timeRatios) {
  if (metric === 'slowdown') return timeRatios;
  if (metric === 'speedup') return timeRatios.map((r) => 1 / r);
  throw new Error(`unknown metric ${metric}`);
}

/**
 * Everything the report says about one pair: the metric's values pooled over every round of every
 * process, the spread of per-process medians, and the same on the CPU clock (second column).
 *   processes: [{ rounds: [...] }]
 */
export function pairSummary(processes, metric) {
  const pooled = [];
  const pooledCpu = [];
  const perProcess = [];
  for (const p of processes) {
    const values = asMetric(metric, pairedRatios(p.rounds, 'wall'));
    pooled.push(...values);
    perProcess.push(median(values));
    if (p.rounds.every((r) => r.a.cpuNs !== undefined && r.b.cpuNs !== undefined)) {
      pooledCpu.push(...asMetric(metric, pairedRatios(p.rounds, 'cpu')));
    }
  }
  const timeA = processes.flatMap((p) => p.rounds.map((r) => perOp(r.a)));
  const timeB = processes.flatMap((p) => p.rounds.map((r) => perOp(r.b)));
  return {
    metric,
    processes: processes.length,
    rounds: pooled.length,
    wall: summarise(pooled),
    perProcess: summarise(perProcess),
    cpu: pooledCpu.length === pooled.length && pooled.length > 0 ? summarise(pooledCpu) : undefined,
    nsPerOp: { a: median(timeA), b: median(timeB) },
  };
}

/**
 * Whether a measured figure meets a requirement. `borderline` is true when the requirement lies
 * inside the interquartile range: the verdict could flip on a rerun.
 *   metric: 'slowdown' (value <= required), 'speedup' (value >= required), 'at-most' (absolute
 *   value <= required, e.g. bytes per op), 'at-least' (absolute value >= required, e.g. cases/s).
 */
export function verdict(metric, required, summary) {
  const upper = metric === 'slowdown' || metric === 'at-most';
  const met = upper ? summary.median <= required : summary.median >= required;
  const borderline = Number.isFinite(summary.q1) && summary.q1 <= required && required <= summary.q3 && summary.q1 !== summary.q3;
  return { met, borderline };
}

/**
 * The order of candidates in round r of process p: A B, then B A, then A B, ... with the first
 * order flipped in every other process, so neither candidate always runs first (or right after the
 * other's garbage) and the two orders are equally frequent within a process of an even number of rounds.
 */
export function roundOrder(round, processIndex) {
  return (round + processIndex) % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
}

/** Iterations for a batch of about `targetNs`, from a calibration batch of `n` iterations that took `ns`. */
export function iterationsFor(targetNs, n, ns) {
  return Math.max(1, Math.ceil((n * targetNs) / Math.max(ns, 1)));
}
