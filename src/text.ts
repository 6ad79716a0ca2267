/** Small text helpers shared by the input reader and the plan. */

/** The trimmed text, or undefined when there is none. */
export function nonEmpty(v: string | undefined): string | undefined {
  return v && v.trim() !== '' ? v.trim() : undefined;
}

/** Whitespace-separated words (package lists, as the platforms split them). */
export function words(s: string | undefined): string[] {
  return (s ?? '').split(/\s+/).filter((w) => w !== '');
}
