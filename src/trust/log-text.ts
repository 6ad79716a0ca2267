/**
 * The one rule for text that reaches the log (SPEC §9). The runner reads a line as a workflow
 * command when it starts with `::` (after leading whitespace), or when it holds `##[` anywhere
 * (the legacy form, still parsed), and a line ends at `\n` or `\r`. So a value echoed as it is
 * could forge `::error::`, `::add-mask::` or `##[stop-commands]`. Every value goes through
 * `quote` or `show`, every message through `neutralise` (the loggers do it), and the output of
 * the go command through a `LineGuard`.
 *
 * The escapes are JSON's: `::` becomes `:\u003a` and `##[` becomes `#\u0023[`, so a quoted value
 * is still a JSON string that decodes to exactly the value; only a byte of a file name that is
 * not UTF-8, which no JSON string holds, is written `\xff` (as Go's %q writes it).
 */
import { redactCredentials } from './credentials.js';

/** Longer values are clipped in messages: one line stays readable. */
const MAX_SHOWN = 200;

const LINE_BREAK = /\r\n|\r|\n/;

function escapeMarkers(text: string): string {
  return text.replace(/::/g, ':\\u003a').replace(/##\[/g, '#\\u0023[');
}

/**
 * A byte of a file name that is not UTF-8, as JSON.stringify escapes it: fs-tree's decodeName
 * holds byte 0xNN as the lone surrogate U+DCNN (an escape after an even run of backslashes).
 */
const NAME_BYTE = /(?<!\\)((?:\\\\)*)\\udc([89a-f][0-9a-f])/g;

/**
 * A value as a one-line JSON string, workflow-command markers escaped, clipped when long. A byte
 * of a file name that is not UTF-8 is shown as `\xff`, as Go's %q shows it.
 */
export function quote(value: string): string {
  const chars = [...value];
  const clipped = chars.length > MAX_SHOWN;
  const text = clipped ? chars.slice(0, MAX_SHOWN).join('') : value;
  // JSON.stringify leaves U+2028/U+2029 and NEL as they are; some viewers break lines there.
  const json = JSON.stringify(text)
    .replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(NAME_BYTE, '$1\\x$2');
  const shown = escapeMarkers(json);
  return clipped ? `${shown.slice(0, -1)}…" (${chars.length} characters)` : shown;
}

/** Paths and names as they are when they are plain; anything else quoted. */
export function show(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) && !value.includes('::') ? value : quote(value);
}

/** One line made inert: a leading `::` and every `##[` escaped, nothing else changed. */
export function neutraliseLine(line: string): string {
  return line.replace(/^(\s*)::/, '$1:\\u003a').replace(/##\[/g, '#\\u0023[');
}

/** A whole message: each of its lines made inert (`\r` line breaks become `\n`). */
export function neutralise(text: string): string {
  return text.split(LINE_BREAK).map(neutraliseLine).join('\n');
}

/**
 * Passes a child's output on line by line, each line made inert: for commands that echo
 * repository content (the go command prints package paths, file names and source text).
 */
export class LineGuard {
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly write: (text: string) => void) {}

  push(chunk: Uint8Array): void {
    this.pending += this.decoder.decode(chunk, { stream: true });
    // A trailing \r may be the first half of \r\n: keep it until the next chunk.
    const end = Math.max(
      this.pending.lastIndexOf('\n'),
      this.pending.lastIndexOf('\r', this.pending.length - 2),
    );
    if (end < 0) return;
    const complete = this.pending.slice(0, end + 1);
    this.pending = this.pending.slice(end + 1);
    this.write(`${neutralise(complete.replace(/(\r\n|\r|\n)$/, ''))}\n`);
  }

  end(): void {
    this.pending += this.decoder.decode();
    if (this.pending !== '') this.write(`${neutralise(this.pending)}\n`);
    this.pending = '';
  }
}

/**
 * A URL, a list of them or a schemeless `user:pw@host`, with its user information (credentials)
 * replaced by `***` (the rule is in credentials.ts).
 */
export function redactUrl(url: string): string {
  return redactCredentials(url);
}
