// The job summary's gate (src/trust/summary-text.ts), checked by rendering: micromark with the
// GFM and math extensions, raw HTML allowed (GitHub lets a summary hold <details>, <img>, links),
// stands in for GitHub's renderer. App text must come out as the same text, and as nothing else.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { math, mathHtml } from 'micromark-extension-math';
import { describe, expect, it } from 'vitest';
import { htmlText, mdCode, mdLink, mdText } from '../../src/trust/summary-text.js';

function render(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm(), math()],
    htmlExtensions: [gfmHtml(), mathHtml()],
  });
}

/** The text a reader sees: tags dropped (a line break read as \n), entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** Elements app text must never become. */
const MARKUP =
  /<(?:a|img|details|summary|strong|em|del|h[1-6]|ul|ol|li|blockquote|pre|code|span|math|input|sup|section|hr|p|table)\b/g;

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[Security review passed](https://evil.example/ok)',
  '![badge](https://evil.example/passing.svg)',
  '<details><summary>all good</summary>hidden',
  '</td></tr></table><h1>forged</h1>',
  'see https://evil.example/path and HTTP://EVIL.EXAMPLE',
  'www.evil.example/login',
  'mail admin@evil.example now',
  '<https://evil.example>',
  '**bold** __bold__ *em* _em_ ~~struck~~ ~one~',
  'snake_case_ _lead trail_ a_*b*_c',
  '# heading',
  '## heading',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '2) item',
  '> quoted',
  '===',
  '---',
  'a | b | c',
  '\\| escaped pipe and a lone backslash \\',
  '`code` and ``double``',
  '$x^2$ and $$y$$',
  '&lt;b&gt; &amp; &#x202e; &copy;',
  '<!-- a comment -->',
  '[^1] and [^1]: footnote',
  '[ref]\n\n[ref]: https://evil.example',
  'first line\n# second line heading\n- third line item',
  'carriage\rreturn and crlf\r\nend',
  'tab\there',
  '\\[not a link\\](https://evil.example)',
  '- [x] task done',
];

describe('mdText: app text in a table cell or a quote is text, and only text', () => {
  it.each(HOSTILE.map((s) => [JSON.stringify(s), s] as const))('%s', (_name, s) => {
    for (const md of [`| k | v |\n| --- | --- |\n| x | ${mdText(s)} |`, `> ${mdText(s)}`]) {
      const html = render(md);
      const body = md.startsWith('|')
        ? /<tbody>\s*<tr>\s*<td>x<\/td>\s*<td>([\s\S]*?)<\/td>/.exec(html)?.[1]
        : /<blockquote>\s*<p>([\s\S]*?)<\/p>\s*<\/blockquote>/.exec(html)?.[1];
      expect(body, html).toBeDefined();
      expect(body!.match(MARKUP) ?? [], html).toEqual([]);
      expect(textOf(body!)).toBe(s.replace(/\r\n|\r/g, '\n').trim());
    }
  });

  it('leaves no emoji shortcode or scheme that a renderer would turn into an icon or a link', () => {
    const md = mdText(':white_check_mark: Security review passed, see https://evil.example');
    expect(md).not.toMatch(/(?<!\\):\w/);
    expect(md).not.toMatch(/(?<!\\):\//);
  });

  it('shows controls and direction overrides, which would reorder what a reader sees', () => {
    expect(mdText('a\u202ecba\u0007')).toBe('a\\\\u202ecba\\\\u0007');
    expect(textOf(render(mdText('a\u202ecb\u0000')))).toBe('a\\u202ecb\\u0000');
  });

  it('shows the bytes of a file name that is not UTF-8 as \\xNN, as the log does', () => {
    expect(mdText('caf\udcff.txt')).toBe('caf\\\\xff.txt');
    expect(mdCode('bin/tool\udcfe')).toBe('`bin/tool\\xfe`');
    expect(textOf(render(mdText('a\udc80\ud83d\ude00')))).toBe('a\\x80\u{1f600}');
  });

  it('keeps plain sentences readable', () => {
    expect(mdText('bin/app needs GLIBC_2.34, see snake_case_name')).toBe(
      'bin/app needs GLIBC_2.34, see snake_case_name',
    );
    expect(mdText('h1: checked in sum.golang.org tree 12345 (record 678, inclusion proved)')).toBe(
      'h1: checked in sum.golang.org tree 12345 (record 678, inclusion proved)',
    );
  });
});

describe('mdCode: a code span whatever it holds', () => {
  it.each(HOSTILE.map((s) => [JSON.stringify(s), s] as const))('%s', (_name, s) => {
    const html = render(`| k | v |\n| --- | --- |\n| x | ${mdCode(s)} |`);
    const cell = /<td>x<\/td>\s*<td>([\s\S]*?)<\/td>/.exec(html)?.[1];
    const inner = /^<code>([\s\S]*)<\/code>$/.exec(cell ?? '')?.[1];
    expect(inner, html).toBeDefined();
    expect(inner!.match(MARKUP) ?? [], html).toEqual([]);
    expect(textOf(inner!)).toBe(s.replace(/\r\n|\r|\n/g, '\\n').trim());
  });

  it('fences a backtick run with a longer one, padded when the text starts or ends with one', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('plain')).toBe('`plain`');
  });
});

describe('htmlText: text inside the Procfile <pre> block', () => {
  it.each(HOSTILE.map((s) => [JSON.stringify(s), s] as const))('%s', (_name, s) => {
    const html = render(`<pre>\n${htmlText(s)}\n</pre>\n\nafter`);
    const inner = /^<pre>\n([\s\S]*)\n<\/pre>/.exec(html)?.[1];
    expect(inner, html).toBeDefined();
    expect(inner!.match(/<(?!br)/g) ?? []).toEqual([]);
    expect(textOf(inner!)).toBe(s.replace(/\r\n|\r/g, '\n').trim());
    expect(html).toContain('<p>after</p>');
  });
});

describe('mdLink: a link to the service, or text', () => {
  it('links an https URL, percent-encoding what would end the link', () => {
    const html = render(mdLink('slug [v1]', 'https://github.com/o/r/actions/runs/1/artifacts/(7)'));
    expect(html).toBe(
      '<p><a href="https://github.com/o/r/actions/runs/1/artifacts/%287%29">slug [v1]</a></p>',
    );
  });

  it.each([
    ['javascript:alert(1)'],
    ['http://plain.example/a'],
    ['https://user:token@github.com/x'],
    ['not a url'],
  ])('shows %s as the label alone', (url) => {
    expect(render(mdLink('name', url))).toBe('<p>name</p>');
  });
});
