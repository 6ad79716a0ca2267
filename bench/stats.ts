// Small numeric and formatting helpers for the benchmark report.

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function secs(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** `meets` when `value <= limit`; `n/a` when the value could not be measured. */
export function verdict(value: number, limit: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value <= limit ? 'meets' : '**misses**';
}

/** `meets` when `value >= floor` (a speed-up target); `n/a` when the value could not be measured. */
export function verdictAtLeast(value: number, floor: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= floor ? 'meets' : '**misses**';
}

export interface Row {
  what: string;
  median: string;
  ratio: string;
  target: string;
  verdict: string;
}

export const DEFAULT_HEADER = ['What', 'Median (s)', 'Ratio', 'Target', 'Verdict'] as const;

/** `header` names the five columns (the default says the medians are in seconds). */
export function markdownTable(
  rows: readonly Row[],
  header: readonly string[] = DEFAULT_HEADER,
): string {
  return markdownGrid(
    header,
    rows.map((r) => [r.what, r.median, r.ratio, r.target, r.verdict]),
  );
}

/** A markdown table of `cells` (one array a row): the first column left-aligned, the others right. */
export function markdownGrid(
  header: readonly string[],
  cells: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string =>
    `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
