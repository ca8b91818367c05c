// Medians and spreads over repeated runs: every figure in the report is a median with its range.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `{ median, min, max, runs }` of a list of numbers. */
export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** "1.23 (1.10–1.40)" with the given number of decimals. */
export function show(summary, decimals = 2) {
  const f = (v) => Number(v).toFixed(decimals);
  return `${f(summary.median)} (${f(summary.min)}–${f(summary.max)})`;
}
