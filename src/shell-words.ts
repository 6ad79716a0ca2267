import { UserError } from './errors.js';
import { quote as quoteValue } from './trust/log-text.js';

/**
 * Splits a flag string into words the way a POSIX shell would, honouring single quotes, double
 * quotes and backslashes, but expanding nothing (no `$VAR`, no globs, no command substitution).
 */
export function splitWords(text: string, label: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else cur += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string)) {
        cur += text[++i];
      } else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < text.length) {
        const next = text[++i] as string;
        if (next !== '\n') cur += next;
      }
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) {
    throw new UserError(
      `${label}: ${quoteValue(text)} has an unclosed ${quote} quote; close it or escape it with \\`,
    );
  }
  if (inWord) words.push(cur);
  return words;
}
