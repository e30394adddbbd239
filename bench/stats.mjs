// Summaries of a list of numbers: n, median, p90 (nearest rank), min, max, rounded to `decimals`.
export function summarize(values, { decimals = 1 } = {}) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, median: null, p90: null, min: null, max: null };
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const round = (v) => Math.round(v * 10 ** decimals) / 10 ** decimals;
  return { n: sorted.length, median: round(median), p90: round(rank(90)), min: round(sorted[0]), max: round(sorted.at(-1)) };
}

/** a / b to two decimals; null when either is missing or b is 0. */
export const ratio = (a, b) => (a == null || b == null || b === 0 ? null : Math.round((a / b) * 100) / 100);
