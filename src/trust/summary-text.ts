/**
 * The one rule for text that reaches the job summary (SPEC §7, §9). The summary is GitHub
 * Flavored Markdown with HTML, rendered on the run page: a value written as it is could become a
 * link (`[Security review passed](https://…)`, a bare `https://…`), an image, a collapsed
 * `<details>` block, a heading or a table cell of its own. Every value the summary shows (app
 * output, Procfile commands, package and file names, inputs, service answers) passes through one
 * of these functions; the summary's own markup is the only Markdown it holds.
 */

/** C0 and C1 controls and the bidirectional overrides that reorder what a reader sees. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A lone surrogate: fs-tree's decodeName holds byte 0xNN of a name that is not UTF-8 as U+DCNN. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Invisible characters as `\uXXXX`; a name's bytes that are not UTF-8 as `\xNN`, as in the log. */
function shown(text: string): string {
  return text.replace(INVISIBLE, visible).replace(LONE_SURROGATE, (c) => {
    const code = c.charCodeAt(0);
    return code >= 0xdc80 && code <= 0xdcff ? `\\x${(code & 0xff).toString(16)}` : visible(c);
  });
}

/**
 * Text shown as text. Backslash-escaped (CommonMark lets any ASCII punctuation be): every
 * character that starts inline markup (`\\`, `` ` ``, `*`, `~`, `[`, `]`, `<`, `>`, `&`, `|`,
 * `$` of math, `@` of an email autolink, `_` but inside a word, where it emphasises nothing:
 * `GLIBC_2.34`), the `:` of `https://` or of an emoji shortcode (`:white_check_mark:`), the `.`
 * of `www.`, and a first character that would start a block (a heading, a list, a quote). Line breaks become `<br>`, so a table row stays one line;
 * controls and direction overrides are shown as `\uXXXX`. Parentheses, commas and the like
 * mean nothing alone and stay as they are, so the Markdown stays readable.
 */
export function mdText(text: string): string {
  return shown(text)
    .replace(
      /[\\`*~[\]<>&|$@]|(?<![a-z0-9])_|_(?![a-z0-9])|:(?=[\w/])|(?<=\bwww)\./gi,
      (c) => `\\${c}`,
    )
    .replace(/^[#+=-]|^(\d+)([.)])/, (c, digits?: string, mark?: string) =>
      digits !== undefined ? `${digits}\\${mark}` : `\\${c}`,
    )
    .replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * Text shown as code: a code span, whose content Markdown leaves alone (no link, no HTML, no
 * entity), fenced with more backticks than any run inside; line breaks are shown as `\n`. A
 * table cell splits at a `|` even inside a code span, and renderers disagree on a backslash
 * before one; so text with a `|` is a `<code>` element holding escaped text instead.
 */
export function mdCode(text: string): string {
  const flat = shown(text).replace(/\r\n|\r|\n/g, '\\n');
  if (flat.includes('|')) return `<code>${mdText(flat)}</code>`;
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // A space on each side when the content starts or ends with a backtick (CommonMark strips one).
  const pad = /^`|`$/.test(flat) || /^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text inside an HTML block (`<pre>`): `&`, `<` and `>` as entities, so no tag ends it. */
export function htmlText(text: string): string {
  return shown(text)
    .replace(/\r\n?/g, '\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * A link to a page of the service (an artifact): the label as text, the URL only when it is an
 * https URL, percent-encoded where Markdown would end it. Anything else is shown as text alone.
 */
export function mdLink(label: string, url: string | undefined): string {
  let u: URL | undefined;
  try {
    u = url ? new URL(url) : undefined;
  } catch {
    u = undefined;
  }
  if (!u || u.protocol !== 'https:' || u.username || u.password) return mdText(label);
  const href = u.href.replace(
    /[()<>[\]\\|`\s"']/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${mdText(label)}](${href})`;
}
