// Pure helpers shared by the page (bench.js) and the driver (run.mjs).
// No DOM, no Node APIs: this file loads both in Chromium and in Node.

/** Median of a non-empty list of numbers (the list is not modified). */
export function median(values) {
  return quantile(values, 0.5);
}

/**
 * Quantile `q` (0..1) of a non-empty list, linear interpolation between
 * closest ranks (the same definition as numpy's default).
 */
export function quantile(values, q) {
  if (!Array.isArray(values) || values.length === 0) {
    throw new RangeError('quantile of an empty list');
  }
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside 0..1`);
  const sorted = values.slice().sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** `a / b`, or NaN when `b` is not a positive finite number. */
export function ratio(a, b) {
  if (!(Number.isFinite(a) && Number.isFinite(b) && b > 0)) return NaN;
  return a / b;
}

/**
 * How many operations make one timed batch last at least `targetMs`, given
 * the per-operation time of the faster side. Clamped to `[min, max]`.
 */
export function batchSize(perOpMs, targetMs, { min = 1, max = 1_000_000 } = {}) {
  if (!(perOpMs > 0)) return max;
  return Math.min(max, Math.max(min, Math.ceil(targetMs / perOpMs)));
}

/** Round to `digits` significant digits (for printing and JSON). */
export function round(value, digits = 3) {
  if (!Number.isFinite(value) || value === 0) return value;
  const p = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return Math.round(value * p) / p;
}

/** Deterministic 32-bit PRNG (mulberry32): same seed, same sequence. */
export function prng(seed) {
  let s = seed >>> 0;
  return function next() {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
