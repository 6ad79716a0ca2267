#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 298:
/***/ ((module) => {

// A simple implementation of make-array
function makeArray (subject) {
  return Array.isArray(subject)
    ? subject
    : [subject]
}

const UNDEFINED = undefined
const EMPTY = ''
const SPACE = ' '
const ESCAPE = '\\'

// The characters that carry a meaning of their own inside a regular
//   expression, so a literal one has to be escaped before it is emitted.
const REGEX_LITERAL_SPECIAL = /[.*+?()[\]{}^$|\\/]/
const BOM = '\uFEFF'
// A run of two or more asterisks is a globstar (#175)
const REGEX_ANCHORED_GLOBSTAR = /^\/\*{2,}$/
const REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION = /^\\!/
const REGEX_REPLACE_LEADING_EXCAPED_HASH = /^\\#/
const REGEX_SPLITALL_CRLF = /\r?\n/g

// Invalid:
// - /foo,
// - ./foo,
// - ../foo,
// - .
// - ..
// Valid:
// - .foo
const DOUBLE_SLASH = '//'
const SLASH_CODE = 47
const DOT_CODE = 46


const SLASH = '/'

// Do not use ternary expression here, since "istanbul ignore next" is buggy
let TMP_KEY_IGNORE = 'node-ignore'
/* istanbul ignore else */
if (typeof Symbol !== 'undefined') {
  TMP_KEY_IGNORE = Symbol.for('node-ignore')
}
const KEY_IGNORE = TMP_KEY_IGNORE

const define = (object, key, value) => {
  Object.defineProperty(object, key, {value})
  return value
}

const RETURN_FALSE = () => false

// > The range notation, e.g. [a-zA-Z],
// > can be used to match one of the characters in a range.
//
// gitignore(5) defers to fnmatch(3) for this, and git implements it in
//   `wildmatch.c`.  A bracket expression has a sub-grammar of its own, which
//   is neither the surrounding pattern grammar nor the JavaScript one:
//
//   - a `]` right after `[` or `[!` is a literal member, not the terminator
//   - `[:alpha:]` names one of twelve POSIX classes
//   - `\` escapes the next member, `]` included
//   - `*`, `?` and `.` are plain literal members
//   - an unterminated expression makes the whole pattern match nothing
//
// which means the expression can not be located -- let alone translated -- by
//   a regular expression.  It is scanned out of the pattern before the
//   replacers below run, and put back once they are done, so that neither the
//   metacharacter escaper nor the `?` / `*` replacers ever see its body.

// git classifies with its own ASCII-only ctype macros (`wildmatch.c`), never
//   with the C library ones, so these must not be mapped onto `\d` / `\w` /
//   `\s`, which are wider.  `/` is left out of every expansion, because a
//   bracket expression never matches a path separator.
const POSIX_CLASSES = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-.0-~',
  lower: 'a-z',
  print: ' -.0-~',
  punct: '!-.:-@\\[-`{-~',
  // git's `sane-ctype.h` classifies \v and \f as control, not space,
  //   unlike C's `isspace`
  space: ' \\t\\n\\r',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f'
}

const CLASS_MEMBERS_TO_ESCAPE = '\\]^-['

const escapeMember = char => CLASS_MEMBERS_TO_ESCAPE.indexOf(char) < 0
  ? char
  : ESCAPE + char

// > if (matched == negated || ((flags & WM_PATHNAME) && text_ch == '/'))
// >   return WM_ABORT_TO_STARSTAR;                     (git, `wildmatch.c`)
// A bracket expression never matches a path separator, whatever its members
//   say, so a negated class gets `/` as one more excluded character, while a
//   plain one -- where a literal member or a range could still let `/` in --
//   is guarded with a lookahead, `/` being impossible to subtract from a
//   JavaScript character class.
const NON_SLASH = '(?!\\/)'

const classSource = (negated, body) => {
  if (negated) {
    return `[^\\/${body}]`
  }

  const source = `[${body}]`

  return new RegExp(source).test('/')
    ? NON_SLASH + source
    : source
}

// Scan the bracket expression that starts at `pattern[start] === '['`,
//   mirroring the member loop of git's `wildmatch.c`.
// @returns {{end: number, source: string} | null} `null` if the expression is
//   never terminated, which makes the whole pattern match nothing.
const scanBracket = (pattern, start) => {
  const {length} = pattern
  let index = start + 1
  let negated = EMPTY

  const lead = pattern[index]
  if (lead === '!' || lead === '^') {
    negated = '^'
    index ++
  }

  let body = EMPTY

  // The member a `-` could start a range from, or EMPTY when the previous
  //   member can not open one (start of the body, or a range / POSIX class
  //   that has just closed)
  let prev = EMPTY

  // git scans the members with a do-while, so the first one is consumed
  //   unconditionally.  That is the whole reason a leading `]` is a member
  //   and not the terminator.
  for (;;) {
    const char = pattern[index]

    if (char === UNDEFINED) {
      return null
    }

    if (char === ESCAPE) {
      // A pattern can not end on a lone backslash -- `createRule` has
      //   already thrown it away -- so there is a character to read.
      const escaped = pattern[++ index]
      body += escapeMember(escaped)
      prev = escaped
    } else if (
      char === '-'
      && prev
      && index + 1 < length
      && pattern[index + 1] !== ']'
    ) {
      index ++
      let to = pattern[index]
      if (to === ESCAPE) {
        to = pattern[index += 1]
      }
      // An out-of-order range matches nothing in git but is a syntax error in
      //   JavaScript, so it is dropped.  Its lower bound stays: git tests it
      //   as a plain member before it ever looks at the `-`, so `[c-a]` does
      //   match `c`.
      if (prev <= to) {
        body += `-${escapeMember(to)}`
      }
      prev = EMPTY
    } else if (char === '[' && pattern[index + 1] === ':') {
      const nameStart = index + 2
      let end = nameStart
      while (end < length && pattern[end] !== ']') {
        end ++
      }

      if (end === length) {
        return null
      }

      if (end > nameStart && pattern[end - 1] === ':') {
        const name = pattern.slice(nameStart, end - 1)

        // An unknown class name makes the whole pattern match nothing
        if (!Object.prototype.hasOwnProperty.call(POSIX_CLASSES, name)) {
          return null
        }

        body += POSIX_CLASSES[name]
        prev = EMPTY
        index = end
      } else {
        // No `:]` to close it, so the `[` is a plain member and scanning
        //   resumes right after it.
        body += escapeMember('[')
        prev = '['
        index = nameStart - 2
      }
    } else {
      body += escapeMember(char)
      prev = char
    }

    index ++

    if (pattern[index] === ']') {
      return {
        end: index,
        source: classSource(negated, body)
      }
    }
  }
}

// An empty JavaScript class can never match, which is how a pattern that git
//   gives up on (`WM_ABORT_ALL`) is expressed here.
const NEVER_MATCH = '[]'

// A NUL can appear in neither a `.gitignore` line nor a path, which makes it
//   the one safe placeholder character.  A literal one in the pattern is
//   held aside all the same, so a collision is impossible by construction.
const PLACEHOLDER = '\u0000'
const REGEX_RESTORE_PLACEHOLDER = new RegExp(
  `${PLACEHOLDER}(\\d+)${PLACEHOLDER}`, 'g'
)

// The one wildcard the chain does not expand for itself is a trailing `*`. How
//   it expands depends on the mode (`regex` vs `checkRegex`), so `_make` is
//   left to do it, and until then the pending wildcard travels as this marker.
//   That is what keeps it apart from a user-escaped literal `\*`: the unescape
//   steps collapse the escaped one to the exact `\*` a wildcard would leave
//   behind, so by the time `_make` runs the two are otherwise the same string
//   and a literal star gets wrongly rewritten into a wildcard. The marker is a
//   private-use character, and `extractBrackets` keeps one that came out of the
//   pattern apart from it, so the only marker `_make` ever turns back into a
//   real wildcard is the one this chain put there itself.
const TRAILING_WILDCARD = '\uE000'

// A trailing "/**" is deferred the same way, because `checkRegex` has to tell
//   it apart from a trailing "/*" (see `checkSourceOf`). For `.ignores()` it
//   still never matches the folder itself (#21).
const TRAILING_DOUBLESTAR = '\uE001'

// The three characters above mean something to the chain that builds the
//   source rather than to the path, so one that came out of the pattern is
//   held aside like a bracket expression instead of going straight out. Being
//   held is what makes it safe: the restore runs after the step that anchors
//   the source, so the character comes back in the middle of the source and
//   not at its end, which is the one place `_make` and `checkSourceOf` look
//   for a marker. Without it a pattern's own character lands where a pending
//   marker sits, and `_make` turns it into a real trailing wildcard.
//
// It is held as a one-member class rather than bare, in both of the branches
//   a reserved character can reach, so that the property can be
//   read off this function alone -- a reserved character never goes out on
//   its own -- rather than depending on where in the chain the restore
//   happens to run. In the expression built here `[x]` matches exactly what
//   `x` matches, none of the three being special to a regular expression or
//   inside a class, so no test can tell the two apart: the class is insurance,
//   and the paragraph above is the reason it is not needed.
const isReserved = char =>
  char === PLACEHOLDER
  || char === TRAILING_WILDCARD
  || char === TRAILING_DOUBLESTAR

// Replace every bracket expression with a placeholder the replacers below
//   leave alone, and translate it separately.
const extractBrackets = pattern => {
  const sources = []
  const hold = source =>
    `${PLACEHOLDER}${sources.push(source) - 1}${PLACEHOLDER}`

  const {length} = pattern
  let out = EMPTY
  let index = 0

  while (index < length) {
    const char = pattern[index]

    if (char === ESCAPE) {
      // > Put a backslash ("\") in front of ... a character to make it literal.
      //                                            (gitignore(5) -> fnmatch(3))
      // A backslash quotes the next character, whatever it is, so `\d` is a
      //   literal `d`, not the regex digit class, and `\?` is a literal `?`,
      //   not a wildcard. Held aside as its literal here, the escape never
      //   reaches the replacers below, which would otherwise let `\d`, `\b`,
      //   `\1`, `\/` keep their regular-expression meaning, and would turn a
      //   `\?` into `[^\/]`.
      //
      // Three escapes are still left for the chain: `\*` (a literal star,
      //   told apart from a wildcard by `TRAILING_WILDCARD` and the wildcard
      //   replacers), `\[` (a literal bracket, the one `[` the bracket
      //   replacer still expects), and `\ ` (a quoted space, which one pass
      //   below rewrites in bulk -- holding each one aside instead costs more
      //   on a pattern built out of them).
      //
      // A quoted backslash is not among them. The chain doubles every
      //   backslash, then takes the doubling back out again, and a quoted one
      //   standing next to a character the chain also escapes left the two
      //   counts sharing a run, so one of the escapes was lost. Held here as
      //   the literal it means, it never joins that run.
      const escaped = pattern[index + 1]

      if (escaped === SLASH && index + 2 === length) {
        // Git removes a final directory slash before matching. An escape
        //   without a character after that removal makes the pattern invalid.
        out += hold(NEVER_MATCH)
      } else if (
        escaped === '*'
        || escaped === '['
        || escaped === SPACE
      ) {
        out += pattern.slice(index, index + 2)
      } else {
        out += hold(
          REGEX_LITERAL_SPECIAL.test(escaped)
            ? ESCAPE + escaped
            : isReserved(escaped)
              ? `[${escaped}]`
              : escaped
        )
      }

      index += 2
    } else if (isReserved(char)) {
      out += hold(`[${char}]`)
      index ++
    } else if (char === '[') {
      const scanned = scanBracket(pattern, index)

      if (scanned === null) {
        // git gives up on the whole pattern (`WM_ABORT_ALL`), so whatever
        //   follows can not make it match either.
        out += hold(NEVER_MATCH)
        index = length
      } else {
        out += hold(scanned.source)
        index = scanned.end + 1
      }
    } else {
      out += char
      index ++
    }
  }

  return {
    source: out,
    sources
  }
}

// A step of the chain below is normally a `[matcher, replacer]` pair handed
//   to `String.replace`. `DIRECT` marks the ones that are plain string work
//   instead, and take `(source, pattern)`.
//
// Anchoring the two ends is exactly that -- a test of one character and a
//   concatenation -- and putting it through the regular expression engine
//   cost a third of this chain for nothing: 167ns where 10ns does the same
//   job. The two are still steps in the same list, in the same places,
//   because their position in the order is part of what they mean.
const DIRECT = null

// A separator at the beginning or in the middle of a pattern, as opposed to
//   one at the very end.
const REGEX_INNER_SLASH = /\/(?!$)/
const WILDCARD = '[^\\/]*'

// > If the pattern ends with a slash,
// > it is removed for the purpose of the following description,
// > but it would only find a match with a directory.
// > In other words, foo/ will match a directory foo and paths underneath it,
// > but will not match a regular file or a symbolic link foo
// >  (this is consistent with the way how pathspec works in general in Git).
// '`foo/`' will not match regular file '`foo`' or symbolic link '`foo`'
// -> ignore-rules will not deal with it, because it costs extra `fs.stat` call
//      you could use option `mark: true` with `glob`

// '`foo/`' should not continue with the '`..`'
// The chain that turns one gitignore pattern into a regular expression
//   source, in order. A step is either
//
//   [matcher, replacer]            handed to `String.replace`
//   [matcher, replacer, required]  the same, but skipped outright unless
//                                    `required` appears in the string, which
//                                    the matcher cannot match without
//   [DIRECT, transform]            plain string work, taking (source, pattern)
//
// The `required` character is only ever a shortcut: finding it does not mean
//   the matcher will match, and not finding it means it cannot. It is there
//   because scanning for one character costs a fraction of running a matcher
//   that then finds nothing -- for the wildcard step, whose `[^\\]+`
//   backtracks its way through the whole string before giving up, 11ns
//   against 400ns.
const REPLACERS = [

  // Replace (\ ) with ' '
  // Only a space: an escaped tab or other whitespace is already a literal by
  //   the time it reaches here, and a bare tab must be left as one, not turned
  //   into a space.
  // (\ ) -> ' '
  // (\\ ) -> '\\ '
  // (\\\ ) -> '\\ '
  [
    // A run of backslashes is taken whole, from its first one, so no match
    //   ever starts again inside it -- `(\\+?) ` did, which made a long run
    //   quadratic.
    /(\\+)( ?)/g,
    (_, run, space) => space
      ? run.slice(0, run.length - run.length % 2) + SPACE
      : run,
    ESCAPE + SPACE
  ],

  // git's wildmatch() reads a run of two or more asterisks as one globstar
  //   whenever the run fills a path segment: it starts the pattern or follows
  //   a `/`, and it ends the pattern or comes before a `/`. A run of two is
  //   already `**`; a longer one is folded into `**` here, so the steps
  //   below only ever have to know `**`.
  // `***/foo` -> `**/foo`, `a/***/b` -> `a/**/b`, `a/***` -> `a/**`
  // git also takes a run beside a literal prefix (`a***/b`) or beside an
  //   escaped slash (`***\/b`) as a globstar, and this does not; the README
  //   lists both, under "A run of asterisks".
  [
    /(^|\/)\*{3,}(?=\/|$)/g,
    (_, start) => `${start}**`,
    '*'
  ],

  // Escape metacharacters
  // which is written down by users but means special for regular expressions.

  // > There are 12 characters with special meanings:
  // > - the backslash \,
  // > - the caret ^,
  // > - the dollar sign $,
  // > - the period or dot .,
  // > - the vertical bar or pipe symbol |,
  // > - the question mark ?,
  // > - the asterisk or star *,
  // > - the plus sign +,
  // > - the opening parenthesis (,
  // > - the closing parenthesis ),
  // > - and the opening square bracket [,
  // > - the opening curly brace {,
  // > These special characters are often called "metacharacters".
  [
    /[\\$.|*+(){^]/g,
    match => `\\${match}`
  ],

  [
    // > a question mark (?) matches a single character
    /(?!\\)\?/g,
    () => '[^/]',
    '?'
  ],

  // leading slash
  [

    // > A leading slash matches the beginning of the pathname.
    // > For example, "/*.c" matches "cat-file.c" but not "mozilla-sha1/sha1.c".
    // A leading slash matches the beginning of the pathname
    /^\//,
    () => '^',
    SLASH
  ],

  // replace special metacharacter slash after the leading slash
  [
    /\//g,
    () => '\\/',
    SLASH
  ],

  [
    // > A leading "**" followed by a slash means match in all directories.
    // > For example, "**/foo" matches file or directory "foo" anywhere,
    // > the same as pattern "foo".
    // > "**/foo/bar" matches file or directory "bar" anywhere that is directly
    // >   under directory "foo".
    // Notice that the '*'s have been replaced as '\\*'
    /^\^*(?:\\\*\\\*\\\/)+/,

    // '**/foo' <-> 'foo'
    () => '(?:^|\\/)',
    '*'
  ],

  // starting
  [
    // there will be no leading '/'
    //   (which has been replaced by section "leading slash")
    // If starts with '**', adding a '^' to the regular expression also works
    DIRECT,
    (source, pattern) => {
      // Nothing to anchor to, or already anchored (`^` or `(?:^|\/)`)
      if (!source || source[0] === '^' || source[0] === '(') {
        return source
      }

      // If has a slash `/` at the beginning or middle
      const anchor = !REGEX_INNER_SLASH.test(pattern)
        // > Prior to 2.22.1
        // > If the pattern does not contain a slash /,
        // >   Git treats it as a shell glob pattern
        // Actually, if there is only a trailing slash,
        //   git also treats it as a shell glob pattern

        // After 2.22.1 (compatible but clearer)
        // > If there is a separator at the beginning or middle (or both)
        // > of the pattern, then the pattern is relative to the directory
        // > level of the particular .gitignore file itself.
        // > Otherwise the pattern may also match at any level below
        // > the .gitignore level.
        ? '(?:^|\\/)'

        // > Otherwise, Git treats the pattern as a shell glob suitable for
        // >   consumption by fnmatch(3)
        : '^'

      return anchor + source
    }
  ],

  // two globstars
  [
    // Use lookahead assertions so that we could match more than one `'/**'`
    /\\\/\\\*\\\*(?=\\\/|$)/g,

    // Zero, one or several directories
    // should not use '*', or it will be replaced by the next replacer

    // Check if it is not the last `'/**'`
    (_, index, str) => index + 6 < str.length

      // case: /**/ at the end of the pattern, i.e. a trailing `'/**/'`
      // > A trailing `"/**/"` (a trailing `"/**"` restricted to directories)
      // >   matches everything inside, but it should not match the current
      // >   folder itself, so it requires at least one directory segment.
      // 'a/**/' matches 'a/b/', 'a/x/y/' but not 'a/'
      ? str.slice(index + 6) === '\\/'
        ? '(?:\\/[^\\/]+)+'

        // case: /**/
        // > A slash followed by two consecutive asterisks then a slash matches
        // >   zero or more directories.
        // > For example, "a/**/b" matches "a/b", "a/x/b", "a/x/y/b" and so on.
        // '/**/'
        : '(?:\\/[^\\/]+)*'

      // case: /**
      // > A trailing `"/**"` matches everything inside.

      // #21: everything inside but it should not include the current folder,
      //   resolved by `_make`
      : `\\/${TRAILING_DOUBLESTAR}`,
    '*'
  ],

  // normal intermediate wildcards
  [
    // Never replace escaped '*'
    // ignore rule '\*' will match the path '*'

    // 'abc.*/' -> go
    // 'abc.*'  -> skip this rule,
    //    coz trailing single wildcard will be handed by [trailing wildcard]
    /(^|[^\\])(?:\\\*)+(?!$)/g,

    // '*.js' matches '.js'
    // '*.js' doesn't match 'abc'
    // 1. An asterisk "*" matches anything except a slash.
    // 2. Other consecutive asterisks are considered regular asterisks
    //    and collapse into one non-slash wildcard run.
    (_, p1) => p1 + WILDCARD,
    '*'
  ],

  // trailing wildcard, held apart from a literal star
  [
    // The step above leaves a trailing `*` alone, so a single `\*` is all that
    //   can be left at the end here, and what stands in front of it says which
    //   kind it is. A wildcard arrives as the escaper wrote it, `\*` with
    //   nothing before it; a literal arrives as the user's own escape, which
    //   the escaper doubled, and then the star's own -- `\\` and then `\*`.
    //   There is no third case: every backslash still reaching the chain is
    //   one `\*`, `\[` or `\ ` carries itself, and each is followed by its
    //   own character, so a longer run can never form. This runs while the
    //   two are still distinct, before the unescape steps below collapse the
    //   literal onto the very `\*` a wildcard leaves behind.
    /(^|[^\\])((?:\\\\)*)\\\*$/,

    (match, p1, p2) =>
      p2 === EMPTY
        // A real wildcard: carry it to `_make` as the marker, so the unescape
        //   steps and the trailing-wildcard rewrite can never mistake it for a
        //   literal `\*` (nor the reverse).
        ? p1 + TRAILING_WILDCARD
        // A literal star: leave it exactly as it stands for the unescape steps.
        : match,
    '*'
  ],

  [
    // unescape, revert step 3 except for back slash
    // For example, if a user escape a '\\*',
    // after step 3, the result will be '\\\\\\*'
    /\\\\\\(?=[$.|*+(){^])/g,
    () => ESCAPE,
    ESCAPE + ESCAPE
  ],

  [
    // '\\\\' -> '\\'
    /\\\\/g,
    () => ESCAPE,
    ESCAPE + ESCAPE
  ],

  [
    // Every real bracket expression -- POSIX classes included -- has already
    //   been held aside by `extractBrackets`, so the only `[` left in the
    //   pattern is an escaped, literal one.

    // A backslash could only stand at the end of the range if it quoted the
    //   `]`, and `\]` is held aside long before this.
    /\\\[([^\]/]*?)($|\])/g,

    // '\\[bar]' -> '\\\\[bar]'
    (match, range, close) => `\\[${range}${close}`,
    '['
  ],

  // ending
  [
    // 'js' will not match 'js.'
    // 'ab' will not match 'abc'
    DIRECT,

    // WTF!
    // https://git-scm.com/docs/gitignore
    // changes in [2.22.1](https://git-scm.com/docs/gitignore/2.22.1)
    // which re-fixes #24, #38

    // > If there is a separator at the end of the pattern then the pattern
    // > will only match directories, otherwise the pattern can match both
    // > files and directories.

    // 'js*' will not match 'a.js'
    // 'js/' will not match 'a.js'
    // 'js' will match 'a.js' and 'a.js/'
    source => {
      const last = source[source.length - 1]

      // The pattern is empty, or ends in a pending marker `_make` owns --
      //   the trailing wildcard, or a trailing "/**". A trailing `*` that is
      //   not the marker is a literal star, which anchors like any other
      //   final character.
      if (!last || last === TRAILING_WILDCARD || last === TRAILING_DOUBLESTAR) {
        return source
      }

      return last === SLASH
        // foo/ will not match 'foo'
        ? `${source}$`
        // foo matches 'foo' and 'foo/'
        : `${source}(?=$|\\/$)`
    }
  ]
]

const REGEX_REPLACE_TRAILING_WILDCARD = /(^|\\\/)?\uE000$/
const MODE_IGNORE = 'regex'
const MODE_CHECK_IGNORE = 'checkRegex'
const UNDERSCORE = '_'

const replaceTrailingWildcard = (_, p1) => {
  const prefix = p1
    // '\^':
    // '/*' does not match EMPTY
    // '/*' does not match everything

    // '\\\/':
    // 'abc/*' does not match 'abc/'
    ? `${p1}[^/]+`

    // 'a*' matches 'a'
    // 'a*' matches 'aa'
    : '[^/]*'

  return `${prefix}(?=$|\\/$)`
}

const REGEX_REPLACE_TRAILING_DOUBLESTAR = /\uE001$/

// 'abc/**' matches everything under 'abc', but not 'abc/' itself (#21):
//   requiring one arbitrary character (line terminators included, #176)
//   after 'abc/' is necessary and sufficient for `.test(path)`.
const replaceTrailingDoublestar = () => '[\\s\\S]'

// The fixed piece between the wildcard at `at` and the next wildcard of the
//   run: the tokens that separate them, joined as they appear in the source.
//   A run never holds two wildcards in a row, so there is always at least one
//   token.
const separatorAfter = (run, at) => {
  let separator = EMPTY

  for (let index = at + 1; index < run.length && !run[index].wildcard; index ++) {
    separator += run[index].single
  }

  return separator
}

// Where a run of non-slash wildcards is split by fixed pieces --
//   `[^/]*ab[^/]*cd...` -- the engine has many equivalent ways to lay the
//   input across the wildcards, and on input that does not match it works
//   through all of them, so the time grows with the number of wildcards
//   rather than the length of the path. Every wildcard but the last in such a
//   run can be pinned to stop where the piece after it begins, which leaves
//   one way to lay out the input and no rewinding, without changing which
//   paths match: the fixed pieces still bound the count, and the last
//   wildcard still absorbs the rest.
//
// A wildcard is pinned to the whole piece, never to the piece's first
//   character. The pin leaves no way back, so a wildcard that stopped at that
//   first character would hand over wherever the character happens to turn
//   up, including the places the rest of the piece cannot follow -- which is
//   how `f*o/*/*` came to miss `foo/b/c`, the first `o` of `foo` not being
//   the one the `o/` after it needs. Every token of a piece matches exactly
//   one character, so the first place the whole piece fits is the leftmost
//   place it can sit, and whatever is left over goes to the wildcards that
//   follow.
//
// The source is read one token at a time -- a wildcard, a single-character
//   piece (a literal, an escape, a class), or a parenthesised group or anchor
//   that ends the run -- so only a genuine wildcard is touched.
const pinWildcards = source => {
  if (source.indexOf(WILDCARD) < 0) {
    return source
  }

  const tokens = []
  const {length} = source
  let index = 0

  while (index < length) {
    const char = source[index]

    if (source.startsWith(WILDCARD, index)) {
      tokens.push({wildcard: true})
      index += WILDCARD.length
    } else if (char === '[') {
      let end = index + 1

      if (source[end] === '^') {
        end ++
      }

      if (source[end] === ']') {
        end ++
      }

      while (end < length && source[end] !== ']') {
        end += source[end] === ESCAPE
          ? 2
          : 1
      }

      end ++
      tokens.push({single: source.slice(index, end)})
      index = end
    } else if (char === ESCAPE) {
      tokens.push({single: source.slice(index, index + 2)})
      index += 2
    } else if (char === '(') {
      let depth = 0
      let end = index

      do {
        if (source[end] === ESCAPE) {
          end ++
        } else if (source[end] === '(') {
          depth ++
        } else if (source[end] === ')') {
          depth --
        }

        end ++
      } while (end < length && depth > 0)

      if ('*+?'.indexOf(source[end]) >= 0) {
        end ++
      }

      tokens.push({boundary: source.slice(index, end)})
      index = end
    } else if (char === '^' || char === '$') {
      tokens.push({boundary: char})
      index ++
    } else {
      tokens.push({single: char})
      index ++
    }
  }

  let out = EMPTY
  let run = []

  const flush = () => {
    let lastWildcard

    run.forEach((token, at) => {
      if (token.wildcard) {
        lastWildcard = at
      }
    })

    run.forEach((token, at) => {
      if (!token.wildcard) {
        out += token.single
        return
      }

      // Every wildcard but the last is pinned to the whole piece that
      //   follows it, for the reason set out above this function. The last
      //   one stays as it is and takes up the rest.
      out += at === lastWildcard
        ? WILDCARD
        : `(?:(?!${separatorAfter(run, at)})[^\\/])*`
    })

    run = []
  }

  tokens.forEach(token => {
    if (token.boundary === undefined) {
      run.push(token)
      return
    }

    flush()
    out += token.boundary
  })

  flush()

  return out
}

// @param {pattern}
const makeRegexPrefix = pattern => {
  // `/**` matches every path, as `**` does. The translation below only finds
  //   a globstar beside a slash it keeps, and the leading one is turned into
  //   an anchor, so `/**` would come out as `/*` and match one level only.
  //   Here rather than in `createRule`, so that `checkSourceOf`, which
  //   compiles `/**/` again without its trailing slash, gets it too.
  if (REGEX_ANCHORED_GLOBSTAR.test(pattern)) {
    pattern = '**'
  }

  const {source, sources} = extractBrackets(pattern)

  const replaced = REPLACERS.reduce(
    // A pass whose matcher finds nothing hands back the very string it was
    //   given, so asking first costs a search and saves a rewrite. Ten of the
    //   fifteen passes never fire for a typical .gitignore line, and between
    //   them they were 45% of this chain.
    (prev, [matcher, replacer, required]) => {
      if (matcher === DIRECT) {
        return replacer(prev, pattern)
      }

      if (required !== UNDEFINED && prev.indexOf(required) < 0) {
        return prev
      }

      // A pass whose matcher finds nothing hands back the very string it was
      //   given, so asking first costs a search and saves a rewrite.
      return matcher.test(prev)
        ? prev.replace(matcher, replacer.bind(pattern))
        : prev
    },
    source
  )

  // Most patterns hold no bracket expression at all, and then there is
  //   nothing to put back.
  return sources.length
    ? replaced.replace(
      REGEX_RESTORE_PLACEHOLDER,
      (match, index) => sources[index]
    )
    : replaced
}

// `checkRegex` tests a path with a trailing slash, 'abc/', the way
//   `git check-ignore` matches that literal string once the directory itself
//   is known not to be excluded (see `checkIgnore`): a trailing '/' of the
//   pattern is dropped, a basename pattern sees an empty basename, and only a
//   pattern whose last segment is a pending wildcard can match what is left
//   after the final slash -- 'abc/*' and 'abc/**' match 'abc/', and 'abc/**'
//   also matches 'abc/d/' (#77, #169).
const checkSourceOf = (body, prefix) => {
  if (body[body.length - 1] === SLASH) {
    prefix = makeRegexPrefix(body.slice(0, - 1))
  }

  const head = prefix.slice(0, - 1)
  const last = prefix[prefix.length - 1]

  return last === TRAILING_WILDCARD
    ? `${head}$`
    : last === TRAILING_DOUBLESTAR
      ? head
      : NEVER_MATCH
}

// A trailing slash does not stop a pattern being basename-only: it restricts
//   the match to a directory, it does not let the pattern reach across one.
//   Everything else a pattern can hold -- a wildcard, a character class, an
//   escape -- stays inside a single path segment too, so a pattern with no
//   separator in it can only ever describe the last one.
const matchesBasename = body => {
  const index = body.indexOf(SLASH)

  return index < 0 || index === body.length - 1
}

// The last segment of a path, keeping a trailing slash, because a pattern that
//   ends in one matches only a directory.
// 'a/b/c.js' -> 'c.js';  'a/b/' -> 'b/';  'c.js' -> 'c.js' (no copy made)
const basenameOf = path => {
  const end = path.length - 1

  const index = path.lastIndexOf(
    SLASH,
    path[end] === SLASH
      ? end - 1
      : end
  )

  return index < 0
    ? path
    : path.slice(index + 1)
}

// The parent directory of a path, with its trailing separator, or EMPTY when
//   the path has none.
// 'a/b/c' -> 'a/b/';  'a/b/' -> 'a/';  'a' -> EMPTY;  'a/' -> EMPTY
//
// A path holding an empty segment has to be taken apart, because its
//   ancestors are not prefixes of it: the parent of 'a//b' is 'a/', not
//   'a//', and the parent of '/a/' is nothing at all. Both shapes reach here
//   -- 'a//b' is accepted outright, and `checkIgnore` does not put the path
//   it is given through the relative-path check.
//
// Every other path is a prefix of itself, and cutting one costs a fraction of
//   splitting it into an array and joining that back at every level: 73ns
//   against 207ns.
const parentOf = path => {
  if (
    path.charCodeAt(0) === SLASH_CODE
    || path.indexOf(DOUBLE_SLASH) >= 0
  ) {
    const slices = path.split(SLASH).filter(Boolean)

    slices.pop()

    return slices.length
      ? slices.join(SLASH) + SLASH
      : EMPTY
  }

  const end = path.length - 1

  // Look back from before a trailing separator, since that one belongs to the
  //   path itself.
  //
  // A negative place to start would be a trap here: `lastIndexOf` clamps one
  //   to 0 and searches there rather than reporting no match, so '/' would
  //   come back as its own parent and the walk would never end. It cannot
  //   happen -- that is the only path short enough to produce one, and the
  //   test above has already sent it the other way.
  const cut = path.lastIndexOf(
    SLASH,
    path.charCodeAt(end) === SLASH_CODE
      ? end - 1
      : end
  )

  return cut < 0
    ? EMPTY
    : path.slice(0, cut + 1)
}

const isString = subject => typeof subject === 'string'

// Blank lines, comments and trailing lone backslashes are told by
//   `createRule`, once the pattern is normalized.
const checkPattern = pattern => pattern
  && isString(pattern)

// Git drops one CR before each LF, and one at the end of a final line that
//   has no LF after it.
const splitPattern = pattern => (
  pattern[pattern.length - 1] === '\r'
    ? pattern.slice(0, - 1)
    : pattern
)
.split(REGEX_SPLITALL_CRLF)
.filter(Boolean)

class IgnoreRule {
  constructor (
    pattern,
    mark,
    body,
    ignoreCase,
    negative,
    prefix
  ) {
    this.pattern = pattern
    this.mark = mark
    this.negative = negative

    define(this, 'body', body)
    define(this, 'ignoreCase', ignoreCase)
    define(this, 'regexPrefix', prefix)
  }

  // Worked out on first use and kept behind an own property, the way `regex`
  //   caches itself in `_regex`. Deciding it in the constructor instead would
  //   add a fourth `defineProperty` to every rule ever built, which cost 4% of
  //   every compile -- including the compiles of rules that are never matched
  //   against anything.
  get _basenameOnly () {
    return define(this, '_basenameOnly', matchesBasename(this.body))
  }

  get regex () {
    const key = UNDERSCORE + MODE_IGNORE

    if (this[key]) {
      return this[key]
    }

    return this._make(MODE_IGNORE, key)
  }

  get checkRegex () {
    const key = UNDERSCORE + MODE_CHECK_IGNORE

    if (this[key]) {
      return this[key]
    }

    return this._make(MODE_CHECK_IGNORE, key)
  }

  _make (mode, key) {
    const str = pinWildcards(
      mode === MODE_IGNORE
        ? this.regexPrefix
        .replace(REGEX_REPLACE_TRAILING_WILDCARD, replaceTrailingWildcard)
        .replace(REGEX_REPLACE_TRAILING_DOUBLESTAR, replaceTrailingDoublestar)
        : checkSourceOf(this.body, this.regexPrefix)
    )

    const regex = this.ignoreCase
      ? new RegExp(str, 'i')
      : new RegExp(str)

    return define(this, key, regex)
  }
}

const hasTrailingBackslash = str => {
  let count = 0

  while (str[str.length - count - 1] === ESCAPE) {
    count ++
  }

  return count % 2 === 1
}

// Read a line the way git does: when `stripLineEnd` is set (an unsplit array
//   or object pattern), drop any trailing blank lines along with the LF
//   before each and at most one CR at the end of the line; then trim trailing
//   spaces in the same backward pass. Git trims spaces only, and a space
//   escaped by an odd run of backslashes stays, unescaped, as the last one.
// Scanned from the end: a regular expression can only try each start in
//   turn, which is quadratic over a long run of spaces or backslashes.
// 'a  ' -> 'a';  'a\ ' -> 'a ';  'a\\ ' -> 'a\\';  'a\t' -> 'a\t'
// 'a\r\n' -> 'a';  'a\r\r' -> 'a\r';  'a\n\r' -> 'a'
const trimEnd = (body, stripLineEnd) => {
  let lineEnd = body.length
  let end

  for (;;) {
    if (stripLineEnd && body[lineEnd - 1] === '\r') {
      lineEnd --
    }

    end = lineEnd

    while (body[end - 1] === SPACE) {
      end --
    }

    if (!stripLineEnd || body[end - 1] !== '\n') {
      break
    }

    lineEnd = end - 1
  }

  if (end === lineEnd) {
    return body.slice(0, lineEnd)
  }

  let backslashes = 0

  while (body[end - backslashes - 1] === ESCAPE) {
    backslashes ++
  }

  return backslashes % 2
    ? body.slice(0, end - 1) + SPACE
    : body.slice(0, end)
}

const createRule = (
  pattern,
  mark,
  ignoreCase,
  stripLineEnd,
  stripBOM
) => {
  // Git drops a BOM before it reads the first line, so before anything else.
  let body = stripBOM && pattern[0] === BOM
    ? pattern.slice(1)
    : pattern

  // > A line starting with # serves as a comment.
  if (body[0] === '#') {
    return
  }

  let negative = false

  // > An optional prefix "!" which negates the pattern;
  if (body[0] === '!') {
    negative = true
    body = body.slice(1)
  }

  // Normalize the body before checking which slashes anchor the pattern.
  //   Otherwise `bar/ ` is mistaken for a pattern containing an inner slash.
  //   A line from `splitPattern` has already lost its line ending, so only a
  //   trailing space remains to trim there.
  const last = body[body.length - 1]

  if (
    last === SPACE
    || stripLineEnd && (last === '\r' || last === '\n')
  ) {
    body = trimEnd(body, stripLineEnd)
  }

  // > A blank line matches no files, so it can serve as a separator for
  // >   readability.
  // Nor does a lone "!", a pattern ending on an unpaired backslash, or
  //   anything else left empty here: an empty pattern would compile to a
  //   regex matching every path.
  if (!body || hasTrailingBackslash(body)) {
    return
  }

  body = body
  // > Put a backslash ("\") in front of the first "!" for patterns that
  // >   begin with a literal "!", for example, `"\!important!.txt"`.
  .replace(REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION, '!')
  // > Put a backslash ("\") in front of the first hash for patterns that
  // >   begin with a hash.
  .replace(REGEX_REPLACE_LEADING_EXCAPED_HASH, '#')

  const regexPrefix = makeRegexPrefix(body)

  return new IgnoreRule(
    pattern,
    mark,
    body,
    ignoreCase,
    negative,
    regexPrefix
  )
}

class RuleManager {
  constructor (ignoreCase) {
    this._ignoreCase = ignoreCase
    this._rules = []

    // How many of the rules git would tag `EXC_FLAG_NODIR`.
    //
    // The scan uses it to decide, once for the whole set, whether handing
    //   those rules the basename is worth what it costs the others. The
    //   shortcut saves a full-path scan on every rule it applies to and costs
    //   a check on every rule it does not, so a set where almost nothing is
    //   basename-only comes out behind -- a 955 pattern set with 44 of them
    //   measured 19% slower with the shortcut always on.
    //
    // Deciding this by measurement rather than by meaning is safe: a
    //   basename-only pattern gives the very same answer against the whole
    //   path, it just takes longer to say so. The choice can only change how
    //   fast the scan runs, never what it returns.
    this._basenameCount = 0
  }

  _add (pattern, index) {
    // #32
    if (pattern && pattern[KEY_IGNORE]) {
      this._rules = this._rules.concat(pattern._rules._rules)
      this._basenameCount += pattern._rules._basenameCount
      this._added = true
      return
    }

    const isStr = isString(pattern)
    const raw = isStr
      ? pattern
      : pattern.pattern

    const rule = checkPattern(raw)
      && createRule(
        raw,
        isStr ? UNDEFINED : pattern.mark,
        this._ignoreCase,
        !this._split,
        this._stripBOM && !index
      )

    if (rule) {
      this._added = true
      this._rules.push(rule)

      // Deliberately not `rule._basenameOnly`: reading that would materialise
      //   the rule's own copy, and the whole point of leaving it lazy is that
      //   a rule which is compiled and never matched never pays for it.
      if (matchesBasename(rule.body)) {
        this._basenameCount ++
      }
    }
  }

  // @param {Array<string> | string | Ignore} pattern
  add (pattern) {
    this._added = false
    this._split = isString(pattern)
    this._stripBOM = !this._split || pattern[0] === BOM

    makeArray(
      this._split
        ? splitPattern(pattern)
        : pattern
    ).forEach(this._add, this)

    if (this._added) {
      this._literalRules = UNDEFINED
    }

    return this._added
  }

  // Match the literal 'abc/' for `checkIgnore`, last rule wins. Only a rule
  //   ending in a wildcard can match it (see `checkSourceOf`), so the rest
  //   are left out once, rather than tested or compiled for every path.
  testLiteral (path) {
    const rules = this._literalRules || (
      this._literalRules = this._rules.filter(
        ({body}) => body[body.length - (
          body[body.length - 1] === SLASH ? 2 : 1
        )] === '*'
      )
    )

    let ignored = false
    let unignored = false
    let matchedRule

    for (let index = rules.length - 1; index >= 0; index --) {
      const rule = rules[index]

      if (rule.checkRegex.test(path)) {
        ignored = !rule.negative
        unignored = rule.negative
        matchedRule = rule.negative
          ? UNDEFINED
          : rule
        break
      }
    }

    const ret = {
      ignored,
      unignored
    }

    if (matchedRule) {
      ret.rule = matchedRule
    }

    return ret
  }

  // Test one single path without recursively checking parent directories
  //
  // - mode `string` either `MODE_IGNORE` or `MODE_CHECK_IGNORE`

  // @returns {TestResult}
  test (path, mode) {
    // Most of a .gitignore is patterns with no slash in them, and running
    //   those against the whole path makes the regular expression engine walk
    //   every directory name on the way to the only segment that could match.
    //   Handing them the basename instead is what git does, and it is where
    //   the time in a directory walk goes: the rule scan was two thirds of it.
    const rules = this._rules
    const {length} = rules

    const shortcut = this._basenameCount * 2 >= length

    const basename = shortcut
      ? basenameOf(path)
      : path

    // The last rule to match decides, as in git, and it is the rule
    //   `git check-ignore -v` reports, so the scan runs from the end and stops
    //   at the first match.
    // A plain loop rather than `forEach`, so that `path`, `basename` and
    //   `shortcut` are locals. As a callback they became closure variables,
    //   and reaching for one of those once per rule cost 10% of a scan over a
    //   large rule set -- more than the shortcut they were there to serve.
    for (let index = length - 1; index >= 0; index --) {
      const rule = rules[index]

      if (rule[mode].test(
        shortcut && rule._basenameOnly
          ? basename
          : path
      )) {
        const {negative} = rule

        const ret = {
          ignored: !negative,
          unignored: negative
        }

        if (!negative) {
          ret.rule = rule
        }

        return ret
      }
    }

    return {
      ignored: false,
      unignored: false
    }
  }
}

const throwError = (message, Ctor) => {
  throw new Ctor(message)
}

const checkPath = (path, originalPath, doThrow) => {
  if (!isString(path)) {
    return doThrow(
      `path must be a string, but got \`${originalPath}\``,
      TypeError
    )
  }

  // We don't know if we should ignore EMPTY, so throw
  if (!path) {
    return doThrow(`path must not be empty`, TypeError)
  }

  // Check if it is a relative path
  if (checkPath.isNotRelative(path)) {
    const r = '`path.relative()`d'
    return doThrow(
      `path should be a ${r} string, but got "${originalPath}"`,
      RangeError
    )
  }

  return true
}

// > pathname should be a `path.relative()`d one
//
// The same thing `REGEX_TEST_INVALID_PATH` says, spelled out: a path is not
//   relative if it begins with a separator, or with `./` or `../`, or is
//   nothing but `.` or `..`. Every match is decided by the first three
//   characters, and this runs on every path handed to the library -- where it
//   was 55% of a cached lookup, more than the cache lookup itself.
const isNotRelative = path => {
  const first = path.charCodeAt(0)

  if (first === SLASH_CODE) {
    return true
  }

  if (first !== DOT_CODE) {
    return false
  }

  // '.'
  if (path.length === 1) {
    return true
  }

  const second = path.charCodeAt(1)

  // './'
  if (second === SLASH_CODE) {
    return true
  }

  if (second !== DOT_CODE) {
    return false
  }

  // '..' or '../'
  return path.length === 2 || path.charCodeAt(2) === SLASH_CODE
}

checkPath.isNotRelative = isNotRelative

// On windows, the following function will be replaced
/* istanbul ignore next */
checkPath.convert = p => p


const convertPath = target =>
  isString(target) && checkPath.convert(target)


class Ignore {
  constructor ({
    ignorecase = true,
    ignoreCase = ignorecase,
    allowRelativePaths = false
  } = {}) {
    define(this, KEY_IGNORE, true)

    this._rules = new RuleManager(ignoreCase)
    this._strictPathCheck = !allowRelativePaths
    this._initCache()
  }

  _initCache () {
    // A cache for the result of `.ignores()`
    this._ignoreCache = Object.create(null)

    // A cache for the result of `.test()`
    this._testCache = Object.create(null)
  }

  add (pattern) {
    if (this._rules.add(pattern)) {
      // Some rules have just added to the ignore,
      //   making the behavior changed,
      //   so we need to re-initialize the result cache
      this._initCache()
    }

    return this
  }

  // legacy
  addPattern (pattern) {
    return this.add(pattern)
  }

  // @returns {TestResult}
  _test (originalPath, cache, path) {
    checkPath(
      path,
      originalPath,
      this._strictPathCheck
        ? throwError
        : RETURN_FALSE
    )

    return path
      ? this._t(path, cache)
      : {
        ignored: false,
        unignored: false
      }
  }

  checkIgnore (target) {
    // A Windows path is converted first, so that a directory given with a
    //   trailing separator, `\` or `/`, is told the same way
    const path = convertPath(target)

    // If the path does not end with a slash, `.ignores()` is much equivalent
    //   to `git check-ignore`
    if (!path || path.charCodeAt(path.length - 1) !== SLASH_CODE) {
      return this._test(target, this._testCache, path)
    }

    // Like `git check-ignore`: a directory excluded by itself or by an
    //   ancestor settles it, and only then is the literal 'abc/' matched
    //   against the rules (see `checkSourceOf`).
    const dir = this._t(path, this._testCache)

    if (dir.ignored) {
      return dir
    }

    const literal = this._rules.testLiteral(path)

    return literal.ignored || literal.unignored
      ? literal
      : dir
  }

  _t (
    // The path to be tested
    path,

    // The cache for the result of a certain checking
    cache
  ) {
    // Every cached result is an object, so one read both tells a hit and
    //   fetches it, where `in` and then a read hashed the path twice.
    const cached = cache[path]

    if (cached) {
      return cached
    }

    const parentPath = parentOf(path)

    // If the path contains a parent directory, check the parent first
    const parent = parentPath
      ? this._t(parentPath, cache)
      : UNDEFINED

    return cache[path] = parent && parent.ignored
      // > It is not possible to re-include a file if a parent directory of
      // >   that file is excluded.
      ? parent
      : this._rules.test(path, MODE_IGNORE)
  }

  ignores (path) {
    return this._test(path, this._ignoreCache, convertPath(path)).ignored
  }

  createFilter () {
    return path => !this.ignores(path)
  }

  filter (paths) {
    return makeArray(paths).filter(this.createFilter())
  }

  // @returns {TestResult}
  test (path) {
    return this._test(path, this._testCache, convertPath(path))
  }
}

const factory = options => new Ignore(options)

const isPathValid = path =>
  checkPath(convertPath(path), path, RETURN_FALSE)

/* istanbul ignore next */
const setupWindows = () => {
  /* eslint no-control-regex: "off" */
  const makePosix = str => /^\\\\\?\\/.test(str)
  || /["<>|\u0000-\u001F]+/u.test(str)
    ? str
    : str.replace(/\\/g, '/')

  checkPath.convert = makePosix

  // 'C:\\foo'     <- 'C:\\foo' has been converted to 'C:/'
  // 'd:\\foo'
  const REGEX_TEST_WINDOWS_PATH_ABSOLUTE = /^[a-z]:\//i
  checkPath.isNotRelative = path =>
    REGEX_TEST_WINDOWS_PATH_ABSOLUTE.test(path)
    || isNotRelative(path)
}


// Windows
// --------------------------------------------------------------
/* istanbul ignore next */
if (
  // Detect `process` so that it can run in browsers.
  typeof process !== 'undefined'
  && process.platform === 'win32'
) {
  setupWindows()
}

// COMMONJS_EXPORTS ////////////////////////////////////////////////////////////

module.exports = factory

// Although it is an anti-pattern,
//   it is still widely misused by a lot of libraries in github
// Ref: https://github.com/search?q=ignore.default%28%29&type=code
factory.default = factory

module.exports.isPathValid = isPathValid

// For testing purposes
define(module.exports, Symbol.for('setupWindows'), setupWindows)


/***/ }),

/***/ 4807:
/***/ ((module, exports, __nccwpck_require__) => {

(function (factory) {
    if ( true && typeof module.exports === "object") {
        var v = factory(__WEBPACK_EXTERNAL_createRequire(import.meta.url), exports);
        if (v !== undefined) module.exports = v;
    }
    else if (typeof define === "function" && define.amd) {
        define(["require", "exports", "./format", "./parser"], factory);
    }
})(function () {
    /*---------------------------------------------------------------------------------------------
     *  Copyright (c) Microsoft Corporation. All rights reserved.
     *  Licensed under the MIT License. See License.txt in the project root for license information.
     *--------------------------------------------------------------------------------------------*/
    'use strict';
    Object.defineProperty(exports, "__esModule", ({ value: true }));
    exports.isWS = exports.applyEdit = exports.setProperty = exports.removeProperty = void 0;
    const format_1 = __nccwpck_require__(6612);
    const parser_1 = __nccwpck_require__(5152);
    function removeProperty(text, path, options) {
        return setProperty(text, path, void 0, options);
    }
    exports.removeProperty = removeProperty;
    function setProperty(text, originalPath, value, options) {
        const path = originalPath.slice();
        const errors = [];
        const root = (0, parser_1.parseTree)(text, errors);
        let parent = void 0;
        let lastSegment = void 0;
        while (path.length > 0) {
            lastSegment = path.pop();
            parent = (0, parser_1.findNodeAtLocation)(root, path);
            if (parent === void 0 && value !== void 0) {
                if (typeof lastSegment === 'string') {
                    value = { [lastSegment]: value };
                }
                else {
                    value = [value];
                }
            }
            else {
                break;
            }
        }
        if (!parent) {
            // empty document
            if (value === void 0) { // delete
                throw new Error('Can not delete in empty document');
            }
            return withFormatting(text, { offset: root ? root.offset : 0, length: root ? root.length : 0, content: JSON.stringify(value) }, options);
        }
        else if (parent.type === 'object' && typeof lastSegment === 'string' && Array.isArray(parent.children)) {
            const existing = (0, parser_1.findNodeAtLocation)(parent, [lastSegment]);
            if (existing !== void 0) {
                if (value === void 0) { // delete
                    if (!existing.parent) {
                        throw new Error('Malformed AST');
                    }
                    const propertyIndex = parent.children.indexOf(existing.parent);
                    let removeBegin;
                    let removeEnd = existing.parent.offset + existing.parent.length;
                    if (propertyIndex > 0) {
                        // remove the comma of the previous node
                        let previous = parent.children[propertyIndex - 1];
                        removeBegin = previous.offset + previous.length;
                    }
                    else {
                        removeBegin = parent.offset + 1;
                        if (parent.children.length > 1) {
                            // remove the comma of the next node
                            let next = parent.children[1];
                            removeEnd = next.offset;
                        }
                    }
                    return withFormatting(text, { offset: removeBegin, length: removeEnd - removeBegin, content: '' }, options);
                }
                else {
                    // set value of existing property
                    return withFormatting(text, { offset: existing.offset, length: existing.length, content: JSON.stringify(value) }, options);
                }
            }
            else {
                if (value === void 0) { // delete
                    return []; // property does not exist, nothing to do
                }
                const newProperty = `${JSON.stringify(lastSegment)}: ${JSON.stringify(value)}`;
                const index = options.getInsertionIndex ? options.getInsertionIndex(parent.children.map(p => p.children[0].value)) : parent.children.length;
                let edit;
                if (index > 0) {
                    let previous = parent.children[index - 1];
                    edit = { offset: previous.offset + previous.length, length: 0, content: ',' + newProperty };
                }
                else if (parent.children.length === 0) {
                    edit = { offset: parent.offset + 1, length: 0, content: newProperty };
                }
                else {
                    edit = { offset: parent.offset + 1, length: 0, content: newProperty + ',' };
                }
                return withFormatting(text, edit, options);
            }
        }
        else if (parent.type === 'array' && typeof lastSegment === 'number' && Array.isArray(parent.children)) {
            const insertIndex = lastSegment;
            if (insertIndex === -1) {
                // Insert
                const newProperty = `${JSON.stringify(value)}`;
                let edit;
                if (parent.children.length === 0) {
                    edit = { offset: parent.offset + 1, length: 0, content: newProperty };
                }
                else {
                    const previous = parent.children[parent.children.length - 1];
                    edit = { offset: previous.offset + previous.length, length: 0, content: ',' + newProperty };
                }
                return withFormatting(text, edit, options);
            }
            else if (value === void 0 && parent.children.length >= 0) {
                // Removal
                const removalIndex = lastSegment;
                const toRemove = parent.children[removalIndex];
                let edit;
                if (parent.children.length === 1) {
                    // only item
                    edit = { offset: parent.offset + 1, length: parent.length - 2, content: '' };
                }
                else if (parent.children.length - 1 === removalIndex) {
                    // last item
                    let previous = parent.children[removalIndex - 1];
                    let offset = previous.offset + previous.length;
                    let parentEndOffset = parent.offset + parent.length;
                    edit = { offset, length: parentEndOffset - 2 - offset, content: '' };
                }
                else {
                    edit = { offset: toRemove.offset, length: parent.children[removalIndex + 1].offset - toRemove.offset, content: '' };
                }
                return withFormatting(text, edit, options);
            }
            else if (value !== void 0) {
                let edit;
                const newProperty = `${JSON.stringify(value)}`;
                if (!options.isArrayInsertion && parent.children.length > lastSegment) {
                    const toModify = parent.children[lastSegment];
                    edit = { offset: toModify.offset, length: toModify.length, content: newProperty };
                }
                else if (parent.children.length === 0 || lastSegment === 0) {
                    edit = { offset: parent.offset + 1, length: 0, content: parent.children.length === 0 ? newProperty : newProperty + ',' };
                }
                else {
                    const index = lastSegment > parent.children.length ? parent.children.length : lastSegment;
                    const previous = parent.children[index - 1];
                    edit = { offset: previous.offset + previous.length, length: 0, content: ',' + newProperty };
                }
                return withFormatting(text, edit, options);
            }
            else {
                throw new Error(`Can not ${value === void 0 ? 'remove' : (options.isArrayInsertion ? 'insert' : 'modify')} Array index ${insertIndex} as length is not sufficient`);
            }
        }
        else {
            throw new Error(`Can not add ${typeof lastSegment !== 'number' ? 'index' : 'property'} to parent of type ${parent.type}`);
        }
    }
    exports.setProperty = setProperty;
    function withFormatting(text, edit, options) {
        if (!options.formattingOptions) {
            return [edit];
        }
        // apply the edit
        let newText = applyEdit(text, edit);
        // format the new text
        let begin = edit.offset;
        let end = edit.offset + edit.content.length;
        if (edit.length === 0 || edit.content.length === 0) { // insert or remove
            while (begin > 0 && !(0, format_1.isEOL)(newText, begin - 1)) {
                begin--;
            }
            while (end < newText.length && !(0, format_1.isEOL)(newText, end)) {
                end++;
            }
        }
        const edits = (0, format_1.format)(newText, { offset: begin, length: end - begin }, { ...options.formattingOptions, keepLines: false });
        // apply the formatting edits and track the begin and end offsets of the changes
        for (let i = edits.length - 1; i >= 0; i--) {
            const edit = edits[i];
            newText = applyEdit(newText, edit);
            begin = Math.min(begin, edit.offset);
            end = Math.max(end, edit.offset + edit.length);
            end += edit.content.length - edit.length;
        }
        // create a single edit with all changes
        const editLength = text.length - (newText.length - end) - begin;
        return [{ offset: begin, length: editLength, content: newText.substring(begin, end) }];
    }
    function applyEdit(text, edit) {
        return text.substring(0, edit.offset) + edit.content + text.substring(edit.offset + edit.length);
    }
    exports.applyEdit = applyEdit;
    function isWS(text, offset) {
        return '\r\n \t'.indexOf(text.charAt(offset)) !== -1;
    }
    exports.isWS = isWS;
});


/***/ }),

/***/ 6612:
/***/ ((module, exports, __nccwpck_require__) => {

(function (factory) {
    if ( true && typeof module.exports === "object") {
        var v = factory(__WEBPACK_EXTERNAL_createRequire(import.meta.url), exports);
        if (v !== undefined) module.exports = v;
    }
    else if (typeof define === "function" && define.amd) {
        define(["require", "exports", "./scanner", "./string-intern"], factory);
    }
})(function () {
    /*---------------------------------------------------------------------------------------------
     *  Copyright (c) Microsoft Corporation. All rights reserved.
     *  Licensed under the MIT License. See License.txt in the project root for license information.
     *--------------------------------------------------------------------------------------------*/
    'use strict';
    Object.defineProperty(exports, "__esModule", ({ value: true }));
    exports.isEOL = exports.format = void 0;
    const scanner_1 = __nccwpck_require__(8525);
    const string_intern_1 = __nccwpck_require__(4579);
    function format(documentText, range, options) {
        let initialIndentLevel;
        let formatText;
        let formatTextStart;
        let rangeStart;
        let rangeEnd;
        if (range) {
            rangeStart = range.offset;
            rangeEnd = rangeStart + range.length;
            formatTextStart = rangeStart;
            while (formatTextStart > 0 && !isEOL(documentText, formatTextStart - 1)) {
                formatTextStart--;
            }
            let endOffset = rangeEnd;
            while (endOffset < documentText.length && !isEOL(documentText, endOffset)) {
                endOffset++;
            }
            formatText = documentText.substring(formatTextStart, endOffset);
            initialIndentLevel = computeIndentLevel(formatText, options);
        }
        else {
            formatText = documentText;
            initialIndentLevel = 0;
            formatTextStart = 0;
            rangeStart = 0;
            rangeEnd = documentText.length;
        }
        const eol = getEOL(options, documentText);
        const eolFastPathSupported = string_intern_1.supportedEols.includes(eol);
        let numberLineBreaks = 0;
        let indentLevel = 0;
        let indentValue;
        if (options.insertSpaces) {
            indentValue = string_intern_1.cachedSpaces[options.tabSize || 4] ?? repeat(string_intern_1.cachedSpaces[1], options.tabSize || 4);
        }
        else {
            indentValue = '\t';
        }
        const indentType = indentValue === '\t' ? '\t' : ' ';
        let scanner = (0, scanner_1.createScanner)(formatText, false);
        let hasError = false;
        function newLinesAndIndent() {
            if (numberLineBreaks > 1) {
                return repeat(eol, numberLineBreaks) + repeat(indentValue, initialIndentLevel + indentLevel);
            }
            const amountOfSpaces = indentValue.length * (initialIndentLevel + indentLevel);
            if (!eolFastPathSupported || amountOfSpaces > string_intern_1.cachedBreakLinesWithSpaces[indentType][eol].length) {
                return eol + repeat(indentValue, initialIndentLevel + indentLevel);
            }
            if (amountOfSpaces <= 0) {
                return eol;
            }
            return string_intern_1.cachedBreakLinesWithSpaces[indentType][eol][amountOfSpaces];
        }
        function scanNext() {
            let token = scanner.scan();
            numberLineBreaks = 0;
            while (token === 15 /* SyntaxKind.Trivia */ || token === 14 /* SyntaxKind.LineBreakTrivia */) {
                if (token === 14 /* SyntaxKind.LineBreakTrivia */ && options.keepLines) {
                    numberLineBreaks += 1;
                }
                else if (token === 14 /* SyntaxKind.LineBreakTrivia */) {
                    numberLineBreaks = 1;
                }
                token = scanner.scan();
            }
            hasError = token === 16 /* SyntaxKind.Unknown */ || scanner.getTokenError() !== 0 /* ScanError.None */;
            return token;
        }
        const editOperations = [];
        function addEdit(text, startOffset, endOffset) {
            if (!hasError && (!range || (startOffset < rangeEnd && endOffset > rangeStart)) && documentText.substring(startOffset, endOffset) !== text) {
                editOperations.push({ offset: startOffset, length: endOffset - startOffset, content: text });
            }
        }
        let firstToken = scanNext();
        if (options.keepLines && numberLineBreaks > 0) {
            addEdit(repeat(eol, numberLineBreaks), 0, 0);
        }
        if (firstToken !== 17 /* SyntaxKind.EOF */) {
            let firstTokenStart = scanner.getTokenOffset() + formatTextStart;
            let initialIndent = (indentValue.length * initialIndentLevel < 20) && options.insertSpaces
                ? string_intern_1.cachedSpaces[indentValue.length * initialIndentLevel]
                : repeat(indentValue, initialIndentLevel);
            addEdit(initialIndent, formatTextStart, firstTokenStart);
        }
        while (firstToken !== 17 /* SyntaxKind.EOF */) {
            let firstTokenEnd = scanner.getTokenOffset() + scanner.getTokenLength() + formatTextStart;
            let secondToken = scanNext();
            let replaceContent = '';
            let needsLineBreak = false;
            while (numberLineBreaks === 0 && (secondToken === 12 /* SyntaxKind.LineCommentTrivia */ || secondToken === 13 /* SyntaxKind.BlockCommentTrivia */)) {
                let commentTokenStart = scanner.getTokenOffset() + formatTextStart;
                addEdit(string_intern_1.cachedSpaces[1], firstTokenEnd, commentTokenStart);
                firstTokenEnd = scanner.getTokenOffset() + scanner.getTokenLength() + formatTextStart;
                needsLineBreak = secondToken === 12 /* SyntaxKind.LineCommentTrivia */;
                replaceContent = needsLineBreak ? newLinesAndIndent() : '';
                secondToken = scanNext();
            }
            if (secondToken === 2 /* SyntaxKind.CloseBraceToken */) {
                if (firstToken !== 1 /* SyntaxKind.OpenBraceToken */) {
                    indentLevel--;
                }
                ;
                if (options.keepLines && numberLineBreaks > 0 || !options.keepLines && firstToken !== 1 /* SyntaxKind.OpenBraceToken */) {
                    replaceContent = newLinesAndIndent();
                }
                else if (options.keepLines) {
                    replaceContent = string_intern_1.cachedSpaces[1];
                }
            }
            else if (secondToken === 4 /* SyntaxKind.CloseBracketToken */) {
                if (firstToken !== 3 /* SyntaxKind.OpenBracketToken */) {
                    indentLevel--;
                }
                ;
                if (options.keepLines && numberLineBreaks > 0 || !options.keepLines && firstToken !== 3 /* SyntaxKind.OpenBracketToken */) {
                    replaceContent = newLinesAndIndent();
                }
                else if (options.keepLines) {
                    replaceContent = string_intern_1.cachedSpaces[1];
                }
            }
            else {
                switch (firstToken) {
                    case 3 /* SyntaxKind.OpenBracketToken */:
                    case 1 /* SyntaxKind.OpenBraceToken */:
                        indentLevel++;
                        if (options.keepLines && numberLineBreaks > 0 || !options.keepLines) {
                            replaceContent = newLinesAndIndent();
                        }
                        else {
                            replaceContent = string_intern_1.cachedSpaces[1];
                        }
                        break;
                    case 5 /* SyntaxKind.CommaToken */:
                        if (options.keepLines && numberLineBreaks > 0 || !options.keepLines) {
                            replaceContent = newLinesAndIndent();
                        }
                        else {
                            replaceContent = string_intern_1.cachedSpaces[1];
                        }
                        break;
                    case 12 /* SyntaxKind.LineCommentTrivia */:
                        replaceContent = newLinesAndIndent();
                        break;
                    case 13 /* SyntaxKind.BlockCommentTrivia */:
                        if (numberLineBreaks > 0) {
                            replaceContent = newLinesAndIndent();
                        }
                        else if (!needsLineBreak) {
                            replaceContent = string_intern_1.cachedSpaces[1];
                        }
                        break;
                    case 6 /* SyntaxKind.ColonToken */:
                        if (options.keepLines && numberLineBreaks > 0) {
                            replaceContent = newLinesAndIndent();
                        }
                        else if (!needsLineBreak) {
                            replaceContent = string_intern_1.cachedSpaces[1];
                        }
                        break;
                    case 10 /* SyntaxKind.StringLiteral */:
                        if (options.keepLines && numberLineBreaks > 0) {
                            replaceContent = newLinesAndIndent();
                        }
                        else if (secondToken === 6 /* SyntaxKind.ColonToken */ && !needsLineBreak) {
                            replaceContent = '';
                        }
                        break;
                    case 7 /* SyntaxKind.NullKeyword */:
                    case 8 /* SyntaxKind.TrueKeyword */:
                    case 9 /* SyntaxKind.FalseKeyword */:
                    case 11 /* SyntaxKind.NumericLiteral */:
                    case 2 /* SyntaxKind.CloseBraceToken */:
                    case 4 /* SyntaxKind.CloseBracketToken */:
                        if (options.keepLines && numberLineBreaks > 0) {
                            replaceContent = newLinesAndIndent();
                        }
                        else {
                            if ((secondToken === 12 /* SyntaxKind.LineCommentTrivia */ || secondToken === 13 /* SyntaxKind.BlockCommentTrivia */) && !needsLineBreak) {
                                replaceContent = string_intern_1.cachedSpaces[1];
                            }
                            else if (secondToken !== 5 /* SyntaxKind.CommaToken */ && secondToken !== 17 /* SyntaxKind.EOF */) {
                                hasError = true;
                            }
                        }
                        break;
                    case 16 /* SyntaxKind.Unknown */:
                        hasError = true;
                        break;
                }
                if (numberLineBreaks > 0 && (secondToken === 12 /* SyntaxKind.LineCommentTrivia */ || secondToken === 13 /* SyntaxKind.BlockCommentTrivia */)) {
                    replaceContent = newLinesAndIndent();
                }
            }
            if (secondToken === 17 /* SyntaxKind.EOF */) {
                if (options.keepLines && numberLineBreaks > 0) {
                    replaceContent = newLinesAndIndent();
                }
                else {
                    replaceContent = options.insertFinalNewline ? eol : '';
                }
            }
            const secondTokenStart = scanner.getTokenOffset() + formatTextStart;
            addEdit(replaceContent, firstTokenEnd, secondTokenStart);
            firstToken = secondToken;
        }
        return editOperations;
    }
    exports.format = format;
    function repeat(s, count) {
        let result = '';
        for (let i = 0; i < count; i++) {
            result += s;
        }
        return result;
    }
    function computeIndentLevel(content, options) {
        let i = 0;
        let nChars = 0;
        const tabSize = options.tabSize || 4;
        while (i < content.length) {
            let ch = content.charAt(i);
            if (ch === string_intern_1.cachedSpaces[1]) {
                nChars++;
            }
            else if (ch === '\t') {
                nChars += tabSize;
            }
            else {
                break;
            }
            i++;
        }
        return Math.floor(nChars / tabSize);
    }
    function getEOL(options, text) {
        for (let i = 0; i < text.length; i++) {
            const ch = text.charAt(i);
            if (ch === '\r') {
                if (i + 1 < text.length && text.charAt(i + 1) === '\n') {
                    return '\r\n';
                }
                return '\r';
            }
            else if (ch === '\n') {
                return '\n';
            }
        }
        return (options && options.eol) || '\n';
    }
    function isEOL(text, offset) {
        return '\r\n'.indexOf(text.charAt(offset)) !== -1;
    }
    exports.isEOL = isEOL;
});


/***/ }),

/***/ 5152:
/***/ ((module, exports, __nccwpck_require__) => {

(function (factory) {
    if ( true && typeof module.exports === "object") {
        var v = factory(__WEBPACK_EXTERNAL_createRequire(import.meta.url), exports);
        if (v !== undefined) module.exports = v;
    }
    else if (typeof define === "function" && define.amd) {
        define(["require", "exports", "./scanner"], factory);
    }
})(function () {
    /*---------------------------------------------------------------------------------------------
     *  Copyright (c) Microsoft Corporation. All rights reserved.
     *  Licensed under the MIT License. See License.txt in the project root for license information.
     *--------------------------------------------------------------------------------------------*/
    'use strict';
    Object.defineProperty(exports, "__esModule", ({ value: true }));
    exports.getNodeType = exports.stripComments = exports.visit = exports.findNodeAtOffset = exports.contains = exports.getNodeValue = exports.getNodePath = exports.findNodeAtLocation = exports.parseTree = exports.parse = exports.getLocation = void 0;
    const scanner_1 = __nccwpck_require__(8525);
    var ParseOptions;
    (function (ParseOptions) {
        ParseOptions.DEFAULT = {
            allowTrailingComma: false
        };
    })(ParseOptions || (ParseOptions = {}));
    /**
     * For a given offset, evaluate the location in the JSON document. Each segment in the location path is either a property name or an array index.
     */
    function getLocation(text, position) {
        const segments = []; // strings or numbers
        const earlyReturnException = new Object();
        let previousNode = undefined;
        const previousNodeInst = {
            value: {},
            offset: 0,
            length: 0,
            type: 'object',
            parent: undefined
        };
        let isAtPropertyKey = false;
        function setPreviousNode(value, offset, length, type) {
            previousNodeInst.value = value;
            previousNodeInst.offset = offset;
            previousNodeInst.length = length;
            previousNodeInst.type = type;
            previousNodeInst.colonOffset = undefined;
            previousNode = previousNodeInst;
        }
        try {
            visit(text, {
                onObjectBegin: (offset, length) => {
                    if (position <= offset) {
                        throw earlyReturnException;
                    }
                    previousNode = undefined;
                    isAtPropertyKey = position > offset;
                    segments.push(''); // push a placeholder (will be replaced)
                },
                onObjectProperty: (name, offset, length) => {
                    if (position < offset) {
                        throw earlyReturnException;
                    }
                    setPreviousNode(name, offset, length, 'property');
                    segments[segments.length - 1] = name;
                    if (position <= offset + length) {
                        throw earlyReturnException;
                    }
                },
                onObjectEnd: (offset, length) => {
                    if (position <= offset) {
                        throw earlyReturnException;
                    }
                    previousNode = undefined;
                    segments.pop();
                },
                onArrayBegin: (offset, length) => {
                    if (position <= offset) {
                        throw earlyReturnException;
                    }
                    previousNode = undefined;
                    segments.push(0);
                },
                onArrayEnd: (offset, length) => {
                    if (position <= offset) {
                        throw earlyReturnException;
                    }
                    previousNode = undefined;
                    segments.pop();
                },
                onLiteralValue: (value, offset, length) => {
                    if (position < offset) {
                        throw earlyReturnException;
                    }
                    setPreviousNode(value, offset, length, getNodeType(value));
                    if (position <= offset + length) {
                        throw earlyReturnException;
                    }
                },
                onSeparator: (sep, offset, length) => {
                    if (position <= offset) {
                        throw earlyReturnException;
                    }
                    if (sep === ':' && previousNode && previousNode.type === 'property') {
                        previousNode.colonOffset = offset;
                        isAtPropertyKey = false;
                        previousNode = undefined;
                    }
                    else if (sep === ',') {
                        const last = segments[segments.length - 1];
                        if (typeof last === 'number') {
                            segments[segments.length - 1] = last + 1;
                        }
                        else {
                            isAtPropertyKey = true;
                            segments[segments.length - 1] = '';
                        }
                        previousNode = undefined;
                    }
                }
            });
        }
        catch (e) {
            if (e !== earlyReturnException) {
                throw e;
            }
        }
        return {
            path: segments,
            previousNode,
            isAtPropertyKey,
            matches: (pattern) => {
                let k = 0;
                for (let i = 0; k < pattern.length && i < segments.length; i++) {
                    if (pattern[k] === segments[i] || pattern[k] === '*') {
                        k++;
                    }
                    else if (pattern[k] !== '**') {
                        return false;
                    }
                }
                return k === pattern.length;
            }
        };
    }
    exports.getLocation = getLocation;
    /**
     * Parses the given text and returns the object the JSON content represents. On invalid input, the parser tries to be as fault tolerant as possible, but still return a result.
     * Therefore always check the errors list to find out if the input was valid.
     */
    function parse(text, errors = [], options = ParseOptions.DEFAULT) {
        let currentProperty = null;
        let currentParent = [];
        const previousParents = [];
        function onValue(value) {
            if (Array.isArray(currentParent)) {
                currentParent.push(value);
            }
            else if (currentProperty !== null) {
                currentParent[currentProperty] = value;
            }
        }
        const visitor = {
            onObjectBegin: () => {
                const object = {};
                onValue(object);
                previousParents.push(currentParent);
                currentParent = object;
                currentProperty = null;
            },
            onObjectProperty: (name) => {
                currentProperty = name;
            },
            onObjectEnd: () => {
                currentParent = previousParents.pop();
            },
            onArrayBegin: () => {
                const array = [];
                onValue(array);
                previousParents.push(currentParent);
                currentParent = array;
                currentProperty = null;
            },
            onArrayEnd: () => {
                currentParent = previousParents.pop();
            },
            onLiteralValue: onValue,
            onError: (error, offset, length) => {
                errors.push({ error, offset, length });
            }
        };
        visit(text, visitor, options);
        return currentParent[0];
    }
    exports.parse = parse;
    /**
     * Parses the given text and returns a tree representation the JSON content. On invalid input, the parser tries to be as fault tolerant as possible, but still return a result.
     */
    function parseTree(text, errors = [], options = ParseOptions.DEFAULT) {
        let currentParent = { type: 'array', offset: -1, length: -1, children: [], parent: undefined }; // artificial root
        function ensurePropertyComplete(endOffset) {
            if (currentParent.type === 'property') {
                currentParent.length = endOffset - currentParent.offset;
                currentParent = currentParent.parent;
            }
        }
        function onValue(valueNode) {
            currentParent.children.push(valueNode);
            return valueNode;
        }
        const visitor = {
            onObjectBegin: (offset) => {
                currentParent = onValue({ type: 'object', offset, length: -1, parent: currentParent, children: [] });
            },
            onObjectProperty: (name, offset, length) => {
                currentParent = onValue({ type: 'property', offset, length: -1, parent: currentParent, children: [] });
                currentParent.children.push({ type: 'string', value: name, offset, length, parent: currentParent });
            },
            onObjectEnd: (offset, length) => {
                ensurePropertyComplete(offset + length); // in case of a missing value for a property: make sure property is complete
                currentParent.length = offset + length - currentParent.offset;
                currentParent = currentParent.parent;
                ensurePropertyComplete(offset + length);
            },
            onArrayBegin: (offset, length) => {
                currentParent = onValue({ type: 'array', offset, length: -1, parent: currentParent, children: [] });
            },
            onArrayEnd: (offset, length) => {
                currentParent.length = offset + length - currentParent.offset;
                currentParent = currentParent.parent;
                ensurePropertyComplete(offset + length);
            },
            onLiteralValue: (value, offset, length) => {
                onValue({ type: getNodeType(value), offset, length, parent: currentParent, value });
                ensurePropertyComplete(offset + length);
            },
            onSeparator: (sep, offset, length) => {
                if (currentParent.type === 'property') {
                    if (sep === ':') {
                        currentParent.colonOffset = offset;
                    }
                    else if (sep === ',') {
                        ensurePropertyComplete(offset);
                    }
                }
            },
            onError: (error, offset, length) => {
                errors.push({ error, offset, length });
            }
        };
        visit(text, visitor, options);
        const result = currentParent.children[0];
        if (result) {
            delete result.parent;
        }
        return result;
    }
    exports.parseTree = parseTree;
    /**
     * Finds the node at the given path in a JSON DOM.
     */
    function findNodeAtLocation(root, path) {
        if (!root) {
            return undefined;
        }
        let node = root;
        for (let segment of path) {
            if (typeof segment === 'string') {
                if (node.type !== 'object' || !Array.isArray(node.children)) {
                    return undefined;
                }
                let found = false;
                for (const propertyNode of node.children) {
                    if (Array.isArray(propertyNode.children) && propertyNode.children[0].value === segment && propertyNode.children.length === 2) {
                        node = propertyNode.children[1];
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return undefined;
                }
            }
            else {
                const index = segment;
                if (node.type !== 'array' || index < 0 || !Array.isArray(node.children) || index >= node.children.length) {
                    return undefined;
                }
                node = node.children[index];
            }
        }
        return node;
    }
    exports.findNodeAtLocation = findNodeAtLocation;
    /**
     * Gets the JSON path of the given JSON DOM node
     */
    function getNodePath(node) {
        if (!node.parent || !node.parent.children) {
            return [];
        }
        const path = getNodePath(node.parent);
        if (node.parent.type === 'property') {
            const key = node.parent.children[0].value;
            path.push(key);
        }
        else if (node.parent.type === 'array') {
            const index = node.parent.children.indexOf(node);
            if (index !== -1) {
                path.push(index);
            }
        }
        return path;
    }
    exports.getNodePath = getNodePath;
    /**
     * Evaluates the JavaScript object of the given JSON DOM node
     */
    function getNodeValue(node) {
        switch (node.type) {
            case 'array':
                return node.children.map(getNodeValue);
            case 'object':
                const obj = Object.create(null);
                for (let prop of node.children) {
                    const valueNode = prop.children[1];
                    if (valueNode) {
                        obj[prop.children[0].value] = getNodeValue(valueNode);
                    }
                }
                return obj;
            case 'null':
            case 'string':
            case 'number':
            case 'boolean':
                return node.value;
            default:
                return undefined;
        }
    }
    exports.getNodeValue = getNodeValue;
    function contains(node, offset, includeRightBound = false) {
        return (offset >= node.offset && offset < (node.offset + node.length)) || includeRightBound && (offset === (node.offset + node.length));
    }
    exports.contains = contains;
    /**
     * Finds the most inner node at the given offset. If includeRightBound is set, also finds nodes that end at the given offset.
     */
    function findNodeAtOffset(node, offset, includeRightBound = false) {
        if (contains(node, offset, includeRightBound)) {
            const children = node.children;
            if (Array.isArray(children)) {
                for (let i = 0; i < children.length && children[i].offset <= offset; i++) {
                    const item = findNodeAtOffset(children[i], offset, includeRightBound);
                    if (item) {
                        return item;
                    }
                }
            }
            return node;
        }
        return undefined;
    }
    exports.findNodeAtOffset = findNodeAtOffset;
    /**
     * Parses the given text and invokes the visitor functions for each object, array and literal reached.
     */
    function visit(text, visitor, options = ParseOptions.DEFAULT) {
        const _scanner = (0, scanner_1.createScanner)(text, false);
        // Important: Only pass copies of this to visitor functions to prevent accidental modification, and
        // to not affect visitor functions which stored a reference to a previous JSONPath
        const _jsonPath = [];
        // Depth of onXXXBegin() callbacks suppressed. onXXXEnd() decrements this if it isn't 0 already.
        // Callbacks are only called when this value is 0.
        let suppressedCallbacks = 0;
        function toNoArgVisit(visitFunction) {
            return visitFunction ? () => suppressedCallbacks === 0 && visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
        }
        function toOneArgVisit(visitFunction) {
            return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
        }
        function toOneArgVisitWithPath(visitFunction) {
            return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice()) : () => true;
        }
        function toBeginVisit(visitFunction) {
            return visitFunction ?
                () => {
                    if (suppressedCallbacks > 0) {
                        suppressedCallbacks++;
                    }
                    else {
                        let cbReturn = visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice());
                        if (cbReturn === false) {
                            suppressedCallbacks = 1;
                        }
                    }
                }
                : () => true;
        }
        function toEndVisit(visitFunction) {
            return visitFunction ?
                () => {
                    if (suppressedCallbacks > 0) {
                        suppressedCallbacks--;
                    }
                    if (suppressedCallbacks === 0) {
                        visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter());
                    }
                }
                : () => true;
        }
        const onObjectBegin = toBeginVisit(visitor.onObjectBegin), onObjectProperty = toOneArgVisitWithPath(visitor.onObjectProperty), onObjectEnd = toEndVisit(visitor.onObjectEnd), onArrayBegin = toBeginVisit(visitor.onArrayBegin), onArrayEnd = toEndVisit(visitor.onArrayEnd), onLiteralValue = toOneArgVisitWithPath(visitor.onLiteralValue), onSeparator = toOneArgVisit(visitor.onSeparator), onComment = toNoArgVisit(visitor.onComment), onError = toOneArgVisit(visitor.onError);
        const disallowComments = options && options.disallowComments;
        const allowTrailingComma = options && options.allowTrailingComma;
        function scanNext() {
            while (true) {
                const token = _scanner.scan();
                switch (_scanner.getTokenError()) {
                    case 4 /* ScanError.InvalidUnicode */:
                        handleError(14 /* ParseErrorCode.InvalidUnicode */);
                        break;
                    case 5 /* ScanError.InvalidEscapeCharacter */:
                        handleError(15 /* ParseErrorCode.InvalidEscapeCharacter */);
                        break;
                    case 3 /* ScanError.UnexpectedEndOfNumber */:
                        handleError(13 /* ParseErrorCode.UnexpectedEndOfNumber */);
                        break;
                    case 1 /* ScanError.UnexpectedEndOfComment */:
                        if (!disallowComments) {
                            handleError(11 /* ParseErrorCode.UnexpectedEndOfComment */);
                        }
                        break;
                    case 2 /* ScanError.UnexpectedEndOfString */:
                        handleError(12 /* ParseErrorCode.UnexpectedEndOfString */);
                        break;
                    case 6 /* ScanError.InvalidCharacter */:
                        handleError(16 /* ParseErrorCode.InvalidCharacter */);
                        break;
                }
                switch (token) {
                    case 12 /* SyntaxKind.LineCommentTrivia */:
                    case 13 /* SyntaxKind.BlockCommentTrivia */:
                        if (disallowComments) {
                            handleError(10 /* ParseErrorCode.InvalidCommentToken */);
                        }
                        else {
                            onComment();
                        }
                        break;
                    case 16 /* SyntaxKind.Unknown */:
                        handleError(1 /* ParseErrorCode.InvalidSymbol */);
                        break;
                    case 15 /* SyntaxKind.Trivia */:
                    case 14 /* SyntaxKind.LineBreakTrivia */:
                        break;
                    default:
                        return token;
                }
            }
        }
        function handleError(error, skipUntilAfter = [], skipUntil = []) {
            onError(error);
            if (skipUntilAfter.length + skipUntil.length > 0) {
                let token = _scanner.getToken();
                while (token !== 17 /* SyntaxKind.EOF */) {
                    if (skipUntilAfter.indexOf(token) !== -1) {
                        scanNext();
                        break;
                    }
                    else if (skipUntil.indexOf(token) !== -1) {
                        break;
                    }
                    token = scanNext();
                }
            }
        }
        function parseString(isValue) {
            const value = _scanner.getTokenValue();
            if (isValue) {
                onLiteralValue(value);
            }
            else {
                onObjectProperty(value);
                // add property name afterwards
                _jsonPath.push(value);
            }
            scanNext();
            return true;
        }
        function parseLiteral() {
            switch (_scanner.getToken()) {
                case 11 /* SyntaxKind.NumericLiteral */:
                    const tokenValue = _scanner.getTokenValue();
                    let value = Number(tokenValue);
                    if (isNaN(value)) {
                        handleError(2 /* ParseErrorCode.InvalidNumberFormat */);
                        value = 0;
                    }
                    onLiteralValue(value);
                    break;
                case 7 /* SyntaxKind.NullKeyword */:
                    onLiteralValue(null);
                    break;
                case 8 /* SyntaxKind.TrueKeyword */:
                    onLiteralValue(true);
                    break;
                case 9 /* SyntaxKind.FalseKeyword */:
                    onLiteralValue(false);
                    break;
                default:
                    return false;
            }
            scanNext();
            return true;
        }
        function parseProperty() {
            if (_scanner.getToken() !== 10 /* SyntaxKind.StringLiteral */) {
                handleError(3 /* ParseErrorCode.PropertyNameExpected */, [], [2 /* SyntaxKind.CloseBraceToken */, 5 /* SyntaxKind.CommaToken */]);
                return false;
            }
            parseString(false);
            if (_scanner.getToken() === 6 /* SyntaxKind.ColonToken */) {
                onSeparator(':');
                scanNext(); // consume colon
                if (!parseValue()) {
                    handleError(4 /* ParseErrorCode.ValueExpected */, [], [2 /* SyntaxKind.CloseBraceToken */, 5 /* SyntaxKind.CommaToken */]);
                }
            }
            else {
                handleError(5 /* ParseErrorCode.ColonExpected */, [], [2 /* SyntaxKind.CloseBraceToken */, 5 /* SyntaxKind.CommaToken */]);
            }
            _jsonPath.pop(); // remove processed property name
            return true;
        }
        function parseObject() {
            onObjectBegin();
            scanNext(); // consume open brace
            let needsComma = false;
            while (_scanner.getToken() !== 2 /* SyntaxKind.CloseBraceToken */ && _scanner.getToken() !== 17 /* SyntaxKind.EOF */) {
                if (_scanner.getToken() === 5 /* SyntaxKind.CommaToken */) {
                    if (!needsComma) {
                        handleError(4 /* ParseErrorCode.ValueExpected */, [], []);
                    }
                    onSeparator(',');
                    scanNext(); // consume comma
                    if (_scanner.getToken() === 2 /* SyntaxKind.CloseBraceToken */ && allowTrailingComma) {
                        break;
                    }
                }
                else if (needsComma) {
                    handleError(6 /* ParseErrorCode.CommaExpected */, [], []);
                }
                if (!parseProperty()) {
                    handleError(4 /* ParseErrorCode.ValueExpected */, [], [2 /* SyntaxKind.CloseBraceToken */, 5 /* SyntaxKind.CommaToken */]);
                }
                needsComma = true;
            }
            onObjectEnd();
            if (_scanner.getToken() !== 2 /* SyntaxKind.CloseBraceToken */) {
                handleError(7 /* ParseErrorCode.CloseBraceExpected */, [2 /* SyntaxKind.CloseBraceToken */], []);
            }
            else {
                scanNext(); // consume close brace
            }
            return true;
        }
        function parseArray() {
            onArrayBegin();
            scanNext(); // consume open bracket
            let isFirstElement = true;
            let needsComma = false;
            while (_scanner.getToken() !== 4 /* SyntaxKind.CloseBracketToken */ && _scanner.getToken() !== 17 /* SyntaxKind.EOF */) {
                if (_scanner.getToken() === 5 /* SyntaxKind.CommaToken */) {
                    if (!needsComma) {
                        handleError(4 /* ParseErrorCode.ValueExpected */, [], []);
                    }
                    onSeparator(',');
                    scanNext(); // consume comma
                    if (_scanner.getToken() === 4 /* SyntaxKind.CloseBracketToken */ && allowTrailingComma) {
                        break;
                    }
                }
                else if (needsComma) {
                    handleError(6 /* ParseErrorCode.CommaExpected */, [], []);
                }
                if (isFirstElement) {
                    _jsonPath.push(0);
                    isFirstElement = false;
                }
                else {
                    _jsonPath[_jsonPath.length - 1]++;
                }
                if (!parseValue()) {
                    handleError(4 /* ParseErrorCode.ValueExpected */, [], [4 /* SyntaxKind.CloseBracketToken */, 5 /* SyntaxKind.CommaToken */]);
                }
                needsComma = true;
            }
            onArrayEnd();
            if (!isFirstElement) {
                _jsonPath.pop(); // remove array index
            }
            if (_scanner.getToken() !== 4 /* SyntaxKind.CloseBracketToken */) {
                handleError(8 /* ParseErrorCode.CloseBracketExpected */, [4 /* SyntaxKind.CloseBracketToken */], []);
            }
            else {
                scanNext(); // consume close bracket
            }
            return true;
        }
        function parseValue() {
            switch (_scanner.getToken()) {
                case 3 /* SyntaxKind.OpenBracketToken */:
                    return parseArray();
                case 1 /* SyntaxKind.OpenBraceToken */:
                    return parseObject();
                case 10 /* SyntaxKind.StringLiteral */:
                    return parseString(true);
                default:
                    return parseLiteral();
            }
        }
        scanNext();
        if (_scanner.getToken() === 17 /* SyntaxKind.EOF */) {
            if (options.allowEmptyContent) {
                return true;
            }
            handleError(4 /* ParseErrorCode.ValueExpected */, [], []);
            return false;
        }
        if (!parseValue()) {
            handleError(4 /* ParseErrorCode.ValueExpected */, [], []);
            return false;
        }
        if (_scanner.getToken() !== 17 /* SyntaxKind.EOF */) {
            handleError(9 /* ParseErrorCode.EndOfFileExpected */, [], []);
        }
        return true;
    }
    exports.visit = visit;
    /**
     * Takes JSON with JavaScript-style comments and remove
     * them. Optionally replaces every none-newline character
     * of comments with a replaceCharacter
     */
    function stripComments(text, replaceCh) {
        let _scanner = (0, scanner_1.createScanner)(text), parts = [], kind, offset = 0, pos;
        do {
            pos = _scanner.getPosition();
            kind = _scanner.scan();
            switch (kind) {
                case 12 /* SyntaxKind.LineCommentTrivia */:
                case 13 /* SyntaxKind.BlockCommentTrivia */:
                case 17 /* SyntaxKind.EOF */:
                    if (offset !== pos) {
                        parts.push(text.substring(offset, pos));
                    }
                    if (replaceCh !== undefined) {
                        parts.push(_scanner.getTokenValue().replace(/[^\r\n]/g, replaceCh));
                    }
                    offset = _scanner.getPosition();
                    break;
            }
        } while (kind !== 17 /* SyntaxKind.EOF */);
        return parts.join('');
    }
    exports.stripComments = stripComments;
    function getNodeType(value) {
        switch (typeof value) {
            case 'boolean': return 'boolean';
            case 'number': return 'number';
            case 'string': return 'string';
            case 'object': {
                if (!value) {
                    return 'null';
                }
                else if (Array.isArray(value)) {
                    return 'array';
                }
                return 'object';
            }
            default: return 'null';
        }
    }
    exports.getNodeType = getNodeType;
});


/***/ }),

/***/ 8525:
/***/ ((module, exports) => {

(function (factory) {
    if ( true && typeof module.exports === "object") {
        var v = factory(__WEBPACK_EXTERNAL_createRequire(import.meta.url), exports);
        if (v !== undefined) module.exports = v;
    }
    else if (typeof define === "function" && define.amd) {
        define(["require", "exports"], factory);
    }
})(function () {
    /*---------------------------------------------------------------------------------------------
     *  Copyright (c) Microsoft Corporation. All rights reserved.
     *  Licensed under the MIT License. See License.txt in the project root for license information.
     *--------------------------------------------------------------------------------------------*/
    'use strict';
    Object.defineProperty(exports, "__esModule", ({ value: true }));
    exports.createScanner = void 0;
    /**
     * Creates a JSON scanner on the given text.
     * If ignoreTrivia is set, whitespaces or comments are ignored.
     */
    function createScanner(text, ignoreTrivia = false) {
        const len = text.length;
        let pos = 0, value = '', tokenOffset = 0, token = 16 /* SyntaxKind.Unknown */, lineNumber = 0, lineStartOffset = 0, tokenLineStartOffset = 0, prevTokenLineStartOffset = 0, scanError = 0 /* ScanError.None */;
        function scanHexDigits(count, exact) {
            let digits = 0;
            let value = 0;
            while (digits < count || !exact) {
                let ch = text.charCodeAt(pos);
                if (ch >= 48 /* CharacterCodes._0 */ && ch <= 57 /* CharacterCodes._9 */) {
                    value = value * 16 + ch - 48 /* CharacterCodes._0 */;
                }
                else if (ch >= 65 /* CharacterCodes.A */ && ch <= 70 /* CharacterCodes.F */) {
                    value = value * 16 + ch - 65 /* CharacterCodes.A */ + 10;
                }
                else if (ch >= 97 /* CharacterCodes.a */ && ch <= 102 /* CharacterCodes.f */) {
                    value = value * 16 + ch - 97 /* CharacterCodes.a */ + 10;
                }
                else {
                    break;
                }
                pos++;
                digits++;
            }
            if (digits < count) {
                value = -1;
            }
            return value;
        }
        function setPosition(newPosition) {
            pos = newPosition;
            value = '';
            tokenOffset = 0;
            token = 16 /* SyntaxKind.Unknown */;
            scanError = 0 /* ScanError.None */;
        }
        function scanNumber() {
            let start = pos;
            if (text.charCodeAt(pos) === 48 /* CharacterCodes._0 */) {
                pos++;
            }
            else {
                pos++;
                while (pos < text.length && isDigit(text.charCodeAt(pos))) {
                    pos++;
                }
            }
            if (pos < text.length && text.charCodeAt(pos) === 46 /* CharacterCodes.dot */) {
                pos++;
                if (pos < text.length && isDigit(text.charCodeAt(pos))) {
                    pos++;
                    while (pos < text.length && isDigit(text.charCodeAt(pos))) {
                        pos++;
                    }
                }
                else {
                    scanError = 3 /* ScanError.UnexpectedEndOfNumber */;
                    return text.substring(start, pos);
                }
            }
            let end = pos;
            if (pos < text.length && (text.charCodeAt(pos) === 69 /* CharacterCodes.E */ || text.charCodeAt(pos) === 101 /* CharacterCodes.e */)) {
                pos++;
                if (pos < text.length && text.charCodeAt(pos) === 43 /* CharacterCodes.plus */ || text.charCodeAt(pos) === 45 /* CharacterCodes.minus */) {
                    pos++;
                }
                if (pos < text.length && isDigit(text.charCodeAt(pos))) {
                    pos++;
                    while (pos < text.length && isDigit(text.charCodeAt(pos))) {
                        pos++;
                    }
                    end = pos;
                }
                else {
                    scanError = 3 /* ScanError.UnexpectedEndOfNumber */;
                }
            }
            return text.substring(start, end);
        }
        function scanString() {
            let result = '', start = pos;
            while (true) {
                if (pos >= len) {
                    result += text.substring(start, pos);
                    scanError = 2 /* ScanError.UnexpectedEndOfString */;
                    break;
                }
                const ch = text.charCodeAt(pos);
                if (ch === 34 /* CharacterCodes.doubleQuote */) {
                    result += text.substring(start, pos);
                    pos++;
                    break;
                }
                if (ch === 92 /* CharacterCodes.backslash */) {
                    result += text.substring(start, pos);
                    pos++;
                    if (pos >= len) {
                        scanError = 2 /* ScanError.UnexpectedEndOfString */;
                        break;
                    }
                    const ch2 = text.charCodeAt(pos++);
                    switch (ch2) {
                        case 34 /* CharacterCodes.doubleQuote */:
                            result += '\"';
                            break;
                        case 92 /* CharacterCodes.backslash */:
                            result += '\\';
                            break;
                        case 47 /* CharacterCodes.slash */:
                            result += '/';
                            break;
                        case 98 /* CharacterCodes.b */:
                            result += '\b';
                            break;
                        case 102 /* CharacterCodes.f */:
                            result += '\f';
                            break;
                        case 110 /* CharacterCodes.n */:
                            result += '\n';
                            break;
                        case 114 /* CharacterCodes.r */:
                            result += '\r';
                            break;
                        case 116 /* CharacterCodes.t */:
                            result += '\t';
                            break;
                        case 117 /* CharacterCodes.u */:
                            const ch3 = scanHexDigits(4, true);
                            if (ch3 >= 0) {
                                result += String.fromCharCode(ch3);
                            }
                            else {
                                scanError = 4 /* ScanError.InvalidUnicode */;
                            }
                            break;
                        default:
                            scanError = 5 /* ScanError.InvalidEscapeCharacter */;
                    }
                    start = pos;
                    continue;
                }
                if (ch >= 0 && ch <= 0x1f) {
                    if (isLineBreak(ch)) {
                        result += text.substring(start, pos);
                        scanError = 2 /* ScanError.UnexpectedEndOfString */;
                        break;
                    }
                    else {
                        scanError = 6 /* ScanError.InvalidCharacter */;
                        // mark as error but continue with string
                    }
                }
                pos++;
            }
            return result;
        }
        function scanNext() {
            value = '';
            scanError = 0 /* ScanError.None */;
            tokenOffset = pos;
            lineStartOffset = lineNumber;
            prevTokenLineStartOffset = tokenLineStartOffset;
            if (pos >= len) {
                // at the end
                tokenOffset = len;
                return token = 17 /* SyntaxKind.EOF */;
            }
            let code = text.charCodeAt(pos);
            // trivia: whitespace
            if (isWhiteSpace(code)) {
                do {
                    pos++;
                    value += String.fromCharCode(code);
                    code = text.charCodeAt(pos);
                } while (isWhiteSpace(code));
                return token = 15 /* SyntaxKind.Trivia */;
            }
            // trivia: newlines
            if (isLineBreak(code)) {
                pos++;
                value += String.fromCharCode(code);
                if (code === 13 /* CharacterCodes.carriageReturn */ && text.charCodeAt(pos) === 10 /* CharacterCodes.lineFeed */) {
                    pos++;
                    value += '\n';
                }
                lineNumber++;
                tokenLineStartOffset = pos;
                return token = 14 /* SyntaxKind.LineBreakTrivia */;
            }
            switch (code) {
                // tokens: []{}:,
                case 123 /* CharacterCodes.openBrace */:
                    pos++;
                    return token = 1 /* SyntaxKind.OpenBraceToken */;
                case 125 /* CharacterCodes.closeBrace */:
                    pos++;
                    return token = 2 /* SyntaxKind.CloseBraceToken */;
                case 91 /* CharacterCodes.openBracket */:
                    pos++;
                    return token = 3 /* SyntaxKind.OpenBracketToken */;
                case 93 /* CharacterCodes.closeBracket */:
                    pos++;
                    return token = 4 /* SyntaxKind.CloseBracketToken */;
                case 58 /* CharacterCodes.colon */:
                    pos++;
                    return token = 6 /* SyntaxKind.ColonToken */;
                case 44 /* CharacterCodes.comma */:
                    pos++;
                    return token = 5 /* SyntaxKind.CommaToken */;
                // strings
                case 34 /* CharacterCodes.doubleQuote */:
                    pos++;
                    value = scanString();
                    return token = 10 /* SyntaxKind.StringLiteral */;
                // comments
                case 47 /* CharacterCodes.slash */:
                    const start = pos - 1;
                    // Single-line comment
                    if (text.charCodeAt(pos + 1) === 47 /* CharacterCodes.slash */) {
                        pos += 2;
                        while (pos < len) {
                            if (isLineBreak(text.charCodeAt(pos))) {
                                break;
                            }
                            pos++;
                        }
                        value = text.substring(start, pos);
                        return token = 12 /* SyntaxKind.LineCommentTrivia */;
                    }
                    // Multi-line comment
                    if (text.charCodeAt(pos + 1) === 42 /* CharacterCodes.asterisk */) {
                        pos += 2;
                        const safeLength = len - 1; // For lookahead.
                        let commentClosed = false;
                        while (pos < safeLength) {
                            const ch = text.charCodeAt(pos);
                            if (ch === 42 /* CharacterCodes.asterisk */ && text.charCodeAt(pos + 1) === 47 /* CharacterCodes.slash */) {
                                pos += 2;
                                commentClosed = true;
                                break;
                            }
                            pos++;
                            if (isLineBreak(ch)) {
                                if (ch === 13 /* CharacterCodes.carriageReturn */ && text.charCodeAt(pos) === 10 /* CharacterCodes.lineFeed */) {
                                    pos++;
                                }
                                lineNumber++;
                                tokenLineStartOffset = pos;
                            }
                        }
                        if (!commentClosed) {
                            pos++;
                            scanError = 1 /* ScanError.UnexpectedEndOfComment */;
                        }
                        value = text.substring(start, pos);
                        return token = 13 /* SyntaxKind.BlockCommentTrivia */;
                    }
                    // just a single slash
                    value += String.fromCharCode(code);
                    pos++;
                    return token = 16 /* SyntaxKind.Unknown */;
                // numbers
                case 45 /* CharacterCodes.minus */:
                    value += String.fromCharCode(code);
                    pos++;
                    if (pos === len || !isDigit(text.charCodeAt(pos))) {
                        return token = 16 /* SyntaxKind.Unknown */;
                    }
                // found a minus, followed by a number so
                // we fall through to proceed with scanning
                // numbers
                case 48 /* CharacterCodes._0 */:
                case 49 /* CharacterCodes._1 */:
                case 50 /* CharacterCodes._2 */:
                case 51 /* CharacterCodes._3 */:
                case 52 /* CharacterCodes._4 */:
                case 53 /* CharacterCodes._5 */:
                case 54 /* CharacterCodes._6 */:
                case 55 /* CharacterCodes._7 */:
                case 56 /* CharacterCodes._8 */:
                case 57 /* CharacterCodes._9 */:
                    value += scanNumber();
                    return token = 11 /* SyntaxKind.NumericLiteral */;
                // literals and unknown symbols
                default:
                    // is a literal? Read the full word.
                    while (pos < len && isUnknownContentCharacter(code)) {
                        pos++;
                        code = text.charCodeAt(pos);
                    }
                    if (tokenOffset !== pos) {
                        value = text.substring(tokenOffset, pos);
                        // keywords: true, false, null
                        switch (value) {
                            case 'true': return token = 8 /* SyntaxKind.TrueKeyword */;
                            case 'false': return token = 9 /* SyntaxKind.FalseKeyword */;
                            case 'null': return token = 7 /* SyntaxKind.NullKeyword */;
                        }
                        return token = 16 /* SyntaxKind.Unknown */;
                    }
                    // some
                    value += String.fromCharCode(code);
                    pos++;
                    return token = 16 /* SyntaxKind.Unknown */;
            }
        }
        function isUnknownContentCharacter(code) {
            if (isWhiteSpace(code) || isLineBreak(code)) {
                return false;
            }
            switch (code) {
                case 125 /* CharacterCodes.closeBrace */:
                case 93 /* CharacterCodes.closeBracket */:
                case 123 /* CharacterCodes.openBrace */:
                case 91 /* CharacterCodes.openBracket */:
                case 34 /* CharacterCodes.doubleQuote */:
                case 58 /* CharacterCodes.colon */:
                case 44 /* CharacterCodes.comma */:
                case 47 /* CharacterCodes.slash */:
                    return false;
            }
            return true;
        }
        function scanNextNonTrivia() {
            let result;
            do {
                result = scanNext();
            } while (result >= 12 /* SyntaxKind.LineCommentTrivia */ && result <= 15 /* SyntaxKind.Trivia */);
            return result;
        }
        return {
            setPosition: setPosition,
            getPosition: () => pos,
            scan: ignoreTrivia ? scanNextNonTrivia : scanNext,
            getToken: () => token,
            getTokenValue: () => value,
            getTokenOffset: () => tokenOffset,
            getTokenLength: () => pos - tokenOffset,
            getTokenStartLine: () => lineStartOffset,
            getTokenStartCharacter: () => tokenOffset - prevTokenLineStartOffset,
            getTokenError: () => scanError,
        };
    }
    exports.createScanner = createScanner;
    function isWhiteSpace(ch) {
        return ch === 32 /* CharacterCodes.space */ || ch === 9 /* CharacterCodes.tab */;
    }
    function isLineBreak(ch) {
        return ch === 10 /* CharacterCodes.lineFeed */ || ch === 13 /* CharacterCodes.carriageReturn */;
    }
    function isDigit(ch) {
        return ch >= 48 /* CharacterCodes._0 */ && ch <= 57 /* CharacterCodes._9 */;
    }
    var CharacterCodes;
    (function (CharacterCodes) {
        CharacterCodes[CharacterCodes["lineFeed"] = 10] = "lineFeed";
        CharacterCodes[CharacterCodes["carriageReturn"] = 13] = "carriageReturn";
        CharacterCodes[CharacterCodes["space"] = 32] = "space";
        CharacterCodes[CharacterCodes["_0"] = 48] = "_0";
        CharacterCodes[CharacterCodes["_1"] = 49] = "_1";
        CharacterCodes[CharacterCodes["_2"] = 50] = "_2";
        CharacterCodes[CharacterCodes["_3"] = 51] = "_3";
        CharacterCodes[CharacterCodes["_4"] = 52] = "_4";
        CharacterCodes[CharacterCodes["_5"] = 53] = "_5";
        CharacterCodes[CharacterCodes["_6"] = 54] = "_6";
        CharacterCodes[CharacterCodes["_7"] = 55] = "_7";
        CharacterCodes[CharacterCodes["_8"] = 56] = "_8";
        CharacterCodes[CharacterCodes["_9"] = 57] = "_9";
        CharacterCodes[CharacterCodes["a"] = 97] = "a";
        CharacterCodes[CharacterCodes["b"] = 98] = "b";
        CharacterCodes[CharacterCodes["c"] = 99] = "c";
        CharacterCodes[CharacterCodes["d"] = 100] = "d";
        CharacterCodes[CharacterCodes["e"] = 101] = "e";
        CharacterCodes[CharacterCodes["f"] = 102] = "f";
        CharacterCodes[CharacterCodes["g"] = 103] = "g";
        CharacterCodes[CharacterCodes["h"] = 104] = "h";
        CharacterCodes[CharacterCodes["i"] = 105] = "i";
        CharacterCodes[CharacterCodes["j"] = 106] = "j";
        CharacterCodes[CharacterCodes["k"] = 107] = "k";
        CharacterCodes[CharacterCodes["l"] = 108] = "l";
        CharacterCodes[CharacterCodes["m"] = 109] = "m";
        CharacterCodes[CharacterCodes["n"] = 110] = "n";
        CharacterCodes[CharacterCodes["o"] = 111] = "o";
        CharacterCodes[CharacterCodes["p"] = 112] = "p";
        CharacterCodes[CharacterCodes["q"] = 113] = "q";
        CharacterCodes[CharacterCodes["r"] = 114] = "r";
        CharacterCodes[CharacterCodes["s"] = 115] = "s";
        CharacterCodes[CharacterCodes["t"] = 116] = "t";
        CharacterCodes[CharacterCodes["u"] = 117] = "u";
        CharacterCodes[CharacterCodes["v"] = 118] = "v";
        CharacterCodes[CharacterCodes["w"] = 119] = "w";
        CharacterCodes[CharacterCodes["x"] = 120] = "x";
        CharacterCodes[CharacterCodes["y"] = 121] = "y";
        CharacterCodes[CharacterCodes["z"] = 122] = "z";
        CharacterCodes[CharacterCodes["A"] = 65] = "A";
        CharacterCodes[CharacterCodes["B"] = 66] = "B";
        CharacterCodes[CharacterCodes["C"] = 67] = "C";
        CharacterCodes[CharacterCodes["D"] = 68] = "D";
        CharacterCodes[CharacterCodes["E"] = 69] = "E";
        CharacterCodes[CharacterCodes["F"] = 70] = "F";
        CharacterCodes[CharacterCodes["G"] = 71] = "G";
        CharacterCodes[CharacterCodes["H"] = 72] = "H";
        CharacterCodes[CharacterCodes["I"] = 73] = "I";
        CharacterCodes[CharacterCodes["J"] = 74] = "J";
        CharacterCodes[CharacterCodes["K"] = 75] = "K";
        CharacterCodes[CharacterCodes["L"] = 76] = "L";
        CharacterCodes[CharacterCodes["M"] = 77] = "M";
        CharacterCodes[CharacterCodes["N"] = 78] = "N";
        CharacterCodes[CharacterCodes["O"] = 79] = "O";
        CharacterCodes[CharacterCodes["P"] = 80] = "P";
        CharacterCodes[CharacterCodes["Q"] = 81] = "Q";
        CharacterCodes[CharacterCodes["R"] = 82] = "R";
        CharacterCodes[CharacterCodes["S"] = 83] = "S";
        CharacterCodes[CharacterCodes["T"] = 84] = "T";
        CharacterCodes[CharacterCodes["U"] = 85] = "U";
        CharacterCodes[CharacterCodes["V"] = 86] = "V";
        CharacterCodes[CharacterCodes["W"] = 87] = "W";
        CharacterCodes[CharacterCodes["X"] = 88] = "X";
        CharacterCodes[CharacterCodes["Y"] = 89] = "Y";
        CharacterCodes[CharacterCodes["Z"] = 90] = "Z";
        CharacterCodes[CharacterCodes["asterisk"] = 42] = "asterisk";
        CharacterCodes[CharacterCodes["backslash"] = 92] = "backslash";
        CharacterCodes[CharacterCodes["closeBrace"] = 125] = "closeBrace";
        CharacterCodes[CharacterCodes["closeBracket"] = 93] = "closeBracket";
        CharacterCodes[CharacterCodes["colon"] = 58] = "colon";
        CharacterCodes[CharacterCodes["comma"] = 44] = "comma";
        CharacterCodes[CharacterCodes["dot"] = 46] = "dot";
        CharacterCodes[CharacterCodes["doubleQuote"] = 34] = "doubleQuote";
        CharacterCodes[CharacterCodes["minus"] = 45] = "minus";
        CharacterCodes[CharacterCodes["openBrace"] = 123] = "openBrace";
        CharacterCodes[CharacterCodes["openBracket"] = 91] = "openBracket";
        CharacterCodes[CharacterCodes["plus"] = 43] = "plus";
        CharacterCodes[CharacterCodes["slash"] = 47] = "slash";
        CharacterCodes[CharacterCodes["formFeed"] = 12] = "formFeed";
        CharacterCodes[CharacterCodes["tab"] = 9] = "tab";
    })(CharacterCodes || (CharacterCodes = {}));
});


/***/ }),

/***/ 4579:
/***/ ((module, exports) => {

(function (factory) {
    if ( true && typeof module.exports === "object") {
        var v = factory(__WEBPACK_EXTERNAL_createRequire(import.meta.url), exports);
        if (v !== undefined) module.exports = v;
    }
    else if (typeof define === "function" && define.amd) {
        define(["require", "exports"], factory);
    }
})(function () {
    "use strict";
    Object.defineProperty(exports, "__esModule", ({ value: true }));
    exports.supportedEols = exports.cachedBreakLinesWithSpaces = exports.cachedSpaces = void 0;
    exports.cachedSpaces = new Array(20).fill(0).map((_, index) => {
        return ' '.repeat(index);
    });
    const maxCachedValues = 200;
    exports.cachedBreakLinesWithSpaces = {
        ' ': {
            '\n': new Array(maxCachedValues).fill(0).map((_, index) => {
                return '\n' + ' '.repeat(index);
            }),
            '\r': new Array(maxCachedValues).fill(0).map((_, index) => {
                return '\r' + ' '.repeat(index);
            }),
            '\r\n': new Array(maxCachedValues).fill(0).map((_, index) => {
                return '\r\n' + ' '.repeat(index);
            }),
        },
        '\t': {
            '\n': new Array(maxCachedValues).fill(0).map((_, index) => {
                return '\n' + '\t'.repeat(index);
            }),
            '\r': new Array(maxCachedValues).fill(0).map((_, index) => {
                return '\r' + '\t'.repeat(index);
            }),
            '\r\n': new Array(maxCachedValues).fill(0).map((_, index) => {
                return '\r\n' + '\t'.repeat(index);
            }),
        }
    };
    exports.supportedEols = ['\n', '\r', '\r\n'];
});


/***/ }),

/***/ 9547:
/***/ ((module, exports, __nccwpck_require__) => {

(function (factory) {
    if ( true && typeof module.exports === "object") {
        var v = factory(__WEBPACK_EXTERNAL_createRequire(import.meta.url), exports);
        if (v !== undefined) module.exports = v;
    }
    else if (typeof define === "function" && define.amd) {
        define(["require", "exports", "./impl/format", "./impl/edit", "./impl/scanner", "./impl/parser"], factory);
    }
})(function () {
    /*---------------------------------------------------------------------------------------------
     *  Copyright (c) Microsoft Corporation. All rights reserved.
     *  Licensed under the MIT License. See License.txt in the project root for license information.
     *--------------------------------------------------------------------------------------------*/
    'use strict';
    Object.defineProperty(exports, "__esModule", ({ value: true }));
    exports.applyEdits = exports.modify = exports.format = exports.printParseErrorCode = exports.ParseErrorCode = exports.stripComments = exports.visit = exports.getNodeValue = exports.getNodePath = exports.findNodeAtOffset = exports.findNodeAtLocation = exports.parseTree = exports.parse = exports.getLocation = exports.SyntaxKind = exports.ScanError = exports.createScanner = void 0;
    const formatter = __nccwpck_require__(6612);
    const edit = __nccwpck_require__(4807);
    const scanner = __nccwpck_require__(8525);
    const parser = __nccwpck_require__(5152);
    /**
     * Creates a JSON scanner on the given text.
     * If ignoreTrivia is set, whitespaces or comments are ignored.
     */
    exports.createScanner = scanner.createScanner;
    var ScanError;
    (function (ScanError) {
        ScanError[ScanError["None"] = 0] = "None";
        ScanError[ScanError["UnexpectedEndOfComment"] = 1] = "UnexpectedEndOfComment";
        ScanError[ScanError["UnexpectedEndOfString"] = 2] = "UnexpectedEndOfString";
        ScanError[ScanError["UnexpectedEndOfNumber"] = 3] = "UnexpectedEndOfNumber";
        ScanError[ScanError["InvalidUnicode"] = 4] = "InvalidUnicode";
        ScanError[ScanError["InvalidEscapeCharacter"] = 5] = "InvalidEscapeCharacter";
        ScanError[ScanError["InvalidCharacter"] = 6] = "InvalidCharacter";
    })(ScanError || (exports.ScanError = ScanError = {}));
    var SyntaxKind;
    (function (SyntaxKind) {
        SyntaxKind[SyntaxKind["OpenBraceToken"] = 1] = "OpenBraceToken";
        SyntaxKind[SyntaxKind["CloseBraceToken"] = 2] = "CloseBraceToken";
        SyntaxKind[SyntaxKind["OpenBracketToken"] = 3] = "OpenBracketToken";
        SyntaxKind[SyntaxKind["CloseBracketToken"] = 4] = "CloseBracketToken";
        SyntaxKind[SyntaxKind["CommaToken"] = 5] = "CommaToken";
        SyntaxKind[SyntaxKind["ColonToken"] = 6] = "ColonToken";
        SyntaxKind[SyntaxKind["NullKeyword"] = 7] = "NullKeyword";
        SyntaxKind[SyntaxKind["TrueKeyword"] = 8] = "TrueKeyword";
        SyntaxKind[SyntaxKind["FalseKeyword"] = 9] = "FalseKeyword";
        SyntaxKind[SyntaxKind["StringLiteral"] = 10] = "StringLiteral";
        SyntaxKind[SyntaxKind["NumericLiteral"] = 11] = "NumericLiteral";
        SyntaxKind[SyntaxKind["LineCommentTrivia"] = 12] = "LineCommentTrivia";
        SyntaxKind[SyntaxKind["BlockCommentTrivia"] = 13] = "BlockCommentTrivia";
        SyntaxKind[SyntaxKind["LineBreakTrivia"] = 14] = "LineBreakTrivia";
        SyntaxKind[SyntaxKind["Trivia"] = 15] = "Trivia";
        SyntaxKind[SyntaxKind["Unknown"] = 16] = "Unknown";
        SyntaxKind[SyntaxKind["EOF"] = 17] = "EOF";
    })(SyntaxKind || (exports.SyntaxKind = SyntaxKind = {}));
    /**
     * For a given offset, evaluate the location in the JSON document. Each segment in the location path is either a property name or an array index.
     */
    exports.getLocation = parser.getLocation;
    /**
     * Parses the given text and returns the object the JSON content represents. On invalid input, the parser tries to be as fault tolerant as possible, but still return a result.
     * Therefore, always check the errors list to find out if the input was valid.
     */
    exports.parse = parser.parse;
    /**
     * Parses the given text and returns a tree representation the JSON content. On invalid input, the parser tries to be as fault tolerant as possible, but still return a result.
     */
    exports.parseTree = parser.parseTree;
    /**
     * Finds the node at the given path in a JSON DOM.
     */
    exports.findNodeAtLocation = parser.findNodeAtLocation;
    /**
     * Finds the innermost node at the given offset. If includeRightBound is set, also finds nodes that end at the given offset.
     */
    exports.findNodeAtOffset = parser.findNodeAtOffset;
    /**
     * Gets the JSON path of the given JSON DOM node
     */
    exports.getNodePath = parser.getNodePath;
    /**
     * Evaluates the JavaScript object of the given JSON DOM node
     */
    exports.getNodeValue = parser.getNodeValue;
    /**
     * Parses the given text and invokes the visitor functions for each object, array and literal reached.
     */
    exports.visit = parser.visit;
    /**
     * Takes JSON with JavaScript-style comments and remove
     * them. Optionally replaces every none-newline character
     * of comments with a replaceCharacter
     */
    exports.stripComments = parser.stripComments;
    var ParseErrorCode;
    (function (ParseErrorCode) {
        ParseErrorCode[ParseErrorCode["InvalidSymbol"] = 1] = "InvalidSymbol";
        ParseErrorCode[ParseErrorCode["InvalidNumberFormat"] = 2] = "InvalidNumberFormat";
        ParseErrorCode[ParseErrorCode["PropertyNameExpected"] = 3] = "PropertyNameExpected";
        ParseErrorCode[ParseErrorCode["ValueExpected"] = 4] = "ValueExpected";
        ParseErrorCode[ParseErrorCode["ColonExpected"] = 5] = "ColonExpected";
        ParseErrorCode[ParseErrorCode["CommaExpected"] = 6] = "CommaExpected";
        ParseErrorCode[ParseErrorCode["CloseBraceExpected"] = 7] = "CloseBraceExpected";
        ParseErrorCode[ParseErrorCode["CloseBracketExpected"] = 8] = "CloseBracketExpected";
        ParseErrorCode[ParseErrorCode["EndOfFileExpected"] = 9] = "EndOfFileExpected";
        ParseErrorCode[ParseErrorCode["InvalidCommentToken"] = 10] = "InvalidCommentToken";
        ParseErrorCode[ParseErrorCode["UnexpectedEndOfComment"] = 11] = "UnexpectedEndOfComment";
        ParseErrorCode[ParseErrorCode["UnexpectedEndOfString"] = 12] = "UnexpectedEndOfString";
        ParseErrorCode[ParseErrorCode["UnexpectedEndOfNumber"] = 13] = "UnexpectedEndOfNumber";
        ParseErrorCode[ParseErrorCode["InvalidUnicode"] = 14] = "InvalidUnicode";
        ParseErrorCode[ParseErrorCode["InvalidEscapeCharacter"] = 15] = "InvalidEscapeCharacter";
        ParseErrorCode[ParseErrorCode["InvalidCharacter"] = 16] = "InvalidCharacter";
    })(ParseErrorCode || (exports.ParseErrorCode = ParseErrorCode = {}));
    function printParseErrorCode(code) {
        switch (code) {
            case 1 /* ParseErrorCode.InvalidSymbol */: return 'InvalidSymbol';
            case 2 /* ParseErrorCode.InvalidNumberFormat */: return 'InvalidNumberFormat';
            case 3 /* ParseErrorCode.PropertyNameExpected */: return 'PropertyNameExpected';
            case 4 /* ParseErrorCode.ValueExpected */: return 'ValueExpected';
            case 5 /* ParseErrorCode.ColonExpected */: return 'ColonExpected';
            case 6 /* ParseErrorCode.CommaExpected */: return 'CommaExpected';
            case 7 /* ParseErrorCode.CloseBraceExpected */: return 'CloseBraceExpected';
            case 8 /* ParseErrorCode.CloseBracketExpected */: return 'CloseBracketExpected';
            case 9 /* ParseErrorCode.EndOfFileExpected */: return 'EndOfFileExpected';
            case 10 /* ParseErrorCode.InvalidCommentToken */: return 'InvalidCommentToken';
            case 11 /* ParseErrorCode.UnexpectedEndOfComment */: return 'UnexpectedEndOfComment';
            case 12 /* ParseErrorCode.UnexpectedEndOfString */: return 'UnexpectedEndOfString';
            case 13 /* ParseErrorCode.UnexpectedEndOfNumber */: return 'UnexpectedEndOfNumber';
            case 14 /* ParseErrorCode.InvalidUnicode */: return 'InvalidUnicode';
            case 15 /* ParseErrorCode.InvalidEscapeCharacter */: return 'InvalidEscapeCharacter';
            case 16 /* ParseErrorCode.InvalidCharacter */: return 'InvalidCharacter';
        }
        return '<unknown ParseErrorCode>';
    }
    exports.printParseErrorCode = printParseErrorCode;
    /**
     * Computes the edit operations needed to format a JSON document.
     *
     * @param documentText The input text
     * @param range The range to format or `undefined` to format the full content
     * @param options The formatting options
     * @returns The edit operations describing the formatting changes to the original document following the format described in {@linkcode EditResult}.
     * To apply the edit operations to the input, use {@linkcode applyEdits}.
     */
    function format(documentText, range, options) {
        return formatter.format(documentText, range, options);
    }
    exports.format = format;
    /**
     * Computes the edit operations needed to modify a value in the JSON document.
     *
     * @param documentText The input text
     * @param path The path of the value to change. The path represents either to the document root, a property or an array item.
     * If the path points to an non-existing property or item, it will be created.
     * @param value The new value for the specified property or item. If the value is undefined,
     * the property or item will be removed.
     * @param options Options
     * @returns The edit operations describing the changes to the original document, following the format described in {@linkcode EditResult}.
     * To apply the edit operations to the input, use {@linkcode applyEdits}.
     */
    function modify(text, path, value, options) {
        return edit.setProperty(text, path, value, options);
    }
    exports.modify = modify;
    /**
     * Applies edits to an input string.
     * @param text The input text
     * @param edits Edit operations following the format described in {@linkcode EditResult}.
     * @returns The text with the applied edits.
     * @throws An error if the edit operations are not well-formed as described in {@linkcode EditResult}.
     */
    function applyEdits(text, edits) {
        let sortedEdits = edits.slice(0).sort((a, b) => {
            const diff = a.offset - b.offset;
            if (diff === 0) {
                return a.length - b.length;
            }
            return diff;
        });
        let lastModifiedOffset = text.length;
        for (let i = sortedEdits.length - 1; i >= 0; i--) {
            let e = sortedEdits[i];
            if (e.offset + e.length <= lastModifiedOffset) {
                text = edit.applyEdit(text, e);
            }
            else {
                throw new Error('Overlapping edit');
            }
            lastModifiedOffset = e.offset;
        }
        return text;
    }
    exports.applyEdits = applyEdits;
});


/***/ }),

/***/ 9379:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const ANY = Symbol('SemVer ANY')
// hoisted class for cyclic dependency
class Comparator {
  static get ANY () {
    return ANY
  }

  constructor (comp, options) {
    options = parseOptions(options)

    if (comp instanceof Comparator) {
      if (comp.loose === !!options.loose) {
        return comp
      } else {
        comp = comp.value
      }
    }

    comp = comp.trim().split(/\s+/).join(' ')
    debug('comparator', comp, options)
    this.options = options
    this.loose = !!options.loose
    this.parse(comp)

    if (this.semver === ANY) {
      this.value = ''
    } else {
      this.value = this.operator + this.semver.version
    }

    debug('comp', this)
  }

  parse (comp) {
    const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR]
    const m = comp.match(r)

    if (!m) {
      throw new TypeError(`Invalid comparator: ${comp}`)
    }

    this.operator = m[1] !== undefined ? m[1] : ''
    if (this.operator === '=') {
      this.operator = ''
    }

    // if it literally is just '>' or '' then allow anything.
    if (!m[2]) {
      this.semver = ANY
    } else {
      this.semver = new SemVer(m[2], this.options.loose)
    }
  }

  toString () {
    return this.value
  }

  test (version) {
    debug('Comparator.test', version, this.options.loose)

    if (this.semver === ANY || version === ANY) {
      return true
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    return cmp(version, this.operator, this.semver, this.options)
  }

  intersects (comp, options) {
    if (!(comp instanceof Comparator)) {
      throw new TypeError('a Comparator is required')
    }

    if (this.operator === '') {
      if (this.value === '') {
        return true
      }
      return new Range(comp.value, options).test(this.value)
    } else if (comp.operator === '') {
      if (comp.value === '') {
        return true
      }
      return new Range(this.value, options).test(comp.semver)
    }

    options = parseOptions(options)

    // Special cases where nothing can possibly be lower
    if (options.includePrerelease &&
      (this.value === '<0.0.0-0' || comp.value === '<0.0.0-0')) {
      return false
    }
    if (!options.includePrerelease &&
      (this.value.startsWith('<0.0.0') || comp.value.startsWith('<0.0.0'))) {
      return false
    }

    // Same direction increasing (> or >=)
    if (this.operator.startsWith('>') && comp.operator.startsWith('>')) {
      return true
    }
    // Same direction decreasing (< or <=)
    if (this.operator.startsWith('<') && comp.operator.startsWith('<')) {
      return true
    }
    // same SemVer and both sides are inclusive (<= or >=)
    if (
      (this.semver.version === comp.semver.version) &&
      this.operator.includes('=') && comp.operator.includes('=')) {
      return true
    }
    // opposite directions less than
    if (cmp(this.semver, '<', comp.semver, options) &&
      this.operator.startsWith('>') && comp.operator.startsWith('<')) {
      return true
    }
    // opposite directions greater than
    if (cmp(this.semver, '>', comp.semver, options) &&
      this.operator.startsWith('<') && comp.operator.startsWith('>')) {
      return true
    }
    return false
  }
}

module.exports = Comparator

const parseOptions = __nccwpck_require__(356)
const { safeRe: re, t } = __nccwpck_require__(5471)
const cmp = __nccwpck_require__(8646)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)


/***/ }),

/***/ 6782:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SPACE_CHARACTERS = /\s+/g

// hoisted class for cyclic dependency
class Range {
  constructor (range, options) {
    options = parseOptions(options)

    if (range instanceof Range) {
      if (
        range.loose === !!options.loose &&
        range.includePrerelease === !!options.includePrerelease
      ) {
        return range
      } else {
        return new Range(range.raw, options)
      }
    }

    if (range instanceof Comparator) {
      // just put it in the set and return
      this.raw = range.value
      this.set = [[range]]
      this.formatted = undefined
      return this
    }

    this.options = options
    this.loose = !!options.loose
    this.includePrerelease = !!options.includePrerelease

    // First reduce all whitespace as much as possible so we do not have to rely
    // on potentially slow regexes like \s*. This is then stored and used for
    // future error messages as well.
    this.raw = range.trim().replace(SPACE_CHARACTERS, ' ')

    // First, split on ||
    this.set = this.raw
      .split('||')
      // map the range to a 2d array of comparators
      .map(r => this.parseRange(r.trim()))
      // throw out any comparator lists that are empty
      // this generally means that it was not a valid range, which is allowed
      // in loose mode, but will still throw if the WHOLE range is invalid.
      .filter(c => c.length)

    if (!this.set.length) {
      throw new TypeError(`Invalid SemVer Range: ${this.raw}`)
    }

    // if we have any that are not the null set, throw out null sets.
    if (this.set.length > 1) {
      // keep the first one, in case they're all null sets
      const first = this.set[0]
      this.set = this.set.filter(c => !isNullSet(c[0]))
      if (this.set.length === 0) {
        this.set = [first]
      } else if (this.set.length > 1) {
        // if we have any that are *, then the range is just *
        for (const c of this.set) {
          if (c.length === 1 && isAny(c[0])) {
            this.set = [c]
            break
          }
        }
      }
    }

    this.formatted = undefined
  }

  get range () {
    if (this.formatted === undefined) {
      this.formatted = ''
      for (let i = 0; i < this.set.length; i++) {
        if (i > 0) {
          this.formatted += '||'
        }
        const comps = this.set[i]
        for (let k = 0; k < comps.length; k++) {
          if (k > 0) {
            this.formatted += ' '
          }
          this.formatted += comps[k].toString().trim()
        }
      }
    }
    return this.formatted
  }

  format () {
    return this.range
  }

  toString () {
    return this.range
  }

  parseRange (range) {
    // strip build metadata so it can't bleed into the version
    range = range.replace(BUILDSTRIPRE, '')

    // memoize range parsing for performance.
    // this is a very hot path, and fully deterministic.
    const memoOpts =
      (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) |
      (this.options.loose && FLAG_LOOSE)
    const memoKey = memoOpts + ':' + range
    const cached = cache.get(memoKey)
    if (cached) {
      return cached
    }

    const loose = this.options.loose
    // `1.2.3 - 1.2.4` => `>=1.2.3 <=1.2.4`
    const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE]
    range = range.replace(hr, hyphenReplace(this.options.includePrerelease))
    debug('hyphen replace', range)

    // `> 1.2.3 < 1.2.5` => `>1.2.3 <1.2.5`
    range = trimComparatorWhitespace(range)
    debug('comparator trim', range)

    // `~ 1.2.3` => `~1.2.3`
    range = range.replace(re[t.TILDETRIM], tildeTrimReplace)
    debug('tilde trim', range)

    // `^ 1.2.3` => `^1.2.3`
    range = range.replace(re[t.CARETTRIM], caretTrimReplace)
    debug('caret trim', range)

    // At this point, the range is completely trimmed and
    // ready to be split into comparators.

    let rangeList = range
      .split(' ')
      .map(comp => parseComparator(comp, this.options))
      .join(' ')
      .split(/\s+/)
      // >=0.0.0 is equivalent to *
      .map(comp => replaceGTE0(comp, this.options))

    if (loose) {
      // in loose mode, throw out any that are not valid comparators
      rangeList = rangeList.filter(comp => {
        debug('loose invalid filter', comp, this.options)
        return !!comp.match(re[t.COMPARATORLOOSE])
      })
    }
    debug('range list', rangeList)

    // if any comparators are the null set, then replace with JUST null set
    // if more than one comparator, remove any * comparators
    // also, don't include the same comparator more than once
    const rangeMap = new Map()
    const comparators = rangeList.map(comp => new Comparator(comp, this.options))
    for (const comp of comparators) {
      if (isNullSet(comp)) {
        return [comp]
      }
      rangeMap.set(comp.value, comp)
    }
    if (rangeMap.size > 1 && rangeMap.has('')) {
      rangeMap.delete('')
    }

    const result = [...rangeMap.values()]
    cache.set(memoKey, result)
    return result
  }

  intersects (range, options) {
    if (!(range instanceof Range)) {
      throw new TypeError('a Range is required')
    }

    return this.set.some((thisComparators) => {
      return (
        isSatisfiable(thisComparators, options) &&
        range.set.some((rangeComparators) => {
          return (
            isSatisfiable(rangeComparators, options) &&
            thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options)
              })
            })
          )
        })
      )
    })
  }

  // if ANY of the sets match ALL of its comparators, then pass
  test (version) {
    if (!version) {
      return false
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    for (let i = 0; i < this.set.length; i++) {
      if (testSet(this.set[i], version, this.options)) {
        return true
      }
    }
    return false
  }
}

module.exports = Range

const LRU = __nccwpck_require__(1383)
const cache = new LRU()

const parseOptions = __nccwpck_require__(356)
const Comparator = __nccwpck_require__(9379)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const trimComparatorWhitespace = __nccwpck_require__(9737)
const {
  safeRe: re,
  src,
  t,
  tildeTrimReplace,
  caretTrimReplace,
} = __nccwpck_require__(5471)
const { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = __nccwpck_require__(5101)

// unbounded global build-metadata stripper used by parseRange
const BUILDSTRIPRE = new RegExp(src[t.BUILD], 'g')

const isNullSet = c => c.value === '<0.0.0-0'
const isAny = c => c.value === ''

// take a set of comparators and determine whether there
// exists a version which can satisfy it
const isSatisfiable = (comparators, options) => {
  let result = true
  const remainingComparators = comparators.slice()
  let testComparator = remainingComparators.pop()

  while (result && remainingComparators.length) {
    result = remainingComparators.every((otherComparator) => {
      return testComparator.intersects(otherComparator, options)
    })

    testComparator = remainingComparators.pop()
  }

  return result
}

// comprised of xranges, tildes, stars, and gtlt's at this point.
// already replaced the hyphen ranges
// turn into a set of JUST comparators.
const parseComparator = (comp, options) => {
  comp = comp.replace(re[t.BUILD], '')
  debug('comp', comp, options)
  comp = replaceCarets(comp, options)
  debug('caret', comp)
  comp = replaceTildes(comp, options)
  debug('tildes', comp)
  comp = replaceXRanges(comp, options)
  debug('xrange', comp)
  comp = replaceStars(comp, options)
  debug('stars', comp)
  return comp
}

const isX = id => !id || id.toLowerCase() === 'x' || id === '*'

const invalidXRangeOrder = (M, m, p) => (
  (isX(M) && !isX(m)) ||
  (isX(m) && p && !isX(p))
)

// ~, ~> --> * (any, kinda silly)
// ~2, ~2.x, ~2.x.x, ~>2, ~>2.x ~>2.x.x --> >=2.0.0 <3.0.0-0
// ~2.0, ~2.0.x, ~>2.0, ~>2.0.x --> >=2.0.0 <2.1.0-0
// ~1.2, ~1.2.x, ~>1.2, ~>1.2.x --> >=1.2.0 <1.3.0-0
// ~1.2.3, ~>1.2.3 --> >=1.2.3 <1.3.0-0
// ~1.2.0, ~>1.2.0 --> >=1.2.0 <1.3.0-0
// ~0.0.1 --> >=0.0.1 <0.1.0-0
const replaceTildes = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceTilde(c, options))
    .join(' ')
}

const replaceTilde = (comp, options) => {
  const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE]
  // if we're including prereleases in the match, then the lower bound is
  // -0, the lowest possible prerelease value, just like x-ranges and carets.
  // this keeps `~1.2` equivalent to the `1.2.x` x-range it's documented as.
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('tilde', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      // ~1.2 == >=1.2.0 <1.3.0-0
      ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
    } else if (pr) {
      debug('replaceTilde pr', pr)
      ret = `>=${M}.${m}.${p}-${pr
      } <${M}.${+m + 1}.0-0`
    } else {
      // ~1.2.3 == >=1.2.3 <1.3.0-0
      ret = `>=${M}.${m}.${p
      } <${M}.${+m + 1}.0-0`
    }

    debug('tilde return', ret)
    return ret
  })
}

// ^ --> * (any, kinda silly)
// ^2, ^2.x, ^2.x.x --> >=2.0.0 <3.0.0-0
// ^2.0, ^2.0.x --> >=2.0.0 <3.0.0-0
// ^1.2, ^1.2.x --> >=1.2.0 <2.0.0-0
// ^1.2.3 --> >=1.2.3 <2.0.0-0
// ^1.2.0 --> >=1.2.0 <2.0.0-0
// ^0.0.1 --> >=0.0.1 <0.0.2-0
// ^0.1.0 --> >=0.1.0 <0.2.0-0
const replaceCarets = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceCaret(c, options))
    .join(' ')
}

const replaceCaret = (comp, options) => {
  debug('caret', comp, options)
  const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET]
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('caret', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      if (M === '0') {
        ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
      } else {
        ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`
      }
    } else if (pr) {
      debug('replaceCaret pr', pr)
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p}-${pr
        } <${+M + 1}.0.0-0`
      }
    } else {
      debug('no pr')
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p
        } <${+M + 1}.0.0-0`
      }
    }

    debug('caret return', ret)
    return ret
  })
}

const replaceXRanges = (comp, options) => {
  debug('replaceXRanges', comp, options)
  return comp
    .split(/\s+/)
    .map((c) => replaceXRange(c, options))
    .join(' ')
}

const replaceXRange = (comp, options) => {
  comp = comp.trim()
  const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE]
  return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
    debug('xRange', comp, ret, gtlt, M, m, p, pr)
    if (invalidXRangeOrder(M, m, p)) {
      return comp
    }

    const xM = isX(M)
    const xm = xM || isX(m)
    const xp = xm || isX(p)
    const anyX = xp

    if (gtlt === '=' && anyX) {
      gtlt = ''
    }

    // if we're including prereleases in the match, then we need
    // to fix this to -0, the lowest possible prerelease value
    pr = options.includePrerelease ? '-0' : ''

    if (xM) {
      if (gtlt === '>' || gtlt === '<') {
        // nothing is allowed
        ret = '<0.0.0-0'
      } else {
        // nothing is forbidden
        ret = '*'
      }
    } else if (gtlt && anyX) {
      // we know patch is an x, because we have any x at all.
      // replace X with 0
      if (xm) {
        m = 0
      }
      p = 0

      if (gtlt === '>') {
        // >1 => >=2.0.0
        // >1.2 => >=1.3.0
        gtlt = '>='
        if (xm) {
          M = +M + 1
          m = 0
          p = 0
        } else {
          m = +m + 1
          p = 0
        }
      } else if (gtlt === '<=') {
        // <=0.7.x is actually <0.8.0, since any 0.7.x should
        // pass.  Similarly, <=7.x is actually <8.0.0, etc.
        gtlt = '<'
        if (xm) {
          M = +M + 1
        } else {
          m = +m + 1
        }
      }

      if (gtlt === '<') {
        pr = '-0'
      }

      ret = `${gtlt + M}.${m}.${p}${pr}`
    } else if (xm) {
      ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`
    } else if (xp) {
      ret = `>=${M}.${m}.0${pr
      } <${M}.${+m + 1}.0-0`
    }

    debug('xRange return', ret)

    return ret
  })
}

// Because * is AND-ed with everything else in the comparator,
// and '' means "any version", just remove the *s entirely.
const replaceStars = (comp, options) => {
  debug('replaceStars', comp, options)
  // Looseness is ignored here.  star is always as loose as it gets!
  return comp
    .trim()
    .replace(re[t.STAR], '')
}

const replaceGTE0 = (comp, options) => {
  debug('replaceGTE0', comp, options)
  return comp
    .trim()
    .replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], '')
}

// This function is passed to string.replace(re[t.HYPHENRANGE])
// M, m, patch, prerelease, build
// 1.2 - 3.4.5 => >=1.2.0 <=3.4.5
// 1.2.3 - 3.4 => >=1.2.0 <3.5.0-0 Any 3.4.x will do
// 1.2 - 3.4 => >=1.2.0 <3.5.0-0
// TODO build?
const hyphenReplace = incPr => ($0,
  from, fM, fm, fp, fpr, fb,
  to, tM, tm, tp, tpr) => {
  if (isX(fM)) {
    from = ''
  } else if (isX(fm)) {
    from = `>=${fM}.0.0${incPr ? '-0' : ''}`
  } else if (isX(fp)) {
    from = `>=${fM}.${fm}.0${incPr ? '-0' : ''}`
  } else if (fpr) {
    from = `>=${from}`
  } else {
    from = `>=${from}${incPr ? '-0' : ''}`
  }

  if (isX(tM)) {
    to = ''
  } else if (isX(tm)) {
    to = `<${+tM + 1}.0.0-0`
  } else if (isX(tp)) {
    to = `<${tM}.${+tm + 1}.0-0`
  } else if (tpr) {
    to = `<=${tM}.${tm}.${tp}-${tpr}`
  } else if (incPr) {
    to = `<${tM}.${tm}.${+tp + 1}-0`
  } else {
    to = `<=${to}`
  }

  return `${from} ${to}`.trim()
}

const testSet = (set, version, options) => {
  for (let i = 0; i < set.length; i++) {
    if (!set[i].test(version)) {
      return false
    }
  }

  if (version.prerelease.length && !options.includePrerelease) {
    // Find the set of versions that are allowed to have prereleases
    // For example, ^1.2.3-pr.1 desugars to >=1.2.3-pr.1 <2.0.0
    // That should allow `1.2.3-pr.2` to pass.
    // However, `1.2.4-alpha.notready` should NOT be allowed,
    // even though it's within the range set by the comparators.
    for (let i = 0; i < set.length; i++) {
      debug(set[i].semver)
      if (set[i].semver === Comparator.ANY) {
        continue
      }

      if (set[i].semver.prerelease.length > 0) {
        const allowed = set[i].semver
        if (allowed.major === version.major &&
            allowed.minor === version.minor &&
            allowed.patch === version.patch) {
          return true
        }
      }
    }

    // Version has a -pre, but it's not one of the ones we like.
    return false
  }

  return true
}


/***/ }),

/***/ 7163:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const debug = __nccwpck_require__(1159)
const { MAX_LENGTH, MAX_SAFE_INTEGER } = __nccwpck_require__(5101)
const { safeRe: re, t } = __nccwpck_require__(5471)

const parseOptions = __nccwpck_require__(356)
const { compareIdentifiers } = __nccwpck_require__(3348)

const isPrereleaseIdentifier = (prerelease, identifier) => {
  const identifiers = identifier.split('.')
  if (identifiers.length > prerelease.length) {
    return false
  }

  for (let i = 0; i < identifiers.length; i++) {
    if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
      return false
    }
  }

  return true
}

class SemVer {
  constructor (version, options) {
    options = parseOptions(options)

    if (version instanceof SemVer) {
      if (version.loose === !!options.loose &&
        version.includePrerelease === !!options.includePrerelease) {
        return version
      } else {
        version = version.version
      }
    } else if (typeof version !== 'string') {
      throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`)
    }

    if (version.length > MAX_LENGTH) {
      throw new TypeError(
        `version is longer than ${MAX_LENGTH} characters`
      )
    }

    debug('SemVer', version, options)
    this.options = options
    this.loose = !!options.loose
    // this isn't actually relevant for versions, but keep it so that we
    // don't run into trouble passing this.options around.
    this.includePrerelease = !!options.includePrerelease

    const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL])

    if (!m) {
      throw new TypeError(`Invalid Version: ${version}`)
    }

    this.raw = version

    // these are actually numbers
    this.major = +m[1]
    this.minor = +m[2]
    this.patch = +m[3]

    if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
      throw new TypeError('Invalid major version')
    }

    if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
      throw new TypeError('Invalid minor version')
    }

    if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
      throw new TypeError('Invalid patch version')
    }

    // numberify any prerelease numeric ids
    if (!m[4]) {
      this.prerelease = []
    } else {
      this.prerelease = m[4].split('.').map((id) => {
        if (/^[0-9]+$/.test(id)) {
          const num = +id
          if (num >= 0 && num < MAX_SAFE_INTEGER) {
            return num
          }
        }
        return id
      })
    }

    this.build = m[5] ? m[5].split('.') : []
    this.format()
  }

  format () {
    this.version = `${this.major}.${this.minor}.${this.patch}`
    if (this.prerelease.length) {
      this.version += `-${this.prerelease.join('.')}`
    }
    return this.version
  }

  toString () {
    return this.version
  }

  compare (other) {
    debug('SemVer.compare', this.version, this.options, other)
    if (!(other instanceof SemVer)) {
      if (typeof other === 'string' && other === this.version) {
        return 0
      }
      other = new SemVer(other, this.options)
    }

    if (other.version === this.version) {
      return 0
    }

    return this.compareMain(other) || this.comparePre(other)
  }

  compareMain (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    if (this.major < other.major) {
      return -1
    }
    if (this.major > other.major) {
      return 1
    }
    if (this.minor < other.minor) {
      return -1
    }
    if (this.minor > other.minor) {
      return 1
    }
    if (this.patch < other.patch) {
      return -1
    }
    if (this.patch > other.patch) {
      return 1
    }
    return 0
  }

  comparePre (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    // NOT having a prerelease is > having one
    if (this.prerelease.length && !other.prerelease.length) {
      return -1
    } else if (!this.prerelease.length && other.prerelease.length) {
      return 1
    } else if (!this.prerelease.length && !other.prerelease.length) {
      return 0
    }

    let i = 0
    do {
      const a = this.prerelease[i]
      const b = other.prerelease[i]
      debug('prerelease compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  compareBuild (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    let i = 0
    do {
      const a = this.build[i]
      const b = other.build[i]
      debug('build compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  // preminor will bump the version up to the next minor release, and immediately
  // down to pre-release. premajor and prepatch work the same way.
  inc (release, identifier, identifierBase) {
    if (release.startsWith('pre')) {
      if (!identifier && identifierBase === false) {
        throw new Error('invalid increment argument: identifier is empty')
      }
      // Avoid an invalid semver results
      if (identifier) {
        const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE])
        if (!match || match[1] !== identifier) {
          throw new Error(`invalid identifier: ${identifier}`)
        }
      }
    }

    switch (release) {
      case 'premajor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor = 0
        this.major++
        this.inc('pre', identifier, identifierBase)
        break
      case 'preminor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor++
        this.inc('pre', identifier, identifierBase)
        break
      case 'prepatch':
        // If this is already a prerelease, it will bump to the next version
        // drop any prereleases that might already exist, since they are not
        // relevant at this point.
        this.prerelease.length = 0
        this.inc('patch', identifier, identifierBase)
        this.inc('pre', identifier, identifierBase)
        break
      // If the input is a non-prerelease version, this acts the same as
      // prepatch.
      case 'prerelease':
        if (this.prerelease.length === 0) {
          this.inc('patch', identifier, identifierBase)
        }
        this.inc('pre', identifier, identifierBase)
        break
      case 'release':
        if (this.prerelease.length === 0) {
          throw new Error(`version ${this.raw} is not a prerelease`)
        }
        this.prerelease.length = 0
        break

      case 'major':
        // If this is a pre-major version, bump up to the same major version.
        // Otherwise increment major.
        // 1.0.0-5 bumps to 1.0.0
        // 1.1.0 bumps to 2.0.0
        if (
          this.minor !== 0 ||
          this.patch !== 0 ||
          this.prerelease.length === 0
        ) {
          this.major++
        }
        this.minor = 0
        this.patch = 0
        this.prerelease = []
        break
      case 'minor':
        // If this is a pre-minor version, bump up to the same minor version.
        // Otherwise increment minor.
        // 1.2.0-5 bumps to 1.2.0
        // 1.2.1 bumps to 1.3.0
        if (this.patch !== 0 || this.prerelease.length === 0) {
          this.minor++
        }
        this.patch = 0
        this.prerelease = []
        break
      case 'patch':
        // If this is not a pre-release version, it will increment the patch.
        // If it is a pre-release it will bump up to the same patch version.
        // 1.2.0-5 patches to 1.2.0
        // 1.2.0 patches to 1.2.1
        if (this.prerelease.length === 0) {
          this.patch++
        }
        this.prerelease = []
        break
      // This probably shouldn't be used publicly.
      // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
      case 'pre': {
        const base = Number(identifierBase) ? 1 : 0

        if (this.prerelease.length === 0) {
          this.prerelease = [base]
        } else {
          let i = this.prerelease.length
          while (--i >= 0) {
            if (typeof this.prerelease[i] === 'number') {
              this.prerelease[i]++
              i = -2
            }
          }
          if (i === -1) {
            // didn't increment anything
            if (identifier === this.prerelease.join('.') && identifierBase === false) {
              throw new Error('invalid increment argument: identifier already exists')
            }
            this.prerelease.push(base)
          }
        }
        if (identifier) {
          // 1.2.0-beta.1 bumps to 1.2.0-beta.2,
          // 1.2.0-beta.fooblz or 1.2.0-beta bumps to 1.2.0-beta.0
          let prerelease = [identifier, base]
          if (identifierBase === false) {
            prerelease = [identifier]
          }
          if (isPrereleaseIdentifier(this.prerelease, identifier)) {
            const prereleaseBase = this.prerelease[identifier.split('.').length]
            if (isNaN(prereleaseBase)) {
              this.prerelease = prerelease
            }
          } else {
            this.prerelease = prerelease
          }
        }
        break
      }
      default:
        throw new Error(`invalid increment argument: ${release}`)
    }
    this.raw = this.format()
    if (this.build.length) {
      this.raw += `+${this.build.join('.')}`
    }
    return this
  }
}

module.exports = SemVer


/***/ }),

/***/ 1799:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const clean = (version, options) => {
  const s = parse(version.trim().replace(/^[=v]+/, ''), options)
  return s ? s.version : null
}
module.exports = clean


/***/ }),

/***/ 8646:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const eq = __nccwpck_require__(5082)
const neq = __nccwpck_require__(4974)
const gt = __nccwpck_require__(6599)
const gte = __nccwpck_require__(1236)
const lt = __nccwpck_require__(3872)
const lte = __nccwpck_require__(6717)

const cmp = (a, op, b, loose) => {
  switch (op) {
    case '===':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a === b

    case '!==':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a !== b

    case '':
    case '=':
    case '==':
      return eq(a, b, loose)

    case '!=':
      return neq(a, b, loose)

    case '>':
      return gt(a, b, loose)

    case '>=':
      return gte(a, b, loose)

    case '<':
      return lt(a, b, loose)

    case '<=':
      return lte(a, b, loose)

    default:
      throw new TypeError(`Invalid operator: ${op}`)
  }
}
module.exports = cmp


/***/ }),

/***/ 5385:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = __nccwpck_require__(6353)
const { safeRe: re, t } = __nccwpck_require__(5471)

const coerce = (version, options) => {
  if (version instanceof SemVer) {
    return version
  }

  if (typeof version === 'number') {
    version = String(version)
  }

  if (typeof version !== 'string') {
    return null
  }

  options = options || {}

  let match = null
  if (!options.rtl) {
    match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE])
  } else {
    // Find the right-most coercible string that does not share
    // a terminus with a more left-ward coercible string.
    // Eg, '1.2.3.4' wants to coerce '2.3.4', not '3.4' or '4'
    // With includePrerelease option set, '1.2.3.4-rc' wants to coerce '2.3.4-rc', not '2.3.4'
    //
    // Walk through the string checking with a /g regexp
    // Manually set the index so as to pick up overlapping matches.
    // Stop when we get a match that ends at the string end, since no
    // coercible string can be more right-ward without the same terminus.
    const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL]
    let next
    while ((next = coerceRtlRegex.exec(version)) &&
        (!match || match.index + match[0].length !== version.length)
    ) {
      if (!match ||
            next.index + next[0].length !== match.index + match[0].length) {
        match = next
      }
      coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length
    }
    // leave it in a clean state
    coerceRtlRegex.lastIndex = -1
  }

  if (match === null) {
    return null
  }

  const major = match[2]
  const minor = match[3] || '0'
  const patch = match[4] || '0'
  const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : ''
  const build = options.includePrerelease && match[6] ? `+${match[6]}` : ''

  return parse(`${major}.${minor}.${patch}${prerelease}${build}`, options)
}
module.exports = coerce


/***/ }),

/***/ 7648:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compareBuild = (a, b, loose) => {
  const versionA = new SemVer(a, loose)
  const versionB = new SemVer(b, loose)
  return versionA.compare(versionB) || versionA.compareBuild(versionB)
}
module.exports = compareBuild


/***/ }),

/***/ 6874:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const compareLoose = (a, b) => compare(a, b, true)
module.exports = compareLoose


/***/ }),

/***/ 8469:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compare = (a, b, loose) =>
  new SemVer(a, loose).compare(new SemVer(b, loose))

module.exports = compare


/***/ }),

/***/ 711:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)

const diff = (version1, version2) => {
  const v1 = parse(version1, null, true)
  const v2 = parse(version2, null, true)
  const comparison = v1.compare(v2)

  if (comparison === 0) {
    return null
  }

  const v1Higher = comparison > 0
  const highVersion = v1Higher ? v1 : v2
  const lowVersion = v1Higher ? v2 : v1
  const highHasPre = !!highVersion.prerelease.length
  const lowHasPre = !!lowVersion.prerelease.length

  if (lowHasPre && !highHasPre) {
    // Going from prerelease -> no prerelease requires some special casing

    // If the low version has only a major, then it will always be a major
    // Some examples:
    // 1.0.0-1 -> 1.0.0
    // 1.0.0-1 -> 1.1.1
    // 1.0.0-1 -> 2.0.0
    if (!lowVersion.patch && !lowVersion.minor) {
      return 'major'
    }

    // If the main part has no difference
    if (lowVersion.compareMain(highVersion) === 0) {
      if (lowVersion.minor && !lowVersion.patch) {
        return 'minor'
      }
      return 'patch'
    }
  }

  // add the `pre` prefix if we are going to a prerelease version
  const prefix = highHasPre ? 'pre' : ''

  if (v1.major !== v2.major) {
    return prefix + 'major'
  }

  if (v1.minor !== v2.minor) {
    return prefix + 'minor'
  }

  if (v1.patch !== v2.patch) {
    return prefix + 'patch'
  }

  // high and low are prereleases
  return 'prerelease'
}

module.exports = diff


/***/ }),

/***/ 5082:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const eq = (a, b, loose) => compare(a, b, loose) === 0
module.exports = eq


/***/ }),

/***/ 6599:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gt = (a, b, loose) => compare(a, b, loose) > 0
module.exports = gt


/***/ }),

/***/ 1236:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gte = (a, b, loose) => compare(a, b, loose) >= 0
module.exports = gte


/***/ }),

/***/ 2338:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)

const inc = (version, release, options, identifier, identifierBase) => {
  if (typeof (options) === 'string') {
    identifierBase = identifier
    identifier = options
    options = undefined
  }

  try {
    return new SemVer(
      version instanceof SemVer ? version.version : version,
      options
    ).inc(release, identifier, identifierBase).version
  } catch (er) {
    return null
  }
}
module.exports = inc


/***/ }),

/***/ 3872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lt = (a, b, loose) => compare(a, b, loose) < 0
module.exports = lt


/***/ }),

/***/ 6717:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lte = (a, b, loose) => compare(a, b, loose) <= 0
module.exports = lte


/***/ }),

/***/ 8511:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const major = (a, loose) => new SemVer(a, loose).major
module.exports = major


/***/ }),

/***/ 2603:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const minor = (a, loose) => new SemVer(a, loose).minor
module.exports = minor


/***/ }),

/***/ 4974:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const neq = (a, b, loose) => compare(a, b, loose) !== 0
module.exports = neq


/***/ }),

/***/ 6353:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = (version, options, throwErrors = false) => {
  if (version instanceof SemVer) {
    return version
  }
  try {
    return new SemVer(version, options)
  } catch (er) {
    if (!throwErrors) {
      return null
    }
    throw er
  }
}

module.exports = parse


/***/ }),

/***/ 8756:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const patch = (a, loose) => new SemVer(a, loose).patch
module.exports = patch


/***/ }),

/***/ 5714:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const prerelease = (version, options) => {
  const parsed = parse(version, options)
  return (parsed && parsed.prerelease.length) ? parsed.prerelease : null
}
module.exports = prerelease


/***/ }),

/***/ 2173:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const rcompare = (a, b, loose) => compare(b, a, loose)
module.exports = rcompare


/***/ }),

/***/ 7192:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compareBuild = __nccwpck_require__(7648)
const rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose))
module.exports = rsort


/***/ }),

/***/ 8011:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const satisfies = (version, range, options) => {
  try {
    range = new Range(range, options)
  } catch (er) {
    return false
  }
  return range.test(version)
}
module.exports = satisfies


/***/ }),

/***/ 9872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compareBuild = __nccwpck_require__(7648)
const sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose))
module.exports = sort


/***/ }),

/***/ 6114:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const constants = __nccwpck_require__(5101)
const SemVer = __nccwpck_require__(7163)

const truncate = (version, truncation, options) => {
  if (!constants.RELEASE_TYPES.includes(truncation)) {
    return null
  }

  const clonedVersion = cloneInputVersion(version, options)
  return clonedVersion && doTruncation(clonedVersion, truncation)
}

const cloneInputVersion = (version, options) => {
  const versionStringToParse = (
    version instanceof SemVer ? version.version : version
  )

  return parse(versionStringToParse, options)
}

const doTruncation = (version, truncation) => {
  if (isPrerelease(truncation)) {
    return version.version
  }

  version.prerelease = []

  switch (truncation) {
    case 'major':
      version.minor = 0
      version.patch = 0
      break
    case 'minor':
      version.patch = 0
      break
  }

  return version.format()
}

const isPrerelease = (type) => {
  return type.startsWith('pre')
}

module.exports = truncate


/***/ }),

/***/ 8780:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const valid = (version, options) => {
  const v = parse(version, options)
  return v ? v.version : null
}
module.exports = valid


/***/ }),

/***/ 2088:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// just pre-load all the stuff that index.js lazily exports
const internalRe = __nccwpck_require__(5471)
const constants = __nccwpck_require__(5101)
const SemVer = __nccwpck_require__(7163)
const identifiers = __nccwpck_require__(3348)
const parse = __nccwpck_require__(6353)
const valid = __nccwpck_require__(8780)
const clean = __nccwpck_require__(1799)
const inc = __nccwpck_require__(2338)
const diff = __nccwpck_require__(711)
const major = __nccwpck_require__(8511)
const minor = __nccwpck_require__(2603)
const patch = __nccwpck_require__(8756)
const prerelease = __nccwpck_require__(5714)
const compare = __nccwpck_require__(8469)
const rcompare = __nccwpck_require__(2173)
const compareLoose = __nccwpck_require__(6874)
const compareBuild = __nccwpck_require__(7648)
const sort = __nccwpck_require__(9872)
const rsort = __nccwpck_require__(7192)
const gt = __nccwpck_require__(6599)
const lt = __nccwpck_require__(3872)
const eq = __nccwpck_require__(5082)
const neq = __nccwpck_require__(4974)
const gte = __nccwpck_require__(1236)
const lte = __nccwpck_require__(6717)
const cmp = __nccwpck_require__(8646)
const coerce = __nccwpck_require__(5385)
const truncate = __nccwpck_require__(6114)
const Comparator = __nccwpck_require__(9379)
const Range = __nccwpck_require__(6782)
const satisfies = __nccwpck_require__(8011)
const toComparators = __nccwpck_require__(4750)
const maxSatisfying = __nccwpck_require__(3193)
const minSatisfying = __nccwpck_require__(8595)
const minVersion = __nccwpck_require__(1866)
const validRange = __nccwpck_require__(4737)
const outside = __nccwpck_require__(280)
const gtr = __nccwpck_require__(2276)
const ltr = __nccwpck_require__(5213)
const intersects = __nccwpck_require__(3465)
const simplifyRange = __nccwpck_require__(2028)
const subset = __nccwpck_require__(1489)
module.exports = {
  parse,
  valid,
  clean,
  inc,
  diff,
  major,
  minor,
  patch,
  prerelease,
  compare,
  rcompare,
  compareLoose,
  compareBuild,
  sort,
  rsort,
  gt,
  lt,
  eq,
  neq,
  gte,
  lte,
  cmp,
  coerce,
  truncate,
  Comparator,
  Range,
  satisfies,
  toComparators,
  maxSatisfying,
  minSatisfying,
  minVersion,
  validRange,
  outside,
  gtr,
  ltr,
  intersects,
  simplifyRange,
  subset,
  SemVer,
  re: internalRe.re,
  src: internalRe.src,
  tokens: internalRe.t,
  SEMVER_SPEC_VERSION: constants.SEMVER_SPEC_VERSION,
  RELEASE_TYPES: constants.RELEASE_TYPES,
  compareIdentifiers: identifiers.compareIdentifiers,
  rcompareIdentifiers: identifiers.rcompareIdentifiers,
}


/***/ }),

/***/ 5101:
/***/ ((module) => {



// Note: this is the semver.org version of the spec that it implements
// Not necessarily the package version of this code.
const SEMVER_SPEC_VERSION = '2.0.0'

const MAX_LENGTH = 256
const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER ||
/* istanbul ignore next */ 9007199254740991

// Max safe segment length for coercion.
const MAX_SAFE_COMPONENT_LENGTH = 16

// Max safe length for a build identifier. The max length minus 6 characters for
// the shortest version with a build 0.0.0+BUILD.
const MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6

// ECMAScript whitespace and line terminators matched by \s.
const WHITESPACE_CHARACTERS = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
]

const RELEASE_TYPES = [
  'major',
  'premajor',
  'minor',
  'preminor',
  'patch',
  'prepatch',
  'prerelease',
]

module.exports = {
  MAX_LENGTH,
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_SAFE_INTEGER,
  WHITESPACE_CHARACTERS,
  RELEASE_TYPES,
  SEMVER_SPEC_VERSION,
  FLAG_INCLUDE_PRERELEASE: 0b001,
  FLAG_LOOSE: 0b010,
}


/***/ }),

/***/ 1159:
/***/ ((module) => {



const debug = (
  typeof process === 'object' &&
  process.env &&
  process.env.NODE_DEBUG &&
  /\bsemver\b/i.test(process.env.NODE_DEBUG)
) ? (...args) => console.error('SEMVER', ...args)
  : () => {}

module.exports = debug


/***/ }),

/***/ 3348:
/***/ ((module) => {



const numeric = /^[0-9]+$/
const compareIdentifiers = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b ? 0 : a < b ? -1 : 1
  }

  const anum = numeric.test(a)
  const bnum = numeric.test(b)

  if (anum && bnum) {
    a = +a
    b = +b
  }

  return a === b ? 0
    : (anum && !bnum) ? -1
    : (bnum && !anum) ? 1
    : a < b ? -1
    : 1
}

const rcompareIdentifiers = (a, b) => compareIdentifiers(b, a)

module.exports = {
  compareIdentifiers,
  rcompareIdentifiers,
}


/***/ }),

/***/ 1383:
/***/ ((module) => {



class LRUCache {
  constructor () {
    this.max = 1000
    this.map = new Map()
  }

  get (key) {
    const value = this.map.get(key)
    if (value === undefined) {
      return undefined
    } else {
      // Remove the key from the map and add it to the end
      this.map.delete(key)
      this.map.set(key, value)
      return value
    }
  }

  delete (key) {
    return this.map.delete(key)
  }

  set (key, value) {
    const deleted = this.delete(key)

    if (!deleted && value !== undefined) {
      // If cache is full, delete the least recently used item
      if (this.map.size >= this.max) {
        const firstKey = this.map.keys().next().value
        this.delete(firstKey)
      }

      this.map.set(key, value)
    }

    return this
  }
}

module.exports = LRUCache


/***/ }),

/***/ 356:
/***/ ((module) => {



// parse out just the options we care about
const looseOption = Object.freeze({ loose: true })
const emptyOpts = Object.freeze({ })
const parseOptions = options => {
  if (!options) {
    return emptyOpts
  }

  if (typeof options !== 'object') {
    return looseOption
  }

  return options
}
module.exports = parseOptions


/***/ }),

/***/ 5471:
/***/ ((module, exports, __nccwpck_require__) => {



const {
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_LENGTH,
} = __nccwpck_require__(5101)
const debug = __nccwpck_require__(1159)
exports = module.exports = {}

// The actual regexps go on exports.re
const re = exports.re = []
const safeRe = exports.safeRe = []
const src = exports.src = []
const safeSrc = exports.safeSrc = []
const t = exports.t = {}
let R = 0

const LETTERDASHNUMBER = '[a-zA-Z0-9-]'

// Replace some greedy regex tokens to prevent regex dos issues. These regex are
// used internally via the safeRe object since all inputs in this library get
// normalized first to trim and collapse all extra whitespace. The original
// regexes are exported for userland consumption and lower level usage. A
// future breaking change could export the safer regex only with a note that
// all input should have extra whitespace removed.
const safeRegexReplacements = [
  ['\\s', 1],
  ['\\d', MAX_LENGTH],
  [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH],
]

const makeSafeRegex = (value) => {
  for (const [token, max] of safeRegexReplacements) {
    value = value
      .split(`${token}*`).join(`${token}{0,${max}}`)
      .split(`${token}+`).join(`${token}{1,${max}}`)
  }
  return value
}

const createToken = (name, value, isGlobal) => {
  const safe = makeSafeRegex(value)
  const index = R++
  debug(name, index, value)
  t[name] = index
  src[index] = value
  safeSrc[index] = safe
  re[index] = new RegExp(value, isGlobal ? 'g' : undefined)
  safeRe[index] = new RegExp(safe, isGlobal ? 'g' : undefined)
}

// The following Regular Expressions can be used for tokenizing,
// validating, and parsing SemVer version strings.

// ## Numeric Identifier
// A single `0`, or a non-zero digit followed by zero or more digits.

createToken('NUMERICIDENTIFIER', '0|[1-9]\\d*')
createToken('NUMERICIDENTIFIERLOOSE', '\\d+')

// ## Non-numeric Identifier
// Zero or more digits, followed by a letter or hyphen, and then zero or
// more letters, digits, or hyphens.

createToken('NONNUMERICIDENTIFIER', `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`)

// ## Main Version
// Three dot-separated numeric identifiers.

createToken('MAINVERSION', `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})`)

createToken('MAINVERSIONLOOSE', `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version Identifier
// A numeric identifier, or a non-numeric identifier.
// Non-numeric identifiers include numeric identifiers but can be longer.
// Therefore non-numeric identifiers must go first.

createToken('PRERELEASEIDENTIFIER', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIER]})`)

createToken('PRERELEASEIDENTIFIERLOOSE', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version
// Hyphen, followed by one or more dot-separated pre-release version
// identifiers.

createToken('PRERELEASE', `(?:-(${src[t.PRERELEASEIDENTIFIER]
}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`)

createToken('PRERELEASELOOSE', `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]
}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`)

// ## Build Metadata Identifier
// Any combination of digits, letters, or hyphens.

createToken('BUILDIDENTIFIER', `${LETTERDASHNUMBER}+`)

// ## Build Metadata
// Plus sign, followed by one or more period-separated build metadata
// identifiers.

createToken('BUILD', `(?:\\+(${src[t.BUILDIDENTIFIER]
}(?:\\.${src[t.BUILDIDENTIFIER]})*))`)

// ## Full Version String
// A main version, followed optionally by a pre-release version and
// build metadata.

// Note that the only major, minor, patch, and pre-release sections of
// the version string are capturing groups.  The build metadata is not a
// capturing group, because it should not ever be used in version
// comparison.

createToken('FULLPLAIN', `v?${src[t.MAINVERSION]
}${src[t.PRERELEASE]}?${
  src[t.BUILD]}?`)

createToken('FULL', `^${src[t.FULLPLAIN]}$`)

// like full, but allows v1.2.3 and =1.2.3, which people do sometimes.
// also, 1.0.0alpha1 (prerelease without the hyphen) which is pretty
// common in the npm registry.
createToken('LOOSEPLAIN', `[v=\\s]*${src[t.MAINVERSIONLOOSE]
}${src[t.PRERELEASELOOSE]}?${
  src[t.BUILD]}?`)

createToken('LOOSE', `^${src[t.LOOSEPLAIN]}$`)

createToken('GTLT', '((?:<|>)?=?)')

// Something like "2.*" or "1.2.x".
// Note that "x.x" is a valid xRange identifier, meaning "any version"
// Only the first item is strictly required.
createToken('XRANGEIDENTIFIERLOOSE', `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`)
createToken('XRANGEIDENTIFIER', `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`)

createToken('XRANGEPLAIN', `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:${src[t.PRERELEASE]})?${
                     src[t.BUILD]}?` +
                   `)?)?`)

createToken('XRANGEPLAINLOOSE', `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:${src[t.PRERELEASELOOSE]})?${
                          src[t.BUILD]}?` +
                        `)?)?`)

createToken('XRANGE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`)
createToken('XRANGELOOSE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`)

// Coercion.
// Extract anything that could conceivably be a part of a valid semver
createToken('COERCEPLAIN', `${'(^|[^\\d])' +
              '(\\d{1,'}${MAX_SAFE_COMPONENT_LENGTH}})` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`)
createToken('COERCE', `${src[t.COERCEPLAIN]}(?:$|[^\\d])`)
createToken('COERCEFULL', src[t.COERCEPLAIN] +
              `(?:${src[t.PRERELEASE]})?` +
              `(?:${src[t.BUILD]})?` +
              `(?:$|[^\\d])`)
createToken('COERCERTL', src[t.COERCE], true)
createToken('COERCERTLFULL', src[t.COERCEFULL], true)

// Tilde ranges.
// Meaning is "reasonably at or greater than"
createToken('LONETILDE', '(?:~>?)')

createToken('TILDETRIM', `(\\s*)${src[t.LONETILDE]}\\s+`, true)
exports.tildeTrimReplace = '$1~'

createToken('TILDE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`)
createToken('TILDELOOSE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`)

// Caret ranges.
// Meaning is "at least and backwards compatible with"
createToken('LONECARET', '(?:\\^)')

createToken('CARETTRIM', `(\\s*)${src[t.LONECARET]}\\s+`, true)
exports.caretTrimReplace = '$1^'

createToken('CARET', `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`)
createToken('CARETLOOSE', `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`)

// A simple gt/lt/eq thing, or just "" to indicate "any version"
createToken('COMPARATORLOOSE', `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`)
createToken('COMPARATOR', `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`)

// An expression to strip any whitespace between the gtlt and the thing
// it modifies, so that `> 1.2.3` ==> `>1.2.3`
createToken('COMPARATORTRIM', `(\\s*)${src[t.GTLT]
}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true)
exports.comparatorTrimReplace = '$1$2$3'

// Something like `1.2.3 - 1.2.4`
// Note that these all use the loose form, because they'll be
// checked against either the strict or loose comparator form
// later.
createToken('HYPHENRANGE', `^\\s*(${src[t.XRANGEPLAIN]})` +
                   `\\s+-\\s+` +
                   `(${src[t.XRANGEPLAIN]})` +
                   `\\s*$`)

createToken('HYPHENRANGELOOSE', `^\\s*(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s+-\\s+` +
                        `(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s*$`)

// Star ranges basically just allow anything at all.
createToken('STAR', '(<|>)?=?\\s*\\*')
// >=0.0.0 is like a star
createToken('GTE0', '^\\s*>=\\s*0\\.0\\.0\\s*$')
createToken('GTE0PRE', '^\\s*>=\\s*0\\.0\\.0-0\\s*$')


/***/ }),

/***/ 9737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// @ts-check


// Reproduce safeRe[COMPARATORTRIM] replacement boundaries, not version
// validation. Each end-index finder returns an exclusive end, or its start
// on no match.
// Positions count from zero. An end of 3 means characters 0, 1, and 2 were read;
// range.slice(start, end) gives the matched text, not a converted number.
const {
  MAX_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  WHITESPACE_CHARACTERS,
} = __nccwpck_require__(5101)

/**
 * Remembers the last two rows of digits so their characters need not be reread.
 * Positions start at -1 until a row has been found.
 *
 * @typedef {object} DigitRunCache
 * @property {number} start The first character of the most recently found row.
 * @property {number} end The position after that row's last character.
 * @property {number} previousStart The first character of the previous row.
 * @property {number} previousEnd The position after the previous row.
 */

// One entry per UTF-16 code unit keeps membership checks constant-time.
const whitespace = new Uint8Array(0x10000)
for (const char of WHITESPACE_CHARACTERS) {
  whitespace[char.charCodeAt(0)] = 1
}

/**
 * Checks whether a character is whitespace, like a space, tab, or newline.
 * Looking past the end of the string returns false.
 *
 * @param {string|undefined} char One character, or undefined past the string's end.
 * @returns {boolean} Whether the character is whitespace.
 * @example isWhitespace(' ') // true
 * @example isWhitespace('1') // false
 */
const isWhitespace = char =>
  char !== undefined && whitespace[char.charCodeAt(0)] === 1

/**
 * Checks for v, =, or whitespace before the version number.
 * These are historical version prefixes, not range operators:
 * < and > are handled separately, as are tilde and caret ranges.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can belong to a version prefix.
 * @example isVersionPrefix('=') // true
 * @example isVersionPrefix('>') // false
 */
const isVersionPrefix = char =>
  char === 'v' ||
  char === '=' ||
  isWhitespace(char)

/**
 * Checks whether a character is one of the digits 0 through 9.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII digit.
 * @example isDigit('7') // true
 * @example isDigit('.') // false
 */
const isDigit = char => char !== undefined && char >= '0' && char <= '9'

/**
 * Checks whether a character is an English letter, uppercase or lowercase.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII letter.
 * @example isLetter('b') // true
 * @example isLetter('7') // false
 */
const isLetter = char =>
  char !== undefined && (
    (char >= 'a' && char <= 'z') ||
    (char >= 'A' && char <= 'Z')
  )

/**
 * Checks for a letter, digit, or hyphen: the characters allowed inside
 * prerelease and build names such as beta-1.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can be part of an identifier.
 * @example isIdentifierCharacter('-') // true
 * @example isIdentifierCharacter('.') // false; dots separate identifiers
 */
const isIdentifierCharacter = char => isDigit(char) || isLetter(char) || char === '-'

/**
 * Checks whether a version component can begin here: with a digit or
 * a wildcard such as x, X, or *.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether a number or wildcard can start with this character.
 * @example isVersionStart('x') // true
 * @example isVersionStart('v') // false; v belongs to the prefix
 */
const isVersionStart = char =>
  isDigit(char) ||
  char === 'x' ||
  char === 'X' ||
  char === '*'

/**
 * Finds the end of a row of digits, but returns no more than limit digits.
 * Remembers the last two rows so looking at them again does not reread them.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first character to check.
 * @param {number} limit The most digit characters the returned match can include.
 * @param {DigitRunCache} digitRuns Shared cache of digit-run positions, updated in place.
 * @returns {number} The position after the matched digits, or start if none match.
 * @example findDigitsEndIndex('123abc', 0, 10, digitRuns) // 3, pointing at a
 * @example findDigitsEndIndex('123abc', 0, 2, digitRuns) // 2, pointing at the unread 3
 */
const findDigitsEndIndex = (range, start, limit, digitRuns) => {
  if (!isDigit(range[start])) {
    return start
  }
  if (start >= digitRuns.start && start < digitRuns.end) {
    return Math.min(start + limit, digitRuns.end)
  }
  if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
    return Math.min(start + limit, digitRuns.previousEnd)
  }
  let end = start + 1
  while (isDigit(range[end])) {
    end++
  }
  // A failed full version can rewind from its second run to its first.
  digitRuns.previousStart = digitRuns.start
  digitRuns.previousEnd = digitRuns.end
  digitRuns.start = start
  digitRuns.end = end
  return Math.min(start + limit, end)
}

/**
 * Reads a number using the old regex's length and leading-zero rules.
 * Strict mode reads just the first zero in 012; loose mode can read all three.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the number should begin.
 * @param {boolean} loose Whether to allow leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched digits, not their numeric value.
 * @example findVersionNumberEndIndex('012', 0, false, digitRuns) // 1
 * @example findVersionNumberEndIndex('012', 0, true, digitRuns) // 3
 */
const findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
  if (!loose && range[start] === '0') {
    return start + 1
  }
  // Strict syntax allows an initial nonzero digit plus MAX_LENGTH digits.
  return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns)
}

/**
 * Reads one piece of a prerelease name, such as beta or 1 in beta.1.
 * Tries the letter-or-hyphen form first, then the number-only form.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @param {boolean} loose Whether numeric identifiers may have leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findPrereleaseIdentifierEndIndex('beta.1', 0, false, digitRuns) // 4, at the dot
 * @example findPrereleaseIdentifierEndIndex('001beta', 0, false, digitRuns) // 7
 */
const findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
  const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns)
  // The legacy regex tries a nonnumeric identifier before a numeric one.
  if (isLetter(range[digitsEnd]) || range[digitsEnd] === '-') {
    let end = digitsEnd + 1
    const limit = end + MAX_SAFE_BUILD_LENGTH
    while (end < limit && isIdentifierCharacter(range[end])) {
      end++
    }
    return end
  }
  return findVersionNumberEndIndex(range, start, loose, digitRuns)
}

/**
 * Reads a prerelease suffix such as -beta.1, one dot-separated piece at a time.
 * Loose mode also allows the name without its opening hyphen.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the suffix should begin, including -.
 * @param {boolean} loose Whether the opening hyphen is optional and zeros allowed.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched suffix, or start if absent.
 * @example findPrereleaseEndIndex('-beta.1+sha', 0, false, digitRuns) // 7, at the plus
 * @example findPrereleaseEndIndex('beta', 0, false, digitRuns) // 0; no opening hyphen
 */
const findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
  const hyphen = range[start] === '-'
  if (!loose && !hyphen) {
    return start
  }
  const identifierStart = start + (hyphen ? 1 : 0)
  let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns)
  if (end === identifierStart) {
    if (!loose || !hyphen) {
      return start
    }
    // In loose syntax, a lone hyphen can itself be the identifier.
    end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns)
  }
  while (range[end] === '.') {
    const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads one build-name piece, such as sha or 123 in +sha.123.
 * Stops at a disallowed character or the old regex's length limit.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findBuildIdentifierEndIndex('sha.123', 0) // 3, at the dot
 * @example findBuildIdentifierEndIndex('001', 0) // 3; leading zeros are allowed
 */
const findBuildIdentifierEndIndex = (range, start) => {
  let end = start
  while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
    end++
  }
  return end
}

/**
 * Reads optional build metadata such as +sha.123.
 * Leaves the position unchanged if there is no plus sign followed by a name.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the opening + should be.
 * @returns {number} The position after the matched metadata, or start if absent.
 * @example findBuildEndIndex('+sha.123 <2', 0) // 8, at the space
 * @example findBuildEndIndex('+', 0) // 0; a plus sign alone is not a match
 */
const findBuildEndIndex = (range, start) => {
  if (range[start] !== '+') {
    return start
  }
  let end = findBuildIdentifierEndIndex(range, start + 1)
  if (end === start + 1) {
    return start
  }
  while (range[end] === '.') {
    const next = findBuildIdentifierEndIndex(range, end + 1)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads three numbers separated by dots, then any prerelease and build suffixes.
 * Uses loose rules, so forms such as 01.02.03beta can match here.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first number, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the version match, or start if none matches.
 * @example findLooseFullVersionEndIndex('1.2.3-beta+sha <2', 0, digitRuns) // 14
 * @example findLooseFullVersionEndIndex('1.2', 0, digitRuns) // 0; needs three numbers
 */
const findLooseFullVersionEndIndex = (range, start, digitRuns) => {
  let end = start
  for (let component = 0; component < 3; component++) {
    const next = findVersionNumberEndIndex(range, end, true, digitRuns)
    if (next === end) {
      return start
    }
    end = next
    if (component < 2) {
      if (range[end] !== '.') {
        return start
      }
      end++
    }
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Reads one component of a partial or wildcard version, such as 2 or x in 2.x.
 * Numbers use strict leading-zero rules; wildcards take up one character.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the component should begin.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the component, or start if none matches.
 * @example findPartialVersionComponentEndIndex('2.x', 0, digitRuns) // 1, at the dot
 * @example findPartialVersionComponentEndIndex('2.x', 2, digitRuns) // 3, after x
 */
const findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
  if (isDigit(range[start])) {
    return findVersionNumberEndIndex(range, start, false, digitRuns)
  }
  return isVersionStart(range[start]) ? start + 1 : start
}

/**
 * Reads up to three components, allowing forms such as 1, 1.2, or 1.x.
 * After the third component, also reads any strict prerelease and build suffixes.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched version text.
 * @example findPartialVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 * @example findPartialVersionEndIndex('1.', 0, digitRuns) // 1; the trailing dot is unread
 */
const findPartialVersionEndIndex = (range, start, digitRuns) => {
  let end = findPartialVersionComponentEndIndex(range, start, digitRuns)
  for (let component = 0; component < 2; component++) {
    if (range[end] !== '.') {
      return end
    }
    const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns)
    if (next === end + 1) {
      return end
    }
    end = next
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Finds where a version match ends, without deciding whether the range is valid.
 * Tries a loose full version first, then a partial or wildcard version, just
 * like the old regex's LOOSEPLAIN and XRANGEPLAIN alternatives.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position where scanning the next candidate can resume.
 * @example findVersionEndIndex('1.2.3 <2', 0, digitRuns) // 5, at the space
 * @example findVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 */
const findVersionEndIndex = (range, start, digitRuns) => {
  const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns)
  return fullVersionEnd !== start
    ? fullVersionEnd
    : findPartialVersionEndIndex(range, start, digitRuns)
}

/**
 * Finds the one whitespace character the old replacement would remove.
 * Keeps leading whitespace, skips an optional operator, and checks immediately
 * after it. Returns -1 if there is nothing to remove.
 *
 * @param {string} range The text containing a candidate already found by the caller.
 * @param {number} matchStart The candidate's position, including leading whitespace.
 * @returns {number} The position of the removable whitespace, or -1 if absent.
 * @example findRemovableWhitespaceIndex(' > 1', 0) // 2; keep the space at position 0
 * @example findRemovableWhitespaceIndex('>1', 0) // -1
 */
const findRemovableWhitespaceIndex = (range, matchStart) => {
  let position = matchStart
  if (isWhitespace(range[position])) {
    position++
  }
  if (range[position] === '<' || range[position] === '>') {
    position++
  }
  if (range[position] === '=') {
    position++
  }
  return isWhitespace(range[position]) ? position : -1
}

/**
 * Joins an operator to its version, turning > 1.2.3 into >1.2.3.
 * Copies everything else according to the old regex's matching rules.
 * Moves forward through prefixes and whole versions to avoid repeatedly
 * searching the same characters on long inputs.
 *
 * @param {string} range The range text to process; the original string is unchanged.
 * @returns {string} The range with matched operator whitespace removed.
 * @example trimComparatorWhitespace('> 1.2.3 < 2') // '>1.2.3 <2'
 * @example trimComparatorWhitespace('> invalid') // '> invalid'
 */
const trimComparatorWhitespace = range => {
  let result = ''
  let copyFrom = 0
  let cursor = 0
  const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 }

  while (cursor < range.length) {
    const matchStart = cursor
    if (range[cursor] === '<' || range[cursor] === '>') {
      cursor++
    } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
      cursor++
      continue
    }

    // Consume a v/=/whitespace run once, even when no version follows it.
    while (cursor < range.length && isVersionPrefix(range[cursor])) {
      cursor++
    }
    if (!isVersionStart(range[cursor])) {
      continue
    }

    const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart)
    if (whitespacePosition !== -1) {
      result += range.slice(copyFrom, whitespacePosition)
      copyFrom = whitespacePosition + 1
    }

    // Skip the entire match, so a prerelease's trailing v cannot be
    // reconsidered as the prefix of another version.
    cursor = findVersionEndIndex(range, cursor, digitRuns)
  }

  return result + range.slice(copyFrom)
}

module.exports = trimComparatorWhitespace


/***/ }),

/***/ 2276:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// Determine if version is greater than all the versions possible in the range.
const outside = __nccwpck_require__(280)
const gtr = (version, range, options) => outside(version, range, '>', options)
module.exports = gtr


/***/ }),

/***/ 3465:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const intersects = (r1, r2, options) => {
  r1 = new Range(r1, options)
  r2 = new Range(r2, options)
  return r1.intersects(r2, options)
}
module.exports = intersects


/***/ }),

/***/ 5213:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const outside = __nccwpck_require__(280)
// Determine if version is less than all the versions possible in the range
const ltr = (version, range, options) => outside(version, range, '<', options)
module.exports = ltr


/***/ }),

/***/ 3193:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)

const maxSatisfying = (versions, range, options) => {
  let max = null
  let maxSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!max || maxSV.compare(v) === -1) {
        // compare(max, v, true)
        max = v
        maxSV = new SemVer(max, options)
      }
    }
  })
  return max
}
module.exports = maxSatisfying


/***/ }),

/***/ 8595:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)
const minSatisfying = (versions, range, options) => {
  let min = null
  let minSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!min || minSV.compare(v) === 1) {
        // compare(min, v, true)
        min = v
        minSV = new SemVer(min, options)
      }
    }
  })
  return min
}
module.exports = minSatisfying


/***/ }),

/***/ 1866:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)
const gt = __nccwpck_require__(6599)

const minVersion = (range, loose) => {
  range = new Range(range, loose)

  let minver = new SemVer('0.0.0')
  if (range.test(minver)) {
    return minver
  }

  minver = new SemVer('0.0.0-0')
  if (range.test(minver)) {
    return minver
  }

  minver = null
  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let setMin = null
    comparators.forEach((comparator) => {
      // Clone to avoid manipulating the comparator's semver object.
      const compver = new SemVer(comparator.semver.version)
      switch (comparator.operator) {
        case '>':
          if (compver.prerelease.length === 0) {
            compver.patch++
          } else {
            compver.prerelease.push(0)
          }
          compver.raw = compver.format()
          /* fallthrough */
        case '':
        case '>=':
          if (!setMin || gt(compver, setMin)) {
            setMin = compver
          }
          break
        case '<':
        case '<=':
          /* Ignore maximum versions */
          break
        /* istanbul ignore next */
        default:
          throw new Error(`Unexpected operation: ${comparator.operator}`)
      }
    })
    if (setMin && (!minver || gt(minver, setMin))) {
      minver = setMin
    }
  }

  if (minver && range.test(minver)) {
    return minver
  }

  return null
}
module.exports = minVersion


/***/ }),

/***/ 280:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Comparator = __nccwpck_require__(9379)
const { ANY } = Comparator
const Range = __nccwpck_require__(6782)
const satisfies = __nccwpck_require__(8011)
const gt = __nccwpck_require__(6599)
const lt = __nccwpck_require__(3872)
const lte = __nccwpck_require__(6717)
const gte = __nccwpck_require__(1236)

const outside = (version, range, hilo, options) => {
  version = new SemVer(version, options)
  range = new Range(range, options)

  let gtfn, ltefn, ltfn, comp, ecomp
  switch (hilo) {
    case '>':
      gtfn = gt
      ltefn = lte
      ltfn = lt
      comp = '>'
      ecomp = '>='
      break
    case '<':
      gtfn = lt
      ltefn = gte
      ltfn = gt
      comp = '<'
      ecomp = '<='
      break
    default:
      throw new TypeError('Must provide a hilo val of "<" or ">"')
  }

  // If it satisfies the range it is not outside
  if (satisfies(version, range, options)) {
    return false
  }

  // From now on, variable terms are as if we're in "gtr" mode.
  // but note that everything is flipped for the "ltr" function.

  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let high = null
    let low = null

    comparators.forEach((comparator) => {
      if (comparator.semver === ANY) {
        comparator = new Comparator('>=0.0.0')
      }
      high = high || comparator
      low = low || comparator
      if (gtfn(comparator.semver, high.semver, options)) {
        high = comparator
      } else if (ltfn(comparator.semver, low.semver, options)) {
        low = comparator
      }
    })

    // If the edge version comparator has a operator then our version
    // isn't outside it
    if (high.operator === comp || high.operator === ecomp) {
      return false
    }

    // If the lowest version comparator has an operator and our version
    // is less than it then it isn't higher than the range
    if ((!low.operator || low.operator === comp) &&
        ltefn(version, low.semver)) {
      return false
    } else if (low.operator === ecomp && ltfn(version, low.semver)) {
      return false
    }
  }
  return true
}

module.exports = outside


/***/ }),

/***/ 2028:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// given a set of versions and a range, create a "simplified" range
// that includes the same versions that the original range does
// If the original range is shorter than the simplified one, return that.
const satisfies = __nccwpck_require__(8011)
const compare = __nccwpck_require__(8469)
module.exports = (versions, range, options) => {
  const set = []
  let first = null
  let prev = null
  const v = versions.sort((a, b) => compare(a, b, options))
  for (const version of v) {
    const included = satisfies(version, range, options)
    if (included) {
      prev = version
      if (!first) {
        first = version
      }
    } else {
      if (prev) {
        set.push([first, prev])
      }
      prev = null
      first = null
    }
  }
  if (first) {
    set.push([first, null])
  }

  const ranges = []
  for (const [min, max] of set) {
    if (min === max) {
      ranges.push(min)
    } else if (!max && min === v[0]) {
      ranges.push('*')
    } else if (!max) {
      ranges.push(`>=${min}`)
    } else if (min === v[0]) {
      ranges.push(`<=${max}`)
    } else {
      ranges.push(`${min} - ${max}`)
    }
  }
  const simplified = ranges.join(' || ')
  const original = typeof range.raw === 'string' ? range.raw : String(range)
  return simplified.length < original.length ? simplified : range
}


/***/ }),

/***/ 1489:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const Comparator = __nccwpck_require__(9379)
const { ANY } = Comparator
const satisfies = __nccwpck_require__(8011)
const compare = __nccwpck_require__(8469)

// Complex range `r1 || r2 || ...` is a subset of `R1 || R2 || ...` iff:
// - Every simple range `r1, r2, ...` is a null set, OR
// - Every simple range `r1, r2, ...` which is not a null set is a subset of
//   some `R1, R2, ...`
//
// Simple range `c1 c2 ...` is a subset of simple range `C1 C2 ...` iff:
// - If c is only the ANY comparator
//   - If C is only the ANY comparator, return true
//   - Else if in prerelease mode, return false
//   - else replace c with `[>=0.0.0]`
// - If C is only the ANY comparator
//   - if in prerelease mode, return true
//   - else replace C with `[>=0.0.0]`
// - Let EQ be the set of = comparators in c
// - If EQ is more than one, return true (null set)
// - Let GT be the highest > or >= comparator in c
// - Let LT be the lowest < or <= comparator in c
// - If GT and LT, and GT.semver > LT.semver, return true (null set)
// - If any C is a = range, and GT or LT are set, return false
// - If EQ
//   - If GT, and EQ does not satisfy GT, return true (null set)
//   - If LT, and EQ does not satisfy LT, return true (null set)
//   - If EQ satisfies every C, return true
//   - Else return false
// - If GT
//   - If GT.semver is lower than any > or >= comp in C, return false
//   - If GT is >=, and GT.semver does not satisfy every C, return false
//   - If GT.semver has a prerelease, and not in prerelease mode
//     - If no C has a prerelease and the GT.semver tuple, return false
// - If LT
//   - If LT.semver is greater than any < or <= comp in C, return false
//   - If LT is <=, and LT.semver does not satisfy every C, return false
//   - If LT.semver has a prerelease, and not in prerelease mode
//     - If no C has a prerelease and the LT.semver tuple, return false
// - Else return true

const subset = (sub, dom, options = {}) => {
  if (sub === dom) {
    return true
  }

  sub = new Range(sub, options)
  dom = new Range(dom, options)
  let sawNonNull = false

  OUTER: for (const simpleSub of sub.set) {
    for (const simpleDom of dom.set) {
      const isSub = simpleSubset(simpleSub, simpleDom, options)
      sawNonNull = sawNonNull || isSub !== null
      if (isSub) {
        continue OUTER
      }
    }
    // the null set is a subset of everything, but null simple ranges in
    // a complex range should be ignored.  so if we saw a non-null range,
    // then we know this isn't a subset, but if EVERY simple range was null,
    // then it is a subset.
    if (sawNonNull) {
      return false
    }
  }
  return true
}

const minimumVersionWithPreRelease = [new Comparator('>=0.0.0-0')]
const minimumVersion = [new Comparator('>=0.0.0')]

const simpleSubset = (sub, dom, options) => {
  if (sub === dom) {
    return true
  }

  if (sub.length === 1 && sub[0].semver === ANY) {
    if (dom.length === 1 && dom[0].semver === ANY) {
      return true
    } else if (options.includePrerelease) {
      sub = minimumVersionWithPreRelease
    } else {
      sub = minimumVersion
    }
  }

  if (dom.length === 1 && dom[0].semver === ANY) {
    if (options.includePrerelease) {
      return true
    } else {
      dom = minimumVersion
    }
  }

  const eqSet = new Set()
  let gt, lt
  for (const c of sub) {
    if (c.operator === '>' || c.operator === '>=') {
      gt = higherGT(gt, c, options)
    } else if (c.operator === '<' || c.operator === '<=') {
      lt = lowerLT(lt, c, options)
    } else {
      eqSet.add(c.semver)
    }
  }

  if (eqSet.size > 1) {
    return null
  }

  let gtltComp
  if (gt && lt) {
    gtltComp = compare(gt.semver, lt.semver, options)
    if (gtltComp > 0) {
      return null
    } else if (gtltComp === 0 && (gt.operator !== '>=' || lt.operator !== '<=')) {
      return null
    }
  }

  // will iterate one or zero times
  for (const eq of eqSet) {
    if (gt && !satisfies(eq, String(gt), options)) {
      return null
    }

    if (lt && !satisfies(eq, String(lt), options)) {
      return null
    }

    for (const c of dom) {
      if (!satisfies(eq, String(c), options)) {
        return false
      }
    }

    return true
  }

  let higher, lower
  let hasDomLT, hasDomGT
  // if the subset has a prerelease, we need a comparator in the superset
  // with the same tuple and a prerelease, or it's not a subset
  let needDomLTPre = lt &&
    !options.includePrerelease &&
    lt.semver.prerelease.length ? lt.semver : false
  let needDomGTPre = gt &&
    !options.includePrerelease &&
    gt.semver.prerelease.length ? gt.semver : false
  // exception: <1.2.3-0 is the same as <1.2.3
  if (needDomLTPre && needDomLTPre.prerelease.length === 1 &&
      lt.operator === '<' && needDomLTPre.prerelease[0] === 0) {
    needDomLTPre = false
  }

  for (const c of dom) {
    hasDomGT = hasDomGT || c.operator === '>' || c.operator === '>='
    hasDomLT = hasDomLT || c.operator === '<' || c.operator === '<='
    if (gt) {
      if (needDomGTPre) {
        if (c.semver.prerelease && c.semver.prerelease.length &&
            c.semver.major === needDomGTPre.major &&
            c.semver.minor === needDomGTPre.minor &&
            c.semver.patch === needDomGTPre.patch) {
          needDomGTPre = false
        }
      }
      if (c.operator === '>' || c.operator === '>=') {
        higher = higherGT(gt, c, options)
        if (higher === c && higher !== gt) {
          return false
        }
      } else if (gt.operator === '>=' && !c.test(gt.semver)) {
        return false
      }
    }
    if (lt) {
      if (needDomLTPre) {
        if (c.semver.prerelease && c.semver.prerelease.length &&
            c.semver.major === needDomLTPre.major &&
            c.semver.minor === needDomLTPre.minor &&
            c.semver.patch === needDomLTPre.patch) {
          needDomLTPre = false
        }
      }
      if (c.operator === '<' || c.operator === '<=') {
        lower = lowerLT(lt, c, options)
        if (lower === c && lower !== lt) {
          return false
        }
      } else if (lt.operator === '<=' && !c.test(lt.semver)) {
        return false
      }
    }
    if (!c.operator && (lt || gt) && gtltComp !== 0) {
      return false
    }
  }

  // if there was a < or >, and nothing in the dom, then must be false
  // UNLESS it was limited by another range in the other direction.
  // Eg, >1.0.0 <1.0.1 is still a subset of <2.0.0
  if (gt && hasDomLT && !lt && gtltComp !== 0) {
    return false
  }

  if (lt && hasDomGT && !gt && gtltComp !== 0) {
    return false
  }

  // we needed a prerelease range in a specific tuple, but didn't get one
  // then this isn't a subset.  eg >=1.2.3-pre is not a subset of >=1.0.0,
  // because it includes prereleases in the 1.2.3 tuple
  if (needDomGTPre || needDomLTPre) {
    return false
  }

  return true
}

// >=1.2.3 is lower than >1.2.3
const higherGT = (a, b, options) => {
  if (!a) {
    return b
  }
  const comp = compare(a.semver, b.semver, options)
  return comp > 0 ? a
    : comp < 0 ? b
    : b.operator === '>' && a.operator === '>=' ? b
    : a
}

// <=1.2.3 is higher than <1.2.3
const lowerLT = (a, b, options) => {
  if (!a) {
    return b
  }
  const comp = compare(a.semver, b.semver, options)
  return comp < 0 ? a
    : comp > 0 ? b
    : b.operator === '<' && a.operator === '<=' ? b
    : a
}

module.exports = subset


/***/ }),

/***/ 4750:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)

// Mostly just for testing and legacy API reasons
const toComparators = (range, options) =>
  new Range(range, options).set
    .map(comp => comp.map(c => c.value).join(' ').trim().split(' '))

module.exports = toComparators


/***/ }),

/***/ 4737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const validRange = (range, options) => {
  try {
    // Return '*' instead of '' so that truthiness works.
    // This will throw if it's invalid anyway
    return new Range(range, options).range || '*'
  } catch (er) {
    return null
  }
}
module.exports = validRange


/***/ }),

/***/ 2451:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   aM: () => (/* binding */ localRuntime)
/* harmony export */ });
/* unused harmony exports localLogger, localCacheRoot, outputDir */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(3916);
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(6290);
/* harmony import */ var _trust_paths_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4766);






// The CLI may run inside a workflow step, whose output the runner parses too.
const localLogger = {
    info: (m) => console.log((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_4__/* .neutralise */ .$0)(m)),
    debug: (m) => {
        if (process.env.RUNNER_DEBUG === '1' || process.env.GO_PAAS_BUILD_DEBUG)
            console.log((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_4__/* .neutralise */ .$0)(`debug: ${m}`));
    },
    notice: (m) => console.log((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_4__/* .neutralise */ .$0)(`notice: ${m}`)),
    warning: (m) => console.error((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_4__/* .neutralise */ .$0)(`warning: ${m}`)),
    async group(title, fn) {
        const started = Date.now();
        console.log(`== ${title}`);
        try {
            return await fn();
        }
        finally {
            console.log(`== ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
    },
};
/** Persistent per-user dirs for the tool cache and Go caches: nothing to save or restore. */
function localCacheRoot(env) {
    return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(env.XDG_CACHE_HOME || node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_os__WEBPACK_IMPORTED_MODULE_1___default().homedir(), '.cache'), 'go-paas-build');
}
/**
 * The slug directory on a workstation (`--output`, default `<app>/slug`). It is replaced by each
 * run, so it must not hold the app, the current directory or the home directory, and a directory
 * that is already there must be empty or a slug (a Procfile and bin/).
 */
function outputDir(output, appDir) {
    const given = output ?? node_path__WEBPACK_IMPORTED_MODULE_2___default().join(appDir, 'slug');
    const dir = (0,_trust_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveReal */ .vC)(node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(given));
    const label = output === undefined ? 'the slug directory' : '--output';
    for (const keep of [appDir, process.cwd(), node_os__WEBPACK_IMPORTED_MODULE_1___default().homedir()]) {
        const real = (0,_trust_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveReal */ .vC)(node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(keep));
        if ((0,_trust_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .isInside */ .FK)(dir, real, true)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`${label}: ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(given)} holds ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_4__/* .show */ .WU)(real)}, which writing the slug would delete; use a new or empty directory`);
        }
    }
    let entries;
    try {
        entries = node_fs__WEBPACK_IMPORTED_MODULE_0___default().readdirSync(dir);
    }
    catch {
        return dir; // not there yet
    }
    const isSlug = node_fs__WEBPACK_IMPORTED_MODULE_0___default().existsSync(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'Procfile')) && node_fs__WEBPACK_IMPORTED_MODULE_0___default().existsSync(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'bin'));
    if (entries.length > 0 && !isSlug) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`${label}: ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(given)} is a directory that is not a slug, and writing the slug would replace it; use a new or empty directory (--output)`);
    }
    return dir;
}
/** A workstation: flags or env vars as inputs, console logs, outputs printed at the end. */
function localRuntime(opts) {
    const root = localCacheRoot(process.env);
    // The Go caches live beside the tool cache and persist: an explicit GOCACHE/GOMODCACHE wins.
    process.env.GOCACHE ||= node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'go-build');
    process.env.GOMODCACHE ||= node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'mod');
    const outputs = {};
    return {
        publishes: false,
        host: { platform: process.platform, arch: process.arch },
        log: localLogger,
        env: process.env,
        input: (name) => (opts.flags[name] ?? '').trim(),
        usesGoOnPath: true,
        settingName: (input) => `--${input}`,
        workspace: opts.workspace,
        toolCache: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'tool-cache'),
        slugDir: (_name, appDir) => outputDir(opts.output, appDir),
        setOutput: (n, v) => {
            outputs[n] = v;
        },
        exportVariable: (n, v) => {
            process.env[n] = v;
        },
        addPath: (d) => {
            process.env.PATH = `${d}${(node_path__WEBPACK_IMPORTED_MODULE_2___default().delimiter)}${process.env.PATH ?? ''}`;
        },
        saveState: () => undefined,
        // Nothing prints secrets; a workstation has no log service to mask them in.
        mask: () => undefined,
        addProblemMatcher: () => undefined,
        writeSummary: async () => undefined,
        outputs,
    };
}


/***/ }),

/***/ 6657:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  S4: () => (/* binding */ checkGlibc),
  ff: () => (/* binding */ describeTarget),
  Co: () => (/* binding */ glibcFailure),
  nA: () => (/* binding */ glibcTarget)
});

// UNUSED EXPORTS: STACKS, TARGET_GLIBC_ACCEPTED

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/fs-tree.ts
var fs_tree = __nccwpck_require__(9705);
// EXTERNAL MODULE: ./src/trust/log-text.ts
var log_text = __nccwpck_require__(6290);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
var external_node_fs_default = /*#__PURE__*/__nccwpck_require__.n(external_node_fs_);
;// CONCATENATED MODULE: ./src/check/elf.ts

function bufferSource(buf) {
    return {
        size: buf.length,
        read: (offset, length) => buf.subarray(offset, Math.min(buf.length, offset + length)),
    };
}
const SHT_GNU_VERNEED = 0x6ffffffe;
const PT_INTERP = 3;
/** Far more than any real binary has: a crafted count cannot make the reader spin. */
const MAX_ENTRIES = 65536;
/** Longest library or version name read from the string table. */
const MAX_NAME = 4096;
class Malformed extends Error {
}
class Reader {
    src;
    little;
    wide;
    constructor(src, little, wide) {
        this.src = src;
        this.little = little;
        this.wide = wide;
    }
    /** Throws unless [offset, offset+length) is inside the file. */
    check(offset, length) {
        if (!Number.isSafeInteger(offset + length) || offset < 0 || offset + length > this.src.size) {
            throw new Malformed(`offset ${offset} (+${length}) is past the end of the file`);
        }
    }
    bytes(offset, length) {
        this.check(offset, length);
        const b = this.src.read(offset, length);
        if (b.length !== length)
            throw new Malformed(`short read at ${offset}`);
        return b;
    }
    u16(offset) {
        const b = this.bytes(offset, 2);
        return this.little ? b.readUInt16LE(0) : b.readUInt16BE(0);
    }
    u32(offset) {
        const b = this.bytes(offset, 4);
        return this.little ? b.readUInt32LE(0) : b.readUInt32BE(0);
    }
    /** An address or offset: 4 bytes in ELF32, 8 in ELF64. */
    word(offset) {
        if (!this.wide)
            return this.u32(offset);
        const b = this.bytes(offset, 8);
        const v = this.little ? b.readBigUInt64LE(0) : b.readBigUInt64BE(0);
        if (v > BigInt(Number.MAX_SAFE_INTEGER))
            throw new Malformed(`value ${v} is out of range`);
        return Number(v);
    }
    /** A NUL-terminated string at `offset` inside the table [start, start+size). */
    string(start, size, offset) {
        if (offset >= size)
            throw new Malformed(`string offset ${offset} is past its table`);
        const end = Math.min(size, offset + MAX_NAME);
        const b = this.bytes(start + offset, end - offset);
        const nul = b.indexOf(0);
        if (nul < 0)
            throw new Malformed(`unterminated string at ${start + offset}`);
        return b.subarray(0, nul).toString('latin1');
    }
}
function readElf(src) {
    if (src.size < 16)
        return { kind: 'not-elf' };
    const ident = src.read(0, 16);
    if (ident.length < 16 || ident.readUInt32BE(0) !== 0x7f454c46)
        return { kind: 'not-elf' };
    const cls = ident[4];
    const data = ident[5];
    if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) {
        return { kind: 'malformed', reason: `unknown ELF class ${cls} or data encoding ${data}` };
    }
    const r = new Reader(src, data === 1, cls === 2);
    try {
        return { kind: 'elf', ...readVersions(r, cls === 2) };
    }
    catch (err) {
        if (err instanceof Malformed)
            return { kind: 'malformed', reason: err.message };
        throw err;
    }
}
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_VERNEED = 0x6ffffffe;
const DT_VERNEEDNUM = 0x6fffffff;
function readVersions(r, wide) {
    // ELF header fields after e_ident/e_type/e_machine/e_version(4)/e_entry(word).
    const w = wide ? 8 : 4;
    const phoff = r.word(24 + w);
    const shoff = r.word(24 + 2 * w);
    const at = 24 + 3 * w + 4; // after e_flags
    const phentsize = r.u16(at + 2);
    const phnum = r.u16(at + 4);
    const shentsize = r.u16(at + 6);
    const shnum = r.u16(at + 8);
    const segments = [];
    if (phoff !== 0 && phnum > 0) {
        if (phentsize < (wide ? 56 : 32))
            throw new Malformed(`program header size ${phentsize}`);
        for (let i = 0; i < phnum; i++) {
            const base = phoff + i * phentsize;
            // Elf64_Phdr: p_type(4) p_flags(4) p_offset p_vaddr p_paddr p_filesz …
            // Elf32_Phdr: p_type(4) p_offset p_vaddr p_paddr p_filesz … (words of 4 bytes)
            const field = (n) => r.word(base + (wide ? 8 : 4) + n * w);
            segments.push({ type: r.u32(base), offset: field(0), vaddr: field(1), size: field(3) });
        }
    }
    const dynamic = segments.some((s) => s.type === PT_INTERP);
    // What the loader reads: the dynamic segment's DT_VERNEED table, with DT_STRTAB's strings.
    const fromDynamic = versionNeedsOfDynamic(r, wide, segments);
    if (fromDynamic)
        return { dynamic, needs: fromDynamic };
    // No dynamic segment to read it from (a crafted or partly stripped file): the section headers.
    const sections = [];
    if (shoff !== 0 && shnum > 0) {
        if (shentsize < (wide ? 64 : 40))
            throw new Malformed(`section header size ${shentsize}`);
        for (let i = 0; i < shnum; i++) {
            const base = shoff + i * shentsize;
            // sh_name(4) sh_type(4) sh_flags(w) sh_addr(w) sh_offset(w) sh_size(w) sh_link(4) sh_info(4)
            sections.push({
                type: r.u32(base + 4),
                offset: r.word(base + 8 + 2 * w),
                size: r.word(base + 8 + 3 * w),
                link: r.u32(base + 8 + 4 * w),
                info: r.u32(base + 12 + 4 * w),
            });
        }
    }
    const needs = [];
    for (const sec of sections.filter((s) => s.type === SHT_GNU_VERNEED)) {
        const strtab = sections[sec.link];
        if (!strtab)
            throw new Malformed(`version needs link to section ${sec.link}, which is absent`);
        needs.push(...versionNeeds(r, sec, sec.info, strtab));
    }
    return { dynamic, needs };
}
/** The version needs the dynamic segment points to; undefined when it has none to point to. */
function versionNeedsOfDynamic(r, wide, segments) {
    const dyn = segments.find((s) => s.type === PT_DYNAMIC);
    if (!dyn)
        return undefined;
    const w = wide ? 8 : 4;
    const tags = new Map();
    // Elf_Dyn: d_tag(word) d_val(word), up to DT_NULL.
    for (let off = 0; off + 2 * w <= dyn.size && off < MAX_ENTRIES * 2 * w; off += 2 * w) {
        const tag = r.word(dyn.offset + off);
        if (tag === 0)
            break;
        if (!tags.has(tag))
            tags.set(tag, r.word(dyn.offset + off + w));
    }
    const verneed = tags.get(DT_VERNEED);
    const strtab = tags.get(DT_STRTAB);
    if (verneed === undefined || strtab === undefined)
        return undefined;
    // An address is where a PT_LOAD segment maps part of the file.
    const inFile = (addr, what) => {
        const load = segments.find((s) => s.type === PT_LOAD && addr >= s.vaddr && addr < s.vaddr + s.size);
        if (!load)
            throw new Malformed(`${what} at 0x${addr.toString(16)} is in no loaded segment`);
        const offset = load.offset + (addr - load.vaddr);
        return { offset, size: load.size - (addr - load.vaddr) };
    };
    const strings = inFile(strtab, 'the string table');
    const size = tags.get(DT_STRSZ);
    if (size !== undefined)
        strings.size = Math.min(strings.size, size);
    return versionNeeds(r, inFile(verneed, 'the version needs'), tags.get(DT_VERNEEDNUM) ?? 0, strings);
}
/**
 * The Elf_Verneed chain in `table` (`count` entries, or until vn_next is 0), names from `strtab`.
 * Verneed: vn_version(2) vn_cnt(2) vn_file(4) vn_aux(4) vn_next(4); Vernaux: vna_hash(4)
 * vna_flags(2) vna_other(2) vna_name(4) vna_next(4); the same in ELF32 and ELF64.
 */
function versionNeeds(r, table, count, strtab) {
    r.check(table.offset, table.size);
    r.check(strtab.offset, strtab.size);
    const str = (off) => r.string(strtab.offset, strtab.size, off);
    const needs = [];
    let entry = 0;
    let seen = 0;
    for (let n = 0; n < Math.min(count || MAX_ENTRIES, MAX_ENTRIES); n++) {
        if (entry + 16 > table.size)
            throw new Malformed('version need entry past its table');
        const at = table.offset + entry;
        const cnt = r.u16(at + 2);
        const file = str(r.u32(at + 4));
        const versions = [];
        let aux = entry + r.u32(at + 8);
        for (let k = 0; k < cnt; k++) {
            if (++seen > MAX_ENTRIES)
                throw new Malformed('too many version entries');
            if (aux + 16 > table.size)
                throw new Malformed('version aux entry past its table');
            versions.push(str(r.u32(table.offset + aux + 8)));
            const next = r.u32(table.offset + aux + 12);
            if (next === 0)
                break;
            aux += next;
        }
        needs.push({ file, versions });
        const next = r.u32(at + 12);
        if (next === 0)
            break;
        entry += next;
    }
    return needs;
}
/** Reads a file's ELF headers with positioned reads (a binary is never loaded whole). */
function readElfFile(file) {
    const fd = external_node_fs_default().openSync(file, (external_node_fs_default()).constants.O_RDONLY | (external_node_fs_default()).constants.O_NOFOLLOW);
    try {
        const size = external_node_fs_default().fstatSync(fd).size;
        return readElf({
            size,
            read(offset, length) {
                const len = Math.max(0, Math.min(length, size - offset));
                const buf = Buffer.alloc(len);
                let got = 0;
                while (got < len) {
                    const n = external_node_fs_default().readSync(fd, buf, got, len - got, offset + got);
                    if (n === 0)
                        break;
                    got += n;
                }
                return buf.subarray(0, got);
            },
        });
    }
    finally {
        external_node_fs_default().closeSync(fd);
    }
}
/** A `GLIBC_2.34` version name as numbers, undefined for others (`GLIBC_PRIVATE`, `GCC_3.0`). */
function glibcVersion(name) {
    const m = /^GLIBC_(\d{1,4}(?:\.\d{1,4}){1,2})$/.exec(name);
    return m ? m[1].split('.').map(Number) : undefined;
}
function compareVersions(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const d = (a[i] ?? 0) - (b[i] ?? 0);
        if (d !== 0)
            return d;
    }
    return 0;
}
/** The newest `GLIBC_x.y` version a binary needs, from any library, or undefined. */
function newestGlibc(needs) {
    let best;
    for (const n of needs) {
        for (const name of n.versions) {
            const v = glibcVersion(name);
            if (v && (!best || compareVersions(v, best.v) > 0))
                best = { name, v };
        }
    }
    return best?.name;
}

;// CONCATENATED MODULE: ./src/check/glibc.ts





/**
 * The glibc each stack runs binaries with (docs/deploy-check.md gives the sources): a binary
 * linked against a newer glibc fails at start with `version 'GLIBC_2.xx' not found`.
 */
const STACKS = [
    { names: ['heroku-18', 'ubuntu-18.04', 'bionic'], glibc: '2.27', base: 'Ubuntu 18.04' },
    { names: ['heroku-20', 'ubuntu-20.04', 'focal'], glibc: '2.31', base: 'Ubuntu 20.04' },
    { names: ['heroku-22', 'ubuntu-22.04', 'jammy'], glibc: '2.35', base: 'Ubuntu 22.04' },
    { names: ['heroku-24', 'ubuntu-24.04', 'noble'], glibc: '2.39', base: 'Ubuntu 24.04' },
    { names: ['debian-10', 'buster'], glibc: '2.28', base: 'Debian 10' },
    { names: ['debian-11', 'bullseye'], glibc: '2.31', base: 'Debian 11' },
    { names: ['debian-12', 'bookworm'], glibc: '2.36', base: 'Debian 12' },
    { names: ['debian-13', 'trixie'], glibc: '2.41', base: 'Debian 13' },
];
const TARGET_GLIBC_ACCEPTED = `use a stack (${STACKS.flatMap((s) => s.names).join(', ')}) or a glibc version such as 2.31`;
/** Parses target-glibc (or STACK): a stack name from the table, or `2.N`. */
function glibcTarget(value, label) {
    const name = value.toLowerCase();
    const stack = STACKS.find((s) => s.names.includes(name));
    if (stack)
        return { given: value, glibc: stack.glibc, stack: name };
    if (/^2\.\d{1,2}$/.test(value))
        return { given: value, glibc: value };
    throw new errors/* UserError */.y(`${label}: ${(0,log_text/* quote */.hD)(value)} is not a known stack or glibc version; ${TARGET_GLIBC_ACCEPTED}`);
}
function describeTarget(t) {
    return t.stack ? `${t.stack}'s glibc ${t.glibc}` : `the target's glibc ${t.glibc}`;
}
/**
 * Reads every regular file of `bin/` (symlinks are not followed: they are the app's, and lead
 * anywhere) and compares the newest GLIBC version each ELF binary needs with the target.
 */
function checkGlibc(binDir, files, target) {
    const out = [];
    const want = target.glibc.split('.').map(Number);
    for (const file of files.sort()) {
        const name = `bin/${external_node_path_default().basename(file)}`;
        const info = readElfFile((0,fs_tree/* fsPath */.Jk)(external_node_path_default().join(binDir, file)));
        if (info.kind === 'not-elf') {
            out.push({ name, finding: 'not an ELF binary', ok: true });
        }
        else if (info.kind === 'malformed') {
            out.push({ name, finding: `an ELF file that cannot be read (${info.reason})`, ok: true });
        }
        else {
            const needs = newestGlibc(info.needs);
            if (needs === undefined) {
                out.push({
                    name,
                    finding: info.dynamic ? 'needs no versioned glibc symbol' : 'statically linked',
                    ok: true,
                });
            }
            else {
                const v = needs.slice('GLIBC_'.length).split('.').map(Number);
                out.push({ name, finding: `needs ${needs}`, needs, ok: compareVersions(v, want) <= 0 });
            }
        }
    }
    return out;
}
/** The one-line refusal for a binary that needs a newer glibc than the target has. */
function glibcFailure(b, target) {
    return `target-glibc: ${(0,log_text/* show */.WU)(b.name)} needs ${b.needs}, newer than ${describeTarget(target)}; build it with CGO_ENABLED=0, or on an image whose glibc is ${target.glibc} or older`;
}


/***/ }),

/***/ 4792:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Vf: () => (/* binding */ Keeper),
/* harmony export */   Vk: () => (/* binding */ KEEP_DESCRIPTION),
/* harmony export */   Zh: () => (/* binding */ chooseKeeping)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _procfs_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1585);




const KEEP_DESCRIPTION = {
    namespace: 'a PID namespace of their own',
    subreaper: 'the subtree of a subreaper',
    groups: 'their process groups and sessions',
};
/**
 * The supervisor. Arguments: the prctl syscall number (0: none, in a namespace, where PID 1
 * adopts orphans anyway), then the command. It gets the app's stdout and stderr on fds 4 and 5
 * and gives them to the command alone (so the pipes end when the app's processes close them,
 * not when `unshare` or the supervisor exit), and writes on fd 3 `ready`, then `exit N` or
 * `signal N` when the command ends; it keeps reaping the orphans it adopts until it is killed.
 */
const SUPERVISOR = `use strict; use POSIX ();
my $nr = shift @ARGV;
open(my $st, '>&=', 3) or POSIX::_exit(125);
$st->autoflush(1);
if ($nr) { syscall($nr + 0, 36, 1, 0, 0, 0) == 0 or POSIX::_exit(126); }
print $st "ready\\n";
my $pid = fork();
POSIX::_exit(125) unless defined $pid;
if ($pid == 0) {
  POSIX::dup2(4, 1); POSIX::dup2(5, 2); POSIX::close($_) for 3, 4, 5;
  POSIX::setsid(); exec { $ARGV[0] } @ARGV; POSIX::_exit(127);
}
POSIX::close($_) for 4, 5;
for (;;) {
  my $w = waitpid(-1, 0);
  if ($pid && $w == $pid) {
    my $s = $?;
    print $st (($s & 127) ? 'signal ' . ($s & 127) : 'exit ' . ($s >> 8)), "\\n";
    close $st; $pid = 0;
  } elsif ($w < 0) { sleep 1; }
}`;
/** prctl's system call number, by Node's architecture name (Linux's syscall tables). */
const PRCTL = {
    x64: 157,
    arm64: 167,
    riscv64: 167,
    loong64: 167,
    arm: 172,
    ia32: 172,
    s390x: 172,
    ppc64: 171,
};
/** An executable of that name in one of PATH's absolute directories. */
function onPath(name, pathVar) {
    for (const dir of (pathVar ?? '').split(':')) {
        if (!node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(dir))
            continue;
        const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, name);
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_1___default().accessSync(file, (node_fs__WEBPACK_IMPORTED_MODULE_1___default().constants).X_OK);
            if (node_fs__WEBPACK_IMPORTED_MODULE_1___default().statSync(file).isFile())
                return file;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
/** Whether a command runs and exits 0 within a few seconds. */
function works(cmd, args) {
    const r = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)(cmd, args, { stdio: 'ignore', timeout: 5_000 });
    return r.status === 0;
}
/**
 * The strongest way this machine allows, tried in order: a PID namespace (as root directly, or
 * through a user namespace mapping the user to itself), a subreaper, process groups.
 */
function chooseKeeping(pathVar, arch = process.arch, euid = process.geteuid?.() ?? -1) {
    const perl = onPath('perl', pathVar);
    if (!perl)
        return { kind: 'groups', prefix: [] };
    const unshare = onPath('unshare', pathVar);
    if (unshare) {
        const flags = ['--pid', '--fork', '--kill-child'];
        const tries = euid === 0 ? [flags] : [];
        tries.push([...flags, '--user', '--map-current-user']);
        for (const f of tries) {
            if (works(unshare, [...f, '--', perl, '-e', 'exit 0'])) {
                return { kind: 'namespace', prefix: [unshare, ...f, '--', perl, '-e', SUPERVISOR, '0'] };
            }
        }
    }
    const nr = PRCTL[arch];
    if (nr !== undefined &&
        works(perl, ['-e', `exit(syscall(${nr}, 36, 1, 0, 0, 0) == 0 ? 0 : 1)`])) {
        return { kind: 'subreaper', prefix: [perl, '-e', SUPERVISOR, String(nr)] };
    }
    return { kind: 'groups', prefix: [] };
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function signal(pid, sig) {
    try {
        process.kill(pid, sig);
    }
    catch {
        // gone meanwhile
    }
}
/** Starts the smoke test's processes the chosen way, finds them, and stops them all. */
class Keeper {
    how;
    marker;
    /** The pids this started: supervisors, or the processes themselves in `groups`. */
    roots = new Set();
    constructor(how, 
    /** `NAME=value` in every process's environment: `groups` finds a session leaver by it. */
    marker) {
        this.how = how;
        this.marker = marker;
    }
    get kind() {
        return this.how.kind;
    }
    start(args, opts) {
        const [cmd, ...rest] = [...this.how.prefix, ...args];
        // A session of its own, away from the runner's: a signal to the step's group misses it.
        if (this.how.kind === 'groups') {
            const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(cmd, rest, {
                ...opts,
                stdio: ['ignore', 'pipe', 'pipe'],
                detached: true,
            });
            if (child.pid !== undefined)
                this.roots.add(child.pid);
            return { child, stdout: child.stdout, stderr: child.stderr };
        }
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(cmd, rest, {
            ...opts,
            stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
            detached: true,
        });
        if (child.pid !== undefined)
            this.roots.add(child.pid);
        const [status, stdout, stderr] = [3, 4, 5].map((fd) => child.stdio[fd]);
        return { child, stdout: stdout, stderr: stderr, status };
    }
    /** The supervisors: the roots, and in a namespace its PID 1 (the only child of `unshare`). */
    supervisors(table) {
        const out = new Set(this.roots);
        if (this.how.kind === 'namespace') {
            for (const p of table)
                if (this.roots.has(p.ppid))
                    out.add(p.pid);
        }
        return out;
    }
    /**
     * The live processes of the app below `root`, supervisors left out; with no root, every
     * process below every root and every process carrying the marker, which finds what a process
     * that killed its supervisor (as the same user, it can) took out of the subtree, unless it also
     * cleared its environment.
     */
    processes(root) {
        if (this.how.kind === 'groups') {
            // The marker finds a session leaver, but not whose it is.
            return root === undefined
                ? (0,_procfs_js__WEBPACK_IMPORTED_MODULE_3__/* .processesOf */ .L6)(this.roots, this.marker)
                : (0,_procfs_js__WEBPACK_IMPORTED_MODULE_3__/* .processesOf */ .L6)(new Set([root]));
        }
        if (root !== undefined)
            return this.below([root]);
        const below = this.below([...this.roots]);
        const known = new Set([...below.map((p) => p.pid), ...this.supervisors((0,_procfs_js__WEBPACK_IMPORTED_MODULE_3__/* .liveProcesses */ .Sc)())]);
        return [...below, ...(0,_procfs_js__WEBPACK_IMPORTED_MODULE_3__/* .processesOf */ .L6)(new Set(), this.marker).filter((p) => !known.has(p.pid))];
    }
    /** The live processes below `roots`, found by their parent links, supervisors left out. */
    below(roots) {
        const table = (0,_procfs_js__WEBPACK_IMPORTED_MODULE_3__/* .liveProcesses */ .Sc)();
        const sup = this.supervisors(table);
        const children = new Map();
        for (const p of table)
            children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
        const out = [];
        const queue = [...roots];
        const seen = new Set();
        while (queue.length > 0) {
            const pid = queue.shift();
            for (const c of children.get(pid) ?? []) {
                if (seen.has(c.pid))
                    continue;
                seen.add(c.pid);
                if (!sup.has(c.pid))
                    out.push(c);
                queue.push(c.pid);
            }
        }
        return out;
    }
    /** SIGKILL to everything, at once: for a cancelled job and for the end of the stop. */
    killNow() {
        if (this.how.kind === 'namespace') {
            // PID 1 of a namespace dying takes every process of the namespace with it.
            for (const pid of this.supervisors((0,_procfs_js__WEBPACK_IMPORTED_MODULE_3__/* .liveProcesses */ .Sc)()))
                signal(pid, 'SIGKILL');
            return;
        }
        if (this.how.kind === 'groups')
            for (const g of this.roots)
                signal(-g, 'SIGKILL');
        // The subreaper stays until its subtree is gone, or orphans would be adopted above it.
        for (let i = 0; i < 100; i++) {
            const left = this.processes();
            if (left.length === 0)
                break;
            for (const p of left)
                signal(p.pid, 'SIGKILL');
        }
        for (const pid of this.roots)
            signal(pid, 'SIGKILL');
    }
    /** SIGTERM to every process, SIGKILL after the grace time to what is left, until none is. */
    async stop(graceMs) {
        let left = this.processes();
        if (left.length > 0) {
            for (const p of left)
                signal(p.pid, 'SIGTERM');
            if (this.how.kind === 'groups')
                for (const g of this.roots)
                    signal(-g, 'SIGTERM');
            const term = Date.now() + graceMs;
            while (Date.now() < term && left.length > 0) {
                await sleep(50);
                left = this.processes();
            }
        }
        for (let i = 0; i < 100; i++) {
            this.killNow();
            if (this.processes().length === 0 && this.rootsGone())
                return;
            await sleep(50);
        }
    }
    rootsGone() {
        const live = new Set((0,_procfs_js__WEBPACK_IMPORTED_MODULE_3__/* .liveProcesses */ .Sc)().map((p) => p.pid));
        return [...this.roots].every((pid) => !live.has(pid));
    }
}


/***/ }),

/***/ 9680:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A2: () => (/* binding */ deadlineWithin),
/* harmony export */   Aw: () => (/* binding */ listenerVerdict),
/* harmony export */   G1: () => (/* binding */ wrongListener),
/* harmony export */   JJ: () => (/* binding */ oneOffTimeout),
/* harmony export */   Ou: () => (/* binding */ smokeError),
/* harmony export */   Q0: () => (/* binding */ smokeTimeouts),
/* harmony export */   QU: () => (/* binding */ healthCheckPath),
/* harmony export */   RP: () => (/* binding */ busyPortFailure),
/* harmony export */   U6: () => (/* binding */ webProcess),
/* harmony export */   ZT: () => (/* binding */ endedFailure),
/* harmony export */   Zs: () => (/* binding */ unheldFailure),
/* harmony export */   b4: () => (/* binding */ MARKER_NAME),
/* harmony export */   bV: () => (/* binding */ smokeEnv),
/* harmony export */   cf: () => (/* binding */ signalExitCode),
/* harmony export */   dS: () => (/* binding */ healthHost),
/* harmony export */   dx: () => (/* binding */ unreportedRow),
/* harmony export */   fW: () => (/* binding */ healthFailure),
/* harmony export */   fk: () => (/* binding */ notListening),
/* harmony export */   gQ: () => (/* binding */ exitedFailure),
/* harmony export */   hH: () => (/* binding */ healthError),
/* harmony export */   iU: () => (/* binding */ SMOKE_PORT),
/* harmony export */   iV: () => (/* binding */ hookWarning),
/* harmony export */   m5: () => (/* binding */ aliveUntil),
/* harmony export */   m7: () => (/* binding */ startArgs),
/* harmony export */   mu: () => (/* binding */ keepingNotice),
/* harmony export */   tK: () => (/* binding */ healthStatus),
/* harmony export */   tq: () => (/* binding */ oneOffSucceeded),
/* harmony export */   u0: () => (/* binding */ afterStartHook),
/* harmony export */   xF: () => (/* binding */ smokeProcesses)
/* harmony export */ });
/* unused harmony exports SMOKE_TIMEOUTS, DYNO_PATH, isHook */
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6290);
/* harmony import */ var _keeper_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4792);
/* harmony import */ var _procfs_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1585);
/* harmony import */ var _trust_refusal_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2510);




/**
 * The smoke test's rules (SPEC §10), as a dyno or a Clever Cloud instance applies them: which
 * processes of the Procfile start and with what environment, the port and the health paths of the
 * web process, how long each stage may take, and how what happened is judged. Decisions only: no
 * process, no socket, no clock of its own (the times are given).
 */
/** The port both platforms give the web process (Clever Cloud requires 0.0.0.0:8080). */
const SMOKE_PORT = 8080;
/** How long each stage may take (docs/deploy-check.md). */
const SMOKE_TIMEOUTS = {
    /** The web process must listen on 0.0.0.0:8080 within this. */
    listenMs: 30_000,
    /** Once it listens somewhere else only (127.0.0.1, another port), it has this long to fix it. */
    wrongListenerGraceMs: 2_000,
    /** Each health path is asked again until it answers 200, for this long. */
    healthMs: 10_000,
    /** One health request. */
    requestMs: 5_000,
    /** Every process must still run this long after its start. */
    aliveMs: 3_000,
    /** A `release` process, a run hook: must finish within this. */
    oneOffMs: 60_000,
    /** SIGTERM, then SIGKILL after this. */
    stopGraceMs: 3_000,
    /** The whole smoke test, hooks included: past it, everything is stopped and the step fails. */
    overallMs: 180_000,
};
/** The timeouts, with those a caller gives (the tests) in place of the defaults. */
function smokeTimeouts(given) {
    return { ...SMOKE_TIMEOUTS, ...given };
}
/** A deadline `ms` after `now`, within the overall one. */
function deadlineWithin(now, ms, overall) {
    return Math.min(now + ms, overall);
}
/** The system PATH of a dyno: the slug's .profile.d scripts add bin/ to it. */
const DYNO_PATH = '/usr/local/bin:/usr/bin:/bin';
/** Sources the slug's .profile.d scripts, as a dyno does, then runs the command with bash. */
const START = 'for f in .profile.d/*.sh; do if [ -r "$f" ]; then . "$f"; fi; done; exec bash -c "$1"';
/** The command line that starts one process of the Procfile (or a hook), from the slug root. */
function startArgs(name, command) {
    return ['bash', '-c', START, name, command];
}
/** Variables of the job that are the runner's or the build's own, not the app's. */
const NOT_THE_APPS = /^(?:GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_)|^(?:GOROOT|GOTOOLCHAIN)$/;
const MARKER_NAME = 'GO_PAAS_BUILD_SMOKE_TEST';
/**
 * The environment of the processes: the job's, less the runner's own variables and what the build
 * set, with HOME the slug root, PORT 8080 and a dyno's PATH; `marker` lets the stop find a
 * grandchild that left the process group.
 */
function smokeEnv(job, slugDir, marker) {
    const env = {};
    for (const [k, v] of Object.entries(job))
        if (v !== undefined && !NOT_THE_APPS.test(k))
            env[k] = v;
    return {
        ...env,
        HOME: slugDir,
        PORT: String(SMOKE_PORT),
        PATH: DYNO_PATH,
        [MARKER_NAME]: marker,
    };
}
/** The hook run once the checks are over, by their outcome, and its name. */
function afterStartHook(failed, hooks) {
    return failed ? ['CC_RUN_FAILED_HOOK', hooks.failed] : ['CC_RUN_SUCCEEDED_HOOK', hooks.succeeded];
}
/** Whether a name the smoke test runs is a hook (`CC_…`) rather than a process of the Procfile. */
function isHook(name) {
    return name.startsWith('CC_');
}
/**
 * The processes the smoke test starts: Heroku's `release`, run to its end before anything else,
 * then every other one, kept running; with none of those the test fails before it starts any.
 */
function smokeProcesses(entries) {
    const release = entries.find((e) => e.name === 'release');
    const started = entries.filter((e) => e.name !== 'release');
    if (started.length > 0)
        return { release, started };
    return { release, started, failure: 'the Procfile has no process to start; add a web process' };
}
/** The process the listener and the health paths are checked on. */
function webProcess(started) {
    return started.find((p) => p.name === 'web');
}
/** Whether a one-off (the release process, a hook) succeeded: it exited with code 0. */
function oneOffSucceeded(exit) {
    return exit?.code === 0;
}
/** A one-off that did not succeed, or a process that ended: `<what> <ending><last output>`. */
function endedFailure(p) {
    return `${p.what} ${p.ending}${p.lastOutput}`;
}
/** A process of the Procfile that ended while it had to keep running. */
function exitedFailure(p) {
    const zero = p.exit.code === 0 && !p.exit.signal;
    return `${p.what} ${p.ending}${zero ? ' (a process of the Procfile must keep running)' : ''}${p.lastOutput}`;
}
/** A one-off still running at its deadline. */
function oneOffTimeout(p, oneOffMs) {
    return `${p.what} did not finish within ${oneOffMs / 1000} s${p.lastOutput}`;
}
/**
 * A supervisor gone before the stop: only a process of the app signalling it can do that (in a
 * namespace, nothing inside can), and what it held may then get away.
 */
function unheldFailure(what, supervisorExit) {
    const how = supervisorExit.signal ?? `exit code ${supervisorExit.code ?? '?'}`;
    return `the supervisor holding what ${what} started was ended (${how}) before the stop, so what it started could outlive the step; a process of the Procfile must not signal its parent`;
}
/** What an after-start hook's failure becomes: a warning, never the step's failure. */
function hookWarning(message) {
    return `${message}; this does not fail the step`;
}
/** The step's error for a check that failed. */
function smokeError(message) {
    return `smoke-test: ${message}`;
}
/** Something already listening on the smoke port, before anything started. */
function busyPortFailure(busy) {
    return `port ${SMOKE_PORT} is already in use on this machine (${busy.map(_procfs_js__WEBPACK_IMPORTED_MODULE_1__/* .showListener */ .k3).join(', ')}), so the web process could not have it; stop what listens there before this step`;
}
/**
 * Where the web process stands, from its listeners at `now`: on 0.0.0.0:8080 (or [::]:8080) it
 * listens; listening elsewhere only since `wrongSince` for the grace time, it is wrong; past the
 * deadline with none, it timed out. `wrongSince` is when it was first seen listening.
 */
function listenerVerdict(s) {
    if (s.bound.some((l) => l.port === SMOKE_PORT && (0,_procfs_js__WEBPACK_IMPORTED_MODULE_1__/* .isWildcard */ .z2)(l.address))) {
        return { verdict: 'listening', wrongSince: s.wrongSince };
    }
    const wrongSince = s.bound.length > 0 ? (s.wrongSince ?? s.now) : s.wrongSince;
    if (wrongSince !== undefined && s.now - wrongSince >= s.graceMs) {
        return { verdict: 'wrong', wrongSince };
    }
    return { verdict: s.now >= s.deadline ? 'timeout' : 'wait', wrongSince };
}
const USE_PORT = 'in Go: ":" + os.Getenv("PORT")';
/** Why the web process's listeners will not do: on 8080 but not on every interface, or elsewhere. */
function wrongListener(what, bound) {
    const shown = bound.map(_procfs_js__WEBPACK_IMPORTED_MODULE_1__/* .showListener */ .k3).join(', ');
    const on8080 = bound.filter((l) => l.port === SMOKE_PORT);
    if (on8080.length > 0) {
        const where = on8080.every((l) => (0,_procfs_js__WEBPACK_IMPORTED_MODULE_1__/* .isLoopback */ .U9)(l.address))
            ? 'which only this machine can reach'
            : 'not on every interface';
        return `${what} listens on ${shown}, ${where}; listen on 0.0.0.0:${SMOKE_PORT} (${USE_PORT})`;
    }
    return `${what} listens on ${shown}, not on port ${SMOKE_PORT}; listen on the port in PORT (${USE_PORT})`;
}
/** The web process not listening at all by the deadline. */
function notListening(p, listenMs) {
    return `Nothing listening on port ${SMOKE_PORT}: ${p.what} did not listen on 0.0.0.0:${SMOKE_PORT} within ${listenMs / 1000} s${p.lastOutput}`;
}
/** Where the health paths are asked: IPv4 loopback when it listens on 0.0.0.0, else IPv6's. */
function healthHost(bound) {
    return bound.some((l) => l.address === '0.0.0.0') ? '127.0.0.1' : '::1';
}
/** The answer a health path's HTTP status makes. */
function healthStatus(status) {
    return { result: `returned ${status}`, ok: status === 200 };
}
/** The answer a health request that got none makes (`ECONNREFUSED`, a timeout's message). */
function healthError(reason) {
    return { result: `failed: ${reason}`, ok: false };
}
/** The failure of the health paths that never answered 200, in Clever Cloud's words. */
function healthFailure(health) {
    const failed = health.filter((h) => !h.ok);
    if (failed.length === 0)
        return undefined;
    return `Health check failed: ${failed.map((h) => `- GET ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .show */ .WU)(h.path)} ${h.result}`).join(' ')}`;
}
/** Until when every process must still run: `aliveMs` after the last start, within the overall. */
function aliveUntil(startedAt, aliveMs, overall) {
    return Math.min(Math.max(...startedAt) + aliveMs, overall);
}
/** The report row of a process the failed test had started and not yet reported, or none. */
function unreportedRow(p, reported) {
    if (isHook(p.name) || reported.some((r) => r.name === p.name))
        return undefined;
    return { name: p.name, command: p.command, result: p.ending, ok: !p.exit };
}
/** What is said of where the processes are kept: a warning for the weakest way, else a line. */
function keepingNotice(kind) {
    if (kind === 'groups') {
        return {
            warning: true,
            text: `smoke-test: no perl on PATH, so the processes are kept in ${_keeper_js__WEBPACK_IMPORTED_MODULE_0__/* .KEEP_DESCRIPTION */ .Vk[kind]} only: one that leaves both and clears its environment can outlive the step`,
        };
    }
    return {
        warning: false,
        text: `The processes run in ${_keeper_js__WEBPACK_IMPORTED_MODULE_0__/* .KEEP_DESCRIPTION */ .Vk[kind]}: nothing they start outlives the step`,
    };
}
/** The exit code of a step the runner cancelled with `sig`, as a shell reports it. */
function signalExitCode(sig) {
    return sig === 'SIGINT' ? 130 : 143;
}
/** Longest health-check path accepted (a request line, not a document). */
const MAX_HEALTH_PATH = 2048;
/** A request target: it starts with `/` and holds only visible ASCII (no space, no line break). */
function healthCheckPath(value, label) {
    if (!/^\/[\x21-\x7e]*$/.test(value) || value.length > MAX_HEALTH_PATH) {
        throw (0,_trust_refusal_js__WEBPACK_IMPORTED_MODULE_3__/* .bad */ .M)(label, value, `not a health-check path; use a path such as /health (it starts with /, at most ${MAX_HEALTH_PATH} characters, no space or control character)`);
    }
    return value;
}


/***/ }),

/***/ 1585:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L6: () => (/* binding */ processesOf),
/* harmony export */   OC: () => (/* binding */ listeningSockets),
/* harmony export */   Sc: () => (/* binding */ liveProcesses),
/* harmony export */   U1: () => (/* binding */ socketInodes),
/* harmony export */   U9: () => (/* binding */ isLoopback),
/* harmony export */   k3: () => (/* binding */ showListener),
/* harmony export */   z2: () => (/* binding */ isWildcard)
/* harmony export */ });
/* unused harmony exports procAddress, parseProcNetTcp, parseStat */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);


const LISTEN = '0A';
/** The 4 bytes of one 32-bit word of /proc/net/tcp*, printed in the host's byte order. */
function wordBytes(hex, little) {
    const bytes = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return little ? bytes.reverse() : bytes;
}
/** `0100007F` → `127.0.0.1`; 32 hex digits → a compressed IPv6 address (`::`, `::1`). */
function procAddress(hex, little = node_os__WEBPACK_IMPORTED_MODULE_1___default().endianness() === 'LE') {
    if (hex.length === 8)
        return wordBytes(hex, little).join('.');
    const bytes = [];
    for (let i = 0; i < 32; i += 8)
        bytes.push(...wordBytes(hex.slice(i, i + 8), little));
    // An IPv4-mapped address reads as the IPv4 address it maps.
    if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
        return bytes.slice(12).join('.');
    }
    const groups = [];
    for (let i = 0; i < 16; i += 2)
        groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
    // The longest run of zero groups becomes `::`.
    let best = { at: -1, len: 0 };
    for (let i = 0; i < 8;) {
        if (groups[i] !== '0') {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === '0')
            j++;
        if (j - i > best.len)
            best = { at: i, len: j - i };
        i = j;
    }
    if (best.len < 2)
        return groups.join(':');
    return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}
/** The listening sockets of a /proc/net/tcp or tcp6 table. */
function parseProcNetTcp(text, little = node_os__WEBPACK_IMPORTED_MODULE_1___default().endianness() === 'LE') {
    const out = [];
    for (const line of text.split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        if (f.length < 10 || f[3] !== LISTEN)
            continue;
        const [addr, port] = (f[1] ?? '').split(':');
        if (!addr || !port || !/^[0-9A-F]+$/i.test(addr + port))
            continue;
        if (addr.length !== 8 && addr.length !== 32)
            continue;
        out.push({ address: procAddress(addr, little), port: parseInt(port, 16), inode: Number(f[9]) });
    }
    return out;
}
/** Whether a listening address accepts connections from other hosts (`0.0.0.0` or `::`). */
function isWildcard(address) {
    return address === '0.0.0.0' || address === '::';
}
function isLoopback(address) {
    return /^127\./.test(address) || address === '::1';
}
/** `0.0.0.0:8080`, `[::1]:8080`. */
function showListener(l) {
    return l.address.includes(':') ? `[${l.address}]:${l.port}` : `${l.address}:${l.port}`;
}
/** Every listening TCP socket of this network namespace. */
function listeningSockets() {
    const out = [];
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
        try {
            out.push(...parseProcNetTcp(node_fs__WEBPACK_IMPORTED_MODULE_0___default().readFileSync(table, 'utf8')));
        }
        catch {
            // no IPv6 in this kernel
        }
    }
    return out;
}
/** The socket inodes a process holds open (`socket:[12345]` links in /proc/<pid>/fd). */
function socketInodes(pid) {
    let fds;
    try {
        fds = node_fs__WEBPACK_IMPORTED_MODULE_0___default().readdirSync(`/proc/${pid}/fd`);
    }
    catch {
        return [];
    }
    const out = [];
    for (const fd of fds) {
        try {
            const m = /^socket:\[(\d+)\]$/.exec(node_fs__WEBPACK_IMPORTED_MODULE_0___default().readlinkSync(`/proc/${pid}/fd/${fd}`));
            if (m)
                out.push(Number(m[1]));
        }
        catch {
            // closed meanwhile
        }
    }
    return out;
}
/** Fields of /proc/<pid>/stat (the command name may hold spaces and parentheses). */
function parseStat(text) {
    const close = text.lastIndexOf(')');
    const pid = parseInt(text, 10);
    if (close < 0 || !Number.isInteger(pid))
        return undefined;
    const f = text
        .slice(close + 2)
        .trim()
        .split(/\s+/);
    // state(3) ppid(4) pgrp(5) session(6) … starttime(22), numbered from 1 with pid and comm.
    if (f.length < 20)
        return undefined;
    return {
        pid,
        state: f[0],
        ppid: Number(f[1]),
        pgrp: Number(f[2]),
        session: Number(f[3]),
        start: Number(f[19]),
    };
}
function readStat(pid) {
    try {
        return parseStat(node_fs__WEBPACK_IMPORTED_MODULE_0___default().readFileSync(`/proc/${pid}/stat`, 'utf8'));
    }
    catch {
        return undefined;
    }
}
function hasMarker(pid, marker) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0___default().readFileSync(`/proc/${pid}/environ`).includes(marker);
    }
    catch {
        return false;
    }
}
/** Every live process of this machine (zombies left out: they are dead, and their parent reaps them). */
function liveProcesses() {
    let pids;
    try {
        pids = node_fs__WEBPACK_IMPORTED_MODULE_0___default().readdirSync('/proc').filter((n) => /^\d+$/.test(n));
    }
    catch {
        return [];
    }
    const out = [];
    for (const p of pids) {
        const pid = Number(p);
        if (pid === process.pid)
            continue;
        const st = readStat(pid);
        if (st && st.state !== 'Z')
            out.push(st);
    }
    return out;
}
/**
 * The live processes in one of `groups`' process groups or sessions (the pids of the processes
 * the smoke test started, each the leader of its own), or carrying `marker` (`NAME=value`) in
 * their environment, which a grandchild keeps when it starts a session of its own.
 */
function processesOf(groups, marker) {
    return liveProcesses().filter((st) => groups.has(st.pgrp) ||
        groups.has(st.session) ||
        (marker !== undefined && hasMarker(st.pid, marker)));
}


/***/ }),

/***/ 7391:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ parseArgs)
/* harmony export */ });
/* unused harmony export OPTIONS */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3916);
/* harmony import */ var _input_table_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5481);
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6290);
/** The CLI's command line: every input of the table as a flag (src/input-table.ts). */




const OPTIONS = {
    ...Object.fromEntries(_input_table_js__WEBPACK_IMPORTED_MODULE_1__/* .ROWS */ .Ir.map((i) => [i.name, { type: 'string' }])),
    output: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
};
/** The nearest flag name, for a misspelt one (at most a few edits away). */
function nearest(name) {
    const distance = (a, b) => {
        const d = Array.from({ length: b.length + 1 }, (_, j) => j);
        for (let i = 1; i <= a.length; i++) {
            let prev = d[0];
            d[0] = i;
            for (let j = 1; j <= b.length; j++) {
                const here = d[j];
                d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
                prev = here;
            }
        }
        return d[b.length];
    };
    let best;
    for (const flag of Object.keys(OPTIONS)) {
        const d = distance(name, flag);
        if (d <= 3 && (!best || d < best.d))
            best = { flag, d };
    }
    return best?.flag;
}
const BOOLEAN_WORD = /^(?:true|false|1|0|yes|no)$/i;
const FLAGS = new Set(_input_table_js__WEBPACK_IMPORTED_MODULE_1__/* .ROWS */ .Ir.filter((i) => i.kind === 'yes-no').map((i) => `--${i.name}`));
/**
 * A boolean input's flag may stand alone (`--smoke-test`): it then means true. A value that
 * follows it is its value only when it is a boolean word, so `--smoke-test app/` still reads
 * `app/` as the app directory.
 */
function bareFlags(argv) {
    const out = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            out.push(...argv.slice(i));
            break;
        }
        const next = argv[i + 1];
        if (FLAGS.has(arg) && (next === undefined || !BOOLEAN_WORD.test(next)))
            out.push(`${arg}=true`);
        else
            out.push(arg);
    }
    return out;
}
/** The command line, strictly: an unknown flag is an error before any work. */
function parseArgs(argv) {
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({
            args: bareFlags(argv),
            options: OPTIONS,
            allowPositionals: true,
            strict: true,
        });
    }
    catch (err) {
        const unknown = /Unknown option '(-{1,2})([^']+)'/.exec((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(err));
        if (unknown) {
            const near = nearest(unknown[2]);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(`${unknown[1]}${unknown[2]}`)} is not a flag of go-paas-build${near ? `; did you mean --${near}?` : ''} (--help lists them)`);
        }
        const missing = /Option '(--[\w-]+)/.exec((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(err));
        if (missing)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${missing[1]} needs a value`);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(err).split('\n')[0] ?? 'bad command line');
    }
    const { values, positionals } = parsed;
    if (positionals.length > 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`unexpected argument ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(positionals[1])}; give one app dir (--help)`);
    }
    const flags = {};
    const given = values;
    for (const i of _input_table_js__WEBPACK_IMPORTED_MODULE_1__/* .ROWS */ .Ir) {
        const v = given[i.name];
        if (typeof v === 'string')
            flags[i.name] = v;
    }
    return {
        appDir: positionals[0] ?? '.',
        flags,
        output: typeof values.output === 'string' ? values.output : undefined,
        help: values.help === true,
    };
}


/***/ }),

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cli_args_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7391);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(3916);
/* harmony import */ var _input_table_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5481);
/* harmony import */ var _pipeline_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4474);
/* harmony import */ var _adapters_local_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2451);
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(6290);







/** `go-paas-build --help`: every input of action.yml as a flag, with the variable it falls back to. */
function usage() {
    const width = Math.max(..._input_table_js__WEBPACK_IMPORTED_MODULE_2__/* .ROWS */ .Ir.map((i) => i.name.length)) + 2;
    const flags = _input_table_js__WEBPACK_IMPORTED_MODULE_2__/* .ROWS */ .Ir.map((i) => `  --${i.name.padEnd(width)}${i.help}${i.env ? ` (or ${i.env})` : ''}`);
    return [
        'usage: go-paas-build [app-dir] [--output DIR] [--<input> VALUE ...]',
        '',
        'Builds the Go app in app-dir (default: .) the way the Clever Cloud Go runtime / Heroku Go',
        "buildpack would, and writes the slug (the app's files, bin/, Procfile) to <app-dir>/slug or",
        '--output DIR. A go on PATH that satisfies the version is used; otherwise Go is installed from',
        '--go-download-base-url into $XDG_CACHE_HOME/go-paas-build.',
        '',
        'Flags (the inputs of action.yml; the variable in parentheses is read when the flag is not given;',
        'a yes/no flag alone means yes, e.g. --smoke-test):',
        `  --${'output'.padEnd(width)}where the slug goes (default <app-dir>/slug)`,
        ...flags,
        `  --${'help'.padEnd(width)}this text`,
    ].join('\n');
}
async function cli() {
    try {
        const args = (0,_cli_args_js__WEBPACK_IMPORTED_MODULE_1__/* .parseArgs */ .Z)(process.argv.slice(2));
        if (args.help) {
            console.log(usage());
            return 0;
        }
        const appDir = node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(args.appDir);
        const rt = (0,_adapters_local_js__WEBPACK_IMPORTED_MODULE_4__/* .localRuntime */ .aM)({
            flags: args.flags,
            workspace: appDir,
            output: args.output ? node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(args.output) : undefined,
        });
        const result = await (0,_pipeline_js__WEBPACK_IMPORTED_MODULE_3__/* .runPipeline */ .aI)(rt);
        console.log('');
        for (const [k, v] of Object.entries(rt.outputs)) {
            console.log((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_5__/* .neutralise */ .$0)(`${k}: ${v.includes('\n') ? `\n${v.trimEnd().replace(/^/gm, '  ')}` : v}`));
        }
        console.log((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_5__/* .neutralise */ .$0)(`\nSlug: ${result.slugDir}`));
        return 0;
    }
    catch (err) {
        console.error((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_5__/* .neutralise */ .$0)(`error: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(err)}`));
        if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .y) && err instanceof Error && process.env.GO_PAAS_BUILD_DEBUG) {
            console.error(err.stack);
        }
        return 1;
    }
}
process.exitCode = await cli();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 3686:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $j: () => (/* binding */ checkLinkerValue),
/* harmony export */   Du: () => (/* binding */ refuseDryRun),
/* harmony export */   bP: () => (/* binding */ sharedGoFlags),
/* harmony export */   vd: () => (/* binding */ installArgs)
/* harmony export */ });
/* unused harmony exports linkerFlag, usesVendor */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _trust_refusal_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2510);
/* harmony import */ var _trust_words_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9707);




/**
 * The flags shared by `go install` and the `go list` calls that must see the same build
 * (SPEC §3): -tags, one `-ldflags=-X 'sym=val'` argument, -mod=vendor, then -x -race.
 */
function sharedGoFlags(inputs, appDir) {
    const flags = [];
    if (inputs.buildTags.length)
        flags.push('-tags', inputs.buildTags.join(','));
    const ld = linkerFlag(inputs.linkerSymbol, inputs.linkerValue);
    if (ld)
        flags.push(ld);
    if (usesVendor(appDir))
        flags.push('-mod=vendor');
    return flags;
}
/** Go splits an -ldflags value on spaces unless quoted inside it: quote so a value with spaces survives. */
function linkerFlag(symbol, value) {
    if (!symbol || !value)
        return undefined;
    const q = value.includes("'") ? '"' : "'";
    return `-ldflags=-X ${q}${symbol}=${value}${q}`;
}
/** Heroku's rule: -mod=vendor when vendor/ exists and go.sum is not empty. */
function usesVendor(appDir) {
    try {
        return (node_fs__WEBPACK_IMPORTED_MODULE_0___default().statSync(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(appDir, 'vendor')).isDirectory() &&
            node_fs__WEBPACK_IMPORTED_MODULE_0___default().statSync(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(appDir, 'go.sum')).size > 0);
    }
    catch {
        return false;
    }
}
/**
 * `go install [-v] [-tags T] [-ldflags=-X 's=v'] [-mod=vendor] [-x -race] [build-flags] <packages>`:
 * -v is Heroku's, -x -race is troubleshoot, the user's build-flags come last before the packages.
 */
function installArgs(inputs, shared, packages) {
    return [
        'install',
        ...(inputs.platform === 'heroku' ? ['-v'] : []),
        ...shared,
        ...(inputs.troubleshoot ? ['-x', '-race'] : []),
        ...inputs.buildFlags,
        // The plan has checked every package where it came from; this is the last gate before argv.
        ...(0,_trust_words_js__WEBPACK_IMPORTED_MODULE_2__/* .packageWords */ .CS)(packages, 'package'),
    ];
}
/**
 * `-n` makes go print the commands of a build without running them: no binary would exist, and
 * the slug would be empty. Refused (rather than handled) so that a dry run is never mistaken for
 * a build.
 */
function refuseDryRun(flags, label) {
    const dry = flags.find((f) => /^--?n(?:=(?:1|t|T|TRUE|true|True))?$/.test(f));
    if (dry !== undefined) {
        throw (0,_trust_refusal_js__WEBPACK_IMPORTED_MODULE_3__/* .bad */ .M)(label, dry, 'not usable: -n prints the build commands without running them, so there would be no binary to ship; remove it');
    }
}
/** A linker value {@link linkerFlag} can pass: one line, not both quote kinds. */
function checkLinkerValue(value, label) {
    if (/[\r\n\0]/.test(value)) {
        throw (0,_trust_refusal_js__WEBPACK_IMPORTED_MODULE_3__/* .bad */ .M)(label, value, 'not usable; a linker value must be one line');
    }
    if (value.includes("'") && value.includes('"')) {
        throw (0,_trust_refusal_js__WEBPACK_IMPORTED_MODULE_3__/* .bad */ .M)(label, value, 'not usable; a linker value cannot hold both quote kinds');
    }
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ errorMessage),
/* harmony export */   y: () => (/* binding */ UserError)
/* harmony export */ });
/**
 * A problem with the user's configuration or app: the message is one line that says what is wrong
 * and how to fix it. Anything that is not a UserError is a bug and shows its stack in debug logs.
 */
class UserError extends Error {
    name = 'UserError';
}
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 9705:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ir: () => (/* binding */ walkTree),
/* harmony export */   Jk: () => (/* binding */ fsPath),
/* harmony export */   Lb: () => (/* binding */ isUtf8Name),
/* harmony export */   Xq: () => (/* binding */ formatSize),
/* harmony export */   aA: () => (/* binding */ encodeName),
/* harmony export */   dM: () => (/* binding */ removeTree),
/* harmony export */   e4: () => (/* binding */ decodeName),
/* harmony export */   r6: () => (/* binding */ readNames),
/* harmony export */   wd: () => (/* binding */ isDirectory)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




/**
 * Visits every entry under `dir`, siblings concurrently; a directory is visited before its
 * contents, and entered only when `descend` (default: always) says so. Missing or unreadable
 * directories are skipped.
 */
async function walkTree(dir, visit, descend = () => true) {
    let entries;
    try {
        entries = await node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default().readdir(dir, { withFileTypes: true });
    }
    catch {
        return;
    }
    await Promise.all(entries.map(async (e) => {
        const p = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dir, e.name);
        await visit(p, e);
        if (e.isDirectory() && descend(e))
            await walkTree(p, visit, descend);
    }));
}
/** `512 B`, `1.5 KiB`, `12.3 MiB`: the one way sizes are written in logs and the summary. */
function formatSize(bytes) {
    if (bytes >= 1024 * 1024)
        return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
    if (bytes >= 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${bytes} B`;
}
/**
 * File names are bytes on Linux and need not be UTF-8: a name holding the byte 0xff is valid, and
 * git commits it. Read the usual way, Node replaces such a byte with U+FFFD, and the string then
 * names another file or none. So the slug's copy and its archive read names with {@link readNames}:
 * each byte that is not part of well-formed UTF-8 becomes the lone surrogate U+DC80…U+DCFF
 * (byte 0x80…0xff, as Python's `surrogateescape`, PEP 383), every other character is itself.
 * The mapping is one to one (well-formed UTF-8 never decodes to a lone surrogate), so the string
 * names exactly one file, `path` and the `.slugignore` matcher work on it as on any name, and
 * {@link fsPath} gives the bytes back for fs calls. `quote`/`show` print such a byte as `\xNN`.
 */
function decodeName(bytes) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if ((0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(buf))
        return buf.toString('utf8');
    let out = '';
    let run = 0;
    for (let i = 0; i < buf.length;) {
        const n = utf8SequenceLength(buf, i);
        if (n > 0) {
            i += n;
            continue;
        }
        out += `${buf.toString('utf8', run, i)}${String.fromCharCode(0xdc00 + buf[i])}`;
        i += 1;
        run = i;
    }
    return out + buf.toString('utf8', run);
}
/** A byte that decodeName escaped: a low surrogate in U+DC80…U+DCFF not after a high one. */
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const ESCAPED_BYTES = new RegExp(`(${ESCAPED_BYTE.source})`);
/** Whether the name is UTF-8 on disk (it holds no byte that decodeName escaped). */
function isUtf8Name(name) {
    return !ESCAPED_BYTE.test(name);
}
/** The bytes of a name from decodeName (for any other string: its UTF-8). */
function encodeName(name) {
    if (isUtf8Name(name))
        return Buffer.from(name, 'utf8');
    // split with a capturing group: the escaped bytes at the odd places.
    return Buffer.concat(name
        .split(ESCAPED_BYTES)
        .map((part, i) => i % 2 === 1 ? Buffer.of(part.charCodeAt(0) - 0xdc00) : Buffer.from(part, 'utf8')));
}
/** The path for an fs call: the string itself when it is UTF-8 on disk, else its bytes. */
function fsPath(p) {
    return isUtf8Name(p) ? p : encodeName(p);
}
/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), 0 when there is none. */
function utf8SequenceLength(b, i) {
    const c = b[i];
    const cont = (at, lo = 0x80, hi = 0xbf) => {
        const x = b[i + at];
        return x !== undefined && x >= lo && x <= hi;
    };
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return cont(1) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        // E0 A0…: no overlong form; ED …9F: no UTF-16 surrogate.
        const ok = cont(1, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf) && cont(2);
        return ok ? 3 : 0;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        // F0 90…: no overlong form; F4 …8F: nothing past U+10FFFF.
        const ok = cont(1, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf) && cont(2) && cont(3);
        return ok ? 4 : 0;
    }
    return 0;
}
/** A directory's entries, names byte-exact (decodeName), in byte order of the names. */
function readNames(dir) {
    return node_fs__WEBPACK_IMPORTED_MODULE_1___default().readdirSync(fsPath(dir), { encoding: 'buffer', withFileTypes: true })
        .sort((a, b) => Buffer.compare(a.name, b.name))
        .map((entry) => ({ name: decodeName(entry.name), entry }));
}
/** A directory, following links; false when nothing (reachable) is there. */
function isDirectory(p) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_1___default().statSync(p).isDirectory();
    }
    catch {
        return false;
    }
}
/**
 * rm -rf that also works as a non-root user on a tree holding read-only directories (an
 * extracted archive, Go's module cache): on EACCES/EPERM every directory is made writable and
 * searchable by its owner, without following symlinks, and the removal is tried again.
 */
function removeTree(dir) {
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_1___default().rmSync(dir, { recursive: true, force: true });
        return;
    }
    catch (err) {
        const code = err.code;
        if (code !== 'EACCES' && code !== 'EPERM' && code !== 'ENOTEMPTY')
            throw err;
    }
    openDirs(dir);
    node_fs__WEBPACK_IMPORTED_MODULE_1___default().rmSync(dir, { recursive: true, force: true });
}
/** Byte-exact names (readNames): a directory whose name is not UTF-8 is opened too. */
function openDirs(dir) {
    let st;
    try {
        st = node_fs__WEBPACK_IMPORTED_MODULE_1___default().lstatSync(fsPath(dir));
    }
    catch {
        return;
    }
    if (!st.isDirectory())
        return;
    if ((st.mode & 0o700) !== 0o700)
        node_fs__WEBPACK_IMPORTED_MODULE_1___default().chmodSync(fsPath(dir), st.mode | 0o700);
    for (const { name, entry } of readNames(dir)) {
        if (entry.isDirectory())
            openDirs(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dir, name));
    }
}


/***/ }),

/***/ 9298:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AH: () => (/* binding */ checkGoTarget),
/* harmony export */   No: () => (/* binding */ archiveArch),
/* harmony export */   SQ: () => (/* binding */ installArch),
/* harmony export */   Tm: () => (/* binding */ toolCacheArch),
/* harmony export */   cg: () => (/* binding */ goosValue),
/* harmony export */   ic: () => (/* binding */ goarchValue),
/* harmony export */   vq: () => (/* binding */ hostGoos),
/* harmony export */   vr: () => (/* binding */ hostGoArch)
/* harmony export */ });
/* unused harmony exports GOOS_LIST, GOARCH_LIST, isGoTarget */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6290);


/**
 * Go's target vocabulary in one place. GOOS/GOARCH pairs are the union of `go tool dist list`
 * over the Go versions the action is tested with (a unit test runs it on every Go fixture), so a
 * misspelt target fails before anything is downloaded. The other vocabularies (go.dev's archive
 * names, Node's and the runner tool cache's names) map to and from GOARCH here only.
 */
const PAIRS = new Set(('aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64 ' +
    'dragonfly/amd64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 freebsd/riscv64 ' +
    'illumos/amd64 ios/amd64 ios/arm64 js/wasm linux/386 linux/amd64 linux/arm linux/arm64 ' +
    'linux/loong64 linux/mips linux/mips64 linux/mips64le linux/mipsle linux/ppc64 linux/ppc64le ' +
    'linux/riscv64 linux/s390x netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 openbsd/386 ' +
    'openbsd/amd64 openbsd/arm openbsd/arm64 openbsd/mips64 openbsd/ppc64 openbsd/riscv64 ' +
    'plan9/386 plan9/amd64 plan9/arm solaris/amd64 wasip1/wasm windows/386 windows/amd64 ' +
    'windows/arm windows/arm64').split(' '));
const GOOS_LIST = [...new Set([...PAIRS].map((p) => p.split('/')[0]))].sort();
const GOARCH_LIST = [...new Set([...PAIRS].map((p) => p.split('/')[1]))].sort();
function isGoTarget(goos, goarch) {
    return PAIRS.has(`${goos}/${goarch}`);
}
/** GOARCH of the machine running the action (Node names its architectures differently). */
function hostGoArch(nodeArch) {
    return NODE_TO_GOARCH[nodeArch] ?? nodeArch;
}
/** GOOS of the machine running the action. */
function hostGoos(platform) {
    return platform === 'win32' ? 'windows' : platform;
}
const NODE_TO_GOARCH = { x64: 'amd64', ia32: '386', x32: '386' };
/** go.dev names 32-bit ARM archives `armv6l`; every other arch is named as GOARCH. */
function archiveArch(goarch) {
    return goarch === 'arm' ? 'armv6l' : goarch;
}
/** The runner tool cache (setup-go, the hosted images) uses Node's names: x64, x32, arm64, arm. */
function toolCacheArch(goarch) {
    return goarch === 'amd64' ? 'x64' : goarch === '386' ? 'x32' : goarch;
}
/** Architectures go.dev publishes Linux or macOS archives for (what `architecture` can install). */
const INSTALLABLE = [
    'amd64',
    'arm64',
    '386',
    'arm',
    'loong64',
    'mips',
    'mips64',
    'mips64le',
    'mipsle',
    'ppc64',
    'ppc64le',
    'riscv64',
    's390x',
];
/** The `architecture` input: GOARCH names, and the Node (`x64`) or go.dev (`armv6l`) ones. */
function installArch(raw, label) {
    const v = raw.toLowerCase();
    const goarch = v === 'armv6l' ? 'arm' : hostGoArch(v);
    if (INSTALLABLE.includes(goarch))
        return goarch;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${label}: ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(raw)} is not an architecture go.dev publishes Go for; use ${INSTALLABLE.join(', ')} (or x64)`);
}
/** The `goos` input: a GOOS. */
function goosValue(raw, label) {
    if (GOOS_LIST.includes(raw))
        return raw;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${label}: ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(raw)} is not a GOOS; use one of ${GOOS_LIST.join(', ')}`);
}
/** The `goarch` input: a GOARCH (Go's names, not go.dev's or Node's). */
function goarchValue(raw, label) {
    if (GOARCH_LIST.includes(raw))
        return raw;
    const alias = raw === 'armv6l' ? 'arm (GOARM=6)' : NODE_TO_GOARCH[raw.toLowerCase()];
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${label}: ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(raw)} is not a GOARCH; ${alias ? `use ${alias}, or one of` : 'use one of'} ${GOARCH_LIST.join(', ')}`);
}
/** goos and goarch together (either may default to the host's): a pair Go builds for. */
function checkGoTarget(goos, goarch) {
    if (!isGoTarget(goos, goarch)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`goos/goarch: ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(`${goos}/${goarch}`)} is not a target Go builds for; use a pair that 'go tool dist list' prints`);
    }
}


/***/ }),

/***/ 5481:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  mc: () => (/* binding */ INPUTS),
  Ir: () => (/* binding */ ROWS),
  TN: () => (/* reexport */ keyOf)
});

// EXTERNAL MODULE: ./src/trust/refusal.ts
var refusal = __nccwpck_require__(2510);
;// CONCATENATED MODULE: ./src/cache/key-suffix.ts

/** The longest build-cache key the suffix can end up in (SPEC §4); the service refuses longer ones. */
const MAX_CACHE_KEY = 512;
/** Room for `go-paas-build-build-<os>-<arch>-go<version>-<16 hex>-` and `-<run id>-<attempt>`. */
const CACHE_KEY_BASE = 'go-paas-build-build-freebsd-riscv64-go1.999.999-beta.99-0123456789abcdef-';
/** The cache-key-suffix input: no comma or control character, and every key within the limit. */
function cacheKeySuffix(suffix, env) {
    if (/[,\p{Cc}]/u.test(suffix)) {
        throw (0,refusal/* bad */.M)('cache-key-suffix', suffix, 'not usable in a cache key; it cannot hold a comma or a control character');
    }
    const tail = `-${env.GITHUB_RUN_ID || '99999999999'}-${env.GITHUB_RUN_ATTEMPT || '99'}`;
    const longest = CACHE_KEY_BASE.length + suffix.length + tail.length;
    if (longest > MAX_CACHE_KEY) {
        throw (0,refusal/* bad */.M)('cache-key-suffix', suffix, `too long: the cache keys would exceed ${MAX_CACHE_KEY} characters; use at most ${MAX_CACHE_KEY - CACHE_KEY_BASE.length - tail.length} characters`);
    }
    return suffix;
}

// EXTERNAL MODULE: ./src/compile/flags.ts
var flags = __nccwpck_require__(3686);
// EXTERNAL MODULE: ./src/check/glibc.ts + 1 modules
var glibc = __nccwpck_require__(6657);
// EXTERNAL MODULE: ./src/fs-tree.ts
var fs_tree = __nccwpck_require__(9705);
// EXTERNAL MODULE: ./src/check/policy.ts
var policy = __nccwpck_require__(9680);
;// CONCATENATED MODULE: ./src/input-kinds.ts
/**
 * The kinds of row the input table is made of (text, yes-no, one-of, number, list, custom): each
 * builds a row's parser from its columns, so that the table states what an input accepts once.
 */

function orList(items) {
    return items.length <= 1
        ? items.join('')
        : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
function one(parse) {
    return (given, ctx) => parse(given[0], ctx);
}
/** Free text, with an optional check that refuses what the input cannot be. */
function input_kinds_text(s) {
    const { check, ...row } = s;
    const parse = one((g, ctx) => (check?.(g, ctx), g.value));
    return { ...row, kind: 'string', parse };
}
/** A boolean: true, false, 1, 0, yes or no; on the command line the flag alone means true. */
function yesNo(s) {
    const parse = one(({ value, label }) => {
        const v = value.toLowerCase();
        if (['true', '1', 'yes'].includes(v))
            return true;
        if (['false', '0', 'no'].includes(v))
            return false;
        throw (0,refusal/* bad */.M)(label, value, 'a boolean; use true, false, 1, 0, yes or no');
    });
    return { ...s, kind: 'yes-no', parse };
}
/** One of `values` (an alias stands for one of them), then `map`ped; `--help` lists them. */
function oneOf(values, s, map) {
    const { help, aliases, ...row } = s;
    const parse = one(({ value, label }) => {
        const v = values.includes(value) ? value : aliases?.[value];
        if (v === undefined)
            throw (0,refusal/* bad */.M)(label, value, `not valid; use ${orList(values)}`);
        return map ? map(v) : v;
    });
    return { ...row, kind: 'one-of', help: help(values), values, parse };
}
/** A whole number from `min` to `max`, of at most `digits` digits. */
function number(s) {
    const { min, max, digits, unit, ...row } = s;
    const parse = one(({ value, label }) => {
        const n = new RegExp(`^\\d{1,${digits}}$`).test(value) ? Number(value) : NaN;
        if (n >= min && n <= max)
            return n;
        throw (0,refusal/* bad */.M)(label, value, `not valid; use a whole number of ${unit} from ${min} to ${max}`);
    });
    return { ...row, kind: 'number', parse };
}
/** One item a line, trimmed, blank lines dropped. */
const lines = (v) => v
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
/**
 * A list: the input split into items (default one a line; blank items dropped), or one item per
 * variable, trimmed of spaces and tabs only (its line breaks are left for `item` to refuse).
 */
function list(s) {
    const { split = lines, item, check, unique, ...row } = s;
    const parse = (given, ctx) => {
        const items = given.flatMap(({ value, label, from }) => {
            const raw = from === 'input' || from === 'default' ? split(value, label) : [value];
            const got = raw.map((v) => (item ? item(v, label, ctx) : v));
            check?.(got, label);
            return got;
        });
        return unique ? [...new Set(items)] : items;
    };
    return { ...row, kind: 'list', parse };
}
/** Any other value: `parse` turns the given text into it, or refuses it. */
function custom(s) {
    return { ...s, kind: 'custom', parse: one(s.parse) };
}
/** Split at commas, trimmed, blanks dropped (build-tags). */
const commas = (v) => v
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
const BUILD_DIR = '${build_dir}';
const goVariable = (name, env) => input_kinds_text({ name, env, group: 'goEnv', help: `${env} of every go command` });
const cgoVariable = (name, env, help = env) => custom({
    name,
    env,
    group: 'cgoEnv',
    help,
    parse: ({ value }, ctx) => value.split(BUILD_DIR).join(ctx.appDir),
});
/** The field of `Inputs` a row fills (a grouped row fills `<group>.<env>`). */
function keyOf(row) {
    return row.key ?? row.name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
}

// EXTERNAL MODULE: ./src/go-targets.ts
var go_targets = __nccwpck_require__(9298);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/trust/log-text.ts
var log_text = __nccwpck_require__(6290);
;// CONCATENATED MODULE: ./src/shell-words.ts


/**
 * Splits a flag string into words the way a POSIX shell would, honouring single quotes, double
 * quotes and backslashes, but expanding nothing (no `$VAR`, no globs, no command substitution).
 */
function splitWords(text, label) {
    const words = [];
    let cur = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote === "'") {
            if (c === "'")
                quote = undefined;
            else
                cur += c;
            continue;
        }
        if (quote === '"') {
            if (c === '"')
                quote = undefined;
            else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) {
                cur += text[++i];
            }
            else
                cur += c;
            continue;
        }
        if (c === "'" || c === '"') {
            quote = c;
            inWord = true;
        }
        else if (c === '\\') {
            if (i + 1 < text.length) {
                const next = text[++i];
                if (next !== '\n')
                    cur += next;
            }
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                words.push(cur);
            cur = '';
            inWord = false;
        }
        else {
            cur += c;
            inWord = true;
        }
    }
    if (quote) {
        throw new errors/* UserError */.y(`${label}: ${(0,log_text/* quote */.hD)(text)} has an unclosed ${quote} quote; close it or escape it with \\`);
    }
    if (inWord)
        words.push(cur);
    return words;
}

// EXTERNAL MODULE: ./src/publish/artifact-name.ts
var artifact_name = __nccwpck_require__(3213);
;// CONCATENATED MODULE: ./src/release/inputs.ts
// The inputs of the release to Heroku (SPEC §12): their parsers, and their rows of the input table.



const HEROKU_RELEASE_MODES = ['if-changed', 'always'];
const HEROKU_API_URL = 'https://api.heroku.com';
/** Heroku's app names (3 to 30 characters), or an app's id. */
const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** heroku-app: a name or an id, which then goes into API paths as it is. */
function herokuApp(value, label) {
    if (APP_NAME.test(value) || APP_ID.test(value))
        return value;
    throw (0,refusal/* bad */.M)(label, value, "not a Heroku app; use the app's name (3 to 30 lowercase letters, digits and dashes, starting with a letter) or its id");
}
/**
 * heroku-api-url: an http(s) URL without credentials (the key comes from HEROKU_API_KEY only),
 * query or fragment; returned without a trailing slash.
 */
function herokuApiUrl(value, label) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || !/^https?:\/\/[^\s/]+/i.test(value)) {
        throw (0,refusal/* bad */.M)(label, (0,log_text/* redactUrl */.BO)(value), 'not a URL; use https://api.heroku.com or a proxy of it');
    }
    if (url.username || url.password) {
        throw (0,refusal/* bad */.M)(label, (0,log_text/* redactUrl */.BO)(value), 'a URL with credentials; the API key comes from the HEROKU_API_KEY variable only: take them out');
    }
    if (url.search || url.hash || /\s/.test(value)) {
        throw (0,refusal/* bad */.M)(label, value, 'not a base URL; use https://host[/path] without ? or #');
    }
    // The URL parser folds `..` (and `%2e%2e`) away: the text as given is what is checked.
    const given = value.replace(/^[a-z]+:\/\/[^/]*/i, '');
    if (given.split('/').some((p) => /^(?:\.|%2e){1,2}$/i.test(p))) {
        throw (0,refusal/* bad */.M)(label, value, 'not a base URL; use a path without . or .. segments');
    }
    return url.href.replace(/\/+$/, '');
}
const RELEASE_INPUTS = [
    custom({
        name: 'heroku-app',
        env: 'HEROKU_APP',
        help: 'release the checked slug to this Heroku app (key: env HEROKU_API_KEY)',
        parse: ({ value, label }) => herokuApp(value, label),
    }),
    custom({
        name: 'heroku-api-url',
        default: HEROKU_API_URL,
        help: `the Heroku Platform API (default ${HEROKU_API_URL})`,
        parse: ({ value, label }) => herokuApiUrl(value, label),
    }),
    oneOf(HEROKU_RELEASE_MODES, {
        name: 'heroku-release',
        default: 'if-changed',
        help: (modes) => `${orList(modes)}: if-changed skips a slug the app already runs`,
    }),
];

// EXTERNAL MODULE: ./src/text.ts
var src_text = __nccwpck_require__(8992);
// EXTERNAL MODULE: ./src/toolchain/source.ts
var source = __nccwpck_require__(6954);
// EXTERNAL MODULE: ./src/trust/paths.ts
var paths = __nccwpck_require__(4766);
// EXTERNAL MODULE: ./src/trust/words.ts
var words = __nccwpck_require__(9707);
;// CONCATENATED MODULE: ./src/words.ts
/**
 * The product's shared vocabulary: the values a few inputs accept, named once. The input table
 * builds its rows (and their help) from these lists, and the stages take the types, so that no
 * stage needs the whole of Inputs to know what a platform or a cache mode is.
 */
const PLATFORMS = ['clever-cloud', 'heroku'];
const CACHE_MODES = ['true', 'false', 'read-only'];
const ARTIFACT_FORMATS = ['tgz', 'zip'];
/** The SBOM's formats (SPEC §11): SPDX 2.3 or CycloneDX 1.5, JSON. */
const SBOM_FORMAT_NAMES = ['spdx', 'cyclonedx'];

;// CONCATENATED MODULE: ./src/input-table.ts
/**
 * Every input of action.yml: its name (also the CLI flag), the platform variable it falls back
 * to, its `--help` line, its parser and its default. The input reader (src/inputs.ts), the CLI's
 * flags and `--help`, the `Inputs` type and the action.yml test all come from this one table (a
 * unit test holds it equal to action.yml).
 */

















const INPUTS = [
    custom({
        name: 'working-directory',
        env: 'APP_FOLDER',
        key: 'appDir',
        default: '.',
        help: 'app root inside the workspace',
        parse: ({ value, label }, ctx) => {
            const appDir = (0,paths/* confine */.Do)(ctx.workspace, value, { label, allowRoot: true });
            if (!(0,fs_tree/* isDirectory */.wd)(appDir)) {
                throw (0,refusal/* bad */.M)(label, value, 'not a directory of the workspace; use the app folder');
            }
            return appDir;
        },
    }),
    oneOf(PLATFORMS, {
        name: 'platform',
        default: 'clever-cloud',
        help: ([cc, heroku]) => `${cc} (default) or ${heroku}`,
    }),
    oneOf(['auto', 'gomod', 'gobuild', 'makefile', 'goget'], {
        name: 'build-tool',
        env: 'CC_GO_BUILD_TOOL',
        default: 'auto',
        help: orList,
    }),
    input_kinds_text({
        name: 'package',
        env: 'CC_GO_PKG',
        computed: 'main.go (gobuild), the module path (gomod, clever-cloud) or its main packages (gomod, heroku)',
        help: 'package or .go file(s) for go install',
        check: ({ value, label }) => void (0,words/* packageWords */.CS)((0,src_text/* words */.a)(value), label),
    }),
    input_kinds_text({
        name: 'install-package-spec',
        env: 'GO_INSTALL_PACKAGE_SPEC',
        help: 'space-separated packages (./cmd/...)',
        check: ({ value, label }) => void (0,words/* packageWords */.CS)((0,src_text/* words */.a)(value), label),
    }),
    input_kinds_text({
        name: 'binary',
        env: 'CC_GO_BINARY',
        help: 'makefile: the binary make builds',
        check: ({ value, label }, ctx) => {
            (0,words/* operand */.id)(value, label, 'use the path, relative to the app, of the binary');
            (0,paths/* confine */.Do)((0,paths/* realRoot */.dU)(ctx.appDir, 'the app directory'), value, { label });
        },
    }),
    input_kinds_text({
        name: 'rundir',
        env: 'CC_GO_RUNDIR',
        help: 'deprecated: build at $GOPATH/src/<rundir>',
        check: ({ value, label }) => void (0,words/* importPath */.LM)(value, label),
    }),
    input_kinds_text({
        name: 'run-command',
        env: 'CC_RUN_COMMAND',
        help: 'the web process of the default Procfile',
        check: ({ value, label }) => {
            if (/[\r\n]/.test(value)) {
                throw (0,refusal/* bad */.M)(label, value, 'not valid; the run command must be one line');
            }
        },
    }),
    yesNo({
        name: 'troubleshoot',
        env: 'CC_TROUBLESHOOT',
        default: 'false',
        help: 'add -x -race to the build',
    }),
    custom({
        name: 'go-version',
        env: 'GOVERSION',
        computed: 'GOVERSION, go-version-file, go.mod, …, else the newest stable (heroku: go1.25)',
        help: 'Go version spec (1.24, ^1.22, stable, …)',
        /** The version spec as given, and which name it came from. */
        parse: ({ value, from }) => ({ value, from: from === 'input' ? 'input' : 'GOVERSION' }),
    }),
    custom({
        name: 'go-version-file',
        help: 'go.mod, go.work, .go-version or .tool-versions to read',
        parse: ({ value, label }, ctx) => (0,paths/* confine */.Do)(ctx.workspace, value, { label }),
    }),
    yesNo({
        name: 'check-latest',
        default: 'false',
        help: 'ask the release index even on a tool-cache hit',
    }),
    custom({
        name: 'go-download-base-url',
        env: 'GO_DOWNLOAD_BASE_URL',
        key: 'goDownload',
        default: 'https://go.dev/dl',
        help: 'release index and archives (default https://go.dev/dl), e.g. a mirror',
        parse: ({ value, label }) => (0,source/* downloadBase */.M)(value, label),
    }),
    oneOf(['dl', 'proxy'], {
        name: 'go-toolchain-source',
        key: 'toolchainSource',
        default: 'dl',
        help: ([dl, proxy]) => `${dl} (default): go-download-base-url; ${proxy}: golang.org/toolchain via GOPROXY, checked in GOSUMDB`,
    }),
    custom({
        name: 'architecture',
        computed: 'the runner’s architecture',
        compute: (ctx) => ctx.rt.host.arch,
        help: 'architecture of the Go to install (default this machine’s)',
        parse: ({ value, label }) => (0,go_targets/* installArch */.SQ)(value, label),
    }),
    custom({
        name: 'linker-symbol',
        env: 'GO_LINKER_SYMBOL',
        help: 'importpath.Name set with -X',
        parse: ({ value, label }) => (0,words/* linkerSymbol */.w4)(value, label),
    }),
    input_kinds_text({
        name: 'linker-value',
        env: 'GO_LINKER_VALUE',
        computed: 'SOURCE_VERSION, else GITHUB_SHA',
        compute: (ctx) => (0,src_text/* nonEmpty */.h)(ctx.rt.env.SOURCE_VERSION) ?? (0,src_text/* nonEmpty */.h)(ctx.rt.env.GITHUB_SHA),
        help: 'its value (then SOURCE_VERSION, GITHUB_SHA)',
        check: ({ value, label }, ctx) => {
            if (ctx.has('linker-symbol'))
                (0,flags/* checkLinkerValue */.$j)(value, label);
        },
    }),
    list({
        name: 'build-tags',
        computed: 'none on clever-cloud, heroku on heroku',
        compute: (ctx) => (ctx.platform === 'heroku' ? 'heroku' : undefined),
        help: 'comma-separated build tags',
        split: commas,
        item: words/* buildTag */.NQ,
    }),
    list({
        name: 'build-flags',
        help: 'extra go install flags, split like a shell',
        split: splitWords,
        check: flags/* refuseDryRun */.Du,
    }),
    custom({
        name: 'goos',
        env: 'GOOS',
        help: 'target GOOS',
        parse: ({ value, label }) => (0,go_targets/* goosValue */.cg)(value, label),
    }),
    custom({
        name: 'goarch',
        env: 'GOARCH',
        help: 'target GOARCH',
        parse: ({ value, label }) => (0,go_targets/* goarchValue */.ic)(value, label),
    }),
    // Go splits GOFLAGS on white space.
    input_kinds_text({
        name: 'goflags',
        env: 'GOFLAGS',
        group: 'goEnv',
        help: 'GOFLAGS of every go command',
        check: ({ value, label }) => (0,flags/* refuseDryRun */.Du)(value.split(/\s+/), label),
    }),
    goVariable('goproxy', 'GOPROXY'),
    goVariable('goprivate', 'GOPRIVATE'),
    goVariable('gonoproxy', 'GONOPROXY'),
    goVariable('gonosumdb', 'GONOSUMDB'),
    cgoVariable('cgo-cflags', 'CGO_CFLAGS', 'CGO_CFLAGS (${build_dir} is the app)'),
    cgoVariable('cgo-cppflags', 'CGO_CPPFLAGS'),
    cgoVariable('cgo-cxxflags', 'CGO_CXXFLAGS'),
    cgoVariable('cgo-ldflags', 'CGO_LDFLAGS'),
    input_kinds_text({ name: 'pre-build-hook', env: 'CC_PRE_BUILD_HOOK', help: 'shell run before the build' }),
    input_kinds_text({ name: 'post-build-hook', env: 'CC_POST_BUILD_HOOK', help: 'shell run after the build' }),
    yesNo({
        name: 'install-tools-in-image',
        env: 'GO_INSTALL_TOOLS_IN_IMAGE',
        default: 'false',
        help: 'ship GOROOT in the slug',
    }),
    yesNo({
        name: 'setup-gopath-in-image',
        env: 'GO_SETUP_GOPATH_IN_IMAGE',
        default: 'false',
        help: 'ship the sources in a GOPATH layout',
    }),
    oneOf(CACHE_MODES, {
        name: 'cache',
        default: 'true',
        help: (v) => `${orList(v)} (Actions only)`,
    }),
    list({
        name: 'cache-dependency-path',
        computed: 'the app’s go.sum and go.work.sum files',
        help: 'globs that key the module cache',
        item: (pattern, label, ctx) => {
            (0,paths/* confine */.Do)(ctx.workspace, pattern.replace(/^!/, ''), {
                label,
                accepted: 'use a glob relative to the workspace, inside it',
            });
            return pattern;
        },
    }),
    custom({
        name: 'cache-key-suffix',
        help: 'extra text in the cache keys',
        parse: ({ value }, ctx) => cacheKeySuffix(value, ctx.rt.env),
    }),
    yesNo({
        name: 'app-files',
        default: 'true',
        help: "ship the app's files in the slug (default true)",
    }),
    yesNo({ name: 'upload', default: 'true', help: 'upload the slug as an artifact (Actions only)' }),
    input_kinds_text({
        name: 'artifact-name',
        computed: '<app>-<goos>-<goarch>-go<version>',
        help: 'artifact name',
        check: ({ value, label }) => void (0,artifact_name/* checkArtifactName */.C)(value, label),
    }),
    oneOf(ARTIFACT_FORMATS, { name: 'artifact-format', default: 'tgz', help: orList }),
    yesNo({
        name: 'pack-slug',
        default: 'false',
        help: 'write the slug .tar.gz even when no upload needs it',
    }),
    yesNo({
        name: 'reproducible',
        default: 'false',
        help: 'build with -trimpath: the same sources, the same archive',
    }),
    oneOf([...SBOM_FORMAT_NAMES, 'false'], {
        name: 'sbom',
        default: 'false',
        aliases: { true: 'spdx' },
        help: ([spdx, cdx, no]) => `an SBOM of the binaries: ${spdx} (or true), ${cdx} or ${no}`,
    }, (v) => (v === 'false' ? undefined : v)),
    number({
        name: 'retention-days',
        computed: 'the repository’s retention',
        help: 'artifact retention, 1 to 90',
        min: 1,
        max: 90,
        digits: 3,
        unit: 'days',
    }),
    yesNo({
        name: 'smoke-test',
        default: 'false',
        help: 'start the slug as the platform would and check it',
    }),
    list({
        name: 'health-check-paths',
        env: 'CC_HEALTH_CHECK_PATH',
        envSeries: true,
        default: '/',
        help: 'paths that must answer 200, one a line; CC_HEALTH_CHECK_PATH_0, _1, … are read too',
        item: policy/* healthCheckPath */.QU,
        unique: true,
    }),
    custom({
        name: 'target-glibc',
        env: 'STACK',
        help: 'the glibc the binaries will run with: heroku-22, ubuntu-24.04, debian-12, … or 2.31',
        parse: ({ value, label }) => (0,glibc/* glibcTarget */.nA)(value, label),
    }),
    ...RELEASE_INPUTS,
];
/** The rows as rows, for code that goes through them all (typed apart: INPUTS keeps each row's type). */
const ROWS = INPUTS;


/***/ }),

/***/ 4474:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  aI: () => (/* binding */ runPipeline)
});

// UNUSED EXPORTS: RUNDIR_DEPRECATED, STAGES

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __nccwpck_require__(6698);
;// CONCATENATED MODULE: ./src/runtime/capture.ts

const held = new external_node_async_hooks_.AsyncLocalStorage();
let installed = false;
/**
 * Patches stdout (once). The cache client's output filter (src/cache/service.ts) calls this
 * before patching stdout itself, so that it sees each line first, when it is written, in the
 * context of the call that wrote it.
 */
function installOutputHold() {
    if (installed)
        return;
    installed = true;
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk, ...rest) => {
        const box = held.getStore();
        if (!box || box.released)
            return write(chunk, ...rest);
        box.chunks.push(chunk);
        // A write callback, if any, is called as if written.
        const cb = rest.find((r) => typeof r === 'function');
        if (cb)
            queueMicrotask(cb);
        return true;
    });
}
/** Starts `fn` with its stdout held back (see the module comment). */
function holdOutput(fn) {
    installOutputHold();
    const box = { chunks: [], released: false };
    const result = held.run(box, fn);
    return {
        result,
        release() {
            if (box.released)
                return;
            box.released = true;
            for (const c of box.chunks.splice(0))
                process.stdout.write(c);
        },
    };
}

// EXTERNAL MODULE: ./src/trust/log-text.ts
var log_text = __nccwpck_require__(6290);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
var external_node_fs_default = /*#__PURE__*/__nccwpck_require__.n(external_node_fs_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
;// CONCATENATED MODULE: ./src/runtime/exec.ts


/**
 * Quotes an argument for display only (commands are never run through a shell), the way bash
 * would read it back: `'…'`, or `$'…'` with escapes when it holds a control character or the
 * `##[` of a legacy workflow command, so that a value cannot start a line or a command.
 */
function displayArg(arg) {
    if (/^[\w@%+=:,./-]+$/.test(arg) && !arg.startsWith('::'))
        return arg;
    if (!/[\p{Cc}\u2028\u2029]|##\[/u.test(arg))
        return `'${arg.replace(/'/g, `'\\''`)}'`;
    const body = [...arg]
        .map((c, i, all) => {
        if (c === '\\' || c === "'")
            return `\\${c}`;
        if (c === '\n')
            return '\\n';
        if (c === '\r')
            return '\\r';
        if (c === '\t')
            return '\\t';
        if (c === '#' && all[i + 1] === '#' && all[i + 2] === '[')
            return '\\x23';
        const code = c.codePointAt(0);
        if (code < 0x20 || code === 0x7f)
            return `\\x${code.toString(16).padStart(2, '0')}`;
        if ((code >= 0x80 && code <= 0x9f) || code === 0x2028 || code === 0x2029)
            return `\\u${code.toString(16).padStart(4, '0')}`;
        return c;
    })
        .join('');
    return `$'${body}'`;
}
function displayCommand(cmd, args) {
    return [cmd, ...args].map(displayArg).join(' ');
}
/** Runs `cmd` with an argument array (no shell), capturing its output. Never throws on exit code. */
function run(cmd, args, opts) {
    opts.logCommand?.info(`Running: ${displayCommand(cmd, args)}`);
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(cmd, args, {
            cwd: opts.cwd,
            env: opts.env,
            stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        });
        const out = [];
        const err = [];
        const echo = (stream) => {
            if (opts.quiet === true || (opts.quiet === 'stdout' && stream === process.stdout)) {
                return undefined;
            }
            if (opts.raw)
                return { push: (b) => void stream.write(b), end: () => undefined };
            return new log_text/* LineGuard */.Ix((text) => void stream.write(text));
        };
        const echoOut = echo(process.stdout);
        const echoErr = echo(process.stderr);
        child.stdout?.on('data', (b) => {
            out.push(b);
            echoOut?.push(b);
        });
        child.stderr?.on('data', (b) => {
            err.push(b);
            echoErr?.push(b);
        });
        if (opts.input !== undefined)
            child.stdin?.end(opts.input);
        child.on('error', reject);
        child.on('close', (code, signal) => {
            echoOut?.end();
            echoErr?.end();
            resolve({
                code: code ?? (signal ? 128 : 1),
                stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8'),
            });
        });
    });
}

;// CONCATENATED MODULE: ./src/cache/dirs.ts



/** GOCACHE and GOMODCACHE as the build's go commands will see them: asked of go itself. */
async function goCacheDirs(genv, dir) {
    const res = await run(external_node_path_default().join(genv.goroot, 'bin', 'go'), ['env', '-json', 'GOCACHE', 'GOMODCACHE'], { cwd: dir, env: genv.env, quiet: true });
    if (res.code !== 0)
        throw new Error(`go env failed: ${res.stderr.trim()}`);
    const parsed = JSON.parse(res.stdout);
    if (!parsed.GOCACHE || !parsed.GOMODCACHE || parsed.GOCACHE === 'off')
        throw new Error(`go env gave no usable GOCACHE/GOMODCACHE: ${res.stdout.trim()}`);
    return { gocache: parsed.GOCACHE, gomodcache: parsed.GOMODCACHE };
}
/**
 * GOCACHE and GOMODCACHE worked out the way the go command works them out, before Go is there
 * (so that the caches can be restored while it downloads): the variable, else the user's go env
 * file (`go env -w`: $GOENV, else <config dir>/go/env), else the default (<cache dir>/go-build;
 * the first GOPATH entry's pkg/mod, GOPATH defaulting to $HOME/go). Undefined when it cannot
 * tell (no HOME, a relative path, GOCACHE=off). The go command has the last word: the caller
 * checks this against `go env` once Go is installed.
 */
function predictCacheDirs(env, platform, readFile = readSmallFile) {
    const home = env.HOME;
    if (!home || !external_node_path_default().isAbsolute(home))
        return undefined;
    const xdg = (name, fallback) => {
        const v = env[name];
        return v && external_node_path_default().isAbsolute(v) ? v : fallback;
    };
    const mac = platform === 'darwin';
    const configDir = mac
        ? external_node_path_default().join(home, 'Library', 'Application Support')
        : xdg('XDG_CONFIG_HOME', external_node_path_default().join(home, '.config'));
    const cacheDir = mac
        ? external_node_path_default().join(home, 'Library', 'Caches')
        : xdg('XDG_CACHE_HOME', external_node_path_default().join(home, '.cache'));
    const goenv = env.GOENV || external_node_path_default().join(configDir, 'go', 'env');
    const file = goenv === 'off' ? {} : parseGoEnvFile(readFile(goenv) ?? '');
    const get = (name) => env[name] || file[name] || undefined;
    const gocache = get('GOCACHE') ?? external_node_path_default().join(cacheDir, 'go-build');
    const gopath = (get('GOPATH') ?? external_node_path_default().join(home, 'go')).split((external_node_path_default()).delimiter)[0] ?? '';
    const gomodcache = get('GOMODCACHE') ?? external_node_path_default().join(gopath, 'pkg', 'mod');
    if (gocache === 'off' || !external_node_path_default().isAbsolute(gocache) || !external_node_path_default().isAbsolute(gomodcache))
        return undefined;
    return { gocache, gomodcache };
}
/** The `KEY=value` lines `go env -w` writes. */
function parseGoEnvFile(text) {
    const out = {};
    for (const line of text.split('\n')) {
        const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
        if (m?.[1] && m[2] !== undefined)
            out[m[1]] = m[2];
    }
    return out;
}
function readSmallFile(file) {
    try {
        const st = external_node_fs_default().statSync(file);
        return st.isFile() && st.size <= 64 * 1024 ? external_node_fs_default().readFileSync(file, 'utf8') : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/cache/state.ts
/**
 * What the main step hands to the post step (as JSON in GITHUB_STATE), in a module of its own so
 * that the post step's bundle holds the cache code only.
 */
/** How long a key lookup may take before the job goes on without caches (SPEC §4). */
const LOOKUP_DEADLINE_MS = 3_000;
const STATE_NAME = 'cache';
const BUILD_OK_STATE = 'build-ok';

// EXTERNAL MODULE: ./src/fs-tree.ts
var fs_tree = __nccwpck_require__(9705);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
var promises_default = /*#__PURE__*/__nccwpck_require__.n(promises_);
;// CONCATENATED MODULE: ./src/cache/gocache.ts



/**
 * The build cache (GOCACHE) holds one file per entry part: `<2 hex>/<64 hex>-a` (the action's
 * record) and `-d` (its output). Go refreshes an entry's mtime when it uses it, but only when
 * the mtime is more than an hour old. So: right after the restore, every entry is dated two hours
 * back; after the job, the entries still dated back are the ones nobody used, and trimming them
 * leaves exactly what this job used or created.
 */
const ENTRY = /^[0-9a-f]{64}-[ad]$/;
const SUBDIR = /^[0-9a-f]{2}$/;
/** Older than Go's one-hour refresh interval, with margin. */
const BACKDATE_MS = 2 * 60 * 60 * 1000;
/** An entry refreshed or created by the job is at least this recent relative to the mark. */
const SLACK_MS = (/* unused pure expression or super */ null && (60 * 1000));
/**
 * Every entry file of a build cache; [] when the directory does not exist. Links are never
 * followed: a `<xx>` that is a symlink is not entered, and an entry that is not a regular file
 * with one name is not one (a restored archive holds no links, but a runner that kept its HOME
 * may).
 */
async function entryFiles(gocache) {
    let subdirs;
    try {
        subdirs = (await promises_default().readdir(gocache, { withFileTypes: true }))
            .filter((d) => d.isDirectory() && SUBDIR.test(d.name))
            .map((d) => d.name);
    }
    catch {
        return [];
    }
    const out = [];
    await Promise.all(subdirs.map(async (sub) => {
        const dir = external_node_path_default().join(gocache, sub);
        let names;
        try {
            names = await promises_default().readdir(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const e of names) {
            if (!e.isFile() || !ENTRY.test(e.name))
                continue;
            const p = external_node_path_default().join(dir, e.name);
            try {
                const st = await promises_default().lstat(p);
                // A second name of a file (a hard link) could be anyone's: re-dating it would re-date that.
                if (st.isFile() && st.nlink === 1)
                    out.push({ path: p, size: st.size, mtimeMs: st.mtimeMs });
            }
            catch {
                // removed meanwhile (Go's own trim): not an entry any more
            }
        }
    }));
    return out;
}
/**
 * Dates every entry back to BACKDATE_MS before `now` and returns their count and bytes.
 * Afterwards Go marks each entry it uses with the current time. Entries already that old (a
 * saved cache's entries are dated back before the save, see {@link dateBack}) are left as they
 * are: only entries from the last two hours (a cache saved without it, a runner that kept its
 * HOME) cost a system call.
 */
async function backdateEntries(gocache, now) {
    const files = await entryFiles(gocache);
    const recent = files.filter((f) => f.mtimeMs > now - BACKDATE_MS);
    await dateBack(recent, now);
    return {
        entries: files.length,
        bytes: files.reduce((n, f) => n + f.size, 0),
        redated: recent.length,
    };
}
/** Sets the entries' mtime (and atime) to BACKDATE_MS before `now`; a link's own, if one is there. */
async function dateBack(files, now) {
    const old = new Date(now - BACKDATE_MS);
    await Promise.all(files.map((f) => promises_default().lutimes(f.path, old, old).catch(() => undefined)));
}
/** Which entries a trim would keep: those used or written since `mark`. Pure. */
function partitionEntries(files, mark) {
    const keep = [];
    const drop = [];
    for (const f of files)
        (f.mtimeMs >= mark - SLACK_MS ? keep : drop).push(f);
    return { keep, drop };
}
/** Removes the entries nobody used (partitionEntries' `drop`) and says how much went. */
async function trimEntries(drop) {
    // unlink removes a name, never what a link there points to.
    await Promise.all(drop.map((f) => fs.unlink(f.path).catch(() => undefined)));
    return { removed: drop.length, removedBytes: drop.reduce((n, f) => n + f.size, 0) };
}
/** Total size of the regular files under `dir` (0 when it does not exist). */
async function dirBytes(dir) {
    let total = 0;
    await walkTree(dir, async (p, e) => {
        if (!e.isFile())
            return;
        const { size } = await fs.lstat(p).catch(() => ({ size: 0 }));
        total += size; // after the await: `total += await …` would read total too early
    });
    return total;
}
/**
 * Makes every directory under `dir` writable by its owner. Go leaves extracted modules read-only
 * (0555 dirs); unpacking a restored module cache over one that already holds the same modules
 * (a self-hosted runner, an earlier step) would fail to create files in them otherwise. Go does
 * not depend on those modes: it verifies modules by their hashes.
 */
async function makeDirsWritable(dir) {
    let changed = 0;
    await (0,fs_tree/* walkTree */.Ir)(dir, async (p, e) => {
        if (!e.isDirectory())
            return;
        const st = await promises_default().lstat(p);
        if (!st.isDirectory())
            return;
        if ((st.mode & 0o200) === 0) {
            await promises_default().chmod(p, st.mode | 0o200);
            changed += 1;
        }
    });
    return changed;
}
/** True when the directory exists and holds at least one entry (file or directory). */
async function nonEmptyDir(dir) {
    try {
        return (await promises_default().readdir(dir)).length > 0;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/cache/save-rule.ts





/**
 * When a warm job saves the build cache (SPEC §4, docs/caches.md). Saving costs every job the
 * same: the whole trimmed cache is packed and uploaded again. Not saving costs the next jobs the
 * entries this one added: they build them again. So a job saves when what it added is a real
 * share of what its build used, and otherwise leaves the restored cache in place; the entries it
 * skipped are built again by the next job and count in that job's share, so skipped work adds up
 * to a save instead of piling up. A cache is never left unsaved for long: a save at least every
 * {@link SAVE_RULE}.maxRuns runs of the workflow, or every maxHours when the runs cannot be
 * compared (another workflow saved it, or a cache without the marker).
 *
 * Where the job knows which entries came with the restored base (layers.ts), a job that added
 * a real share ({@link SAVE_RULE}.layerShare, far below newShare: a layer is small) saves: a
 * layer of the entries the base lacks while they are under foldShare of what the build used
 * (cheap to pack, upload and restore), a new base once they reach it, or when the base is old by
 * the rule above. So every commit's work is kept, and the base is re-trimmed to one build now and
 * then.
 */
const SAVE_RULE = {
    /** New entry bytes, as a share of the bytes the build used or wrote, that make a save. */
    newShare: 0.1,
    maxRuns: 10,
    maxHours: 24,
    /** With layers: the share of the build that the base lacks at which a new base is saved. */
    foldShare: 0.5,
    /** With layers: new entry bytes, as a share of what the build used, worth a layer's upload. */
    layerShare: 0.02,
};
/**
 * A share as a percentage, rounded down (whole from 10 %, one decimal under it), so that a share
 * under the threshold never reads as the threshold: 9.96 % is "9.9%", not "10%".
 */
const pct = (x) => {
    // The epsilon keeps 0.1 (not exactly representable) from flooring to 9.9.
    const tenths = Math.floor(x * 1000 + 1e-9);
    return tenths >= 100 ? `${Math.floor(tenths / 10)}%` : `${(tenths / 10).toFixed(1)}%`;
};
const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
/** Pure: whether to save, and the reason, for the log. */
function decideBuildSave(f) {
    const added = f.entriesNow - f.entriesBefore;
    if (f.entriesNow === 0)
        return { save: false, why: 'empty, nothing to save' };
    if (added <= 0) {
        return {
            save: false,
            why: `this job added no entry to the ${f.restored ? 'restored cache' : 'cache'}, nothing to save`,
        };
    }
    if (!f.restored)
        return { save: true, why: 'no build cache was restored' };
    if (f.layer)
        return decideWithLayers(f, f.layer);
    const newBytes = Math.max(0, f.bytesNow - f.bytesBefore);
    const share = f.usedBytes > 0 ? newBytes / f.usedBytes : 1;
    const what = `${plural(added, 'new entry file')} (${formatSize(newBytes)}) are ${pct(share)} of the ${formatSize(f.usedBytes)} the build used`;
    if (share >= SAVE_RULE.newShare)
        return { save: true, why: `${what} (${pct(SAVE_RULE.newShare)} or more)` };
    const old = oldBase(f);
    if (old)
        return { save: true, why: old };
    const age = f.savedRunsAgo !== undefined
        ? `${plural(f.savedRunsAgo, 'run')} ago`
        : `${Math.floor(f.savedHoursAgo)} hours ago`;
    return {
        save: false,
        why: `not saved: ${what} (under ${pct(SAVE_RULE.newShare)}), and the restored cache is from ${age}; the next job builds them again, and saves once its new share reaches ${pct(SAVE_RULE.newShare)} or the cache is ${SAVE_RULE.maxRuns} runs old`,
    };
}
/** Why the restored cache is old enough to be saved anew, or undefined. */
function oldBase(f) {
    if (f.savedRunsAgo !== undefined) {
        return f.savedRunsAgo >= SAVE_RULE.maxRuns
            ? `the restored cache was saved ${plural(f.savedRunsAgo, 'run')} ago (a save at least every ${SAVE_RULE.maxRuns} runs)`
            : undefined;
    }
    if (f.savedHoursAgo === undefined)
        return 'the restored cache does not say when it was saved';
    return f.savedHoursAgo >= SAVE_RULE.maxHours
        ? `the restored cache was saved ${Math.floor(f.savedHoursAgo)} hours ago (a save at least every ${SAVE_RULE.maxHours} hours)`
        : undefined;
}
/** A warm job that added entries, knowing its base: a layer, or a new base. */
function decideWithLayers(f, layer) {
    const old = oldBase(f);
    if (old)
        return { save: true, why: `a new base: ${old}` };
    if (layer.entries === 0) {
        return {
            save: false,
            why: 'every entry the build used is in the restored base, nothing to save',
        };
    }
    const share = f.usedBytes > 0 ? layer.bytes / f.usedBytes : 1;
    const what = `the ${plural(layer.entries, 'entry file')} (${formatSize(layer.bytes)}) the base lacks are ${pct(share)} of the ${formatSize(f.usedBytes)} the build used`;
    if (share >= SAVE_RULE.foldShare) {
        return {
            save: true,
            why: `a new base: ${what} (${pct(SAVE_RULE.foldShare)} or more, folded in)`,
        };
    }
    const added = f.entriesNow - f.entriesBefore;
    const newBytes = Math.max(0, f.bytesNow - f.bytesBefore);
    const newShare = f.usedBytes > 0 ? newBytes / f.usedBytes : 1;
    if (newShare < SAVE_RULE.layerShare) {
        return {
            save: false,
            why: `not saved: ${plural(added, 'new entry file')} (${formatSize(newBytes)}) are ${pct(newShare)} of the ${formatSize(f.usedBytes)} the build used (under ${pct(SAVE_RULE.layerShare)}: not worth a layer); the next job builds them again`,
        };
    }
    return { save: true, layer: true, why: `a layer over the base: ${what}` };
}
/**
 * The marker a saved build cache carries (`go-paas-build.json` in GOCACHE): which workflow saved
 * it, in which run, when. It arrives from the cache service, so it is read as untrusted: anything
 * malformed counts as unknown.
 */
const MARKER_FILE = 'go-paas-build.json';
const MARKER_MAX_BYTES = 4096;
/**
 * The marker's text, read only from a small regular file: the restored archive could hold a
 * symlink there (to /dev/zero, to a secret), which is not followed.
 */
async function readMarker(gocache) {
    const file = external_node_path_default().join(gocache, MARKER_FILE);
    try {
        // O_NONBLOCK: a FIFO there would otherwise hold the open until someone writes to it.
        const fh = await promises_default().open(file, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK);
        try {
            const st = await fh.stat();
            if (!st.isFile() || st.size > MARKER_MAX_BYTES)
                return undefined;
            return await fh.readFile('utf8');
        }
        finally {
            await fh.close();
        }
    }
    catch {
        return undefined;
    }
}
/**
 * Writes the marker: a new file beside it, renamed over the name, so that whatever is there (a
 * symlink, a directory's worth of mischief) is replaced, never written through. A failure only
 * costs the next job its knowledge of the age: it then saves.
 */
async function writeMarker(gocache, marker) {
    const file = path.join(gocache, MARKER_FILE);
    const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
        await fs.writeFile(tmp, JSON.stringify(marker), { flag: 'wx' });
        await fs.rename(tmp, file);
    }
    catch {
        await fs.rm(tmp, { force: true }).catch(() => undefined);
        // the next restore reads it as unknown
    }
}
function workflowId(env) {
    const ref = env.GITHUB_WORKFLOW_REF;
    return ref ? ref.replace(/@.*$/, '') : undefined;
}
function parseMarker(text) {
    if (text === undefined || text.length > MARKER_MAX_BYTES)
        return undefined;
    try {
        const m = JSON.parse(text);
        if (typeof m.workflow === 'string' &&
            Number.isSafeInteger(m.runNumber) &&
            m.runNumber >= 0 &&
            Number.isFinite(m.savedAt)) {
            return { workflow: m.workflow, runNumber: m.runNumber, savedAt: m.savedAt };
        }
    }
    catch {
        // unknown
    }
    return undefined;
}
/** How long ago a marker's save was, in this workflow's runs and in hours, as far as known. */
function markerAge(marker, now) {
    if (!marker)
        return {};
    const out = {};
    if (now.workflow !== undefined &&
        now.runNumber !== undefined &&
        marker.workflow === now.workflow &&
        marker.runNumber <= now.runNumber) {
        out.savedRunsAgo = now.runNumber - marker.runNumber;
    }
    // A time in the future is a clock or a forgery: unknown.
    if (marker.savedAt <= now.time + 60_000) {
        out.savedHoursAgo = Math.max(0, now.time - marker.savedAt) / 3_600_000;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/cache/layers.ts




/**
 * Build-cache layers (docs/caches.md). A saved build cache is a *base*: the entries one build
 * used, trimmed. Packing and uploading it again costs every job the whole cache, so a job whose
 * build adds a little saves a *layer* instead: the entries it used that its base lacks (what it
 * compiled, and what the layer it restored gave it that it used again), keyed to that base
 * (keys.ts `layerCacheKey`) and restored over it. Layers are cumulative, so a job restores one
 * base and the newest layer of that base; when the layer grows to a real share of the build, the
 * job saves a new base instead (save-rule.ts), which folds it in.
 *
 * A layer is packed from, and restored as, a directory beside GOCACHE (`<GOCACHE>.go-paas-build-
 * layer`): the cache service derives an entry's version from the paths saved, so the path must be
 * the same on every runner with that GOCACHE, and a restore places its members into GOCACHE.
 */
function layerDir(gocache) {
    return `${external_node_path_default().resolve(gocache)}.go-paas-build-layer`;
}
const ENTRY_NAME = /^[0-9a-f]{2}\/[0-9a-f]{64}-[ad]$/;
/** An entry file's name as the layer and the base list name it: `ab/<64 hex>-d`. */
function entryName(gocache, file) {
    return path.relative(gocache, file).split(path.sep).join('/');
}
/**
 * Writes the names of the entries GOCACHE holds (the base, just restored) to a new file: the post
 * step tells from it which entries the base lacks. Names only (no stat), in one write.
 */
async function writeBaseNames(file, gocache) {
    const names = [];
    let subdirs;
    try {
        subdirs = await promises_default().readdir(gocache, { withFileTypes: true });
    }
    catch {
        subdirs = [];
    }
    await Promise.all(subdirs
        .filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name))
        .map(async (d) => {
        const entries = await promises_default().readdir(external_node_path_default().join(gocache, d.name), { withFileTypes: true })
            .catch(() => []);
        for (const e of entries) {
            const name = `${d.name}/${e.name}`;
            if (e.isFile() && ENTRY_NAME.test(name))
                names.push(name);
        }
    }));
    await promises_default().writeFile(file, names.join('\n'), { flag: 'wx', mode: 0o600 });
    return names.length;
}
/** The base's entry names, or undefined when the list cannot be read (then no layer is made). */
async function readBaseNames(file) {
    try {
        const text = await fs.readFile(file, 'utf8');
        return new Set(text.split('\n').filter((n) => ENTRY_NAME.test(n)));
    }
    catch {
        return undefined;
    }
}
/** A new file name for the base list in `dir` (the runner's temp dir). */
function baseNamesFile(dir) {
    return external_node_path_default().join(dir, `go-paas-build-base-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.txt`);
}
/**
 * Lays the layer's entry files out in {@link layerDir}, made anew (whatever stood there is
 * removed, a link included, never followed): each copied as a new file (cloned where the file
 * system can), not hard-linked: an entry with a second name is no entry to the trim and the
 * re-dating (gocache.ts), which a layer dir left behind would make of it. Returns the directory,
 * which the caller removes after the save.
 */
async function stageLayer(gocache, files, 
/** The copies' mtime: dated back, as a saved base's entries are (gocache.ts `dateBack`). */
mtime) {
    const dir = layerDir(gocache);
    removeTree(dir);
    await fs.mkdir(dir, { mode: 0o700 });
    const made = new Set();
    for (const f of files) {
        const name = entryName(gocache, f.path);
        if (!ENTRY_NAME.test(name))
            continue;
        const sub = name.slice(0, 2);
        if (!made.has(sub)) {
            await fs.mkdir(path.join(dir, sub));
            made.add(sub);
        }
        const to = path.join(dir, name);
        await fs.copyFile(f.path, to, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
        await fs.utimes(to, mtime, mtime);
    }
    return dir;
}

;// CONCATENATED MODULE: ./src/hash.ts

/** The SHA-256 of text (UTF-8) or bytes, in lower-case hex: cache keys, SBOM digests, versions. */
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}

;// CONCATENATED MODULE: ./src/cache/keys.ts

/** One digest over several files: order-independent, sensitive to content and to paths. */
function hashFiles(files) {
    const lines = [...files]
        .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
        .map((f) => `${f.sha256}  ${f.rel}\n`);
    return sha256Hex(lines.join(''));
}
function suffixPart(suffix) {
    return suffix ? `-${suffix}` : '';
}
/**
 * `go-paas-build-mod-<os>-<arch>-<hash>[-suffix]`, restored by the prefix without the hash. The
 * module cache holds content-addressed, go.sum-verified downloads, so a prefix match from another
 * dependency set (or another suffix) is safe: it only saves downloads.
 */
function modCacheKey(host, depHash, suffix) {
    const prefix = `go-paas-build-mod-${host.os}-${host.arch}-`;
    return { key: `${prefix}${depHash}${suffixPart(suffix)}`, restoreKeys: [prefix] };
}
/**
 * A short digest of the build flavor. The linker value is deliberately not part of it: it
 * changes on every commit and only affects the final link, so including it would make every
 * run miss.
 */
function flavorHash(f) {
    const env = Object.keys(f.env)
        .sort()
        .map((k) => [k, f.env[k]]);
    const canonical = JSON.stringify([
        f.platform,
        f.goos,
        f.goarch,
        [...f.tags].sort(),
        f.buildFlags,
        f.troubleshoot,
        env,
    ]);
    return sha256Hex(canonical).slice(0, 16);
}
/**
 * `go-paas-build-build-<os>-<arch>-go<version>-<flavor>[-suffix]-<run id>-<attempt>`: a new key
 * every run (a build cache is refreshed, not kept forever), restored by the prefix up to the
 * flavor and suffix, so the newest cache of the same flavor wins.
 */
function buildCacheKey(host, goVersion, flavor, run, suffix) {
    const prefix = `go-paas-build-build-${host.os}-${host.arch}-go${goVersion}-${flavor}${suffixPart(suffix)}-`;
    return { key: `${prefix}${run.id}-${run.attempt}`, restoreKeys: [prefix] };
}
/**
 * `go-paas-build-layer-<24 hex>-<run id>-<attempt>`: the entries a job used that its base (the
 * build cache restored by {@link buildCacheKey}) lacks, restored over that base. The hex is a
 * digest of the base's key, so a layer is only ever restored onto the base it was made for (the
 * key names the flavor and the suffix through it, and stays shorter than the base's own).
 */
function layerCacheKey(baseKey, run) {
    const prefix = `go-paas-build-layer-${sha256Hex(baseKey).slice(0, 24)}-`;
    return { key: `${prefix}${run.id}-${run.attempt}`, restoreKeys: [prefix] };
}

;// CONCATENATED MODULE: ./src/cache/restore.ts










/** A restore that has found its entry: download and unpack, bounded generously. */
const RESTORE_DEADLINE_MS = 10 * 60_000;
/** Env variables that change what the compiler produces, beyond the inputs. */
const FLAVOR_ENV = [
    'GOFLAGS',
    'CGO_ENABLED',
    'CGO_CFLAGS',
    'CGO_CPPFLAGS',
    'CGO_CXXFLAGS',
    'CGO_LDFLAGS',
    'CC',
    'CXX',
    'GOAMD64',
    'GOARM',
    'GOARM64',
    'GO386',
    'GOEXPERIMENT',
    'GODEBUG',
];
/** The cache keys' machine: Node's names, as the runner's (`linux`, `x64`). */
function hostId(host) {
    return { os: host.platform, arch: host.arch };
}
function buildFlavor(inputs, genv, method) {
    const env = {};
    for (const name of FLAVOR_ENV) {
        const v = genv.env[name];
        if (v)
            env[name] = v;
    }
    return {
        platform: `${inputs.platform}/${method}`,
        goos: genv.env.GOOS ?? inputs.host.goos,
        goarch: genv.env.GOARCH ?? inputs.architecture,
        tags: inputs.buildTags,
        buildFlags: inputs.buildFlags,
        troubleshoot: inputs.troubleshoot,
        env,
    };
}
function describeMatch(k, matched) {
    return matched === k.key ? `exact key ${(0,log_text/* show */.WU)(matched)}` : `restore key match ${(0,log_text/* show */.WU)(matched)}`;
}
/**
 * Restores the module cache and the build cache before the first go command that could write
 * them. Never fails the job: a service fault is one warning and the build goes on cold.
 */
async function restoreCaches(rt, plan, goVersion, genv, 
/** The cache dirs, when already known (predicted while Go downloads); else asked of go. */
known) {
    const { settings: inputs, method, depFiles: deps } = plan;
    const log = rt.log;
    const none = { modHit: false, buildHit: false };
    if (inputs.cache === 'false') {
        log.info('cache: false: the module and build caches are neither restored nor saved');
        return { ...none, note: 'cache: false' };
    }
    const store = rt.cacheStore;
    if (!store) {
        log.info('Go caches persist on this machine: nothing to restore');
        return { ...none, note: 'local caches' };
    }
    // Asking go for its cache dirs overlaps with loading the cache client.
    const [available, dirsOr] = await Promise.all([
        store.available(),
        known ??
            goCacheDirs(genv, inputs.appDir).catch((err) => err instanceof Error ? err : new Error(String(err))),
    ]);
    if (!available.ok) {
        log.info(`Caches are not restored: ${available.reason}`);
        return { ...none, note: 'no cache service' };
    }
    if (dirsOr instanceof Error) {
        log.warning(`Caches are not restored: ${dirsOr.message}`);
        return { ...none, note: 'go env failed' };
    }
    const dirs = dirsOr;
    const host = hostId(rt.host);
    let mod;
    if (external_node_fs_default().existsSync(external_node_path_default().join(inputs.appDir, 'vendor', 'modules.txt'))) {
        log.info('Module cache: not used (vendor/modules.txt: modules come from vendor/)');
    }
    else {
        if (deps?.unmatched)
            log.warning(`cache-dependency-path: no file matches ${(0,log_text/* quote */.hD)(deps.unmatched)}; the module cache key uses the app's go.sum / go.mod instead`);
        if (!deps) {
            log.info('Module cache: not used (the app has no go.mod: it does not use modules)');
        }
        else {
            mod = modCacheKey(host, hashFiles(deps.files), inputs.cacheKeySuffix);
            log.info(`Module cache key ${mod.key} (from ${deps.description})`);
        }
    }
    const run = {
        id: rt.env.GITHUB_RUN_ID || String(Date.now()),
        attempt: rt.env.GITHUB_RUN_ATTEMPT || '1',
    };
    const build = buildCacheKey(host, goVersion, flavorHash(buildFlavor(inputs, genv, method)), run, inputs.cacheKeySuffix);
    log.info(`Build cache key ${build.key}`);
    // Both lookups at once, bounded: a sick service costs at most LOOKUP_DEADLINE_MS.
    const [modLook, buildLook] = await Promise.all([
        mod ? store.lookup([dirs.gomodcache], mod.key, mod.restoreKeys, LOOKUP_DEADLINE_MS) : undefined,
        store.lookup([dirs.gocache], build.key, build.restoreKeys, LOOKUP_DEADLINE_MS),
    ]);
    const lookupFault = modLook?.fault ?? buildLook.fault;
    /** A fault of the service in the main step: the post step does not try it again. */
    let fault = lookupFault;
    /** The key restored; undefined when none was, `false` when its archive was discarded. */
    const restoreOne = async (what, dir, k, found, archivedFrom) => {
        if (lookupFault || !found)
            return undefined;
        const r = await store.restore(dir, found, RESTORE_DEADLINE_MS, archivedFrom);
        if (r.value.rejected !== undefined) {
            // The archive, not the service: nothing of it is left, and the build goes on cold.
            log.warning(`The ${what} was not restored from ${(0,log_text/* show */.WU)(found.key)}: ${r.value.rejected}; the archive was discarded and the build goes on without it`);
            return false;
        }
        if (r.fault) {
            fault ??= r.fault;
            return undefined;
        }
        const size = r.value.archiveBytes !== undefined ? `${(0,fs_tree/* formatSize */.Xq)(r.value.archiveBytes)}, ` : '';
        log.info(`Restored the ${what} from ${describeMatch(k, found.key)} (${size}${(r.ms / 1000).toFixed(1)} s)`);
        return found.key;
    };
    if (mod && modLook?.value && !lookupFault && (await nonEmptyDir(dirs.gomodcache))) {
        const n = await makeDirsWritable(dirs.gomodcache);
        log.info(`The module cache already holds files: restoring over them (${n} read-only dirs made writable)`);
    }
    // The newest layer of the base found is looked up while the base downloads.
    const base = lookupFault ? undefined : buildLook.value;
    const layerKeys = base && rt.env.RUNNER_TEMP ? layerCacheKey(base.key, run) : undefined;
    const layerFrom = layerDir(dirs.gocache);
    const [modResult, buildResult, layerLook] = await Promise.all([
        mod ? restoreOne('module cache', dirs.gomodcache, mod, modLook?.value) : undefined,
        restoreOne('build cache', dirs.gocache, build, buildLook.value),
        layerKeys
            ? store.lookup([layerFrom], layerKeys.key, layerKeys.restoreKeys, LOOKUP_DEADLINE_MS)
            : undefined,
    ]);
    const modMatched = modResult || undefined;
    const buildMatched = buildResult || undefined;
    let layer;
    if (buildMatched && layerKeys && rt.env.RUNNER_TEMP) {
        // The base's entries, before the layer adds its own: the post step's layer is what it lacks.
        const baseNames = baseNamesFile(rt.env.RUNNER_TEMP);
        const named = await writeBaseNames(baseNames, dirs.gocache).then(() => true, () => false);
        if (named)
            layer = { baseNames, key: layerKeys.key };
        if (layerLook?.fault)
            fault ??= layerLook.fault;
        else if (named && layerLook?.value) {
            const got = await restoreOne('build cache layer', dirs.gocache, layerKeys, layerLook.value, layerFrom);
            if (got)
                layer.restoredKey = got;
        }
    }
    if (lookupFault)
        log.info('Caches not restored: the build runs without them');
    else if (!fault) {
        if (mod && modResult === undefined)
            log.info('Module cache: no entry for this key or its prefix');
        if (buildResult === undefined)
            log.info('Build cache: no entry for this Go version and build flavor');
    }
    // From here on, Go dates every entry it uses; the post step keeps only those.
    const mark = Date.now();
    const [before, markerText] = await Promise.all([
        backdateEntries(dirs.gocache, mark),
        buildMatched ? readMarker(dirs.gocache) : undefined,
    ]);
    const workflow = workflowId(rt.env);
    const runNumber = /^\d{1,15}$/.test(rt.env.GITHUB_RUN_NUMBER ?? '')
        ? Number(rt.env.GITHUB_RUN_NUMBER)
        : undefined;
    const age = markerAge(parseMarker(markerText), { workflow, runNumber, time: mark });
    const state = {
        mode: inputs.cache,
        fault,
        mod: mod
            ? { path: dirs.gomodcache, key: mod.key, exactHit: modMatched === mod.key }
            : undefined,
        build: {
            path: dirs.gocache,
            key: build.key,
            restoredKey: buildMatched,
            mark,
            entries: before.entries,
            bytes: before.bytes,
            ...age,
            workflow,
            runNumber,
            layer,
        },
    };
    rt.saveState(STATE_NAME, JSON.stringify(state));
    return {
        modHit: modMatched !== undefined && modMatched === mod?.key,
        buildHit: !!buildMatched,
        note: fault ? 'cache service failed' : inputs.cache === 'read-only' ? 'read-only' : undefined,
    };
}

;// CONCATENATED MODULE: ./src/cache/early.ts




/** Starts the restore beside the download of Go `version`; `genv` is the env of that Go. */
function startEarlyRestore(rt, plan, version, genv) {
    if (plan.settings.cache === 'false' || !rt.cacheStore)
        return undefined;
    const dirs = predictCacheDirs(genv.env, rt.host.platform);
    if (!dirs)
        return undefined;
    const started = performance.now();
    const held = holdOutput(() => restoreCaches(rt, plan, version, genv, dirs));
    const early = {
        held,
        dirs,
        started,
        installed() {
            early.installedAt ??= performance.now();
        },
    };
    // A failed install ends the step before this is awaited: no unhandled rejection then.
    held.result.then(() => (early.restoredAt = performance.now()), () => undefined);
    return early;
}
/**
 * The Restore caches phase: the early restore's result when it restored into the dirs go uses,
 * else a restore now.
 */
async function restoreStage(rt, plan, version, genv, early) {
    const done = early && (await finishEarlyRestore(rt, early, genv, plan.settings.appDir));
    return done ?? restoreCaches(rt, plan, version, genv);
}
/**
 * Waits for the early restore and prints its log. Undefined when go names other cache dirs (or
 * none): the caller restores the usual way.
 */
async function finishEarlyRestore(rt, early, genv, appDir) {
    const actual = await goCacheDirs(genv, appDir).catch(() => undefined);
    let result;
    try {
        result = await early.held.result;
    }
    finally {
        early.held.release();
    }
    if (!actual ||
        actual.gocache !== early.dirs.gocache ||
        actual.gomodcache !== early.dirs.gomodcache) {
        rt.log.info(`The caches were restored into ${(0,log_text/* show */.WU)(early.dirs.gocache)} and ${(0,log_text/* show */.WU)(early.dirs.gomodcache)}, but go uses ${actual ? `${(0,log_text/* show */.WU)(actual.gocache)} and ${(0,log_text/* show */.WU)(actual.gomodcache)}` : 'others'}: restoring them again`);
        return undefined;
    }
    const end = early.restoredAt ?? performance.now();
    const installed = early.installedAt ?? end;
    const beside = Math.max(0, Math.min(end, installed) - early.started);
    rt.log.info(`Restored while Go was installed: ${(beside / 1000).toFixed(1)} s of the restore's ${((end - early.started) / 1000).toFixed(1)} s ran beside the download`);
    return result;
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
;// CONCATENATED MODULE: ./src/slug/procfile.ts


const NAME = /^[A-Za-z0-9_-]+$/;
/** Validates an app's own Procfile (each non-blank line `name: command`). */
function parseProcfile(text, where = 'Procfile') {
    const entries = [];
    text.split(/\r?\n/).forEach((line, i) => {
        if (line.trim() === '' || line.trimStart().startsWith('#'))
            return;
        const m = /^([^:]+):\s*(.*)$/.exec(line);
        const name = m?.[1]?.trim() ?? '';
        if (!m || !NAME.test(name) || (m[2] ?? '').trim() === '') {
            throw new errors/* UserError */.y(`${where}:${i + 1}: ${(0,log_text/* quote */.hD)(line)} is not a process line; use "name: command" with a name of letters, digits, _ or -`);
        }
        entries.push({ name, command: (m[2] ?? '').trim() });
    });
    return entries;
}
function formatProcfile(entries) {
    return entries.map((e) => `${e.name}: ${e.command}\n`).join('');
}
/**
 * The default Procfile (SPEC §5 rules 2–3): `run-command` becomes the web process; otherwise one
 * main package is `web: bin/<name>` and several are `<name>: bin/<name>` each (Heroku's process
 * types, where a package named `web` is the web process).
 */
function defaultProcfile(opts) {
    if (opts.runCommand)
        return [{ name: 'web', command: opts.runCommand }];
    const names = [...new Set(opts.binaryNames)];
    if (names.length === 1)
        return [{ name: 'web', command: `bin/${names[0]}` }];
    return names.map((n) => ({ name: n, command: `bin/${n}` }));
}
/** The binary the web process runs, if it runs one of ours. */
function webBinary(entries, binaryNames) {
    const web = entries.find((e) => e.name === 'web');
    if (!web)
        return undefined;
    const first = web.command.split(/\s+/)[0] ?? '';
    const base = first.replace(/^(\.\/)?bin\//, '');
    return binaryNames.includes(base) ? base : undefined;
}

// EXTERNAL MODULE: ./src/check/glibc.ts + 1 modules
var check_glibc = __nccwpck_require__(6657);
// EXTERNAL MODULE: ./src/check/policy.ts
var policy = __nccwpck_require__(9680);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_);
// EXTERNAL MODULE: ./src/check/procfs.ts
var procfs = __nccwpck_require__(1585);
;// CONCATENATED MODULE: ./src/check/probe.ts



/**
 * What the smoke test asks the machine about the web process: the TCP ports listened on (from
 * /proc), and the answers of its health paths (HTTP on the loopback). How the answers are judged
 * is the policy's.
 */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Every listener on `port`, whoever's. */
function listenersOn(port) {
    return (0,procfs/* listeningSockets */.OC)().filter((l) => l.port === port);
}
/** The TCP listeners of the processes `pids`, each address once, by port then address. */
function listenersOf(pids) {
    const inodes = new Set();
    for (const pid of pids) {
        for (const i of (0,procfs/* socketInodes */.U1)(pid))
            inodes.add(i);
    }
    if (inodes.size === 0)
        return [];
    const seen = new Set();
    return (0,procfs/* listeningSockets */.OC)()
        .filter((l) => inodes.has(l.inode))
        .filter((l) => {
        const k = (0,procfs/* showListener */.k3)(l);
        return !seen.has(k) && seen.add(k) !== undefined;
    })
        .sort((a, b) => a.port - b.port || a.address.localeCompare(b.address));
}
/** One GET of `path`, on a connection of its own, within `timeoutMs`. */
function httpGet(host, port, path, timeoutMs) {
    return new Promise((resolve) => {
        const req = external_node_http_default().get({ host, port, path, agent: false, timeout: timeoutMs }, (res) => {
            res.resume();
            resolve((0,policy/* healthStatus */.tK)(res.statusCode ?? 0));
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
        req.on('error', (err) => {
            const code = err.code;
            resolve((0,policy/* healthError */.hH)(code ?? err.message));
        });
    });
}
/**
 * Asks each path until it answers 200 or `deadline` passes, calling `between` after each round
 * (it throws to stop the probing: a process ended).
 */
async function probeHealth(target, opts) {
    const { host, port, paths } = target;
    const results = new Map();
    for (;;) {
        for (const p of paths) {
            if (!results.get(p)?.ok)
                results.set(p, await httpGet(host, port, p, opts.requestMs));
        }
        await opts.between();
        if ([...results.values()].every((r) => r.ok) || Date.now() >= opts.deadline)
            break;
        await sleep(250);
    }
    return paths.map((p) => ({ path: p, ...results.get(p) }));
}

// EXTERNAL MODULE: ./src/check/keeper.ts
var keeper = __nccwpck_require__(4792);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_);
;// CONCATENATED MODULE: external "node:string_decoder"
const external_node_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");
;// CONCATENATED MODULE: ./src/check/started.ts



const TAIL_LINES = 20;
const started_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** `exit 3` → code 3; `signal 11` → SIGSEGV: the supervisor's report of how the process ended. */
function parseEnding(line) {
    const m = /^(exit|signal) (\d{1,3})$/.exec(line);
    if (!m)
        return undefined;
    const n = Number(m[2]);
    if (m[1] === 'exit')
        return { code: n, signal: null };
    const name = Object.entries((external_node_os_default()).constants.signals).find(([, v]) => v === n)?.[0];
    return { code: null, signal: (name ?? `SIG${n}`) };
}
/** One process the smoke test started: its output (logged, and its last lines kept) and its end. */
class Started {
    name;
    command;
    log;
    startedAt = Date.now();
    /** The pid the keeper started: the supervisor, or the process itself. */
    root;
    exit;
    /** How the supervisor ended, when it did before the stop. */
    supervisorExit;
    /** Set when the stop begins: from then on, supervisors end as they should. */
    stopping = false;
    tail = [];
    /** Its output ends (or a grandchild keeps it open: then not long after the exit). */
    closed;
    flushes = [];
    constructor(name, command, kept, log) {
        this.name = name;
        this.command = command;
        this.log = log;
        const { child, status } = kept;
        this.root = child.pid ?? -1;
        for (const stream of [kept.stdout, kept.stderr]) {
            this.flushes.push(lines(stream, (line) => this.line(line)));
        }
        // Supervised, the process's end is what the supervisor reports; the supervisor itself stays
        // until the stop, unless something killed it first.
        status?.on('error', () => undefined);
        if (status) {
            lines(status, (line) => {
                this.exit ??= parseEnding(line);
            });
        }
        child.on('exit', (code, signal) => {
            if (status && !this.stopping)
                this.supervisorExit = { code, signal };
            this.exit ??= { code, signal };
        });
        child.on('error', (err) => {
            this.exit ??= { code: 127, signal: null };
            this.line(String(err));
        });
        // Both pipes closed: every process that held them is gone (or closed them).
        this.closed = Promise.all([kept.stdout, kept.stderr].map((st) => new Promise((resolve) => st.on('close', resolve)))).then(() => undefined);
    }
    line(line) {
        this.tail.push(line);
        if (this.tail.length > TAIL_LINES)
            this.tail.shift();
        // The app's output: every line made inert by the logger.
        this.log.info(`${this.name} | ${line}`);
    }
    /** Logs what is left of a line without its line break. */
    flush() {
        for (const f of this.flushes)
            f();
    }
    /** Its last words: what it printed up to its exit, given a moment to arrive. */
    async settled() {
        await Promise.race([this.closed, started_sleep(500)]);
        this.flush();
    }
    /** `the web process (bin/app)`, `the CC_PRE_RUN_HOOK hook ("./pre.sh x")` */
    get what() {
        return `the ${this.name} ${this.name.startsWith('CC_') ? 'hook' : 'process'} (${(0,log_text/* show */.WU)(this.command)})`;
    }
    /** `exited with code 3`, `was killed by SIGSEGV` */
    get ending() {
        if (!this.exit)
            return 'is running';
        return this.exit.signal
            ? `was killed by ${this.exit.signal}`
            : `exited with code ${this.exit.code ?? '?'}`;
    }
    /** `; last output: "…"` (its end, on one line), or that it printed nothing. */
    get lastOutput() {
        const lines = this.tail.filter((l) => l.trim() !== '').slice(-5);
        if (lines.length === 0)
            return '; it printed nothing';
        let text = lines.join('\n');
        if (text.length > 190)
            text = `…${text.slice(-189)}`;
        return `; last output: ${(0,log_text/* quote */.hD)(text)}`;
    }
}
/**
 * Calls `each` with every line of a stream, decoded on its own (a UTF-8 character or a line split
 * across reads stays whole); returns the flush of a last line without its line break.
 */
function lines(stream, each) {
    const decoder = new external_node_string_decoder_namespaceObject.StringDecoder('utf8');
    let partial = '';
    stream.on('data', (b) => {
        const parts = (partial + decoder.write(b)).split(/\r?\n|\r/);
        partial = parts.pop() ?? '';
        for (const line of parts)
            each(line);
    });
    return () => {
        const rest = partial + decoder.end();
        partial = '';
        if (rest !== '')
            each(rest);
    };
}

;// CONCATENATED MODULE: ./src/check/supervisor.ts




/** A check that failed: its message becomes the step's error. */
class SmokeFailure extends Error {
}
const supervisor_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/**
 * What one smoke test started, kept by the Keeper (keeper.ts) and watched through Started
 * (started.ts), and the time it has left; nothing it started outlives `stopAll`, nor a cancelled
 * job once `guard` is on.
 */
class Supervisor {
    opts;
    started = [];
    marker = `${policy/* MARKER_NAME */.b4}=${(0,external_node_crypto_.randomBytes)(12).toString('hex')}`;
    env;
    keeper;
    /** The overall deadline. */
    overall;
    unguard;
    constructor(opts) {
        this.opts = opts;
        this.env = (0,policy/* smokeEnv */.bV)(opts.jobEnv, opts.slugDir, this.marker.slice(policy/* MARKER_NAME */.b4.length + 1));
        this.overall = Date.now() + opts.t.overallMs;
        this.keeper = new keeper/* Keeper */.Vf((0,keeper/* chooseKeeping */.Zh)(opts.jobEnv.PATH), this.marker);
    }
    get kind() {
        return this.keeper.kind;
    }
    /** A deadline `ms` from now, within the overall one. */
    until(ms) {
        return (0,policy/* deadlineWithin */.A2)(Date.now(), ms, this.overall);
    }
    start(name, command) {
        const kept = this.keeper.start((0,policy/* startArgs */.m7)(name, command), {
            cwd: this.opts.slugDir,
            env: this.env,
        });
        const s = new Started(name, command, kept, this.opts.log);
        this.started.push(s);
        return s;
    }
    /** The pids of the processes `p` started, itself included, supervisors left out. */
    pidsOf(p) {
        return this.keeper.processes(p.root).map((x) => x.pid);
    }
    /** Fails with the first of `procs` that has exited, its exit code and last output. */
    async failIfExited(procs) {
        this.failIfUnheld();
        const p = procs.find((x) => x.exit);
        if (!p?.exit)
            return;
        await p.settled();
        throw new SmokeFailure((0,policy/* exitedFailure */.gQ)({ what: p.what, ending: p.ending, exit: p.exit, lastOutput: p.lastOutput }));
    }
    /** Fails when a supervisor is gone before the stop (policy: unheldFailure). */
    failIfUnheld() {
        const p = this.started.find((x) => x.supervisorExit);
        if (!p?.supervisorExit)
            return;
        throw new SmokeFailure((0,policy/* unheldFailure */.Zs)(p.what, p.supervisorExit));
    }
    /** Runs a one-off (a hook, the release process) to its end. */
    async runOnce(name, command) {
        this.opts.log.info(`Running ${name}: ${command}`);
        const p = this.start(name, command);
        const deadline = this.until(this.opts.t.oneOffMs);
        while (!p.exit && Date.now() < deadline)
            await supervisor_sleep(50);
        await p.settled();
        if (!p.exit)
            throw new SmokeFailure((0,policy/* oneOffTimeout */.JJ)(p, this.opts.t.oneOffMs));
        return p;
    }
    /** A job cancelled, or an exception: from now on, nothing started may survive the step. */
    guard() {
        const killNow = () => this.keeper.killNow();
        const onSignal = (sig) => {
            killNow();
            process.exit((0,policy/* signalExitCode */.cf)(sig));
        };
        process.on('exit', killNow);
        for (const sig of SIGNALS)
            process.on(sig, onSignal);
        this.unguard = () => {
            process.off('exit', killNow);
            for (const sig of SIGNALS)
                process.off(sig, onSignal);
        };
    }
    /** Stops everything started (SIGTERM, SIGKILL after the grace time), then logs what is left. */
    async stopAll() {
        for (const p of this.started)
            p.stopping = true;
        await this.keeper.stop(this.opts.t.stopGraceMs);
        this.unguard?.();
        this.unguard = undefined;
        for (const p of this.started)
            p.flush();
    }
}

;// CONCATENATED MODULE: ./src/check/smoke.ts





const smoke_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** One smoke test: its checks, in the platform's order, on what its supervisor started. */
class SmokeRun {
    opts;
    report;
    t;
    log;
    sup;
    constructor(opts, report) {
        this.opts = opts;
        this.report = report;
        this.t = (0,policy/* smokeTimeouts */.Q0)(opts.timeouts);
        this.log = opts.log;
        this.sup = new Supervisor({
            slugDir: opts.slugDir,
            jobEnv: opts.jobEnv,
            log: opts.log,
            t: this.t,
        });
        report.keptIn = this.sup.kind;
    }
    /** Every check, in the platform's order; throws a SmokeFailure at the first that fails. */
    async checks() {
        const { opts, report, log, sup } = this;
        const busy = listenersOn(policy/* SMOKE_PORT */.iU);
        if (busy.length > 0)
            throw new SmokeFailure((0,policy/* busyPortFailure */.RP)(busy));
        if (opts.hooks.preRun) {
            const hook = await sup.runOnce('CC_PRE_RUN_HOOK', opts.hooks.preRun);
            if (!(0,policy/* oneOffSucceeded */.tq)(hook.exit))
                throw new SmokeFailure((0,policy/* endedFailure */.ZT)(hook));
        }
        const { release, started, failure } = (0,policy/* smokeProcesses */.xF)(opts.entries);
        // Heroku's release phase: run to its end before anything else starts.
        if (release) {
            const p = await sup.runOnce('release', release.command);
            const ok = (0,policy/* oneOffSucceeded */.tq)(p.exit);
            report.processes.push({ name: 'release', command: release.command, result: p.ending, ok });
            if (!ok)
                throw new SmokeFailure((0,policy/* endedFailure */.ZT)(p));
        }
        if (failure !== undefined)
            throw new SmokeFailure(failure);
        const procs = started.map((e) => {
            log.info(`Starting ${e.name}: ${e.command}`);
            return sup.start(e.name, e.command);
        });
        const web = (0,policy/* webProcess */.U6)(procs);
        if (web) {
            const bound = await this.awaitListener(web, procs);
            report.listeners = bound.map(procfs/* showListener */.k3).join(', ');
            log.info(`The web process listens on ${report.listeners}`);
            report.health = await probeHealth({ host: (0,policy/* healthHost */.dS)(bound), port: policy/* SMOKE_PORT */.iU, paths: opts.healthPaths }, {
                deadline: sup.until(this.t.healthMs),
                requestMs: this.t.requestMs,
                between: () => sup.failIfExited(procs),
            });
            const unhealthy = (0,policy/* healthFailure */.fW)(report.health);
            if (unhealthy !== undefined)
                throw new SmokeFailure(unhealthy);
        }
        else {
            log.info('The Procfile has no web process: nothing to listen on 8080 or to health-check');
        }
        // Every process must still run a few seconds after its start.
        const until = (0,policy/* aliveUntil */.m5)(procs.map((p) => p.startedAt), this.t.aliveMs, sup.overall);
        while (Date.now() < until) {
            await sup.failIfExited(procs);
            await smoke_sleep(50);
        }
        await sup.failIfExited(procs);
        for (const p of procs) {
            report.processes.push({ name: p.name, command: p.command, result: 'running', ok: true });
        }
    }
    /** The web process's listeners, once it listens on 0.0.0.0:8080 (or [::]:8080). */
    async awaitListener(web, procs) {
        const deadline = this.sup.until(this.t.listenMs);
        let wrongSince;
        for (;;) {
            await this.sup.failIfExited(procs);
            const bound = listenersOf(this.sup.pidsOf(web));
            const v = (0,policy/* listenerVerdict */.Aw)({
                bound,
                wrongSince,
                now: Date.now(),
                deadline,
                graceMs: this.t.wrongListenerGraceMs,
            });
            wrongSince = v.wrongSince;
            if (v.verdict === 'listening')
                return bound;
            if (v.verdict === 'wrong')
                throw new SmokeFailure((0,policy/* wrongListener */.G1)(web.what, bound));
            if (v.verdict === 'timeout') {
                await web.settled();
                throw new SmokeFailure((0,policy/* notListening */.fk)(web, this.t.listenMs));
            }
            await smoke_sleep(100);
        }
    }
    /** The checks, then Clever Cloud's after-start hook; everything stopped whatever happens. */
    async run() {
        const { opts, report, log, sup } = this;
        const notice = (0,policy/* keepingNotice */.mu)(sup.kind);
        if (notice.warning)
            log.warning(notice.text);
        else
            log.info(notice.text);
        sup.guard();
        let failure;
        try {
            try {
                await this.checks();
            }
            catch (err) {
                if (!(err instanceof SmokeFailure))
                    throw err;
                failure = (0,policy/* smokeError */.Ou)(err.message);
                for (const p of sup.started) {
                    const row = (0,policy/* unreportedRow */.dx)(p, report.processes);
                    if (row)
                        report.processes.push(row);
                }
            }
            // After start, the app still running; their failure never fails the deploy.
            const [name, hook] = (0,policy/* afterStartHook */.u0)(failure !== undefined, opts.hooks);
            if (hook) {
                try {
                    const p = await sup.runOnce(name, hook);
                    if (!(0,policy/* oneOffSucceeded */.tq)(p.exit))
                        log.warning((0,policy/* hookWarning */.iV)(`${p.what} ${p.ending}`));
                }
                catch (err) {
                    if (!(err instanceof SmokeFailure))
                        throw err;
                    log.warning((0,policy/* hookWarning */.iV)(err.message));
                }
            }
            if (failure === undefined) {
                try {
                    sup.failIfUnheld();
                }
                catch (err) {
                    if (!(err instanceof SmokeFailure))
                        throw err;
                    failure = (0,policy/* smokeError */.Ou)(err.message);
                }
            }
        }
        finally {
            await sup.stopAll();
        }
        if (failure !== undefined) {
            report.error = failure;
            throw new errors/* UserError */.y(failure);
        }
    }
}
/** Runs the smoke test; throws a UserError with the first failure, after everything is stopped. */
async function smokeTest(opts, report) {
    await new SmokeRun(opts, report).run();
}

;// CONCATENATED MODULE: ./src/check/index.ts







/**
 * The regular files of the slug's bin/ (symlinks are the app's and are not followed), names
 * byte-exact (readNames): an app's file there need not have a UTF-8 name.
 */
function binFiles(binDir) {
    try {
        return (0,fs_tree/* readNames */.r6)(binDir)
            .filter((e) => e.entry.isFile())
            .map((e) => e.name);
    }
    catch {
        return [];
    }
}
/**
 * The deploy check, on the slug as written: the glibc the binaries need against `target-glibc`,
 * then the smoke test. Fills `report` as it goes and returns it; the first failure is the error.
 */
async function deployCheck(rt, plan, slug, report = {}) {
    const target = plan.glibc;
    if (target) {
        const binDir = external_node_path_default().join(slug.dir, 'bin');
        const binaries = (0,check_glibc/* checkGlibc */.S4)(binDir, binFiles(binDir), target);
        report.glibc = { target: (0,check_glibc/* describeTarget */.ff)(target), binaries };
        for (const b of binaries)
            rt.log.info(`${(0,log_text/* show */.WU)(b.name)}: ${b.finding}`);
        const failed = binaries.filter((b) => !b.ok);
        if (failed[0]) {
            const more = failed.slice(1).map((b) => `${(0,log_text/* show */.WU)(b.name)} (${b.needs})`);
            throw new errors/* UserError */.y(`${(0,check_glibc/* glibcFailure */.Co)(failed[0], target)}${more.length ? `; so do ${more.join(', ')}` : ''}`);
        }
        rt.log.info(`Every binary runs with ${(0,check_glibc/* describeTarget */.ff)(target)}`);
    }
    if (plan.smoke) {
        const smoke = { processes: [], health: [] };
        report.smoke = smoke;
        await smokeTest({
            slugDir: slug.dir,
            entries: parseProcfile(slug.procfile),
            healthPaths: plan.smoke.healthPaths,
            jobEnv: rt.env,
            hooks: plan.smoke.hooks,
            log: rt.log,
        }, smoke);
        rt.log.info('The slug boots: the smoke test passed');
    }
    return report;
}

;// CONCATENATED MODULE: ./src/compile/go-env.ts



/** A build for another GOOS or GOARCH than the machine's: no GOBIN, no run of what it builds. */
function isCross(inputs) {
    return ((inputs.goos !== undefined && inputs.goos !== inputs.host.goos) ||
        (inputs.goarch !== undefined && inputs.goarch !== inputs.host.goarch));
}
/**
 * The environment of every go command (SPEC §3): the resolved GOROOT first on PATH, the platform's
 * GOPATH, GOBIN inside it, GOTOOLCHAIN=local so the resolved Go is the Go that builds, and the
 * user's go and cgo settings.
 */
function goEnv(base, inputs, goroot) {
    const home = base.HOME || external_node_os_default().homedir();
    const gopath = external_node_path_default().join(home, inputs.platform === 'heroku' ? 'go' : 'go_home');
    const cross = isCross(inputs);
    const gobin = cross ? undefined : external_node_path_default().join(gopath, 'bin');
    const pathParts = [external_node_path_default().join(goroot, 'bin'), external_node_path_default().join(gopath, 'bin'), base.PATH ?? ''];
    const env = {
        ...base,
        GOROOT: goroot,
        GOPATH: gopath,
        GOBIN: gobin,
        GOTOOLCHAIN: 'local',
        PATH: pathParts.filter(Boolean).join((external_node_path_default()).delimiter),
        ...inputs.goEnv,
        ...inputs.cgoEnv,
    };
    if (inputs.goos)
        env.GOOS = inputs.goos;
    if (inputs.goarch)
        env.GOARCH = inputs.goarch;
    // reproducible: no workspace or GOPATH path in the binaries, for every go command (make's too).
    if (inputs.reproducible && !/(^|\s)-trimpath(=|\s|$)/.test(env.GOFLAGS ?? '')) {
        env.GOFLAGS = [env.GOFLAGS, '-trimpath'].filter(Boolean).join(' ');
    }
    if (!gobin)
        delete env.GOBIN;
    return { goroot, gopath, gobin, env };
}
/**
 * Makes the Go that builds the Go of the job's later steps: GOROOT, GOTOOLCHAIN=local, its bin/
 * and GOBIN on PATH, go's problem matcher.
 */
function exportGoEnv(rt, genv) {
    rt.exportVariable('GOROOT', genv.goroot);
    rt.exportVariable('GOTOOLCHAIN', 'local');
    rt.addPath(external_node_path_default().join(genv.goroot, 'bin'));
    rt.addProblemMatcher();
    if (genv.gobin) {
        external_node_fs_default().mkdirSync(genv.gobin, { recursive: true });
        rt.addPath(genv.gobin);
    }
}

// EXTERNAL MODULE: ./src/compile/flags.ts
var compile_flags = __nccwpck_require__(3686);
;// CONCATENATED MODULE: ./src/compile/run-go.ts



/** Runs the resolved `go` in `dir`; a non-zero exit is the user's build failure. */
async function go(genv, dir, args, log, opts = {}) {
    const res = await run(external_node_path_default().join(genv.goroot, 'bin', 'go'), args, {
        cwd: dir,
        env: { ...genv.env, ...opts.env },
        quiet: opts.quiet ? 'stdout' : false,
        logCommand: log,
    });
    if (res.code !== 0) {
        const why = res.stderr
            .split('\n')
            .filter((l) => !l.startsWith('go: downloading '))
            .join('\n')
            .trim();
        const detail = opts.quiet && why ? `: ${why}` : '';
        throw new errors/* UserError */.y(`go ${args[0]} failed with exit code ${res.code}${detail}`);
    }
    return res.stdout;
}
/** True for `main.go`-style arguments: Go builds the listed files as one package. */
function isFilePackage(pkg) {
    return pkg.endsWith('.go');
}

;// CONCATENATED MODULE: ./src/compile/go-list.ts


/**
 * The `go list -f` template of every listing of the build: one `<import path>\t<target>` line
 * per main package, an empty line for any other. Target is where `go install` puts the binary
 * (GOBIN, `bin/<goos>_<goarch>/` when cross-compiling, `.exe` for windows, the last element of
 * a `/vN` module path): asked of Go, never guessed. `-find` leaves it as it is (it only skips
 * resolving imports), so the one listing made before the hooks can also say where the binaries
 * will be.
 */
const MAIN_TARGETS_FORMAT = '{{if eq .Name "main"}}{{.ImportPath}}\t{{.Target}}{{end}}';
/** Reads a listing made with {@link MAIN_TARGETS_FORMAT}, in Go's order. */
function parseMainTargets(out) {
    const mains = [];
    for (const line of out.split('\n')) {
        // An import path holds no tab or space; a target is a path and is kept as Go printed it.
        const tab = line.indexOf('\t');
        const importPath = (tab < 0 ? line : line.slice(0, tab)).trim();
        if (importPath)
            mains.push({ importPath, target: tab < 0 ? '' : line.slice(tab + 1) });
    }
    return mains;
}
/** The binary of a listed main package, named as Go names it; none without a target. */
function binaryOf(label, target) {
    if (!target)
        return undefined;
    return { package: label, path: target, name: external_node_path_default().basename(target).replace(/\.exe$/, '') };
}
/** The binaries of listed main packages, in their order. */
function mainBinaries(mains) {
    return mains.flatMap((m) => binaryOf(m.importPath, m.target) ?? []);
}
/**
 * The binaries `go install <packages>` produces, when a listing of the same tree already says:
 * each package is the import path of a listed main package (what the module-path rule and the
 * discovered main packages install). Anything else (a pattern such as `./cmd/...`, a relative
 * path, a .go file list, a package outside the listing) is left to a `go list` of the packages
 * after the install: undefined. Go lists named packages once each, in the order given.
 */
function knownBinaries(packages, listed) {
    if (packages.length === 0)
        return undefined;
    const byPath = new Map(listed.map((m) => [m.importPath, m]));
    const seen = new Set();
    const bins = [];
    for (const p of packages) {
        const main = byPath.get(p);
        // A file list is one package to Go whatever its name: `go list main.go` names its binary
        // after the file, not after a module that happens to be called `main.go`.
        if (main === undefined || isFilePackage(p))
            return undefined;
        if (seen.has(p))
            continue;
        seen.add(p);
        const bin = binaryOf(p, main.target);
        if (bin)
            bins.push(bin);
    }
    return bins;
}

;// CONCATENATED MODULE: ./src/compile/targets.ts





/**
 * Every main package under `dir` and its install target, as `go list` names them (`./...`
 * excludes vendor/; `-find` resolves no dependency).
 */
async function listMainPackages(genv, dir, flags, log) {
    const out = await go(genv, dir, ['list', '-find', ...flags, '-f', MAIN_TARGETS_FORMAT, './...'], log, { quiet: true });
    return parseMainTargets(out);
}
/** Where Go installs each main package's binary: asked, never guessed from a basename. */
async function binaryTargets(genv, dir, flags, packages, log, env) {
    const out = await go(genv, dir, ['list', ...flags, '-f', MAIN_TARGETS_FORMAT, ...packages], log, {
        quiet: true,
        env,
    });
    const label = (pkg) => (packages.every(isFilePackage) ? packages.join(' ') : pkg);
    return parseMainTargets(out).flatMap((m) => binaryOf(label(m.importPath), m.target) ?? []);
}
/** Fails when two main packages would install a binary of the same name. */
function checkDuplicateNames(bins) {
    const seen = new Map();
    for (const b of bins) {
        const other = seen.get(b.name);
        if (other !== undefined && other !== b.package) {
            throw new errors/* UserError */.y(`Two main packages build a binary named "${b.name}": ${other} and ${b.package}; rename one of them or build only one (package / install-package-spec)`);
        }
        seen.set(b.name, b.package);
    }
}
/**
 * `go install`s the packages in `dir` and returns the binaries Go reports for them. A list of .go
 * files is one package to Go; when cross-compiling, Go has no install location for it (GOBIN is
 * refused), so it is built with `go build -o` into `$GOPATH/bin/<goos>_<goarch>/` instead.
 */
async function installAndLocate(inputs, genv, dir, packages, log, opts = {}) {
    const { env } = opts;
    const flags = (0,compile_flags/* sharedGoFlags */.bP)(inputs, dir);
    const files = packages.length > 0 && packages.every(isFilePackage);
    if (files && !genv.gobin) {
        const goos = genv.env.GOOS ?? inputs.host.goos;
        const goarch = genv.env.GOARCH ?? 'amd64';
        const name = external_node_path_default().basename(packages[0], '.go');
        const out = external_node_path_default().join(genv.gopath, 'bin', `${goos}_${goarch}`, goos === 'windows' ? `${name}.exe` : name);
        const args = (0,compile_flags/* installArgs */.vd)(inputs, flags, packages);
        args.splice(args.length - packages.length, 0, '-o', out);
        args[0] = 'build';
        await go(genv, dir, args, log, { env });
        return [{ package: packages.join(' '), path: out, name }];
    }
    await go(genv, dir, (0,compile_flags/* installArgs */.vd)(inputs, flags, packages), log, { env });
    const bins = (opts.listed && knownBinaries(packages, opts.listed)) ??
        (await binaryTargets(genv, dir, flags, packages, log, env));
    checkDuplicateNames(bins);
    if (bins.length === 0) {
        throw new errors/* UserError */.y(`go install built no binary: none of ${packages.join(' ')} is a main package`);
    }
    return bins;
}

;// CONCATENATED MODULE: ./src/compile/gomod.ts





/**
 * The gomod method's packages: `package` → `install-package-spec` → on Heroku `// +heroku
 * install` then every main package of the module (`.` when there is none), on Clever Cloud the
 * module path, which must then be a main package (Clever Cloud would deploy no binary).
 * In workspace mode (a go.work and no root go.mod) the package must be given.
 */
async function gomodTargets(inputs, detection, choice, genv, log) {
    const dir = inputs.appDir;
    const flags = (0,compile_flags/* sharedGoFlags */.bP)(inputs, dir);
    const mains = detection.workspaceMode ? [] : await listMainPackages(genv, dir, flags, log);
    const mainPaths = mains.map((m) => m.importPath);
    let packages = choice.packages;
    if (choice.source === 'module') {
        const [modulePath] = packages;
        if (modulePath !== '.' && !mainPaths.includes(modulePath)) {
            const found = mainPaths.length
                ? `its main packages are ${mainPaths.map(log_text/* show */.WU).join(', ')}`
                : 'it has no main package';
            throw new errors/* UserError */.y(`go.mod: the module path ${(0,log_text/* show */.WU)(modulePath)} is not a main package, so Clever Cloud would deploy no binary (${found}); set package (CC_GO_PKG) to the one to deploy`);
        }
        log.info(`Installing the module path ${(0,log_text/* show */.WU)(modulePath)} (Clever Cloud's rule)`);
    }
    else if (choice.source === 'discover') {
        packages = mainPaths;
        if (packages.length) {
            log.info(`Detected the following main packages to install:\n${packages.map((p) => `  ${(0,log_text/* show */.WU)(p)}`).join('\n')}`);
        }
        else {
            log.warning(`No main packages found in ${(0,log_text/* show */.WU)(dir)}; installing package "." (set package or install-package-spec, or add // +heroku install ./cmd/... to go.mod)`);
            packages = ['.'];
        }
    }
    else {
        log.info(`Installing ${packages.map(log_text/* show */.WU).join(' ')} (from ${choice.source})`);
    }
    return { packages, mains };
}
/**
 * `go install` of the planned packages, and where Go put the binaries. `asListed`: no hook ran
 * since the main packages were listed, so the tree Go installs is the tree it listed, and the
 * listing's targets are the binaries' (one `go list` for the whole build instead of up to
 * three). After a hook, which may have added, removed or renamed packages, Go is asked again.
 */
async function buildGomod(inputs, targets, genv, log, asListed) {
    const dir = inputs.appDir;
    const { packages, mains } = targets;
    const listed = asListed ? mains : undefined;
    const binaries = await installAndLocate(inputs, genv, dir, packages, log, { listed });
    const mainPaths = mains.map((m) => m.importPath);
    let all = binaries;
    if (mains.length > 0 && !sameList(mainPaths, packages)) {
        all = listed
            ? mainBinaries(listed)
            : await binaryTargets(genv, dir, (0,compile_flags/* sharedGoFlags */.bP)(inputs, dir), mainPaths, log);
    }
    return { packages, binaries, processNames: all.map((b) => b.name) };
}
function sameList(a, b) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __nccwpck_require__(2088);
var semver_default = /*#__PURE__*/__nccwpck_require__.n(semver);
// EXTERNAL MODULE: ./src/trust/paths.ts
var paths = __nccwpck_require__(4766);
;// CONCATENATED MODULE: ./src/compile/gopath.ts








/**
 * Copies the app to `$GOPATH/src/<importPath>`, the place GOPATH-era builds expect it (vendored
 * imports resolve from there). The copy replaces an older one, so the destination goes through
 * the path gate: inside `$GOPATH/src` once symlinks are resolved, and neither the app itself nor
 * a folder holding it. Symlinks are copied as symlinks; `.git` is left out.
 */
function placeInGopath(appDir, gopath, importPath, label) {
    const src = (0,paths/* realRoot */.dU)(external_node_path_default().join(gopath, 'src'), '$GOPATH/src', true);
    const dest = (0,paths/* confine */.Do)(src, importPath, { label, accepted: 'use an import path' });
    if (dest === appDir)
        return dest;
    if ((0,paths/* isInside */.FK)(dest, appDir) || (0,paths/* isInside */.FK)(appDir, dest)) {
        throw new errors/* UserError */.y(`${label}: ${(0,log_text/* quote */.hD)(importPath)} would place the app at ${(0,log_text/* show */.WU)(dest)}, which holds or is held by the app directory ${(0,log_text/* show */.WU)(appDir)}; use another import path`);
    }
    external_node_fs_default().rmSync(dest, { recursive: true, force: true });
    external_node_fs_default().mkdirSync(external_node_path_default().dirname(dest), { recursive: true });
    external_node_fs_default().cpSync(appDir, dest, {
        recursive: true,
        verbatimSymlinks: true,
        filter: (p) => external_node_path_default().basename(p) !== '.git',
    });
    return dest;
}
/** GOPATH mode unless the app has a go.mod. */
function moduleEnv(dir) {
    return external_node_fs_default().existsSync(external_node_path_default().join(dir, 'go.mod')) ? {} : { GO111MODULE: 'off' };
}
/** gobuild, goget and Heroku's godep / govendor / gb: GOPATH-layout builds (SPEC §3). */
async function buildGopath(inputs, method, plan, goVersion, genv, log) {
    const { importPath, packages } = plan;
    if (plan.inPlace) {
        // gb projects are their own GOPATH: build every tree under src/ in place.
        const env = { GO111MODULE: 'off', GOPATH: `${inputs.appDir}${(external_node_path_default()).delimiter}${genv.gopath}` };
        const binaries = await installAndLocate(inputs, genv, inputs.appDir, packages, log, {
            env,
        });
        return {
            result: { packages, binaries, processNames: binaries.map((b) => b.name) },
            importPath,
        };
    }
    const label = inputs.rundir !== undefined ? 'rundir' : `the ${method} import path`;
    const dir = placeInGopath(inputs.appDir, genv.gopath, importPath, label);
    log.info(`Placed the app at ${(0,log_text/* show */.WU)(dir)}`);
    const env = moduleEnv(dir);
    if (method === 'godep' && external_node_fs_default().existsSync(external_node_path_default().join(dir, 'Godeps', '_workspace', 'src'))) {
        // What `godep go install` does: the saved workspace first on GOPATH.
        env.GOPATH = `${external_node_path_default().join(dir, 'Godeps', '_workspace')}${(external_node_path_default()).delimiter}${genv.gopath}`;
    }
    // GOPATH-mode `go get` was removed in Go 1.22; `go install` builds the same thing there.
    if (method === 'goget' && semver_default().lt(goVersion, '1.22.0')) {
        await go(genv, dir, ['get', ...packages], log, { env });
    }
    const binaries = await installAndLocate(inputs, genv, dir, packages, log, { env });
    return { result: { packages, binaries, processNames: binaries.map((b) => b.name) }, importPath };
}

;// CONCATENATED MODULE: ./src/compile/hooks.ts





/**
 * Runs a hook with bash in the app dir: an inline command, or the path of an executable script
 * (bash runs it as a command, so a script that is not executable fails as it does on the
 * platform). Hooks are the one place where user text is shell, by design.
 */
async function runHook(label, command, appDir, env, log) {
    log.info(`Running ${label}: ${command}`);
    const res = await run('bash', ['-c', command], {
        cwd: appDir,
        env: { ...env, GIT_DIR: undefined },
        raw: true,
    });
    if (res.code !== 0) {
        throw new errors/* UserError */.y(`${label} failed with exit code ${res.code}`);
    }
}
/**
 * The real path of `bin/<name>` when the app has it. It is made executable and run, so a
 * symlink that leads out of the app (chmod would change the file it points to) is refused.
 */
function herokuHookFile(appDir, name) {
    const rel = external_node_path_default().join('bin', name);
    try {
        external_node_fs_default().lstatSync(external_node_path_default().join(appDir, rel));
    }
    catch {
        return undefined;
    }
    const real = (0,paths/* confine */.Do)((0,paths/* realRoot */.dU)(appDir, 'the app directory'), rel, {
        label: `bin/${name}`,
        accepted: 'make the hook a file of the app',
    });
    return external_node_fs_default().existsSync(real) ? real : undefined;
}
/**
 * Heroku's `bin/go-pre-compile` / `bin/go-post-compile`, made executable and run when present.
 * True when it ran.
 */
async function runHerokuHook(name, appDir, env, log) {
    const file = herokuHookFile(appDir, name);
    if (file === undefined)
        return false;
    external_node_fs_default().chmodSync(file, external_node_fs_default().statSync(file).mode | 0o111);
    log.info(`Running bin/${name}`);
    const res = await run(file, [], { cwd: appDir, env: { ...env, GIT_DIR: undefined }, raw: true });
    if (res.code !== 0)
        throw new errors/* UserError */.y(`bin/${name} failed with exit code ${res.code}`);
    return true;
}

;// CONCATENATED MODULE: ./src/compile/makefile.ts






/** The makefile method: `make` (default target) in the app dir, then `binary` must be executable. */
async function buildMakefile(inputs, genv, log) {
    const binary = inputs.binary;
    // make runs the Makefile's shell: its output passes as it is, like a `run:` step's.
    const res = await run('make', [], {
        cwd: inputs.appDir,
        env: genv.env,
        logCommand: log,
        raw: true,
    });
    if (res.code !== 0)
        throw new errors/* UserError */.y(`make failed with exit code ${res.code}`);
    // What make left there may be a symlink: it is shipped only if it stays inside the app.
    const abs = (0,paths/* confine */.Do)((0,paths/* realRoot */.dU)(inputs.appDir, 'the app directory'), binary, {
        label: 'binary',
        accepted: 'the binary must be a file of the app',
    });
    let st;
    try {
        st = external_node_fs_default().statSync(abs);
    }
    catch {
        throw new errors/* UserError */.y(`binary: make succeeded but did not create ${(0,log_text/* quote */.hD)(binary)} (${(0,log_text/* show */.WU)(abs)}); fix the Makefile or the binary (CC_GO_BINARY) path`);
    }
    if (!st.isFile() || (st.mode & 0o111) === 0) {
        throw new errors/* UserError */.y(`binary: ${(0,log_text/* quote */.hD)(binary)} (${(0,log_text/* show */.WU)(abs)}) is not an executable file after make`);
    }
    // Named as the user named it, even when make left a symlink to a versioned file.
    const name = external_node_path_default().basename(external_node_path_default().resolve(inputs.appDir, binary));
    return { packages: [], binaries: [{ package: 'make', path: abs, name }], processNames: [name] };
}

;// CONCATENATED MODULE: ./src/compile/index.ts





/**
 * Runs the detected method between the hooks, in Heroku's order: what to build is found first
 * (`go list -find`, which resolves no dependency), then pre-build-hook and bin/go-pre-compile,
 * the build, then bin/go-post-compile and post-build-hook.
 */
async function build(plan, goVersion, genv, log) {
    const { inputs, detection } = plan;
    const dir = inputs.appDir;
    // What to build is known before any hook runs (Heroku's order): a hook that generates code
    // changes what is compiled, not what is chosen.
    const targets = plan.gomod
        ? await gomodTargets(inputs, detection, plan.gomod, genv, log)
        : undefined;
    const hookEnv = { ...genv.env, SOURCE_VERSION: genv.env.SOURCE_VERSION ?? inputs.linkerValue };
    if (inputs.preBuildHook)
        await runHook('pre-build-hook', inputs.preBuildHook, dir, hookEnv, log);
    const preCompiled = await runHerokuHook('go-pre-compile', dir, hookEnv, log);
    let result;
    if (targets) {
        // A hook may have changed the packages since they were listed: then Go is asked again.
        const hooked = Boolean(inputs.preBuildHook) || preCompiled;
        result = await buildGomod(inputs, targets, genv, log, !hooked);
    }
    else if (plan.gopath) {
        result = (await buildGopath(inputs, detection.method, plan.gopath, goVersion, genv, log))
            .result;
    }
    else {
        result = await buildMakefile(inputs, genv, log);
    }
    log.info(`Installed the following binaries:\n${result.binaries.map((b) => `  ${(0,log_text/* show */.WU)(b.path)}`).join('\n')}`);
    await runHerokuHook('go-post-compile', dir, hookEnv, log);
    if (inputs.postBuildHook)
        await runHook('post-build-hook', inputs.postBuildHook, dir, hookEnv, log);
    return { ...result, importPath: plan.importPath };
}

;// CONCATENATED MODULE: ./src/job-outputs.ts


const OUTPUT_TABLE = [
    { name: 'go-version', stage: 'toolchain', value: (t) => t.version },
    { name: 'go-version-source', stage: 'toolchain', value: (t) => t.source },
    { name: 'go-root', stage: 'toolchain', value: (t) => t.goroot },
    { name: 'build-tool', stage: 'method', value: (m) => m },
    { name: 'cache-hit', stage: 'restored', value: (r) => String(r.modHit) },
    { name: 'build-cache-hit', stage: 'restored', value: (r) => String(r.buildHit) },
    { name: 'packages', stage: 'packages', value: (p) => JSON.stringify(p) },
    { name: 'binaries', stage: 'slug', value: (s) => JSON.stringify(s.binaries) },
    { name: 'binary', stage: 'slug', value: (s) => (s.web ? external_node_path_default().join(s.dir, 'bin', s.web) : '') },
    { name: 'procfile', stage: 'slug', value: (s) => s.procfile },
    { name: 'slug-dir', stage: 'slug', value: (s) => s.dir },
    { name: 'sbom', stage: 'sbom', value: (s) => s.written?.path ?? '' },
    { name: 'slug-archive', stage: 'published', value: (p) => p.archive ?? '' },
    { name: 'slug-sha256', stage: 'published', value: (p) => p.digest ?? '' },
    {
        name: 'artifact-id',
        stage: 'published',
        value: (p) => (p.artifact.uploaded ? (p.artifact.id?.toString() ?? '') : undefined),
    },
    {
        name: 'artifact-url',
        stage: 'published',
        value: (p) => (p.artifact.uploaded ? (p.artifact.url ?? '') : undefined),
    },
    { name: 'heroku-slug-id', stage: 'released', value: (r) => r.slugId },
    { name: 'heroku-release-id', stage: 'released', value: (r) => r.releaseId },
    { name: 'heroku-release-version', stage: 'released', value: (r) => String(r.version) },
];
/** Each stage's part of the run report. */
const REPORT_PARTS = {
    plan(r, p) {
        r.goVersionSource = p.versionSource;
        r.buildTool = p.method;
        r.buildToolReason = p.methodReason;
    },
    toolchain(r, t) {
        r.goVersion = t.version;
        r.goVerified =
            t.verified ?? (t.origin === 'path' ? 'the go on PATH' : 'found in the tool cache');
    },
    method() { },
    restored(r, c) {
        r.cache = { modHit: c.modHit, buildHit: c.buildHit, note: c.note };
    },
    packages(r, p) {
        r.packages = p;
    },
    slug(r, s) {
        r.slugDir = s.dir;
        r.procfile = s.procfile;
        r.binaries = s.binaries.map((b) => ({ name: external_node_path_default().basename(b), size: external_node_fs_default().statSync(b).size }));
    },
    sbom(r, { written }) {
        if (written)
            r.sbom = { path: written.path, label: written.label, modules: written.modules.length };
    },
    published(r, p) {
        r.artifact = p.artifact;
        if (r.sbom && p.sbomArtifact)
            r.sbom.artifact = p.sbomArtifact;
        if (p.archive && p.digest)
            r.archive = { path: p.archive, sha256: p.digest };
    },
    released(r, h) {
        r.heroku = { app: h.app, version: h.version, bytes: h.bytes, status: h.status };
    },
};
/**
 * Records a stage's result: sets the outputs it gives and its part of the report. Returns the
 * result.
 */
function recordStage(rt, report, stage, fact) {
    for (const row of OUTPUT_TABLE) {
        if (row.stage !== stage)
            continue;
        const value = row.value(fact);
        if (value !== undefined)
            rt.setOutput(row.name, value);
    }
    REPORT_PARTS[stage](report, fact);
    return fact;
}

;// CONCATENATED MODULE: ./src/cache/dependency-files.ts






/** Directories Go itself ignores (or that hold no module's own dependencies). */
const SKIPPED_DIR = /^(?:[._].*|vendor|testdata|node_modules)$/;
const SUM_FILE = /^go(?:\.work)?\.sum$/;
function digest(file) {
    return (0,external_node_crypto_.createHash)('sha256').update(external_node_fs_default().readFileSync(file)).digest('hex');
}
function toHashed(root, files) {
    return files.map((f) => ({
        rel: external_node_path_default().relative(root, f).split((external_node_path_default()).sep).join('/'),
        sha256: digest(f),
    }));
}
/**
 * go.sum and go.work.sum files of the app, nested modules included, sorted. `slug/` is where the
 * workstation CLI writes its output (with setup-gopath-in-image, a copy of the sources).
 */
async function findSumFiles(appDir) {
    const found = [];
    await (0,fs_tree/* walkTree */.Ir)(appDir, (p, e) => {
        if (!e.isDirectory() && SUM_FILE.test(e.name))
            found.push(p);
    }, (e) => !SKIPPED_DIR.test(e.name) && e.name !== 'slug');
    return found.sort();
}
/** Each file, symlinks followed, must stay inside the root it was found from (SPEC §9). */
function confined(root, files, label) {
    return files.map((f) => (0,paths/* confine */.Do)(root, external_node_path_default().relative(root.dir, f), {
        label: label(f),
        accepted: 'the files that key the module cache must be inside it',
    }));
}
async function globFiles(workspace, patterns) {
    const { create } = await Promise.all(/* import() */[__nccwpck_require__.e(942), __nccwpck_require__.e(917)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5917));
    const absolute = patterns.map((p) => {
        const negated = p.startsWith('!');
        const body = negated ? p.slice(1) : p;
        const abs = external_node_path_default().isAbsolute(body) ? body : external_node_path_default().join(workspace, body);
        return negated ? `!${abs}` : abs;
    });
    const globber = await create(absolute.join('\n'), { matchDirectories: false });
    const files = await globber.glob();
    return files.filter((f) => external_node_fs_default().statSync(f).isFile()).sort();
}
/**
 * The files whose contents key the module cache: `cache-dependency-path` globs (relative to the
 * workspace, like `hashFiles`), else the app's go.sum / go.work.sum files, else its go.mod and
 * go.work (an app without dependencies). Undefined when there is nothing to key on: the app does
 * not use modules.
 */
async function dependencyFiles(app, workspaceDir, patterns) {
    const appDir = app.dir;
    const ws = (0,paths/* realRoot */.dU)(workspaceDir, 'the workspace');
    const workspace = ws.dir;
    let unmatched;
    if (patterns.length > 0) {
        const matched = await globFiles(workspace, [...patterns]);
        if (matched.length > 0) {
            const files = confined(ws, matched, (f) => `cache-dependency-path match ${external_node_path_default().relative(workspace, f)}`);
            return {
                files: toHashed(workspace, files),
                description: `${files.length} file(s) matching cache-dependency-path`,
            };
        }
        unmatched = patterns.join(', ');
    }
    const sums = confined(app, await findSumFiles(appDir), (f) => external_node_path_default().relative(appDir, f));
    if (sums.length > 0) {
        const rels = sums.map((f) => (0,log_text/* show */.WU)(external_node_path_default().relative(appDir, f)));
        return {
            files: toHashed(appDir, sums),
            description: rels.length <= 3 ? rels.join(', ') : `${rels.length} go.sum files`,
            unmatched,
        };
    }
    const mods = confined(app, ['go.mod', 'go.work'].map((n) => external_node_path_default().join(appDir, n)).filter((f) => external_node_fs_default().existsSync(f)), (f) => external_node_path_default().basename(f));
    if (mods.length > 0) {
        return {
            files: toHashed(appDir, mods),
            description: `${mods.map((f) => external_node_path_default().basename(f)).join(', ')} (no go.sum)`,
            unmatched,
        };
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/go-targets.ts
var go_targets = __nccwpck_require__(9298);
// EXTERNAL MODULE: ./src/input-table.ts + 5 modules
var input_table = __nccwpck_require__(5481);
// EXTERNAL MODULE: ./src/trust/refusal.ts
var refusal = __nccwpck_require__(2510);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
var external_node_zlib_default = /*#__PURE__*/__nccwpck_require__.n(external_node_zlib_);
;// CONCATENATED MODULE: ./src/publish/gzip-pieces.ts



/**
 * One gzip member compressed in pieces on the thread pool, as pigz does, so that a slug is
 * packed on every core rather than one: the input is cut into pieces of {@link PIECE} bytes, each
 * deflated on its own, primed with the 32 KiB before it (so matches still reach back across the
 * cut) and ended by a sync flush (the last by the final block), and the pieces' outputs are one
 * deflate stream in order. The CRC is taken over the input as it passes. The bytes depend only on
 * the input and the level (fixed pieces, fixed priming), never on timing or on how the input
 * arrives, so the archive stays reproducible. Any gzip reader reads it: it is one member, one
 * deflate stream.
 */
/** Input bytes per piece. */
const PIECE = 1 << 20;
const WINDOW = 32 * 1024;
const deflateRaw = (0,external_node_util_.promisify)((external_node_zlib_default()).deflateRaw);
/** The 10-byte header zlib writes: no name, no time, its extra flags for the level, Unix. */
function header(level) {
    const xfl = level === 9 ? 2 : level < 2 ? 4 : 0;
    return Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]);
}
/**
 * Compresses `input` (any chunking) into gzip, yielding the output in order. At most `inFlight`
 * pieces are compressed at once (the thread pool has four threads).
 */
async function* gzipPieces(input, level, inFlight = Math.min(4, Math.max(2, external_node_os_default().availableParallelism()))) {
    yield header(level);
    let crc = 0;
    let size = 0;
    const pending = [];
    let prior; // the 32 KiB before the next piece
    const start = (piece, last) => {
        const opts = {
            level,
            finishFlush: last ? (external_node_zlib_default()).constants.Z_FINISH : (external_node_zlib_default()).constants.Z_SYNC_FLUSH,
            ...(prior ? { dictionary: prior } : {}),
        };
        const done = deflateRaw(piece, opts);
        done.catch(() => undefined); // awaited in turn; a failure meanwhile is not unhandled
        pending.push(done);
        prior = Buffer.from(piece.subarray(Math.max(0, piece.length - WINDOW)));
    };
    // Pieces are cut from the input at fixed offsets; the newest is held back until it is known
    // whether it is the last (which ends the stream).
    let parts = [];
    let held = 0;
    let waiting;
    for await (const chunk of input) {
        crc = external_node_zlib_default().crc32(chunk, crc);
        size += chunk.length;
        let rest = chunk;
        while (rest.length > 0) {
            const take = Math.min(PIECE - held, rest.length);
            parts.push(rest.subarray(0, take));
            held += take;
            rest = rest.subarray(take);
            if (held === PIECE) {
                if (waiting)
                    start(waiting, false);
                waiting = Buffer.concat(parts, held);
                parts = [];
                held = 0;
                while (pending.length >= inFlight)
                    yield await pending.shift();
            }
        }
    }
    if (held > 0) {
        if (waiting)
            start(waiting, false);
        waiting = Buffer.concat(parts, held);
    }
    start(waiting ?? Buffer.alloc(0), true);
    while (pending.length)
        yield await pending.shift();
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(size % 2 ** 32, 4);
    yield trailer;
}

;// CONCATENATED MODULE: ./src/publish/tar.ts









const BLOCK = 512;
const TYPE = { file: '0', symlink: '2', dir: '5', pax: 'x' };
/** Largest value an 11-digit octal field holds (files of 8 GiB and more need pax `size`). */
const MAX_OCTAL_SIZE = 0o77777777777;
const CHUNK = 1 << 20;
/** About this many bytes go to gzip at once. */
const BATCH = 1 << 20;
function octal(n, width) {
    return `${n.toString(8).padStart(width - 1, '0')}\0`;
}
/** Bytes of a name or target on disk (its UTF-8, unless it holds bytes that are not). */
const byteLength = (text) => (0,fs_tree/* encodeName */.aA)(text).length;
/** Splits a name into ustar's prefix (≤ 155 bytes) and name (≤ 100) at a slash, if it can. */
function ustarName(name) {
    if (byteLength(name) <= 100)
        return { prefix: '', name };
    // A directory's trailing slash stays with the name part.
    for (let cut = name.indexOf('/'); cut > 0 && cut < name.length - 1; cut = name.indexOf('/', cut + 1)) {
        const prefix = name.slice(0, cut);
        const rest = name.slice(cut + 1);
        if (byteLength(prefix) > 155)
            return undefined;
        if (byteLength(rest) <= 100)
            return { prefix, name: rest };
    }
    return undefined;
}
/**
 * A name field: a UTF-8 name as Buffer.write puts it (whole characters only, as ever), the bytes
 * of any other one (clipped, only where a pax record holds the whole).
 */
function putName(h, text, offset, length) {
    if ((0,fs_tree/* isUtf8Name */.Lb)(text))
        h.write(text, offset, length, 'utf8');
    else
        (0,fs_tree/* encodeName */.aA)(text).copy(h, offset, 0, length);
}
/** One 512-byte ustar header. Fields too long for it must already be in a pax header. */
function ustarHeader(f) {
    const h = Buffer.alloc(BLOCK);
    putName(h, f.name, 0, 100);
    h.write(octal(f.mode & 0o7777, 8), 100, 8, 'ascii');
    h.write(octal(0, 8), 108, 8, 'ascii');
    h.write(octal(0, 8), 116, 8, 'ascii');
    h.write(octal(f.size, 12), 124, 12, 'ascii');
    h.write(octal(f.mtime, 12), 136, 12, 'ascii');
    h.write('        ', 148, 8, 'ascii');
    h.write(f.type, 156, 1, 'ascii');
    putName(h, f.linkname, 157, 100);
    h.write('ustar\0', 257, 6, 'ascii');
    h.write('00', 263, 2, 'ascii');
    putName(h, f.prefix, 345, 155);
    let sum = 0;
    for (const b of h)
        sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
    return h;
}
/**
 * A pax record: `<len> <key>=<value>\n`, where len counts the whole record, itself included; the
 * value's bytes as they are on disk (encodeName).
 */
function paxRecord(key, value) {
    const body = Buffer.concat([Buffer.from(` ${key}=`), (0,fs_tree/* encodeName */.aA)(value), Buffer.from('\n')]);
    const bytes = body.length;
    let len = bytes + 1;
    while (bytes + String(len).length !== len)
        len = bytes + String(len).length;
    return Buffer.concat([Buffer.from(String(len)), body]);
}
const padding = (size) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
/** The header blocks of one member: a pax header first when ustar cannot hold it. */
function memberHeader(m, mtime) {
    const split = ustarName(m.name);
    const longLink = m.target !== undefined && byteLength(m.target) > 100;
    const bigSize = m.size > MAX_OCTAL_SIZE;
    const out = [];
    if (!split || longLink || bigSize) {
        const body = Buffer.concat([
            ...(split ? [] : [paxRecord('path', m.name)]),
            ...(longLink ? [paxRecord('linkpath', m.target)] : []),
            ...(bigSize ? [paxRecord('size', String(m.size))] : []),
        ]);
        const base = m.name.replace(/\/$/, '').split('/').pop();
        const paxName = `PaxHeaders/${base}`.slice(0, 100);
        out.push(ustarHeader({
            name: paxName,
            prefix: '',
            mode: 0o644,
            size: body.length,
            mtime,
            type: TYPE.pax,
            linkname: '',
        }), body, padding(body.length));
    }
    const fallback = { prefix: '', name: m.name.slice(0, 100) };
    const { prefix, name } = split ?? fallback;
    out.push(ustarHeader({
        name,
        prefix,
        mode: m.mode,
        size: bigSize ? 0 : m.type === 'file' ? m.size : 0,
        mtime,
        type: TYPE[m.type],
        linkname: longLink ? '' : (m.target ?? ''),
    }));
    return out;
}
/** The members under `root`, in archive order (byte order of names); special files go to `skipped`. */
async function members(root, skipped, prefix = '') {
    const out = [];
    if (prefix)
        out.push({ name: prefix, abs: root, type: 'dir', mode: 0o40755, size: 0 });
    const visit = async (dir, rel) => {
        for (const { name: n } of (0,fs_tree/* readNames */.r6)(dir)) {
            const abs = external_node_path_default().join(dir, n);
            const name = rel + n;
            const st = external_node_fs_default().lstatSync((0,fs_tree/* fsPath */.Jk)(abs));
            if (st.isDirectory()) {
                out.push({ name: `${name}/`, abs, type: 'dir', mode: st.mode, size: 0 });
                await visit(abs, `${name}/`);
            }
            else if (st.isSymbolicLink()) {
                const target = (0,fs_tree/* decodeName */.e4)(await promises_default().readlink((0,fs_tree/* fsPath */.Jk)(abs), { encoding: 'buffer' }));
                out.push({ name, abs, type: 'symlink', mode: st.mode, size: 0, target });
            }
            else if (st.isFile()) {
                out.push({ name, abs, type: 'file', mode: st.mode, size: st.size });
            }
            else {
                skipped.push(name);
            }
        }
    };
    await visit(root, prefix);
    return out;
}
/**
 * The archive's bytes in batches of about {@link BATCH}: headers, padding and small files are
 * gathered into one buffer, so that gzip gets few large writes (each write to a zlib stream is a
 * job on the thread pool) instead of one or more per member. Files are read synchronously while
 * gzip works on the previous batch; a file must keep its size while it is packed.
 */
function* tarStream(list, mtime) {
    let parts = [];
    let held = 0;
    const add = (b) => {
        parts.push(b);
        held += b.length;
    };
    const take = () => {
        const out = parts.length === 1 ? parts[0] : Buffer.concat(parts, held);
        parts = [];
        held = 0;
        return out;
    };
    for (const m of list) {
        for (const h of memberHeader(m, mtime))
            add(h);
        if (m.type === 'file' && m.size > 0) {
            const fd = external_node_fs_default().openSync((0,fs_tree/* fsPath */.Jk)(m.abs), 'r');
            try {
                for (let left = m.size; left > 0;) {
                    const buf = Buffer.allocUnsafe(Math.min(CHUNK, left));
                    const got = external_node_fs_default().readSync(fd, buf, 0, buf.length, null);
                    if (got === 0)
                        throw new Error(`${(0,log_text/* show */.WU)(m.name)} shrank while it was being packed`);
                    left -= got;
                    add(got === buf.length ? buf : buf.subarray(0, got));
                    if (held >= BATCH)
                        yield take();
                }
            }
            finally {
                external_node_fs_default().closeSync(fd);
            }
            const pad = padding(m.size);
            if (pad.length)
                add(pad);
        }
        if (held >= BATCH)
            yield take();
    }
    add(Buffer.alloc(2 * BLOCK));
    yield take();
}
/**
 * Packs `root` into `target` (`.tar.gz`). Written beside the target and renamed in, so a failure
 * leaves neither a half archive nor the temporary file.
 */
async function packTree(root, target, opts) {
    const skipped = [];
    const list = await members(root, skipped, opts.prefix);
    const temp = `${target}.tmp-${process.pid}`;
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let bytes = 0;
    const tap = new external_node_stream_.Transform({
        transform(chunk, _enc, done) {
            hash.update(chunk);
            bytes += chunk.length;
            done(null, chunk);
        },
    });
    try {
        // A file made new (a link or file left at that name is removed, not written through).
        await promises_default().rm(temp, { force: true });
        await (0,external_node_stream_promises_namespaceObject.pipeline)(external_node_stream_.Readable.from(gzipPieces(tarStream(list, opts.mtime), opts.level), { objectMode: false }), tap, external_node_fs_default().createWriteStream(temp, { flags: 'wx' }));
        await promises_default().rename(temp, target);
    }
    finally {
        await promises_default().rm(temp, { force: true });
    }
    return { bytes, sha256: hash.digest('hex'), members: list.length, skipped };
}

;// CONCATENATED MODULE: ./src/publish/archive.ts






/** zlib level of the slug archive: chosen by measurement (docs/performance.md). */
const SLUG_GZIP_LEVEL = 1;
/** 1980-01-01T00:00:00Z: the members' mtime when neither SOURCE_DATE_EPOCH nor a commit gives one. */
const FALLBACK_MTIME = 315_532_800;
/**
 * SOURCE_DATE_EPOCH as reproducible-builds.org defines it: whole seconds since 1970-01-01 UTC.
 * A malformed value is an error, not something to guess around.
 */
function sourceDateEpoch(raw) {
    if (raw === undefined || raw === '')
        return undefined;
    if (!/^\d{1,12}$/.test(raw)) {
        throw (0,refusal/* bad */.M)('SOURCE_DATE_EPOCH', raw, 'not valid; use whole seconds since 1970-01-01 UTC');
    }
    return Number(raw);
}
/**
 * The one mtime of every member: SOURCE_DATE_EPOCH, else the commit time of HEAD in the app's
 * repository, else {@link FALLBACK_MTIME}. The same sources give the same archive.
 */
async function slugMtime(appDir, sourceDateEpoch, env) {
    if (sourceDateEpoch !== undefined)
        return sourceDateEpoch;
    try {
        const res = await run('git', ['-C', appDir, 'log', '-1', '--format=%ct'], {
            cwd: appDir,
            env,
            quiet: true,
        });
        const t = res.stdout.trim();
        if (res.code === 0 && /^\d{1,12}$/.test(t))
            return Number(t);
    }
    catch {
        // no git: the constant
    }
    return FALLBACK_MTIME;
}
/**
 * Packs a slug directory as `<dir's parent>/<name>.tar.gz` (src/publish/tar.ts: deterministic,
 * modes and symlinks kept, owned by 0:0, what a platform extracts as the app's user).
 */
async function packSlug(slugDir, name, mtime, 
/** `./app/`: Heroku's slug format, every file under it. */
prefix) {
    const target = external_node_path_default().join(external_node_path_default().dirname(slugDir), `${name}.tar.gz`);
    const packed = await packTree(slugDir, target, { mtime, level: SLUG_GZIP_LEVEL, prefix });
    return { ...packed, path: target };
}
/**
 * The regular files under `dir` (what a zip artifact holds), sorted, and the symlinks, left out:
 * the artifact client would follow them, pulling in content from wherever they point. Names are
 * byte-exact (readNames), so that zipRefusal sees the ones a zip cannot hold.
 */
function listFiles(dir) {
    const files = [];
    const links = [];
    const visit = (at) => {
        for (const { name, entry } of (0,fs_tree/* readNames */.r6)(at)) {
            const p = external_node_path_default().join(at, name);
            if (entry.isSymbolicLink())
                links.push(p);
            else if (entry.isFile())
                files.push(p);
            else if (entry.isDirectory())
                visit(p);
        }
    };
    visit(dir);
    return { files: files.sort(), links: links.sort() };
}
/** What @actions/artifact refuses in an uploaded file's path (its validateFilePath). */
const REFUSED_BY_SERVICE = /[":<>|*?\r\n]/;
/**
 * Why a zip artifact cannot hold these files of the slug, in one line, or undefined when it can.
 * The artifact client takes paths as strings and zips names as UTF-8: a name that is not UTF-8
 * would be read as another file or none (Node writes U+FFFD for the byte), so it cannot be
 * uploaded as it is; and the client refuses `"` `:` `<` `>` `|` `*` `?` and line breaks in a path
 * with a message of several lines, after the build. Both are refused here, before any upload,
 * naming the first such file (in sorted order) and the two ways out.
 */
function zipRefusal(slugDir, files) {
    const bad = files
        .map((f) => external_node_path_default().relative(slugDir, f))
        .filter((rel) => !(0,fs_tree/* isUtf8Name */.Lb)(rel) || REFUSED_BY_SERVICE.test(rel));
    const first = bad[0];
    if (first === undefined)
        return undefined;
    const why = (0,fs_tree/* isUtf8Name */.Lb)(first)
        ? 'the artifact service refuses " : < > | * ? and line breaks in file names'
        : 'its name is not UTF-8, and a zip artifact holds UTF-8 names only';
    const others = bad.length - 1;
    const more = others ? ` (and ${others} other file${others > 1 ? 's' : ''})` : '';
    return `artifact-format: zip cannot hold the slug's file ${(0,log_text/* quote */.hD)(first)}${more}: ${why}; use artifact-format: tgz, which keeps every name byte for byte, or leave ${others ? 'them' : 'it'} out with .slugignore`;
}

// EXTERNAL MODULE: ./src/text.ts
var src_text = __nccwpck_require__(8992);
// EXTERNAL MODULE: ./src/toolchain/source.ts
var source = __nccwpck_require__(6954);
// EXTERNAL MODULE: ./src/trust/credentials.ts
var credentials = __nccwpck_require__(6624);
;// CONCATENATED MODULE: ./src/inputs.ts









const BLANKS = /^[ \t]+|[ \t]+$/g;
/** Reads an input, falling back to its documented variable(s) when the input is empty. */
class Reader {
    rt;
    constructor(rt) {
        this.rt = rt;
    }
    /** The variables a row falls back to, in order; a series is read while it is set. */
    *variables(row) {
        if (!row.env)
            return;
        yield [row.env, this.rt.env[row.env]];
        for (let n = 0; row.envSeries; n++) {
            const name = `${row.env}_${n}`;
            const raw = this.rt.env[name];
            if (raw === undefined)
                return;
            yield [name, raw];
        }
    }
    /** What was given: the input, else each variable that holds something. */
    given(row) {
        const v = this.rt.input(row.name);
        if (v !== '')
            return [{ value: v, label: row.name, from: 'input' }];
        const out = [];
        for (const [name, raw] of this.variables(row)) {
            // A list's variable holds one item: its line breaks are refused by the item's rule.
            const e = row.kind === 'list' ? (raw ?? '').replace(BLANKS, '') : (raw ?? '').trim();
            if (e !== '')
                out.push({ value: e, label: `${row.name} (from ${name})`, from: name });
        }
        return out;
    }
    /** The row's value: what was given, else its default, parsed; undefined when there is none. */
    read(row, ctx) {
        let given = this.given(row);
        if (given.length === 0) {
            const dflt = row.default ?? row.compute?.(ctx);
            if (dflt !== undefined)
                given = [{ value: dflt, label: row.name, from: 'default' }];
        }
        if (given.length === 0)
            return row.kind === 'list' ? [] : undefined;
        return row.parse(given, ctx);
    }
    /** The raw input and the raw variable: every place a credential can be given. */
    raw(name) {
        const row = input_table/* INPUTS */.mc.find((r) => r.name === name);
        return [this.rt.input(name), row && 'env' in row ? (this.rt.env[row.env] ?? '') : ''];
    }
}
function readInputs(rt) {
    // Clever Cloud's run hooks are variables only (no input): read first, apart from the inputs.
    const runHooks = {
        preRun: (0,src_text/* nonEmpty */.h)(rt.env.CC_PRE_RUN_HOOK),
        succeeded: (0,src_text/* nonEmpty */.h)(rt.env.CC_RUN_SUCCEEDED_HOOK),
        failed: (0,src_text/* nonEmpty */.h)(rt.env.CC_RUN_FAILED_HOOK),
    };
    // A variable only, never an input (inputs are echoed in the runner's debug logs).
    const herokuApiKey = (0,src_text/* nonEmpty */.h)(rt.env.HEROKU_API_KEY);
    // A variable of its own (reproducible-builds.org), not any input's fallback.
    const epoch = sourceDateEpoch(rt.env.SOURCE_DATE_EPOCH);
    const r = new Reader(rt);
    // The one gate for credentials (SPEC §9): every value that can hold them is read before any
    // other input, and what it holds is masked at once, so that no refusal can print it unmasked.
    const secrets = (0,credentials/* credentialsIn */.Wr)(rt.env, () => credentials/* CREDENTIAL_INPUTS */.ms.flatMap((i) => r.raw(i)));
    if (herokuApiKey)
        secrets.push(herokuApiKey);
    for (const secret of secrets)
        rt.mask(secret);
    const workspace = (0,paths/* realRoot */.dU)(rt.workspace, 'the workspace');
    const values = new Map();
    const ctx = {
        rt,
        workspace,
        get appDir() {
            return values.get('working-directory');
        },
        get platform() {
            return values.get('platform');
        },
        has: (input) => values.get(input) !== undefined,
    };
    const fields = { goEnv: {}, cgoEnv: {} };
    for (const row of input_table/* INPUTS */.mc) {
        const value = r.read(row, ctx);
        values.set(row.name, value);
        if (!row.group)
            fields[(0,input_table/* keyOf */.TN)(row)] = value;
        else if (value !== undefined)
            fields[row.group][row.env] = value;
    }
    const t = fields;
    if (t.buildTool === 'makefile' && t.binary === undefined) {
        throw new errors/* UserError */.y('binary: is required with build-tool makefile; set it (or CC_GO_BINARY) to the path, relative to the app, of the binary that make builds');
    }
    if (t.herokuApp !== undefined && !herokuApiKey) {
        throw new errors/* UserError */.y(`heroku-app: ${(0,log_text/* quote */.hD)(t.herokuApp)} needs the HEROKU_API_KEY variable, set from a secret (never an input: inputs are echoed in debug logs); heroku authorizations:create makes a key`);
    }
    const host = { goos: (0,go_targets/* hostGoos */.vq)(rt.host.platform), goarch: (0,go_targets/* hostGoArch */.vr)(rt.host.arch) };
    if (t.goos !== undefined || t.goarch !== undefined) {
        (0,go_targets/* checkGoTarget */.AH)(t.goos ?? host.goos, t.goarch ?? host.goarch);
    }
    return {
        ...t,
        host,
        toolchainSource: (0,source/* toolchainSource */.d)(t.toolchainSource, t.goEnv, rt.env),
        secrets,
        sourceDateEpoch: epoch,
        runHooks,
        herokuApiKey,
    };
}

// EXTERNAL MODULE: ./src/publish/artifact-name.ts
var artifact_name = __nccwpck_require__(3213);
;// CONCATENATED MODULE: ./src/plan/parts.ts
// The plan's parts: what each stage is handed, decided from the inputs and the plan's decisions
// alone (pure: no I/O). A stage sees its part, never the inputs.




/** The fields of `from` that T names, every one (the key list is checked against T). */
function pickAll(from, keys) {
    const out = {};
    for (const k of Object.keys(keys))
        out[k] = from[k];
    return out;
}
/** Hands each stage its part: the inputs it reads, and what the plan decided for it. */
function stageParts(inputs, d) {
    const settings = pickAll(inputs, {
        appDir: true,
        platform: true,
        host: true,
        goos: true,
        goarch: true,
        goEnv: true,
        cgoEnv: true,
        binary: true,
        rundir: true,
        troubleshoot: true,
        reproducible: true,
        linkerSymbol: true,
        linkerValue: true,
        buildTags: true,
        buildFlags: true,
        preBuildHook: true,
        postBuildHook: true,
    });
    return {
        toolchain: {
            spec: d.spec,
            checkLatest: inputs.checkLatest,
            download: inputs.goDownload,
            source: inputs.toolchainSource,
            goArch: inputs.architecture,
        },
        cache: {
            settings: {
                ...settings,
                cache: inputs.cache,
                cacheKeySuffix: inputs.cacheKeySuffix,
                architecture: inputs.architecture,
            },
            method: d.job.detection.method,
        },
        build: { inputs: settings, ...d.job },
        slug: {
            app: { dir: inputs.appDir, files: inputs.appFiles, slugignore: d.slugignore },
            procfile: d.procfile,
            runCommand: inputs.runCommand,
            ship: { goroot: inputs.installToolsInImage, gopathSources: inputs.setupGopathInImage },
        },
        sbom: inputs.sbom,
        check: checkPlan(inputs),
        publish: {
            ...pickAll(inputs, {
                appDir: true,
                upload: true,
                artifactFormat: true,
                packSlug: true,
                retentionDays: true,
                sourceDateEpoch: true,
            }),
            herokuFormat: inputs.herokuApp !== undefined,
            name: (goVersion) => inputs.artifactName ?? defaultArtifactName(inputs, goVersion),
        },
    };
}
/** Between two looks at a pending release. */
const RELEASE_POLL_MS = 1000;
/**
 * The parts a Heroku app adds (SPEC §12): the release, and the deploy check's glibc, which is
 * the app's stack's unless target-glibc (or STACK) says otherwise. A stack without a known glibc
 * is a warning: the glibc check then does not run.
 */
function herokuParts(inputs, check, app, env, warnings) {
    let glibc = check?.glibc;
    if (!glibc) {
        try {
            glibc = (0,check_glibc/* glibcTarget */.nA)(app.stack, `heroku-app ${app.name} stack`);
        }
        catch (err) {
            warnings.push(`${(0,errors/* errorMessage */.g)(err)}: the slug's binaries are not checked against it`);
        }
    }
    return {
        check: glibc ? { ...check, glibc } : check,
        release: {
            api: {
                base: inputs.herokuApiUrl,
                key: inputs.herokuApiKey ?? '',
                app: inputs.herokuApp ?? app.id,
                env,
            },
            app,
            mode: inputs.herokuRelease,
            commit: env.GITHUB_SHA || undefined,
            pollMs: RELEASE_POLL_MS,
        },
    };
}
/** The deploy check the inputs ask for (SPEC §10): target-glibc, smoke-test; or none. */
function checkPlan(inputs) {
    if (!inputs.smokeTest && inputs.targetGlibc === undefined)
        return undefined;
    return {
        glibc: inputs.targetGlibc,
        smoke: inputs.smokeTest
            ? { healthPaths: inputs.healthCheckPaths, hooks: inputs.runHooks }
            : undefined,
    };
}
/**
 * `<app>-<goos>-<goarch>-go<version>`: unique per matrix cell. The app part comes from a folder
 * name, so anything but letters, digits, `.`, `_` and `-` becomes `-` (the name is also a
 * directory and a file name), and it is clipped to fit.
 */
function defaultArtifactName(inputs, version) {
    const goos = inputs.goos ?? inputs.host.goos;
    const goarch = inputs.goarch ?? inputs.architecture;
    const tail = `-${goos}-${goarch}-go${version}`;
    let app = external_node_path_default().basename(inputs.appDir).replace(/[^A-Za-z0-9._-]/g, '-') || 'app';
    if (/^\.+$/.test(app))
        app = 'app';
    while (Buffer.byteLength(app + tail) > artifact_name/* MAX_ARTIFACT_NAME_BYTES */.s)
        app = [...app].slice(0, -1).join('');
    return `${app}${tail}`;
}

;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
;// CONCATENATED MODULE: ./src/cache/transport.ts


/** No data on the socket for this long ends the request (a stalled download). */
const IDLE_MS = 30_000;
function proxied(url, env) {
    const names = url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
    return names.some((n) => !!env[n]);
}
/** Sends the request; resolves with the response (any status) once its headers arrive. */
async function send(url, req, env = process.env) {
    const u = new URL(url);
    if (proxied(u, env))
        return viaActionsClient(url, req);
    const lib = u.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
    return new Promise((resolve, reject) => {
        const r = lib.request(u, { method: req.method, headers: req.headers, signal: req.signal }, resolve);
        r.setTimeout(IDLE_MS, () => r.destroy(new Error(`no answer for ${IDLE_MS / 1000} s`)));
        r.on('error', reject);
        if (typeof req.body === 'object') {
            req.body.on('error', (err) => r.destroy(err));
            req.body.pipe(r);
        }
        else
            r.end(req.body);
    });
}
async function viaActionsClient(url, req) {
    const { HttpClient } = await __nccwpck_require__.e(/* import() */ 942).then(__nccwpck_require__.bind(__nccwpck_require__, 4942));
    const client = new HttpClient('go-paas-build', [], {
        allowRetries: false,
        socketTimeout: IDLE_MS,
    });
    req.signal?.addEventListener('abort', () => client.dispose(), { once: true });
    const res = await client.request(req.method, url, req.body ?? null, req.headers ?? {});
    return res.message;
}

;// CONCATENATED MODULE: ./src/toolchain/http.ts


/** An HTTP answer we will not retry (a 4xx other than 408/429), or the last of the retried ones. */
class HttpStatusError extends Error {
    url;
    status;
    constructor(url, status) {
        super(`${(0,log_text/* show */.WU)(url)} answered HTTP ${status}`);
        this.url = url;
        this.status = status;
    }
}
/** Network errors, 408, 429 and 5xx are worth another attempt; other 4xx are final at once. */
function isRetryable(err) {
    if (err instanceof HttpStatusError) {
        return err.status === 408 || err.status === 429 || err.status >= 500;
    }
    return !(err instanceof errors/* UserError */.y);
}
const ATTEMPTS = 3;
/** Backoff before attempts 2 and 3. Short: a 2-core CI job should not sit idle for long. */
const BACKOFF_MS = [500, 1500];
/** Runs `fn` up to three times while its failure is retryable, logging each retry. */
async function withRetries(what, log, fn) {
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (err) {
            if (attempt >= ATTEMPTS || !isRetryable(err))
                throw err;
            const wait = BACKOFF_MS[attempt - 1] ?? 1500;
            log.info(`${what} failed (${(0,errors/* errorMessage */.g)(err)}); attempt ${attempt + 1} of ${ATTEMPTS} in ${wait} ms`);
            await new Promise((r) => setTimeout(r, wait));
        }
    }
}
/**
 * GET with proxy support (http_proxy / https_proxy / no_proxy, like the rest of the runner's tools).
 * `authorization` (from credentials in go-download-base-url) goes as a header, which the client
 * drops when a redirect leads to another host. Resolves with the response stream on 2xx; throws
 * HttpStatusError otherwise.
 */
async function http_httpGet(url, authorization) {
    const { HttpClient } = await __nccwpck_require__.e(/* import() */ 942).then(__nccwpck_require__.bind(__nccwpck_require__, 4942));
    const client = new HttpClient('go-paas-build', [], {
        allowRetries: false,
        socketTimeout: 60_000,
    });
    const res = await client.get(url, authorization ? { authorization } : {});
    const status = res.message.statusCode ?? 0;
    if (status < 200 || status >= 300) {
        res.message.resume();
        throw new HttpStatusError(url, status);
    }
    return res.message;
}
async function readBody(res) {
    const chunks = [];
    for await (const c of res)
        chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
}
/** The whole body as bytes; more than `limit` bytes is an error (a small answer was expected). */
async function readBytes(res, limit) {
    const chunks = [];
    let size = 0;
    for await (const c of res) {
        size += c.length;
        if (size > limit) {
            res.destroy();
            throw new errors/* UserError */.y(`the answer is larger than ${limit} bytes`);
        }
        chunks.push(c);
    }
    return Buffer.concat(chunks);
}

;// CONCATENATED MODULE: ./src/release/heroku-api.ts




const HEROKU_ACCEPT = 'application/vnd.heroku+json; version=3';
/** Waits before the retries of a call that met 429, a 5xx or a network fault. */
const heroku_api_BACKOFF_MS = [500, 1000, 2000, 4000];
/** The most of an answer read (API answers are small JSON documents). */
const MAX_ANSWER = 4 << 20;
/** An answer the API gave with a status that is not 2xx, after any retries. */
class HerokuStatusError extends errors/* UserError */.y {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}
/** Heroku's error body (`{"id": "not_found", "message": "…"}`), as one shown phrase. */
function reason(body) {
    try {
        const e = JSON.parse(body);
        const parts = [e.id, e.message].filter((p) => typeof p === 'string' && p !== '');
        if (parts.length)
            return (0,log_text/* quote */.hD)(parts.join(': '));
    }
    catch {
        // not JSON: said below
    }
    return body.trim() ? (0,log_text/* quote */.hD)(body.trim().slice(0, 200)) : 'no reason given';
}
/** The one line for a final status: who refused what, and what to do. */
function heroku_api_refusal(api, what, status, body) {
    const app = `heroku-app: ${(0,log_text/* quote */.hD)(api.app)}`;
    if (status === 401) {
        return new HerokuStatusError(status, `${app}: the HEROKU_API_KEY was refused (HTTP 401, ${reason(body)}); set HEROKU_API_KEY to a valid key (heroku authorizations:create)`);
    }
    if (status === 403) {
        return new HerokuStatusError(status, `${app}: the HEROKU_API_KEY has no access to ${what} (HTTP 403, ${reason(body)}); use a key of a member of the app with the deploy permission`);
    }
    if (status === 404) {
        return new HerokuStatusError(status, `${app}: not found (HTTP 404 on ${what}, ${reason(body)}); check the app's name and that the HEROKU_API_KEY can see it`);
    }
    return new HerokuStatusError(status, `${app}: the Heroku API refused ${what} (HTTP ${status}, ${reason(body)})`);
}
function parsed(api, what, text) {
    try {
        return JSON.parse(text);
    }
    catch {
        throw new errors/* UserError */.y(`heroku-app: ${(0,log_text/* quote */.hD)(api.app)}: the Heroku API answered ${what} with something that is not JSON`);
    }
}
const retryable = (status) => status === 429 || status >= 500;
/**
 * One call, retried while the answer is 429, a 5xx or a network fault (at most
 * {@link BACKOFF_MS}.length retries). `what` names the call in messages (`the app`, `the slug`).
 */
async function herokuCall(api, method, path, what, body, headers = {}) {
    const json = body === undefined ? undefined : JSON.stringify(body);
    for (let attempt = 0;; attempt++) {
        let fault;
        try {
            const res = await send(`${api.base}${path}`, {
                method,
                headers: {
                    Accept: HEROKU_ACCEPT,
                    Authorization: `Bearer ${api.key}`,
                    'User-Agent': 'go-paas-build',
                    ...(json === undefined
                        ? {}
                        : {
                            'Content-Type': 'application/json',
                            'Content-Length': String(Buffer.byteLength(json)),
                        }),
                    ...headers,
                },
                body: json,
            }, api.env);
            const status = res.statusCode ?? 0;
            const text = (await readBytes(res, MAX_ANSWER)).toString('utf8');
            if (status >= 200 && status < 300)
                return parsed(api, what, text);
            if (!retryable(status) || attempt >= heroku_api_BACKOFF_MS.length) {
                throw heroku_api_refusal(api, what, status, text);
            }
            fault = `HTTP ${status}`;
        }
        catch (err) {
            if (err instanceof errors/* UserError */.y || attempt >= heroku_api_BACKOFF_MS.length) {
                if (err instanceof errors/* UserError */.y)
                    throw err;
                throw new errors/* UserError */.y(`heroku-app: ${(0,log_text/* quote */.hD)(api.app)}: the Heroku API at ${(0,log_text/* show */.WU)(api.base)} could not be reached (${(0,errors/* errorMessage */.g)(err)})`);
            }
            fault = (0,errors/* errorMessage */.g)(err);
        }
        const wait = heroku_api_BACKOFF_MS[attempt];
        api.log.info(`Heroku API: ${what} failed (${fault}); retrying in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
    }
}
/** GET of a URL the API gave (a release's output stream): the response, whatever its status. */
async function openStream(api, url, signal) {
    return send(url, { method: 'GET', signal }, api.env);
}

;// CONCATENATED MODULE: ./src/release/heroku-app.ts
// The app the slug is released to, looked up while the plan is made (SPEC §12): before any
// download, a key without access, an app that takes no slugs, or a missing key is refused.



async function lookupHerokuApp(api) {
    const a = await herokuCall(api, 'GET', `/apps/${api.app}`, 'the app');
    const generation = typeof a.generation === 'string' ? a.generation : a.generation?.name;
    const label = `heroku-app: ${(0,log_text/* quote */.hD)(api.app)}`;
    if (generation === 'fir') {
        throw new errors/* UserError */.y(`${label} is a Fir app, which releases OCI images, not slugs; release to a Cedar app (or deploy this one with git push)`);
    }
    const stack = typeof a.stack?.name === 'string' ? a.stack.name : '';
    if (stack === 'container') {
        throw new errors/* UserError */.y(`${label} runs the container stack (Docker images), not slugs; release to an app on a heroku-* stack`);
    }
    if (typeof a.id !== 'string' || typeof a.name !== 'string' || stack === '') {
        throw new errors/* UserError */.y(`${label}: the Heroku API's answer for the app lacks its id, name or stack`);
    }
    return { id: a.id, name: a.name, stack };
}

;// CONCATENATED MODULE: ./src/release/heroku.ts
// The Release phase (SPEC §12): the slug archive the job packed (Heroku's format, files under
// ./app/) becomes a slug of the app, is uploaded to the blob URL the API returns, and is
// released; the release phase's output is streamed to the log while the release is pending.







/** Heroku's limit on a slug, compressed. */
const MAX_SLUG_BYTES = 500 * 1024 * 1024;
/** A process type name, as Heroku's formation takes it. */
const PROCESS_TYPE = /^[-\w]{1,128}$/;
/** How long a release may stay pending (its release phase runs). */
const RELEASE_DEADLINE_MS = 30 * 60_000;
/** Lines of the release phase's output kept for the message of a failed release. */
const heroku_TAIL_LINES = 20;
/** The biggest top-level entries of the slug, for a slug Heroku would refuse. */
function biggestEntries(dir, count = 3) {
    const size = (p) => {
        const st = external_node_fs_default().lstatSync(p);
        if (!st.isDirectory())
            return st.size;
        return external_node_fs_default().readdirSync(p).reduce((sum, n) => sum + size(external_node_path_default().join(p, n)), 0);
    };
    return external_node_fs_default().readdirSync(dir)
        .map((name) => ({ name, bytes: size(external_node_path_default().join(dir, name)) }))
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, count);
}
const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
/** Refusals that need no request: a slug too big, a process type Heroku refuses. */
function refuseBeforeUpload(slugDir, bytes, processTypes) {
    if (bytes > MAX_SLUG_BYTES) {
        const biggest = biggestEntries(slugDir)
            .map((e) => `${(0,log_text/* show */.WU)(e.name)} ${mib(e.bytes)}`)
            .join(', ');
        throw new errors/* UserError */.y(`heroku-app: the slug is ${mib(bytes)} packed, over Heroku's limit of ${mib(MAX_SLUG_BYTES)}; the biggest parts: ${biggest}; leave files out with .slugignore`);
    }
    for (const name of Object.keys(processTypes))
        checkProcessType(name);
}
/** A process type Heroku's formation refuses is refused here, before anything is uploaded. */
function checkProcessType(name) {
    if (!PROCESS_TYPE.test(name)) {
        throw new errors/* UserError */.y(`Procfile: the process type ${(0,log_text/* quote */.hD)(name)} is not one Heroku takes; use at most 128 letters, digits, _ and -`);
    }
}
/** The app's current release and its slug's checksum, when it has one. */
async function current(api) {
    const list = await herokuCall(api, 'GET', `/apps/${api.app}/releases`, 'the list of releases', undefined, { Range: 'version ..; order=desc, max=10' });
    const release = list.find((r) => r.current) ?? list[0];
    const slugId = release?.slug?.id;
    if (!release || !slugId)
        return { release: release };
    const slug = await herokuCall(api, 'GET', `/apps/${api.app}/slugs/${slugId}`, 'the current slug');
    return { release, checksum: slug.checksum ?? undefined };
}
/** PUT of the archive to the presigned URL, as it is: its Content-Length, no other header. */
async function upload(api, blob, archive, bytes) {
    const method = (blob?.method ?? 'put').toUpperCase();
    if (!blob?.url || (method !== 'PUT' && method !== 'POST')) {
        throw new errors/* UserError */.y(`heroku-app: ${(0,log_text/* quote */.hD)(api.app)}: the new slug came without an upload URL; no release was created`);
    }
    let status;
    try {
        const res = await send(blob.url, {
            method,
            headers: { 'Content-Length': String(bytes) },
            body: external_node_fs_default().createReadStream(archive),
        }, api.env);
        status = res.statusCode ?? 0;
        res.resume();
    }
    catch (err) {
        throw new errors/* UserError */.y(`heroku-app: ${(0,log_text/* quote */.hD)(api.app)}: the slug upload failed (${(0,errors/* errorMessage */.g)(err)}); no release was created`);
    }
    if (status < 200 || status >= 300) {
        throw new errors/* UserError */.y(`heroku-app: ${(0,log_text/* quote */.hD)(api.app)}: the slug upload was refused (HTTP ${status}); no release was created`);
    }
}
/** Streams the release phase's output to the log; keeps its last lines. */
function follow(api, url, tail, signal) {
    const guard = new log_text/* LineGuard */.Ix((text) => {
        for (const line of text.replace(/\n$/, '').split('\n')) {
            api.log.info(`  ${line}`);
            tail.push(line);
            if (tail.length > heroku_TAIL_LINES)
                tail.shift();
        }
    });
    return openStream(api, url, signal)
        .then(async (res) => {
        if ((res.statusCode ?? 0) >= 300)
            return void res.resume();
        for await (const c of res)
            guard.push(c);
        guard.end();
    })
        .catch(() => undefined);
}
async function releaseToHeroku(plan, slug, archive, log) {
    const api = { ...plan.api, log };
    const processTypes = Object.fromEntries(parseProcfile(slug.procfile).map((e) => [e.name, e.command]));
    refuseBeforeUpload(slug.dir, archive.bytes, processTypes);
    const checksum = `SHA256:${archive.sha256}`;
    const base = { app: plan.app.name, bytes: archive.bytes };
    if (plan.mode === 'if-changed') {
        const now = await current(api);
        if (now.checksum === checksum) {
            log.notice(`heroku-app: ${(0,log_text/* show */.WU)(plan.app.name)} already runs this slug (v${now.release.version}, ${checksum}): not released again (heroku-release: always releases it anyway)`);
            const slugId = now.release.slug?.id ?? '';
            return {
                ...base,
                slugId,
                releaseId: now.release.id,
                version: now.release.version,
                status: 'current',
            };
        }
    }
    const created = await herokuCall(api, 'POST', `/apps/${api.app}/slugs`, 'the new slug', {
        process_types: processTypes,
        commit: plan.commit ?? null,
        commit_description: plan.commitDescription ?? null,
        buildpack_provided_description: 'Go',
        stack: plan.app.stack,
        checksum,
    });
    log.info(`Created slug ${(0,log_text/* show */.WU)(created.id)} of ${(0,log_text/* show */.WU)(plan.app.name)} (${plan.app.stack})`);
    const started = performance.now();
    await upload(api, created.blob, archive.path, archive.bytes);
    log.info(`Uploaded ${mib(archive.bytes)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    let release = await herokuCall(api, 'POST', `/apps/${api.app}/releases`, 'the release', {
        slug: created.id,
        description: `go-paas-build${plan.commit ? ` ${plan.commit.slice(0, 7)}` : ''}`,
    });
    const tail = [];
    const stop = new AbortController();
    let following;
    const deadline = Date.now() + RELEASE_DEADLINE_MS;
    try {
        while (release.status === 'pending') {
            if (!following && release.output_stream_url) {
                log.info('Release phase:');
                following = follow(api, release.output_stream_url, tail, stop.signal);
            }
            if (Date.now() > deadline) {
                throw new errors/* UserError */.y(`heroku-app: ${(0,log_text/* quote */.hD)(api.app)}: release v${release.version} was still pending after ${RELEASE_DEADLINE_MS / 60_000} minutes`);
            }
            await new Promise((r) => setTimeout(r, plan.pollMs));
            release = await herokuCall(api, 'GET', `/apps/${api.app}/releases/${release.id}`, 'the release');
        }
        // The stream ends with the release phase: what it printed is read to its end (or a while).
        if (following)
            await Promise.race([following, new Promise((r) => setTimeout(r, 5000))]);
    }
    finally {
        stop.abort();
    }
    if (release.status !== 'succeeded') {
        const out = tail.length ? `; its output ended with:\n${tail.join('\n')}` : '';
        throw new errors/* UserError */.y(`heroku-app: ${(0,log_text/* quote */.hD)(api.app)}: release v${release.version} ${release.status === 'failed' ? 'failed' : `ended ${(0,log_text/* quote */.hD)(release.status)}`} (its release phase)${out}`);
    }
    log.info(`Released v${release.version} of ${(0,log_text/* show */.WU)(plan.app.name)}: slug ${(0,log_text/* show */.WU)(created.id)}`);
    return {
        ...base,
        slugId: created.id,
        releaseId: release.id,
        version: release.version,
        status: 'succeeded',
    };
}

// EXTERNAL MODULE: ./src/trust/words.ts
var words = __nccwpck_require__(9707);
;// CONCATENATED MODULE: ./src/plan/app-files.ts

/**
 * The files of the app that decide the Go version (SPEC §2), read through the path gate: a
 * go.mod that is a symlink to a file outside the app is refused, not read (its first line would
 * end up in an error message). The legacy ones scanApp already read.
 */
function readVersionFiles(app, layout) {
    return {
        goMod: (0,paths/* readInside */.xO)(app, 'go.mod'),
        goWork: (0,paths/* readInside */.xO)(app, 'go.work'),
        goVersion: (0,paths/* readInside */.xO)(app, '.go-version'),
        toolVersions: (0,paths/* readInside */.xO)(app, '.tool-versions'),
        godeps: layout.godepsJson,
        vendorJson: layout.vendorJson,
        gopkgToml: layout.gopkgToml,
    };
}

;// CONCATENATED MODULE: ./src/plan/app-layout.ts




// The shell's `-f` / `-d` tests the platforms use follow symlinks; so does statSync.
function isFile(p) {
    try {
        return external_node_fs_default().statSync(p).isFile();
    }
    catch {
        return false;
    }
}
/** Anything there, even a dangling symlink. */
function exists(p) {
    try {
        external_node_fs_default().lstatSync(p);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * `find src -mindepth 2 -name '*.go'`: any entry (find has no -type there) whose name ends in
 * `.go`, at least two levels below src/. find's default -P mode does not descend into symlinked
 * directories, and it skips unreadable ones with a message; we skip them silently. Only whether
 * there is a hit matters, so the walk stops at the first one.
 */
function hasGoFileBelow(dir, entryDepth) {
    let entries;
    try {
        entries = external_node_fs_default().readdirSync(dir, { withFileTypes: true });
    }
    catch {
        return false;
    }
    for (const e of entries) {
        if (entryDepth >= 2 && e.name.endsWith('.go'))
            return true;
    }
    for (const e of entries) {
        if (e.isDirectory() && hasGoFileBelow(external_node_path_default().join(dir, e.name), entryDepth + 1))
            return true;
    }
    return false;
}
function hasGbSrcTree(appDir) {
    const src = external_node_path_default().join(appDir, 'src');
    // lstat: a symlinked src/ is a starting point find does not follow under -P.
    let st;
    try {
        st = external_node_fs_default().lstatSync(src);
    }
    catch {
        return false;
    }
    // Entries directly in src/ are at depth 1.
    return st.isDirectory() && hasGoFileBelow(src, 1);
}
function subdirs(dir) {
    try {
        return external_node_fs_default().readdirSync(dir, { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .map((d) => d.name)
            .sort();
    }
    catch {
        return [];
    }
}
/**
 * Look at the app root once; the only I/O of detection. The metadata files are read through
 * the path gate (a symlink out of the app is refused).
 */
function scanApp(app) {
    const appDir = app.dir;
    const at = (...parts) => external_node_path_default().join(appDir, ...parts);
    const layout = {
        hasGoMod: isFile(at('go.mod')),
        hasGoWork: isFile(at('go.work')),
        hasMakefile: ['GNUmakefile', 'makefile', 'Makefile'].some((name) => isFile(at(name))),
        hasMainGo: isFile(at('main.go')),
        hasClevercloudGoJson: isFile(at('clevercloud', 'go.json')),
        hasGbSrc: hasGbSrcTree(appDir),
        gbDirs: [],
        hasVendorDir: (0,fs_tree/* isDirectory */.wd)(at('vendor')),
        hasGlideYaml: isFile(at('glide.yaml')),
        binIsNotDir: exists(at('bin')) && !(0,fs_tree/* isDirectory */.wd)(at('bin')),
        binIsLink: external_node_fs_default().lstatSync(at('bin'), { throwIfNoEntry: false })?.isSymbolicLink() ?? false,
        profileDIsLink: external_node_fs_default().lstatSync(at('.profile.d'), { throwIfNoEntry: false })?.isSymbolicLink() ?? false,
    };
    if (layout.hasGbSrc)
        layout.gbDirs = subdirs(at('src'));
    const godeps = (0,paths/* readInside */.xO)(app, 'Godeps/Godeps.json');
    if (godeps !== undefined)
        layout.godepsJson = godeps;
    const gopkg = (0,paths/* readInside */.xO)(app, 'Gopkg.toml');
    if (gopkg !== undefined)
        layout.gopkgToml = gopkg;
    const vendorJson = (0,paths/* readInside */.xO)(app, 'vendor/vendor.json');
    if (vendorJson !== undefined)
        layout.vendorJson = vendorJson;
    return layout;
}

// EXTERNAL MODULE: ./node_modules/jsonc-parser/lib/umd/main.js
var main = __nccwpck_require__(9547);
;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/error.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
function getLineColFromPtr(string, ptr) {
    let lines = string.slice(0, ptr).split(/\r?\n/);
    return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
    let lines = string.split(/\r?\n/);
    let codeblock = '';
    let numberLen = (Math.log10(line + 1) | 0) + 1;
    for (let i = line - 1; i <= line + 1; i++) {
        let l = lines[i - 1];
        if (!l)
            continue;
        codeblock += i.toString().padEnd(numberLen, ' ');
        codeblock += ':  ';
        codeblock += l;
        codeblock += '\n';
        if (i === line) {
            codeblock += ' '.repeat(numberLen + column + 2);
            codeblock += '^\n';
        }
    }
    return codeblock;
}
class TomlError extends Error {
    line;
    column;
    codeblock;
    constructor(message, options) {
        const [line, column] = getLineColFromPtr(options.toml, options.ptr);
        const codeblock = makeCodeBlock(options.toml, line, column);
        super(`Invalid TOML document: ${message}\n\n${codeblock}`, options);
        this.line = line;
        this.column = column;
        this.codeblock = codeblock;
    }
    /** @internal */
    static x(message, ctx, ptr) {
        throw new TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/primitive.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

/** @internal */
function parseString(ctx) {
    let startPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p++);
    let first = c;
    let isLiteral = c === 0x27; /* ' */
    let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
    if (isMultiline) {
        // Trim initial newline
        if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 0xa /* \n */)
            ctx.p++;
        else if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)
            ctx.p += 2;
    }
    // For the record: it is not worth it to use a fast-path for literal strings using `indexOf`.
    // Doing a char-by-char iteration ends up dispatching less instructions, for the same wall-clock runtime.
    let parsed = '';
    let sliceStart = ctx.p;
    // states:
    //   0 - decoding
    //   1 - decoding escape
    //   2 - whitespace escape (no newline encountered yet, must fail on non-whitespace)
    //   3 - whitespace escape (newline encountered, allowed to transition back to normal decode)
    let state = 0;
    for (; ctx.p < ctx.s.length; ctx.p++) {
        c = ctx.s.charCodeAt(ctx.p);
        // Deal with newlines first, since that simplifies control character checking and handling across all states
        if (isMultiline && (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */))) {
            state = state && 3;
        }
        // Control characters are banned in TOML, so we throw an error if we encounter them
        else if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in strings', ctx);
        }
        // The string might terminate while we're parsing through a newline escape.
        // It must have encountered a newline; otherwise, it'll simply fail in another branch.
        else if ((!state || state === 3) && c === first && (!isMultiline || (ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first))) {
            if (isMultiline) {
                // If the string ends with 4-5 quotes, then the first 1-2 are part of the string
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
            }
            // If we're in a newline escape still, then there's nothing to add.
            if (!state) {
                // Avoid a useless concat operation if the string can be used as-is.
                let s = ctx.s.slice(sliceStart, ctx.p);
                parsed = parsed ? parsed + s : s;
            }
            ctx.p += isMultiline ? 3 : 1;
            return parsed;
        }
        // Baseline state; keep moving forward unless an escape sequence starts
        else if (!state) {
            if (!isLiteral && c === 0x5c /* \ */) {
                parsed += ctx.s.slice(sliceStart, (sliceStart = ctx.p));
                state = 1;
            }
        }
        else if (state === 1) {
            if (c === 0x78 /* x */ || c === 0x75 /* u */ || c === 0x55 /* U */) { // Unicode escape
                let errPtr = ctx.p++ - 1;
                let value = 0;
                let len = c === 0x78 /* x */ ? 2 : c === 0x75 /* u */ ? 4 : 8;
                for (let j = 0; j < len; j++, ctx.p++) {
                    let hex = ctx.s.charCodeAt(ctx.p);
                    let digit = 
                    /* 0-9 */ hex >= 0x30 && hex <= 0x39 ? hex - 0x30 :
                        /* A-F */ hex >= 0x41 && hex <= 0x46 ? hex - 0x41 + 10 :
                            /* a-f */ hex >= 0x61 && hex <= 0x66 ? hex - 0x61 + 10 : -1;
                    if (digit < 0)
                        TomlError.x('invalid non-hex character in unicode escape', ctx);
                    value = (value << 4) | digit;
                }
                // Because JS does bitwise on signed 32bit integers, all 0xfzzzzzzz values are actually seen as negative
                if (value < 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
                    TomlError.x('invalid unicode escape', ctx, errPtr);
                }
                parsed += String.fromCodePoint(value);
                sliceStart = ctx.p--;
                state = 0;
            }
            // Newline escape sequence. We only need to care about spaces and tabs; newlines are dealt with earlier
            else if (isMultiline && (c === 0x20 || c === 0x9 /* \t */)) {
                state = 2;
            }
            // Basic escape sequence
            else {
                if (c === 0x62 /* b */)
                    parsed += '\b';
                else if (c === 0x74 /* t */)
                    parsed += '\t';
                else if (c === 0x6e /* n */)
                    parsed += '\n';
                else if (c === 0x66 /* f */)
                    parsed += '\f';
                else if (c === 0x72 /* r */)
                    parsed += '\r';
                else if (c === 0x65 /* e */)
                    parsed += '\x1b';
                else if (c === 0x22 /* " */)
                    parsed += '"';
                else if (c === 0x5c /* \ */)
                    parsed += '\\';
                else
                    TomlError.x('unrecognised escape sequence', ctx);
                sliceStart = ctx.p + 1;
                state = 0;
            }
        }
        // Newline escape continuation: keep moving forward until the first non-whitespace char
        else if (c !== 0x20 && c !== 0x9 /* \t */) {
            if (state === 2)
                TomlError.x('invalid escape: only line-ending whitespace may be escaped', ctx, sliceStart);
            // State cannot be zero, or we'd have branched earlier already.
            // If it's a backslash, immediately transition to the escape state so it can be processed.
            state = !isLiteral && c === 0x5c /* \ */ ? 1 : 0;
            sliceStart = ctx.p;
        }
    }
    TomlError.x('unfinished string', ctx, startPtr);
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/date.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
let DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
class TomlDate extends Date {
    #hasDate = false;
    #hasTime = false;
    #offset = null;
    constructor(date, fasttype, unsafeDelim) {
        let hasDate = true;
        let hasTime = true;
        let offset = 'Z';
        let c;
        if (typeof date === 'string') {
            if (fasttype)
                prep: {
                    // Date-time
                    if (fasttype < 3) {
                        if (+date.slice(11, 13) > 23) {
                            date = '';
                            break prep;
                        }
                        // Local
                        if (fasttype === 2) {
                            offset = null;
                            date += 'Z';
                        }
                        // Offset; keep track of offset if not Z
                        else if ((c = date.charCodeAt(date.length - 1)) !== 0x5a /* Z */ && c !== 0x7a /* z */) {
                            offset = date.slice(date.length - 6);
                        }
                        if (unsafeDelim)
                            date = date.slice(0, 10) + 'T' + date.slice(11);
                    }
                    // Time
                    else if (fasttype === 4) {
                        date = +date.slice(0, 2) > 23 ? '' : `0000-01-01T${date}Z`;
                    }
                    hasDate = fasttype !== 4;
                    hasTime = fasttype !== 3;
                }
            else {
                let match = date.match(DATE_TIME_RE);
                if (match) {
                    if (!match[1]) {
                        hasDate = false;
                        date = `0000-01-01T${date}`;
                    }
                    hasTime = !!match[2];
                    // Make sure to use T instead of a space. Breaks in case of extreme values otherwise.
                    hasTime && date[10] === ' ' && (date = date.replace(' ', 'T'));
                    // Do not allow rollover hours.
                    if (match[2] && +match[2] > 23) {
                        date = '';
                    }
                    else {
                        offset = match[3] || null;
                        if (!offset && hasTime)
                            date += 'Z';
                    }
                }
                else {
                    date = '';
                }
            }
        }
        super(date);
        if (!isNaN(this.getTime())) {
            this.#hasDate = hasDate;
            this.#hasTime = hasTime;
            this.#offset = offset;
        }
    }
    isDateTime() {
        return this.#hasDate && this.#hasTime;
    }
    isLocal() {
        return !this.#hasDate || !this.#hasTime || !this.#offset;
    }
    isDate() {
        return this.#hasDate && !this.#hasTime;
    }
    isTime() {
        return this.#hasTime && !this.#hasDate;
    }
    isValid() {
        return this.#hasDate || this.#hasTime;
    }
    toISOString() {
        let iso = super.toISOString();
        // Local Date
        if (this.isDate())
            return iso.slice(0, 10);
        // Local Time
        if (this.isTime())
            return iso.slice(11, 23);
        // Local DateTime
        if (this.#offset === null)
            return iso.slice(0, -1);
        // Offset DateTime
        if (this.#offset === 'Z' || this.#offset === 'z')
            return iso;
        // This part is quite annoying: JS strips the original timezone from the ISO string representation
        // Instead of using a "modified" date and "Z", we restore the representation "as authored"
        let offset = (+(this.#offset.slice(1, 3)) * 60) + +(this.#offset.slice(4, 6));
        offset = this.#offset[0] === '-' ? offset : -offset;
        let offsetDate = new Date(this.getTime() - (offset * 60e3));
        return offsetDate.toISOString().slice(0, -1) + this.#offset;
    }
    static wrapAsOffsetDateTime(jsDate, offset = 'Z') {
        let date = new TomlDate(jsDate);
        date.#offset = offset;
        return date;
    }
    static wrapAsLocalDateTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#offset = null;
        return date;
    }
    static wrapAsLocalDate(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasTime = false;
        date.#offset = null;
        return date;
    }
    static wrapAsLocalTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasDate = false;
        date.#offset = null;
        return date;
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/extract.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




function isDigit(char, base = 10) {
    return base === 16
        ? (char > 0x2f && char < 0x3a) || (char > 0x40 && char < 0x47) || (char > 0x60 && char < 0x67)
        : (char > 0x2f && char < 0x30 + base);
}
function isEndOfValue(char, delim) {
    // Whitespace -- we're permissive on `\r` for performance; it'll be dealt with later anyway
    return char === 0x20 || char === 0x9 /* \t */ || char === 0xa /* \n */ || char === 0xd /* \r */ ||
        // Structure end or next value delimiter
        (delim && (char === delim || char === 0x2c /* , */)) ||
        // Comment
        char === 0x23; /* # */
}
/** @internal */
function extractValue(ctx, end) {
    let errPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p);
    // Structs
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        ctx.d-- || TomlError.x('document contains excessively nested structures. aborting.', ctx);
        let value = c === 0x5b /* [ */
            ? parseArray(ctx)
            : parseInlineTable(ctx);
        ctx.d++;
        return value;
    }
    // Strings
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
        return parseString(ctx);
    }
    // Booleans
    // We can fast-path because the first character is enough to know the only possible value
    if (c === 0x74 /* t */) { // Only possible valid value is `true`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x72 || ctx.s.charCodeAt(++ctx.p) !== 0x75 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, true;
    }
    if (c === 0x66 /* f */) { // Only possible valid value is `false`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6c || ctx.s.charCodeAt(++ctx.p) !== 0x73 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, false;
    }
    if (c === 0x2b /* + */ || c === 0x2d /* - */) {
        return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 0x2c - c, end);
    }
    // Rough heuristic, but `parseDate` falls back to number parsing if it's a false positive.
    // e.g.: `a = 1\n-------------- = 1` would match this heuristic, but gracefully fallback to numbers.
    if (ctx.s.charCodeAt(ctx.p + 4) === 0x2d /* - */ && ctx.s.charCodeAt(ctx.p + 7) === 0x2d /* - */) {
        return parseDate(ctx, c, end);
    }
    // Same logic as above; `parseTime` falls back to number parsing if it's a false positive.
    if (ctx.s.charCodeAt(ctx.p + 2) === 0x3a /* : */) {
        return parseTime(ctx, c, end);
    }
    return parseNumber(ctx, ctx.p, c, 0, end);
}
// State:
// 0: init
// 1: integer
// 2: fractional dot
// 3: fractional
// 4: exponent letter
// 5: exponent
// 6: exponent sign
// 7: exponent with sign
// >9: underscore; see below
//     -> 12: was integer
//     -> 14: was fractional
//     -> 16: was exponent
// states 2-5, 14, 16 are ONLY permitted iif base === 10
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
    let c = startChr;
    let state = 0;
    let hasUnderscores = false;
    // (+/-)inf
    if (c === 0x69 /* i */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x6e || ctx.s.charCodeAt(++ctx.p) !== 0x66)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, (sign || 1) / 0;
    }
    // (+/-)nan
    if (c === 0x6e /* n */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6e)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, NaN;
    }
    // Leading zero
    // Only allowed cases: `0<EOV>`, `0.(...)`, `0e(...)`, `0x(...)`, `0b(...)`, `0o(...)`
    // FWIW, `0e(...)` is a stupid case, but it's not banned per-se so we have to parse it
    if (c === 0x30 /* 0 */) {
        if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
            return ctx.bi === true ? 0n : 0; // note: conveniently deals with `-0`
        if (!sign) {
            if (c === 0x78 /* x */)
                return parseIntegerBaseN(ctx, startPtr, 16, endChr);
            else if (c === 0x62 /* b */)
                return parseIntegerBaseN(ctx, startPtr, 2, endChr);
            else if (c === 0x6f /* o */)
                return parseIntegerBaseN(ctx, startPtr, 8, endChr);
        }
        if (c === 0x2e /* . */)
            state = 2;
        else if (c === 0x65 /* e */ || c === 0x45 /* E */)
            state = 4;
        else
            TomlError.x('illegal leading zero', ctx, startPtr);
    }
    // If the 1st char is not a digit by now, then it's not a valid TOML value at all
    else if (!isDigit(c))
        TomlError.x('invalid value', ctx, startPtr);
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (!state)
            state = 1; // Detects single-digit numbers we can use a fast parse path for
        // The way the states are numbered is not random: underscores are always permitted in odd-numbered states and
        // never permitted in even-numbered ones.
        if (c === 0x5f /* _ */) {
            if (!(state & 1))
                TomlError.x('illegal underscore', ctx);
            state += 11; // 11 is a marker that makes the state even and greater than 9; see the numbering + rationale above
            hasUnderscores = true;
        }
        // Transition to fractional part.
        else if (state === 1 && c === 0x2e /* . */)
            state = 2;
        // Transition to exponent part.
        else if ((state === 1 || state === 3) && (c === 0x65 /* e */ || c === 0x45 /* E */))
            state = 4;
        // + and - are permitted in state 4 only (handled before entering the function for state 0)
        else if (state === 4 && (c === 0x2b /* + */ || c === 0x2d /* - */)) {
            state = 6;
        }
        // All special cases have been handled; only digits are allowed here
        else if (!isDigit(c))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear state flags
        else if (state > 9)
            state -= 11;
        else if (!(state & 1))
            state++;
    }
    // Single-char number; we can fast-path these very easily.
    if (!state) {
        let val = (startChr - 0x30 /* 0 */) * (sign || 1);
        return ctx.bi === true ? BigInt(val) : val;
    }
    // Even-numbered states absolutely require a digit next; not even end of value is permitted
    if (!(state & 1))
        TomlError.x('unfinished numeric value', ctx, startPtr);
    let str = ctx.s.slice(startPtr, ctx.p);
    if (hasUnderscores)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return state > 1
        ? parseFloat(str)
        : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
    let c, underscore = 1;
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (c === 0x5f /* _ */) {
            if (underscore & 1)
                TomlError.x('illegal underscore', ctx);
            underscore = 3;
        }
        // We only need to check if the number is a valid digit, nothing else is permitted
        else if (!isDigit(c, base))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear underscore flag
        else if (underscore & 1)
            underscore--;
    }
    // Trailing underscore is not allowed
    if (underscore & 1)
        TomlError.x('unfinished numeric value', ctx);
    let str = ctx.s.slice(startPtr + 2, ctx.p);
    if (underscore)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
    if (ctx.bi !== true)
        int: {
            let val = parseInt(str, base);
            if (!Number.isSafeInteger(val)) {
                if (ctx.bi)
                    break int;
                TomlError.x('integer value cannot be represented losslessly', ctx, startPtr);
            }
            return val;
        }
    return base === 10 ? BigInt(str) : BigInt((base === 2 ? '0b' : base === 8 ? '0o' : '0x') + str);
}
function parseDate(ctx, c, endChr) {
    let startPtr = ctx.p++, unsafeSeparator;
    if (!isDigit(c) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++))) {
        return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
    }
    ctx.p += 5;
    if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
        TomlError.x('invalid date-time: date part is malformed', ctx, startPtr);
    if (ctx.p >= ctx.s.length || (((c = ctx.s.charCodeAt(ctx.p)) !== 0x20 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 0x54 /* T */ && c !== 0x74 /* t */)) {
        let t = ctx.s.slice(startPtr, ctx.p);
        return readDate(ctx, t, 3, false, startPtr);
    }
    if (ctx.s.charCodeAt(ctx.p += 3) !== 0x3a /* : */)
        TomlError.x('invalid date-time: time part is malformed', ctx, startPtr);
    if (ctx.s.charCodeAt(ctx.p += 3) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    if (c = ctx.s.charCodeAt(ctx.p)) {
        if (c === 0x5a /* Z */ || c === 0x7a /* z */) {
            let t = ctx.s.slice(startPtr, ++ctx.p);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, '[+00:00]');
        }
        if (c === 0x2b /* + */ || c === 0x2d /* - */) {
            // Temporal's ZonedDateTime is weird asf when it comes to dealing with traditional offsets...
            // It's 1.2x faster to allocate a new string to pass to ZDT than use Instant.toZonedDateTimeISO
            let t = ctx.s.slice(startPtr, ctx.p += 6);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, !ctx.ld && ('[' + ctx.s.slice(ctx.p - 6, ctx.p) + ']'));
        }
    }
    let t = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
    let start = ctx.p;
    if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
        return parseNumber(ctx, --ctx.p, c, 0, endChr);
    }
    if (ctx.s.charCodeAt(ctx.p += 4) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    let t = ctx.s.slice(start, ctx.p);
    return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
    if (ctx.ld) {
        let date = new TomlDate(str, type, unsafeDelim);
        if (!date.isValid())
            TomlError.x('invalid date', ctx, errPtr);
        return date;
    }
    try {
        if (temporalSuffix)
            str += temporalSuffix;
        switch (type) {
            case 1: return Temporal.ZonedDateTime.from(str);
            case 2: return Temporal.PlainDateTime.from(str);
            case 3: return Temporal.PlainDate.from(str);
            case 4: return Temporal.PlainTime.from(str);
        }
    }
    catch (e) {
        TomlError.x(e instanceof Error ? e.message : '' + e, ctx, errPtr);
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/util.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

/** @internal */
function skipComment(ctx) {
    for (; ctx.p < ctx.s.length; ctx.p++) {
        let c = ctx.s.charCodeAt(ctx.p);
        if (c === 0xa /* \n */)
            break;
        if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */) {
            ctx.p++;
            break;
        }
        if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in comments', ctx);
        }
    }
}
/** @internal */
function skipVoid(ctx, banNewLines, banComments) {
    let c;
    while (ctx.p < ctx.s.length) {
        while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 0x20 ||
            c === 0x9 /* \t */ ||
            (!banNewLines &&
                (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)))))
            ctx.p++;
        if (banComments || c !== 0x23 /* # */)
            break;
        skipComment(ctx);
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/struct.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




/** @internal */
function parseKey(ctx, end = 0x3d /* = */) {
    // States:
    // 0: before first char
    // 1: parsing bare key
    // 2: after key component
    let startPtr;
    let state = 0;
    let parsed = [];
    let sliceStart;
    let c = ctx.s.charCodeAt(startPtr = ctx.p);
    do {
        // End of key
        if (c === end) {
            if (!state)
                TomlError.x('unexpected end of key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            return ctx.p++, parsed;
        }
        // Dotted key separator
        else if (c === 0x2e /* . */) {
            if (!state)
                TomlError.x('illegal empty bare key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            state = 0;
        }
        // Quoted key
        else if (!state && (c === 0x22 /* " */ || c === 0x27 /* ' */)) {
            if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
                TomlError.x('illegal quoted key: multiline strings are not allowed', ctx);
            parsed.push(parseString(ctx));
            state = 2;
            ctx.p--;
        }
        // Whitespace; no-op in state 0 and 2, end of bare key in state 1
        else if (c === 0x20 || c === 0x9 /* \t */) {
            if (state === 1) {
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
                state = 2;
            }
        }
        // If state is post-key, no character is allowed; otherwise ensure it's a bare-key component
        else if (state === 2 || (c < 0x30 && c !== 0x2d /* - */) || (c > 0x39 && c < 0x41) || (c > 0x5a && c < 0x61 && c !== 0x5f /* _ */) || c > 0x7a) {
            TomlError.x('illegal character in key', ctx);
        }
        // Illegal character
        else if (!state) {
            state = 1;
            sliceStart = ctx.p;
        }
    } while (c = ctx.s.charCodeAt(++ctx.p));
    TomlError.x('incomplete key-value: cannot find end of key', ctx, startPtr);
}
/** @internal */
function parseInlineTable(ctx) {
    let startPtr = ctx.p++;
    let res = Object.create(null);
    let seen = new Set();
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x7d /* } */) {
            ctx.p++;
            return res;
        }
        let k;
        let t = res;
        let hasOwn = false;
        let errPtr = ctx.p;
        let key = parseKey(ctx);
        for (let i = 0; i < key.length; i++) {
            if (i)
                t = hasOwn ? t[k] : (t[k] = Object.create(null));
            k = key[i];
            if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== 'object' || seen.has(t[k]))) {
                TomlError.x('trying to redefine an already defined value', ctx, errPtr);
            }
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor')) {
                t = ctx.uk !== 1 && TomlError.x('document contains an unsafe property', ctx, errPtr);
                break;
            }
            if (!hasOwn && unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
            }
        }
        if (hasOwn) {
            TomlError.x('trying to redefine an already defined value', ctx, errPtr);
        }
        skipVoid(ctx, true, true);
        let value = extractValue(ctx, 0x7d /* } */);
        if (t && typeof (t[k] = value) === 'object')
            seen.add(value);
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x7d /* } */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished table', ctx, startPtr);
}
/** @internal */
function parseArray(ctx) {
    let startPtr = ctx.p++;
    let res = [];
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x5d /* ] */) {
            ctx.p++;
            return res;
        }
        res.push(extractValue(ctx, 0x5d /* ] */));
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x5d /* ] */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished array', ctx, startPtr);
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/parse.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




function peekTable(ctx, key, table, meta, type) {
    let t = table;
    let m = meta;
    let k;
    let hasOwn = false;
    let state;
    for (let i = 0; i < key.length; i++) {
        if (i) {
            t = hasOwn ? t[k] : (t[k] = Object.create(null));
            m = (state = m[k]).c;
            if (type === 0 /* Type.DOTTED */ && (state.t === 1 /* Type.EXPLICIT */ || state.t === 2 /* Type.ARRAY */)) {
                return null;
            }
            if (state.t === 2 /* Type.ARRAY */) {
                let l = t.length - 1;
                t = t[l];
                m = m[l].c;
            }
        }
        k = key[i];
        if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 /* Type.DOTTED */ && m[k]?.d) {
            return null;
        }
        if (!hasOwn) {
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor'))
                return false;
            if (unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
                Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
            }
            m[k] = {
                t: i < key.length - 1 && type === 2 /* Type.ARRAY */
                    ? 3 /* Type.ARRAY_DOTTED */ : type,
                d: false,
                i: 0,
                c: Object.create(null),
            };
        }
    }
    state = m[k];
    if (state.t !== type && !(type === 1 /* Type.EXPLICIT */ && state.t === 3 /* Type.ARRAY_DOTTED */)) {
        // Bad key type!
        return null;
    }
    if (type === 2 /* Type.ARRAY */) {
        if (!state.d) {
            state.d = true;
            t[k] = [];
        }
        t[k].push(t = Object.create(null));
        state.c[state.i++] = (state = { t: 1 /* Type.EXPLICIT */, d: false, i: 0, c: Object.create(null) });
    }
    if (state.d) {
        // Redefining a table!
        return null;
    }
    state.d = true;
    if (type === 1 /* Type.EXPLICIT */) {
        t = hasOwn ? t[k] : (t[k] = Object.create(null));
    }
    else if (type === 0 /* Type.DOTTED */ && hasOwn) {
        return null;
    }
    return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
    if (peek === null || ctx.uk === 2)
        TomlError.x(peek === null
            ? 'trying to redefine an already defined table or value'
            : 'document contains an unsafe property', ctx, ptr);
}
function parse(toml, options = {}) {
    let ctx = {
        s: toml,
        p: 0,
        d: options.maxDepth ?? 1000,
        bi: options.integersAsBigInt ?? false,
        ld: options.useLegacyDate ?? true,
        uk: options.unsafeKeyBehaviour === 'throw' ? 2 : options.unsafeKeyBehaviour === 'drop' ? 1 : 0,
    };
    let res = Object.create(null);
    let meta = Object.create(null);
    let tmp;
    let skipping = false;
    let tbl = res;
    let m = meta;
    // BOM is allowed, skip.
    // JS is UTF-16, so we have to check for the UTF-16 BOM instead of the UTF-8 BOM sequence!
    if (toml.charCodeAt(0) === 0xfeff)
        ctx.p++;
    skipVoid(ctx);
    while (ctx.p < toml.length) {
        if (toml.charCodeAt(ctx.p) === 0x5b /* [ */) {
            let isTableArray = toml.charCodeAt(++ctx.p) === 0x5b; /* [ */
            tmp = ctx.p += +isTableArray;
            skipping = false;
            let k = parseKey(ctx, 0x5d /* ] */);
            if (isTableArray) {
                if (toml.charCodeAt(ctx.p) !== 0x5d /* ] */) {
                    TomlError.x('expected end of table array declaration', ctx);
                }
                ctx.p++;
            }
            let p = peekTable(ctx, k, res, meta, isTableArray ? 2 /* Type.ARRAY */ : 1 /* Type.EXPLICIT */);
            if (!p) {
                validateTablePeek(ctx, p, tmp);
                skipping = true;
            }
            else {
                m = p[2];
                tbl = p[1];
            }
        }
        else {
            tmp = ctx.p;
            let k = parseKey(ctx);
            let p = peekTable(ctx, k, tbl, m, 0 /* Type.DOTTED */);
            if (!p && !skipping)
                validateTablePeek(ctx, p, tmp);
            skipVoid(ctx, true, true);
            let v = extractValue(ctx, void 0);
            if (p && !skipping)
                p[1][p[0]] = v;
        }
        skipVoid(ctx, true);
        if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 0xa /* \n */ && (tmp !== 0xd /* \r */ || toml.charCodeAt(ctx.p + 1) !== 0xa /* \n */)) {
            TomlError.x('each key-value declaration must be followed by an end-of-line', ctx);
        }
        skipVoid(ctx);
    }
    return res;
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/stringify.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
let BARE_KEY = /^[a-z0-9-_]+$/i;
let HAS_WELLFORMED = !!(''.isWellFormed);
function extendedTypeOf(obj) {
    let type = typeof obj;
    if (type === 'object') {
        if (Array.isArray(obj))
            return 'array';
        if (typeof obj.getUTCDate === 'function' && obj instanceof Date)
            return 'date';
        if (globalThis.Temporal) {
            if (obj.until) {
                if (obj instanceof Temporal.ZonedDateTime)
                    return 'temporal/tz+uc';
                if (obj instanceof Temporal.PlainDateTime || obj instanceof Temporal.PlainDate)
                    return 'temporal/uc';
                if (obj instanceof Temporal.PlainTime || obj instanceof Temporal.Instant)
                    return 'temporal';
                if (obj instanceof Temporal.PlainYearMonth)
                    return 'temporal/x';
            }
            else if ((obj.toPlainDate && obj instanceof Temporal.PlainMonthDay) ||
                (obj.negated && obj instanceof Temporal.Duration)) {
                return 'temporal/x';
            }
        }
    }
    return type;
}
function isArrayOfTables(obj) {
    for (let i = 0; i < obj.length; i++) {
        if (extendedTypeOf(obj[i]) !== 'object')
            return false;
    }
    return obj.length != 0;
}
function formatWellFormedStringUnchecked(s) {
    return JSON.stringify(s).replaceAll('\x7f', '\\u007f');
}
function formatString(s) {
    return formatWellFormedStringUnchecked(HAS_WELLFORMED ? s.toWellFormed() : s);
}
function formatKey(s) {
    if (BARE_KEY.test(s))
        return s;
    if (HAS_WELLFORMED && !s.isWellFormed())
        throw new RangeError('key contains illegal lone surrogates');
    return formatWellFormedStringUnchecked(s);
}
function stringifyValue(val, type, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    switch (type) {
        // @ts-expect-error -- intentional fallthrough case
        case 'number':
            if (isNaN(val))
                return 'nan';
            if (val === Infinity)
                return 'inf';
            if (val === -Infinity)
                return '-inf';
            if (Number.isInteger(val) && (numberAsFloat || !Number.isSafeInteger(val)))
                return val.toFixed(1);
        case 'bigint':
        case 'boolean':
        case 'temporal':
            return val.toString();
        case 'string':
            return formatString(val);
        case 'date':
            if (isNaN(val.getTime()))
                throw new TypeError('cannot serialize invalid date');
            return val.toISOString();
        case 'object':
            return stringifyInlineTable(val, depth, numberAsFloat, strictTemporal);
        case 'array':
            return stringifyArray(val, depth, numberAsFloat, strictTemporal);
        // @ts-expect-error -- intentional fallthrough case
        case 'temporal/tz+uc':
            if (strictTemporal) {
                let tz = val.timeZoneId;
                let tzc = tz.charCodeAt(0);
                if (
                // Classic offset
                tzc !== 0x2b /* + */ && tzc !== 0x2d /* - */ &&
                    (
                    // Fast pre-check pass; see below for the actually accepted values
                    (tzc !== 0x55 /* U */ && tzc !== 0x47 /* G */ && tzc !== 0x5a /* Z */ && tzc !== 0x45 /* E */) ||
                        (
                        // UTC and its aliases; Temporal implementations don't all canonicalise unfortunately
                        tz !== 'UTC' && tz !== 'UCT' && tz !== 'Universal' && tz !== 'Zulu' &&
                            // GMT is a TZ but it's for all intents and purposes equivalent to UTC. Safe to downgrade.
                            !tz.startsWith('GMT') && tz !== 'Greenwich' &&
                            // Etc/* are all safe to downgrade to offset (either UTC, GMT, or offset)
                            !tz.startsWith('Etc/')))) {
                    throw new TypeError('Temporal objects with an IANA timezone are not allowed in Temporal strict mode');
                }
            }
        case 'temporal/uc':
            if (strictTemporal && val.calendarId !== 'iso8601')
                throw new TypeError('Temporal objects with a non-default calendar are not allowed in Temporal strict mode');
            return val.toString({
                calendarName: 'never',
                timeZoneName: 'never',
            });
        case 'temporal/x':
            throw new TypeError('Unsupported ' + val[Symbol.toStringTag]);
    }
}
function stringifyInlineTable(obj, depth, numberAsFloat, strictTemporal) {
    let keys = Object.keys(obj);
    if (keys.length === 0)
        return '{}';
    let res = '{ ';
    for (let i = 0; i < keys.length; i++) {
        let k = keys[i];
        if (i)
            res += ', ';
        res += formatKey(k) + ' = ' + stringifyValue(obj[k], extendedTypeOf(obj[k]), depth - 1, numberAsFloat, strictTemporal);
    }
    return res + ' }';
}
function stringifyArray(array, depth, numberAsFloat, strictTemporal) {
    if (array.length === 0)
        return '[]';
    let res = '[ ';
    for (let i = 0; i < array.length; i++) {
        if (i)
            res += ', ';
        if (array[i] === null || array[i] === void 0) {
            throw new TypeError('arrays cannot contain null or undefined values');
        }
        res += stringifyValue(array[i], extendedTypeOf(array[i]), depth - 1, numberAsFloat, strictTemporal);
    }
    return res + ' ]';
}
function stringifyArrayTable(array, key, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    let res = '';
    for (let i = 0; i < array.length; i++) {
        res += `${res && '\n'}[[${key}]]\n`;
        res += stringifyTable(0, array[i], key, depth, numberAsFloat, strictTemporal);
    }
    return res;
}
function stringifyTable(tableKey, obj, prefix, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    let preamble = '';
    let tables = '';
    let keys = Object.keys(obj);
    for (let i = 0; i < keys.length; i++) {
        let k = keys[i];
        if (obj[k] !== null && obj[k] !== void 0) {
            let type = extendedTypeOf(obj[k]);
            if (type === 'symbol' || type === 'function') {
                throw new TypeError(`cannot serialize values of type '${type}'`);
            }
            let key = formatKey(k);
            if (type === 'array' && isArrayOfTables(obj[k])) {
                tables += (tables && '\n') + stringifyArrayTable(obj[k], prefix ? `${prefix}.${key}` : key, depth - 1, numberAsFloat, strictTemporal);
            }
            else if (type === 'object') {
                let tblKey = prefix ? `${prefix}.${key}` : key;
                tables += (tables && '\n') + stringifyTable(tblKey, obj[k], tblKey, depth - 1, numberAsFloat, strictTemporal);
            }
            else {
                preamble += key;
                preamble += ' = ';
                preamble += stringifyValue(obj[k], type, depth, numberAsFloat, strictTemporal);
                preamble += '\n';
            }
        }
    }
    if (tableKey && (preamble || !tables)) // Create table only if necessary
        preamble = preamble ? `[${tableKey}]\n${preamble}` : `[${tableKey}]`;
    return preamble && tables
        ? `${preamble}\n${tables}`
        : preamble || tables;
}
function stringify(obj, { maxDepth = 1000, numbersAsFloat = false, strictTemporal = false } = {}) {
    if (extendedTypeOf(obj) !== 'object') {
        throw new TypeError('stringify can only be called with an object');
    }
    let str = stringifyTable(0, obj, '', maxDepth, numbersAsFloat, strictTemporal);
    if (str[str.length - 1] !== '\n')
        return str + '\n';
    return str;
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/index.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */





/** @deprecated use `import * as ... from 'smol-toml'` instead */
/* harmony default export */ const dist = ({ parse: parse, stringify: stringify, TomlDate: TomlDate, TomlError: TomlError });

;// CONCATENATED MODULE: ./src/plan/legacy.ts




const checkImportPath = words/* importPath */.LM;
const GODEPS = 'Godeps/Godeps.json';
const VENDOR_JSON = 'vendor/vendor.json';
const GOPKG = 'Gopkg.toml';
/**
 * Gopkg.toml (dep): `[metadata.heroku]` `root-package` (required), `install` (default `.`),
 * `go-version`. Unparsable TOML fails like the JSON files, with the parser's position.
 */
function parseGopkgToml(text) {
    let doc;
    try {
        doc = parse(text.replace(/^\uFEFF/, ''));
    }
    catch (err) {
        if (!(err instanceof TomlError))
            throw err;
        // The library's message is the reason, then a code excerpt: the reason is what is shown.
        const reason = err.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid';
        throw new errors/* UserError */.y(`Bad ${GOPKG} file: line ${err.line}, column ${err.column}: ${reason}`);
    }
    const metadata = isObject(doc['metadata']) ? doc['metadata'] : {};
    const heroku = isObject(metadata['heroku']) ? metadata['heroku'] : {};
    const root = nonEmptyString(heroku['root-package']);
    if (root === undefined) {
        throw new errors/* UserError */.y(`The 'metadata.heroku["root-package"]' field is not specified in '${GOPKG}'; set it to the app's import path`);
    }
    const meta = {
        tool: 'dep',
        rootPackage: checkImportPath(root, `${GOPKG} metadata.heroku.root-package`),
        install: packageList(heroku['install'], 'metadata.heroku.install', GOPKG),
    };
    const goVersion = nonEmptyString(heroku['go-version']);
    if (goVersion !== undefined)
        meta.goVersion = goVersion;
    return meta;
}
/** `[metadata.heroku] go-version` of a Gopkg.toml; unparsable TOML is not our concern here. */
function gopkgGoVersion(text) {
    if (text === undefined)
        return undefined;
    try {
        const doc = parse(text.replace(/^\uFEFF/, ''));
        const metadata = isObject(doc['metadata']) ? doc['metadata'] : {};
        const heroku = isObject(metadata['heroku']) ? metadata['heroku'] : {};
        return nonEmptyString(heroku['go-version']);
    }
    catch {
        return undefined;
    }
}
/** Godeps/Godeps.json: `ImportPath` (required), `Packages` (default `.`), `GoVersion`. */
function parseGodeps(text) {
    const json = parseJson(text, GODEPS);
    const importPath = nonEmptyString(json['ImportPath']);
    if (importPath === undefined) {
        throw new errors/* UserError */.y(`The 'ImportPath' field is not specified in '${GODEPS}'`);
    }
    const meta = {
        tool: 'godep',
        // It names the directory under $GOPATH/src the app is copied to: it must be an import path.
        importPath: checkImportPath(importPath, `${GODEPS} ImportPath`),
        packages: packageList(json['Packages'], 'Packages', GODEPS),
    };
    const goVersion = nonEmptyString(json['GoVersion']);
    if (goVersion !== undefined)
        meta.goVersion = goVersion;
    return meta;
}
/** vendor/vendor.json: `rootPath` (required), `heroku.install` (default `.`), `heroku.goVersion`. */
function parseVendorJson(text) {
    const json = parseJson(text, VENDOR_JSON);
    const rootPath = nonEmptyString(json['rootPath']);
    if (rootPath === undefined) {
        throw new errors/* UserError */.y(`The 'rootPath' field is not specified in '${VENDOR_JSON}'; re-run 'govendor init'`);
    }
    const heroku = isObject(json['heroku']) ? json['heroku'] : {};
    const meta = {
        tool: 'govendor',
        rootPath: checkImportPath(rootPath, `${VENDOR_JSON} rootPath`),
        install: packageList(heroku['install'], 'heroku.install', VENDOR_JSON),
    };
    const goVersion = nonEmptyString(heroku['goVersion']);
    if (goVersion !== undefined)
        meta.goVersion = goVersion;
    return meta;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function nonEmptyString(v) {
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
// Heroku joined the array with spaces and let the shell split it again, so an entry holding spaces
// is several packages, and an absent or empty list means the default `.`.
function packageList(v, field, file) {
    if (v === undefined || v === null)
        return ['.'];
    if (!Array.isArray(v) || v.some((p) => typeof p !== 'string')) {
        throw new errors/* UserError */.y(`The '${field}' field in '${file}' must be an array of package paths, e.g. ["./cmd/app"]`);
    }
    const pkgs = v.flatMap((p) => p.split(/\s+/)).filter((p) => p !== '');
    return pkgs.length > 0 ? (0,words/* packageWords */.CS)(pkgs, `${file} ${field}`) : ['.'];
}
/**
 * JSON.parse with a one-line error that gives the position as line and column. A top-level value
 * that is not an object parses, but has no fields, so the required-field check reports it.
 */
function parseJson(text, file) {
    // jq, which Heroku used, skips a UTF-8 byte order mark; JSON.parse does not.
    const body = text.replace(/^\uFEFF/, '');
    let value;
    try {
        value = JSON.parse(body);
    }
    catch (err) {
        const { line, column, message } = describeJsonError(body, err.message);
        throw new errors/* UserError */.y(`Bad ${file} file: line ${line}, column ${column}: ${message}`);
    }
    return isObject(value) ? value : {};
}
/**
 * Turn a JSON.parse message into (line, column, message without the position). V8 says
 * `… in JSON at position N` (Node 20), adds ` (line L column C)` (Node 22+), says `Unexpected end
 * of JSON input` with no position, and for a character that starts no JSON token
 * `Unexpected token 'x', "<excerpt>" is not valid JSON` with no position either; for those two the
 * position comes from our own scan, so that every error points somewhere.
 */
function describeJsonError(text, raw) {
    let message = raw.replace(/\s+/g, ' ').trim();
    let offset;
    const lineCol = / \(line (\d+) column (\d+)\)/.exec(message);
    const pos = / at position (\d+)/.exec(message);
    if (lineCol) {
        message = message.replace(lineCol[0], '');
    }
    if (pos) {
        offset = Number(pos[1]);
        message = message.replace(pos[0], '');
    }
    if (message === '')
        message = 'invalid JSON';
    if (lineCol)
        return { line: Number(lineCol[1]), column: Number(lineCol[2]), message };
    if (offset !== undefined)
        return { ...lineAndColumn(text, offset), message };
    // At the end of the input the useful place is just after the last token, not after the final
    // newline.
    if (/Unexpected end/i.test(message)) {
        return { ...lineAndColumn(text, text.trimEnd().length), message };
    }
    // V8 gave no position (`Unexpected token 'x', "<excerpt>" is not valid JSON`): a parser that
    // reports offsets finds the first error, and says what it is.
    const errors = [];
    (0,main.parse)(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first)
        return { ...lineAndColumn(text, text.trimEnd().length), message };
    const what = (0,main.printParseErrorCode)(first.error) === 'InvalidSymbol'
        ? `Unexpected token '${text.substr(first.offset, first.length)}' in JSON`
        : `${(0,main.printParseErrorCode)(first.error).replace(/(?<=[a-z])(?=[A-Z])/g, ' ')} in JSON`;
    return { ...lineAndColumn(text, first.offset), message: what };
}
/** 1-based line and column of a UTF-16 offset, as V8 counts them. */
function lineAndColumn(text, offset) {
    const before = text.slice(0, Math.min(offset, text.length));
    const lines = before.split('\n');
    return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

;// CONCATENATED MODULE: ./src/plan/detect.ts





const MAKEFILE_WITHOUT_BINARY = 'Makefile found but CC_GO_BINARY is not set; ignoring it';
const GO_JSON_DEPRECATED = 'clevercloud/go.json is deprecated and not read by this action; use the build-tool, binary and ' +
    'package inputs (CC_GO_BUILD_TOOL, CC_GO_BINARY, CC_GO_PKG) instead';
const GOGET_DEPRECATED = "goget is deprecated: 'go get' stopped installing binaries in Go 1.18, so it runs here in " +
    'GOPATH mode (GO111MODULE=off); use gomod instead (build-tool / CC_GO_BUILD_TOOL)';
function legacyDeprecation(tool, file, module) {
    return (`This app uses ${tool} (${file}), which is deprecated and no longer maintained (Heroku ` +
        `removed it); use Go modules instead: run 'go mod init ${module}' and 'go mod tidy' in the app root`);
}
function workspaceNeedsPackage(appDir) {
    return new errors/* UserError */.y(`go.work found in ${(0,log_text/* show */.WU)(appDir)} without a root go.mod: set package (CC_GO_PKG) to the package or ` +
        ".go file to build in workspace mode, as in Clever Cloud's go-workspaces example " +
        '(e.g. CC_GO_PKG=cmd/main.go)');
}
const given = (v) => v !== undefined && v.trim() !== '';
/**
 * Pick the build method. With build-tool `auto` the rules of SPEC §3 run in order; an explicit
 * build-tool only checks that the app has what that method needs, before anything is downloaded.
 */
function detect(opts) {
    const warnings = opts.warnings ?? [];
    // Clever Cloud still documents go.json as deprecated: say what replaces it whatever we build.
    if (opts.layout.hasClevercloudGoJson)
        warnings.push(GO_JSON_DEPRECATED);
    const d = opts.buildTool === 'auto' ? detectAuto(opts, warnings) : checkExplicit(opts, warnings);
    return { ...d, warnings };
}
function detectAuto(opts, warnings) {
    const { layout, appDir } = opts;
    // 1. Clever Cloud: a Makefile is used only with CC_GO_BINARY and without go.mod.
    if (layout.hasMakefile) {
        if (!given(opts.binary))
            warnings.push(MAKEFILE_WITHOUT_BINARY);
        else if (!layout.hasGoMod) {
            return {
                method: 'makefile',
                reason: 'Makefile found, binary (CC_GO_BINARY) set and no go.mod',
                workspaceMode: false,
            };
        }
    }
    // 2. Modules. A lone go.work is Clever Cloud's go-workspaces layout, which names the package.
    if (layout.hasGoMod) {
        const note = layout.hasMakefile && given(opts.binary) ? '; the Makefile is not used with go.mod' : '';
        return { method: 'gomod', reason: `go.mod found in the app root${note}`, workspaceMode: false };
    }
    if (layout.hasGoWork) {
        if (!given(opts.package))
            throw workspaceNeedsPackage(appDir);
        return {
            method: 'gomod',
            reason: 'go.work found without a root go.mod (workspace mode)',
            workspaceMode: true,
        };
    }
    // 3. Heroku's legacy tools, in its determineTool order; each file is validated first.
    if (layout.gopkgToml !== undefined) {
        const legacy = parseGopkgToml(layout.gopkgToml);
        if (!layout.hasVendorDir) {
            throw new errors/* UserError */.y(`Gopkg.toml found (dep) without a vendor/ directory: dep apps are built from vendor/; run 'dep ensure' and commit vendor/, or move to Go modules ('go mod init ${legacy.rootPackage}')`);
        }
        warnings.push(legacyDeprecation('dep', 'Gopkg.toml', legacy.rootPackage));
        return { method: 'dep', reason: 'Gopkg.toml found (dep)', workspaceMode: false, legacy };
    }
    if (layout.godepsJson !== undefined) {
        const legacy = parseGodeps(layout.godepsJson);
        warnings.push(legacyDeprecation('godep', 'Godeps/Godeps.json', legacy.importPath));
        return {
            method: 'godep',
            reason: 'Godeps/Godeps.json found (godep)',
            workspaceMode: false,
            legacy,
        };
    }
    if (layout.vendorJson !== undefined) {
        const legacy = parseVendorJson(layout.vendorJson);
        warnings.push(legacyDeprecation('govendor', 'vendor/vendor.json', legacy.rootPath));
        return {
            method: 'govendor',
            reason: 'vendor/vendor.json found (govendor)',
            workspaceMode: false,
            legacy,
        };
    }
    if (layout.hasGlideYaml) {
        throw new errors/* UserError */.y("glide.yaml found: glide is not supported (Heroku removed it, and Clever Cloud never had it); a go.mod is needed: run 'go mod init <module>' and 'go mod tidy' in the app root");
    }
    if (layout.hasGbSrc) {
        warnings.push(legacyDeprecation('gb', 'a src/ tree of .go files', '<module>'));
        return {
            method: 'gb',
            reason: 'src/ holds .go files two levels down (gb)',
            workspaceMode: false,
            // Each directory under src/ is built as `<dir>/...`: a name starting with - would be a flag.
            legacy: {
                tool: 'gb',
                packages: layout.gbDirs.map((d) => `${(0,words/* operand */.id)(d, `src/${d}`, 'rename the directory')}/...`),
            },
        };
    }
    // 4. Clever Cloud's gobuild, whose package defaults to main.go.
    if (given(opts.package)) {
        return {
            method: 'gobuild',
            reason: `no go.mod: gobuild of package ${opts.package.trim()}`,
            workspaceMode: false,
        };
    }
    if (layout.hasMainGo) {
        return { method: 'gobuild', reason: 'no go.mod: gobuild of main.go', workspaceMode: false };
    }
    throw new errors/* UserError */.y(`Nothing to build in ${(0,log_text/* show */.WU)(appDir)}: no go.mod, go.work, Makefile with binary (CC_GO_BINARY), ` +
        'Gopkg.toml, Godeps/Godeps.json, vendor/vendor.json, gb src/ tree or main.go; set build-tool and ' +
        'package (CC_GO_BUILD_TOOL, CC_GO_PKG)');
}
function checkExplicit(opts, warnings) {
    const { layout, appDir } = opts;
    const reason = `build-tool set to ${opts.buildTool}`;
    switch (opts.buildTool) {
        case 'gomod':
            if (layout.hasGoMod)
                return { method: 'gomod', reason, workspaceMode: false };
            if (layout.hasGoWork) {
                if (!given(opts.package))
                    throw workspaceNeedsPackage(appDir);
                return {
                    method: 'gomod',
                    reason: `${reason} (workspace mode: go.work, no go.mod)`,
                    workspaceMode: true,
                };
            }
            throw new errors/* UserError */.y(`build-tool gomod needs a go.mod (or a go.work) in ${(0,log_text/* show */.WU)(appDir)} and there is none; ` +
                "run 'go mod init <module>' or set build-tool (CC_GO_BUILD_TOOL) to gobuild");
        case 'makefile':
            // inputs.ts has already required binary with makefile.
            if (layout.hasMakefile)
                return { method: 'makefile', reason, workspaceMode: false };
            throw new errors/* UserError */.y(`build-tool makefile needs a Makefile in ${(0,log_text/* show */.WU)(appDir)} and there is none ` +
                '(looked for GNUmakefile, makefile and Makefile)');
        case 'gobuild':
            // `go install main.go` would fail later with a less helpful message.
            if (given(opts.package) || layout.hasMainGo) {
                return { method: 'gobuild', reason, workspaceMode: false };
            }
            throw new errors/* UserError */.y(`build-tool gobuild needs package (CC_GO_PKG) or a main.go in ${(0,log_text/* show */.WU)(appDir)}, and neither is ` +
                'there; set package to the package or .go file(s) to build');
        case 'goget':
            warnings.push(GOGET_DEPRECATED);
            return { method: 'goget', reason, workspaceMode: false };
        case 'auto':
            throw new Error('unreachable: auto is handled by detectAuto');
    }
}
function choosePackages(opts) {
    // package may be several .go files (`main.go util.go`), go install takes them as one package.
    const pkg = (0,src_text/* words */.a)(opts.package);
    if (pkg.length > 0)
        return { packages: (0,words/* packageWords */.CS)(pkg, 'package'), source: 'package' };
    // Heroku word-splits GO_INSTALL_PACKAGE_SPEC unquoted, so globs like ./cmd/... pass through.
    const spec = (0,src_text/* words */.a)(opts.installPackageSpec);
    if (spec.length > 0) {
        return { packages: (0,words/* packageWords */.CS)(spec, 'install-package-spec'), source: 'install-package-spec' };
    }
    const heroku = (opts.herokuInstall ?? []).flatMap((s) => (0,src_text/* words */.a)(s));
    if (heroku.length > 0) {
        return {
            packages: (0,words/* packageWords */.CS)(heroku, 'go.mod // +heroku install'),
            source: 'heroku-install',
        };
    }
    if (opts.modulePath !== undefined)
        return { packages: [opts.modulePath], source: 'module' };
    return { packages: [], source: 'discover' };
}

;// CONCATENATED MODULE: ./src/plan/gopath.ts


function planGopath(opts) {
    const { detection, rundir, modulePath, appName } = opts;
    const pkg = (0,src_text/* words */.a)(opts.package);
    const spec = (0,src_text/* words */.a)(opts.installPackageSpec);
    // Only a name that came from somewhere is checked as an import path; the folder name is one
    // segment of an existing directory, which the path gate keeps inside $GOPATH/src.
    const placed = () => {
        if (rundir !== undefined)
            return (0,words/* importPath */.LM)(rundir, 'rundir');
        if (modulePath !== undefined)
            return (0,words/* importPath */.LM)(modulePath, 'go.mod module');
        return appName;
    };
    const legacy = detection.legacy;
    switch (detection.method) {
        case 'gobuild':
            return {
                importPath: placed(),
                packages: pkg.length ? (0,words/* packageWords */.CS)(pkg, 'package') : ['main.go'],
                packagesFrom: 'package',
                inPlace: false,
            };
        case 'goget': {
            const where = rundir !== undefined
                ? (0,words/* importPath */.LM)(rundir, 'rundir')
                : pkg[0] !== undefined
                    ? (0,words/* importPath */.LM)(pkg[0], 'package')
                    : placed();
            return { importPath: where, packages: [where], packagesFrom: 'package', inPlace: false };
        }
        case 'godep':
            if (legacy?.tool !== 'godep')
                break;
            return {
                importPath: legacy.importPath,
                packages: spec.length ? (0,words/* packageWords */.CS)(spec, 'install-package-spec') : legacy.packages,
                packagesFrom: spec.length ? 'install-package-spec' : 'Godeps/Godeps.json Packages',
                inPlace: false,
            };
        case 'govendor':
            if (legacy?.tool !== 'govendor')
                break;
            return {
                importPath: legacy.rootPath,
                packages: spec.length ? (0,words/* packageWords */.CS)(spec, 'install-package-spec') : legacy.install,
                packagesFrom: spec.length ? 'install-package-spec' : 'vendor/vendor.json heroku.install',
                inPlace: false,
            };
        case 'dep':
            if (legacy?.tool !== 'dep')
                break;
            return {
                importPath: legacy.rootPackage,
                packages: spec.length ? (0,words/* packageWords */.CS)(spec, 'install-package-spec') : legacy.install,
                packagesFrom: spec.length ? 'install-package-spec' : 'Gopkg.toml metadata.heroku.install',
                inPlace: false,
            };
        case 'gb':
            if (legacy?.tool !== 'gb')
                break;
            return {
                importPath: appName,
                packages: legacy.packages,
                packagesFrom: 'src/',
                inPlace: true,
            };
        default:
            break;
    }
    throw new Error(`not a GOPATH method, or its metadata is missing: ${detection.method}`);
}

// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __nccwpck_require__(298);
var ignore_default = /*#__PURE__*/__nccwpck_require__.n(ignore);
;// CONCATENATED MODULE: ./src/slug/app-files.ts




/**
 * Copies an app's files the way a platform's slug holds them: every regular file with its mode,
 * every directory, every symlink as a symlink (never followed, so nothing from outside the app is
 * pulled in); `.git` (the repository, or a submodule's link) and what `.slugignore` names are
 * left out; sockets and devices are skipped. It recurses by hand rather than with fs.cpSync, which
 * refuses a destination inside the source (the CLI's default output is `<app>/slug`). Names and
 * link targets are copied byte for byte, UTF-8 or not (fs-tree's readNames); `.slugignore`
 * patterns match those same names, so a byte that is not UTF-8 is matched by itself or a wildcard.
 *
 * Files are cloned where the file system can (a reflink: copy-on-write, so a later write to the
 * slug never reaches the app), else copied. An entry already where one is written (the GOPATH
 * sources laid over the app's own `src/`) is replaced, never written through: a symlink there is
 * removed, not followed.
 */
function copyAppFiles(from, to, opts) {
    const matcher = ignore_default()().add([...(opts.slugignore ?? [])]);
    const skip = new Set(opts.skip);
    const out = { files: 0, links: 0, ignored: [] };
    const walk = (srcDir, destDir, rel) => {
        for (const { name, entry: e } of (0,fs_tree/* readNames */.r6)(srcDir)) {
            const r = rel ? `${rel}/${name}` : name;
            const src = external_node_path_default().join(srcDir, name);
            const dest = external_node_path_default().join(destDir, name);
            if (name === '.git' || skip.has(src))
                continue;
            if (!rel && opts.only && !opts.only.includes(name))
                continue;
            const isDir = e.isDirectory();
            if (matcher.ignores(isDir ? `${r}/` : r)) {
                out.ignored.push(isDir ? `${r}/` : r);
                continue;
            }
            if (isDir) {
                makeDir((0,fs_tree/* fsPath */.Jk)(dest));
                walk(src, dest, r);
                // After its contents: a read-only directory of the app stays read-only in the slug.
                external_node_fs_default().chmodSync((0,fs_tree/* fsPath */.Jk)(dest), external_node_fs_default().statSync((0,fs_tree/* fsPath */.Jk)(src)).mode & 0o7777);
            }
            else if (e.isSymbolicLink()) {
                const target = external_node_fs_default().readlinkSync((0,fs_tree/* fsPath */.Jk)(src), { encoding: 'buffer' });
                replacing((0,fs_tree/* fsPath */.Jk)(dest), (d) => external_node_fs_default().symlinkSync(target, d));
                out.links += 1;
            }
            else if (e.isFile()) {
                // copyFile keeps the permission bits; EXCL: it never opens what is already there.
                replacing((0,fs_tree/* fsPath */.Jk)(dest), (d) => external_node_fs_default().copyFileSync((0,fs_tree/* fsPath */.Jk)(src), d, COPY_FLAGS));
                out.files += 1;
            }
        }
    };
    external_node_fs_default().mkdirSync((0,fs_tree/* fsPath */.Jk)(to), { recursive: true });
    walk(from, to, '');
    return out;
}
/** A clone where the file system can, else a copy; an existing destination is an error. */
const COPY_FLAGS = (external_node_fs_default()).constants.COPYFILE_EXCL | (external_node_fs_default()).constants.COPYFILE_FICLONE;
/** `mkdir`; over anything but a directory already there (a file, a symlink), in its place. */
function makeDir(dest) {
    try {
        external_node_fs_default().mkdirSync(dest);
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
        if (external_node_fs_default().lstatSync(dest).isDirectory())
            return;
        external_node_fs_default().rmSync(dest, { force: true });
        external_node_fs_default().mkdirSync(dest);
    }
}
/** Creates `dest` with `create`, which fails on an existing entry; then again in its place. */
function replacing(dest, create) {
    try {
        create(dest);
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
        external_node_fs_default().rmSync(dest, { recursive: true, force: true });
        create(dest);
    }
}
/**
 * The patterns of a `.slugignore` (blank lines and `#` comments dropped). Its bytes are decoded
 * as names are (decodeName), so a pattern naming a file that is not UTF-8 names that very file.
 */
function slugignorePatterns(text) {
    return (typeof text === 'string' ? text : (0,fs_tree/* decodeName */.e4)(text ?? Buffer.alloc(0)))
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}

;// CONCATENATED MODULE: ./src/plan/platform.ts



/**
 * The Go that Heroku's Go buildpack uses when an app names none (SPEC §2): kept as data, with
 * where it comes from and when it was last compared with it.
 */
const HEROKU_DEFAULT_GO = {
    /** A Go version spec: the newest 1.25.x. */
    spec: '1.25',
    source: 'heroku/heroku-buildpack-go data.json .Go.DefaultVersion (go1.25, buildpack v231)',
    checked: '2026-11-29',
};
function herokuDefaultWarning(hasGoMod) {
    const what = hasGoMod ? 'The go.mod file for this project' : 'This app';
    return `${what} does not specify a Go version. Defaulting to go${HEROKU_DEFAULT_GO.spec} (Heroku's default); name one in go.mod (go 1.25) or with go-version`;
}
/** Whether every Go the spec can select predates Go modules (Go 1.11). */
function beforeModules(spec) {
    const below = (v) => semver_default().lt(v, '1.11.0');
    switch (spec.kind) {
        case 'latest-minor':
        case 'minimum':
            return below(`${spec.minor}.0`);
        case 'exact':
            return below(spec.version);
        case 'range':
            return !semver_default().intersects(spec.range, '>=1.11.0');
        default:
            return false;
    }
}
/** Heroku refuses a go.mod app with a Go older than 1.11, before downloading anything. */
function refuseBeforeModules(spec, source) {
    if (!beforeModules(spec))
        return;
    throw new errors/* UserError */.y(`${source}: Go ${(0,log_text/* quote */.hD)(spec.raw)} does not support Go modules, and on Heroku a go.mod app needs Go 1.11 or newer; name a newer one (go 1.25, or // +heroku goVersion go1.25)`);
}

;// CONCATENATED MODULE: ./src/toolchain/version-spec.ts



// Go release names: go1, go1.20, go1.22.5, go1.25rc2, go1.14beta1. A pre-release suffix only
// follows major.minor (there is no go1.21.0rc1), and numbers have no leading zeros.
const NUM = '(0|[1-9]\\d*)';
const GO_NAME = new RegExp(`^(?:go)?${NUM}(?:\\.${NUM}(?:\\.${NUM}|(alpha|beta|rc)${NUM})?)?$`);
/** `go1.22` → `1.22.0`, `go1.25rc2` → `1.25.0-rc.2`, `go1` → `1.0.0`; undefined if not a Go name. */
function goToSemver(v) {
    const m = GO_NAME.exec(v.trim());
    if (!m)
        return undefined;
    const [, major, minor = '0', patch = '0', preKind, preNum] = m;
    return `${major}.${minor}.${patch}${preKind ? `-${preKind}.${preNum}` : ''}`;
}
/**
 * Inverse of goToSemver: `1.22.0` → `go1.22.0`, but `1.20.0` → `go1.20` because before Go 1.21 the
 * first release of a minor had no `.0` (and Go 1.0 was released as `go1`).
 */
function semverToGo(s) {
    const v = semver_default().parse(s);
    if (!v)
        throw new Error(`semverToGo: not a semver version: ${s}`);
    const pre = v.prerelease.length > 0 ? v.prerelease.join('') : '';
    if (pre)
        return `go${v.major}.${v.minor}${pre}`;
    if (v.patch === 0 && v.major === 1 && v.minor === 0)
        return 'go1';
    if (v.patch === 0 && v.major === 1 && v.minor <= 20)
        return `go${v.major}.${v.minor}`;
    return `go${v.major}.${v.minor}.${v.patch}`;
}
/** Go name without the `go` prefix, the way people write versions (`1.20`, `1.25rc3`). */
function displayVersion(s) {
    return semverToGo(s).slice(2);
}
const ACCEPTED = {
    user: 'use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable',
    'go-directive': 'use a Go version such as 1.22 or 1.22.3 (as in `go 1.22.3`)',
    toolchain: 'use a toolchain name such as go1.22.5 (as in `toolchain go1.22.5`)',
};
function fail(raw, kind, inputName) {
    const what = kind === 'toolchain' ? 'a Go toolchain name' : 'a Go version';
    // quote keeps the message on one line, and inert, whatever the value holds.
    throw new errors/* UserError */.y(`${inputName}: ${(0,log_text/* quote */.hD)(raw)} is not ${what}; ${ACCEPTED[kind]}`);
}
// `1.24`, `go1.24`, `1.24.x`: a whole minor line.
const MINOR_ONLY = new RegExp(`^(?:go)?${NUM}\\.${NUM}(?:\\.[xX*])?$`);
// go.mod `go` lines follow Go's own grammar: major.minor, optional patch or pre-release, no prefix.
const GO_DIRECTIVE = new RegExp(`^${NUM}\\.${NUM}(?:\\.${NUM}|(?:alpha|beta|rc)${NUM})?$`);
// `toolchain go1.22.5`; Go also allows a custom suffix (`go1.22.5-corp`), which names the same base.
const TOOLCHAIN = new RegExp(`^(go${NUM}\\.${NUM}(?:\\.${NUM}|(?:alpha|beta|rc)${NUM})?)(?:[-+][\\w.+-]*)?$`);
function parseVersionSpec(raw, kind, inputName) {
    const value = raw.trim();
    if (value === '') {
        throw new errors/* UserError */.y(`${inputName} is empty; ${ACCEPTED[kind]}`);
    }
    // One version per value: a multi-line value is a mistake (npm would read `1.22\n1.23` as an
    // unsatisfiable intersection rather than reject it).
    if (/[\r\n]/.test(value))
        fail(value, kind, inputName);
    if (kind === 'toolchain') {
        const m = TOOLCHAIN.exec(value);
        const version = m?.[1] ? goToSemver(m[1]) : undefined;
        if (!version)
            fail(value, kind, inputName);
        return { kind: 'exact', raw: value, version };
    }
    if (kind === 'go-directive') {
        if (!GO_DIRECTIVE.test(value))
            fail(value, kind, inputName);
        const version = goToSemver(value); // GO_DIRECTIVE is a subset of GO_NAME
        const v = semver_default().parse(version);
        const minor = `${v.major}.${v.minor}`;
        // `go 1.22` names a language version, not a release: any 1.22.* will do.
        if (/^\d+\.\d+$/.test(value))
            return { kind: 'latest-minor', raw: value, minor };
        return { kind: 'minimum', raw: value, minor, min: version };
    }
    const lower = value.toLowerCase();
    if (lower === 'stable')
        return { kind: 'stable', raw: value };
    if (lower === 'oldstable')
        return { kind: 'oldstable', raw: value };
    // Go forms are checked before npm ranges: `go1.24` and `1.25rc2` are not semver at all, and the
    // documented Go meaning must win for `1.24` / `1.24.4` whatever npm would make of them.
    const minorOnly = MINOR_ONLY.exec(value);
    if (minorOnly)
        return { kind: 'latest-minor', raw: value, minor: `${minorOnly[1]}.${minorOnly[2]}` };
    const goVersion = goToSemver(value);
    // A bare `1` is left to npm (`1.x`); `go1` is the release named go1.
    if (goVersion && (value.startsWith('go') || value.includes('.'))) {
        return { kind: 'exact', raw: value, version: goVersion };
    }
    const exact = semver_default().valid(value);
    if (exact)
        return { kind: 'exact', raw: value, version: exact };
    const range = semver_default().validRange(value);
    if (range)
        return { kind: 'range', raw: value, range };
    fail(value, kind, inputName);
}
/** `1.22.5` → `1.22`: the minor a Go release belongs to. */
function minorKey(v) {
    return `${v.major}.${v.minor}`;
}
/**
 * Whether an installed Go (semver form) satisfies the spec without consulting the index: used for
 * the tool cache and a Go already on the machine. stable/oldstable need the index, so never.
 */
function satisfies(spec, semverVersion) {
    const v = semver_default().parse(semverVersion);
    if (!v)
        return false;
    switch (spec.kind) {
        case 'latest-minor':
            return v.prerelease.length === 0 && minorKey(v) === spec.minor;
        case 'exact':
            return semver_default().eq(v, spec.version);
        case 'minimum':
            // A pre-release only passes when the minimum itself is one (`go 1.21rc2`): semver orders
            // 1.22.0-rc.1 below 1.22.0, so it is below any stable minimum of the same minor.
            return minorKey(v) === spec.minor && semver_default().gte(v, spec.min);
        case 'range':
            return semver_default().satisfies(v, spec.range);
        case 'stable':
        case 'oldstable':
            return false;
    }
}
/** Short text for logs: `newest 1.22.x ≥ 1.22.3`, `exactly go1.22.5`. */
function describeSpec(spec) {
    switch (spec.kind) {
        case 'latest-minor':
            return `newest ${spec.minor}.x`;
        case 'exact':
            return `exactly ${semverToGo(spec.version)}`;
        case 'minimum':
            return `newest ${spec.minor}.x ≥ ${displayVersion(spec.min)}`;
        case 'range':
            return `newest stable matching ${spec.raw}`;
        case 'stable':
            return 'newest stable release';
        case 'oldstable':
            return 'newest stable release of the previous minor';
    }
}

;// CONCATENATED MODULE: ./src/plan/version-source.ts






// `//` starts a comment anywhere outside a quoted string (Go's modfile lexer).
function stripComment(line) {
    let quote = '';
    for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quote) {
            if (ch === '\\' && quote === '"')
                i++;
            else if (ch === quote)
                quote = '';
        }
        else if (ch === '"' || ch === '`')
            quote = ch;
        else if (ch === '/' && line[i + 1] === '/')
            return line.slice(0, i);
    }
    return line;
}
function unquote(token) {
    if (token.startsWith('"') && token.endsWith('"') && token.length >= 2) {
        try {
            return JSON.parse(token);
        }
        catch {
            return token.slice(1, -1);
        }
    }
    if (token.startsWith('`') && token.endsWith('`') && token.length >= 2)
        return token.slice(1, -1);
    return token;
}
// Go's modfile lexer: parens are tokens of their own (`require(` opens a block like `require (`),
// and a quoted string is one token even when it holds spaces.
function tokenize(line) {
    const re = /"(?:\\.|[^"\\])*"|`[^`]*`|[()]|[^\s()"`]+/g;
    return stripComment(line).match(re) ?? [];
}
function version_source_lines(text) {
    return text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
}
/**
 * Read module, go, toolchain and the Heroku comment directives from go.mod (or go.work, which
 * adds `use`). The first occurrence of each directive wins, as in the Heroku buildpack's awk
 * parser; the contents of blocks such as `require ( … )` are skipped.
 */
function parseGoMod(text) {
    const info = {};
    let block;
    for (const line of version_source_lines(text)) {
        // Heroku matches whitespace-separated fields of the raw line: `//` `+heroku` `<verb>` `<args…>`.
        const fields = line.trim().split(/\s+/);
        if (fields[0] === '//' && fields[1] === '+heroku') {
            if (fields[2] === 'goVersion' && fields[3] !== undefined)
                info.herokuGoVersion ??= fields[3];
            if (fields[2] === 'install' && fields.length > 3)
                info.herokuInstall ??= fields.slice(3);
            continue;
        }
        const tokens = tokenize(line);
        if (tokens.length === 0)
            continue;
        if (block !== undefined) {
            if (tokens[0] === ')')
                block = undefined;
            else if (block === 'use')
                (info.use ??= []).push(unquote(tokens[0]));
            continue;
        }
        const [verb, ...args] = tokens;
        if (args[0] === '(') {
            const close = args.indexOf(')');
            if (close === -1)
                block = verb;
            else if (verb === 'use')
                (info.use ??= []).push(...args.slice(1, close).map(unquote));
            continue;
        }
        const arg = args[0];
        if (arg === undefined)
            continue;
        if (verb === 'module')
            info.module ??= unquote(arg);
        else if (verb === 'go')
            info.go ??= arg;
        else if (verb === 'toolchain')
            info.toolchain ??= arg;
        else if (verb === 'use')
            (info.use ??= []).push(unquote(arg));
    }
    return info;
}
/** asdf/mise `.tool-versions`: the first version of the `golang` (or `go`) line. */
function parseToolVersions(text) {
    for (const line of version_source_lines(text)) {
        const [tool, version] = line.replace(/#.*/, '').trim().split(/\s+/);
        if ((tool === 'golang' || tool === 'go') && version)
            return version;
    }
    return undefined;
}
/** `.go-version`: the first non-empty line, trimmed. */
function parseGoVersionFile(text) {
    return version_source_lines(text)
        .map((l) => l.trim())
        .find((l) => l !== '');
}
/**
 * go.mod/go.work rules (SPEC §2): heroku directive, then toolchain (exact), then go (minimum); but
 * a go directive newer than the toolchain wins, since Go itself would never run an older toolchain
 * than the module needs. `label` names the file in errors (`go.mod`, `go-version-file ci/go.mod`).
 */
function fromGoMod(info, label, heroku) {
    if (heroku && info.herokuGoVersion !== undefined) {
        const raw = info.herokuGoVersion;
        return {
            spec: parseVersionSpec(raw, 'user', `${label} heroku-directive`),
            raw,
            directive: 'heroku-directive',
        };
    }
    const go = info.go !== undefined
        ? { spec: parseVersionSpec(info.go, 'go-directive', `${label} go directive`), raw: info.go }
        : undefined;
    // `toolchain default` means "no toolchain requirement": the go line decides.
    if (info.toolchain !== undefined && info.toolchain !== 'default') {
        const raw = info.toolchain;
        const spec = parseVersionSpec(raw, 'toolchain', `${label} toolchain`);
        const goNewer = go !== undefined &&
            spec.kind === 'exact' &&
            semver_default().gt(goToSemver(go.raw) ?? '0.0.0', spec.version);
        if (!goNewer)
            return { spec, raw, directive: 'toolchain' };
    }
    return go && { ...go, directive: 'go' };
}
// Errors name the field inside the file, so the user knows which line to fix.
const SOURCE_NAMES = {
    '.tool-versions': '.tool-versions golang',
    'Gopkg.toml': 'Gopkg.toml metadata.heroku.go-version',
    'Godeps.json': 'Godeps/Godeps.json GoVersion',
    'vendor.json': 'vendor/vendor.json heroku.goVersion',
};
/** Godeps.json `.GoVersion` / vendor.json `.heroku.goVersion`; unparsable JSON is not our concern here. */
function jsonField(text, pick) {
    if (text === undefined)
        return undefined;
    try {
        const value = pick(JSON.parse(text));
        return typeof value === 'string' ? (0,src_text/* nonEmpty */.h)(value) : undefined;
    }
    catch {
        return undefined;
    }
}
/** The Go version spec and where it came from, first found wins (SPEC §2 order). */
function chooseVersionSpec(opts) {
    const user = (raw, source, name) => ({
        spec: parseVersionSpec(raw, 'user', name),
        source,
        raw: raw.trim(),
    });
    const input = (0,src_text/* nonEmpty */.h)(opts.input);
    if (input !== undefined)
        return user(input, 'input', 'go-version');
    const env = (0,src_text/* nonEmpty */.h)(opts.envGOVERSION);
    if (env !== undefined)
        return user(env, 'GOVERSION', 'GOVERSION');
    if (opts.versionFile) {
        const { path: file, content } = opts.versionFile;
        const base = external_node_path_default().basename(file);
        const label = `go-version-file ${file}`;
        let found;
        if (base === 'go.mod' || base === 'go.work') {
            found = fromGoMod(parseGoMod(content), label, base === 'go.mod');
        }
        else {
            const raw = base === '.tool-versions' ? parseToolVersions(content) : parseGoVersionFile(content);
            if (raw !== undefined)
                found = { spec: parseVersionSpec(raw, 'user', label), raw };
        }
        if (!found) {
            throw new errors/* UserError */.y(`go-version-file: ${file} names no Go version; add one or remove go-version-file`);
        }
        return { spec: found.spec, source: 'go-version-file', raw: found.raw.trim() };
    }
    const { app } = opts;
    for (const [text, file] of [
        [app.goMod, 'go.mod'],
        [app.goWork, 'go.work'],
    ]) {
        if (text === undefined)
            continue;
        const found = fromGoMod(parseGoMod(text), file, file === 'go.mod');
        if (found)
            return {
                spec: found.spec,
                source: `${file} ${found.directive}`,
                raw: found.raw,
            };
    }
    const simple = [
        [app.goVersion === undefined ? undefined : parseGoVersionFile(app.goVersion), '.go-version'],
        [
            app.toolVersions === undefined ? undefined : parseToolVersions(app.toolVersions),
            '.tool-versions',
        ],
        [gopkgGoVersion(app.gopkgToml), 'Gopkg.toml'],
        [jsonField(app.godeps, (j) => j.GoVersion), 'Godeps.json'],
        [
            jsonField(app.vendorJson, (j) => j.heroku?.goVersion),
            'vendor.json',
        ],
    ];
    for (const [raw, source] of simple) {
        if (raw !== undefined)
            return user(raw, source, SOURCE_NAMES[source] ?? source);
    }
    return { spec: undefined, source: 'default' };
}

;// CONCATENATED MODULE: ./src/plan/plan.ts





















/**
 * A package given as a path (`./cmd/x`, `../x`, `/x`, `main.go`) must stay inside the app once
 * symlinks are resolved: go would otherwise compile files from elsewhere on the runner.
 */
function packagePathsInside(app, packages, label) {
    for (const p of packages) {
        if (p.startsWith('.') || p.startsWith('/') || p.endsWith('.go')) {
            (0,paths/* confine */.Do)(app, p, { label, allowRoot: true, accepted: 'use a package inside the app' });
        }
    }
}
const RUNDIR_DEPRECATED = 'rundir (CC_GO_RUNDIR) is deprecated: it only places a GOPATH-mode build; use Go modules ' +
    '(a go.mod, build-tool gomod), where the import path comes from the module line';
function gather(read) {
    try {
        return { value: read() };
    }
    catch (err) {
        return { refused: err };
    }
}
function take(g) {
    if (g.refused !== undefined)
        throw g.refused;
    return g.value;
}
/** Reads the inputs and the app files the plan needs; a bad input or app dir is refused here. */
function gatherFacts(rt, warnings) {
    // readInputs masks every credential it finds before it can refuse anything.
    const inputs = readInputs(rt);
    if (inputs.rundir)
        warnings.push(RUNDIR_DEPRECATED);
    const app = (0,paths/* realRoot */.dU)(inputs.appDir, 'the app directory');
    const goVersionFile = inputs.goVersionFile;
    const facts = {
        inputs,
        host: rt.host,
        versionFile: goVersionFile
            ? gather(() => {
                const workspace = (0,paths/* realRoot */.dU)(rt.workspace, 'the workspace');
                const rel = external_node_path_default().relative(workspace.dir, goVersionFile);
                return {
                    path: goVersionFile,
                    rel,
                    content: (0,paths/* readInside */.xO)(workspace, rel, 'go-version-file'),
                };
            })
            : undefined,
        app: gather(() => {
            const layout = scanApp(app);
            return { layout, versionFiles: readVersionFiles(app, layout) };
        }),
        slugignore: gather(() => (0,paths/* readBytesInside */.sD)(app, '.slugignore')),
        procfile: gather(() => (0,paths/* readInside */.xO)(app, 'Procfile')),
    };
    return { facts, app };
}
/**
 * The plan's decisions, from the facts alone (no file, no network): the Go version spec and the
 * platform's rules about it, the build method and what it builds, the slug's ignore list. Bad
 * input or a hostile app file is one UserError. Warnings are pushed as they are found.
 */
function decidePlan(facts, warnings) {
    const { inputs } = facts;
    refuseSmokeTestHere(facts.host, inputs);
    const file = facts.versionFile && take(facts.versionFile);
    if (file && file.content === undefined) {
        throw new errors/* UserError */.y(`go-version-file: ${(0,log_text/* quote */.hD)(file.rel)} is not a file of the workspace; use the path of a go.mod, go.work, .go-version or .tool-versions`);
    }
    const versionFile = file && { path: file.path, content: file.content };
    const { layout, versionFiles } = take(facts.app);
    let choice = chooseVersionSpec({
        input: inputs.goVersion?.from === 'input' ? inputs.goVersion.value : undefined,
        envGOVERSION: inputs.goVersion?.from === 'GOVERSION' ? inputs.goVersion.value : undefined,
        versionFile,
        app: versionFiles,
    });
    const detection = detect({
        buildTool: inputs.buildTool,
        binary: inputs.binary,
        package: inputs.package,
        layout,
        appDir: inputs.appDir,
        warnings,
    });
    const goMod = versionFiles.goMod !== undefined ? parseGoMod(versionFiles.goMod) : undefined;
    const notices = [];
    const heroku = inputs.platform === 'heroku';
    // Both platforms fail when bin/ cannot be a directory; Heroku's own words.
    if (layout.binIsLink) {
        throw new errors/* UserError */.y("bin: is a symlink; the slug's bin/ holds the binaries and must be a directory of the app");
    }
    if (layout.profileDIsLink) {
        throw new errors/* UserError */.y(".profile.d: is a symlink; the slug's .profile.d/ holds the scripts a dyno sources and must be a directory of the app");
    }
    if (layout.binIsNotDir) {
        throw new errors/* UserError */.y("bin: File bin exists and is not a directory. The slug's bin/ holds the binaries: rename or remove the file");
    }
    // Heroku's version rules (SPEC §2): its default, its override warning, modules need Go 1.11.
    if (heroku && inputs.goVersion) {
        const name = inputs.goVersion.from === 'input' ? 'go-version' : 'GOVERSION';
        warnings.push(`Using the ${name} override (${(0,log_text/* quote */.hD)(inputs.goVersion.value)}) over the version the app names; on Heroku, 'heroku config:unset GOVERSION' removes it`);
    }
    if (heroku && choice.source === 'default') {
        warnings.push(herokuDefaultWarning(layout.hasGoMod));
        choice = {
            spec: parseVersionSpec(HEROKU_DEFAULT_GO.spec, 'user', 'the Heroku default'),
            source: 'default',
            raw: HEROKU_DEFAULT_GO.spec,
        };
    }
    if (heroku && detection.method === 'gomod' && choice.spec) {
        refuseBeforeModules(choice.spec, choice.source);
    }
    const job = {
        detection,
        importPath: goMod?.module ?? external_node_path_default().basename(inputs.appDir),
    };
    if (detection.method === 'gomod') {
        // `// +heroku install` is Heroku's; Clever Cloud installs the module path (SPEC §3).
        if (!heroku && goMod?.herokuInstall) {
            notices.push('// +heroku install in go.mod is read on Heroku only; on clever-cloud the module path is installed unless package (CC_GO_PKG) says otherwise');
        }
        job.gomod = choosePackages({
            package: inputs.package,
            installPackageSpec: inputs.installPackageSpec,
            herokuInstall: heroku ? goMod?.herokuInstall : undefined,
            modulePath: heroku || detection.workspaceMode ? undefined : (goMod?.module ?? '.'),
        });
        if (job.gomod.source === 'install-package-spec') {
            const using = `Using the install-package-spec (GO_INSTALL_PACKAGE_SPEC) override: ${job.gomod.packages.map(log_text/* show */.WU).join(' ')}`;
            if (heroku)
                warnings.push(`${using}, not the detected main packages`);
            else
                notices.push(using);
        }
    }
    else if (detection.method !== 'makefile') {
        job.gopath = planGopath({
            detection,
            package: inputs.package,
            installPackageSpec: inputs.installPackageSpec,
            rundir: inputs.rundir,
            modulePath: goMod?.module,
            appName: external_node_path_default().basename(inputs.appDir),
        });
        job.importPath = job.gopath.importPath;
    }
    // setup-gopath-in-image ships the sources at src/<import path> in the slug.
    if (inputs.setupGopathInImage && goMod?.module !== undefined && !job.gopath) {
        (0,words/* importPath */.LM)(goMod.module, 'go.mod module');
    }
    const parts = stageParts(inputs, {
        spec: choice.spec,
        job,
        slugignore: slugignorePatterns(take(facts.slugignore)),
    });
    return { choice, detection, goMod, notices, ...parts };
}
/** The packages given as paths, checked on disk: what the plan names must be inside the app. */
function confinePackages(app, { gomod, gopath, detection }) {
    if (gomod) {
        const label = {
            package: 'package',
            'install-package-spec': 'install-package-spec',
            'heroku-install': 'go.mod // +heroku install',
            module: 'go.mod module',
            discover: '',
        }[gomod.source];
        packagePathsInside(app, gomod.packages, label);
    }
    else if (gopath && !gopath.inPlace && detection.method !== 'goget') {
        packagePathsInside(app, gopath.packages, gopath.packagesFrom);
    }
}
/**
 * The plan of the run: the facts gathered, the decisions taken from them (decidePlan, pure), then
 * what the decisions name checked on disk (package paths, Heroku's hook files) and, when caches
 * will be restored, the files that key the module cache. Warnings are pushed to `warnings` as
 * they are found, so that the caller prints them even when a later check fails.
 */
async function resolvePlan(rt, warnings = []) {
    const { facts, app } = gatherFacts(rt, warnings);
    const plan = decidePlan(facts, warnings);
    confinePackages(app, plan.build);
    for (const hook of ['go-pre-compile', 'go-post-compile'])
        herokuHookFile(app.dir, hook);
    const own = take(facts.procfile);
    if (own !== undefined)
        plan.slug.procfile = { text: own, entries: parseProcfile(own) };
    // Only when caches will be restored: a job without a cache service reads no go.sum here.
    const { inputs } = facts;
    // The app the slug goes to: looked up now, so that every refusal comes before the build.
    if (inputs.herokuApp && inputs.herokuApiKey) {
        const api = { base: inputs.herokuApiUrl, key: inputs.herokuApiKey, app: inputs.herokuApp };
        const app = await lookupHerokuApp({ ...api, log: rt.log, env: rt.env });
        Object.assign(plan, herokuParts(inputs, plan.check, app, rt.env, warnings));
        for (const e of plan.slug.procfile?.entries ?? [])
            checkProcessType(e.name);
    }
    if (inputs.cache !== 'false' && rt.cacheStore && (await rt.cacheStore.available()).ok) {
        plan.cache.depFiles = await dependencyFiles(app, rt.workspace, inputs.cacheDependencyPath);
    }
    return plan;
}
/** The smoke test starts the slug here: it needs Linux's /proc and binaries this machine runs. */
function refuseSmokeTestHere(host, inputs) {
    if (!inputs.smokeTest)
        return;
    if (host.platform !== 'linux') {
        throw new errors/* UserError */.y(`smoke-test: "true" needs a Linux machine (it reads /proc, as the platforms run Linux), and this one runs ${host.platform}; run it on a Linux runner`);
    }
    if (isCross(inputs)) {
        const target = `${inputs.goos ?? inputs.host.goos}/${inputs.goarch ?? inputs.host.goarch}`;
        throw new errors/* UserError */.y(`smoke-test: "true" starts the slug on this ${inputs.host.goos}/${inputs.host.goarch} machine, which cannot run binaries built for ${target}; smoke-test a build for the runner's own platform`);
    }
}

;// CONCATENATED MODULE: ./src/plan/announce.ts


/**
 * The Resolve phase: the plan made and said in the log, where the slug will go checked now (not
 * after the build), and the plan's warnings printed whatever happens next: a refusal must not
 * hide what led to it.
 */
async function planJob(rt, resolve = resolvePlan) {
    const warnings = [];
    try {
        const plan = await resolve(rt, warnings);
        announcePlan(rt.log, plan);
        rt.slugDir(plan.publish.name('0.0.0'), plan.slug.app.dir);
        return plan;
    }
    finally {
        for (const w of warnings)
            rt.log.warning(w);
    }
}
/** What the plan decided, in the log: the Go version spec and where it comes from, the method. */
function announcePlan(log, plan) {
    const { choice, detection } = plan;
    if (choice.spec === undefined) {
        log.notice('No Go version is specified (go-version, GOVERSION, go.mod, …): using the newest stable release');
    }
    else if (choice.source === 'default') {
        log.info(`Go version spec ${(0,log_text/* quote */.hD)(choice.raw)}: Heroku's default`);
    }
    else {
        log.info(`Go version spec ${(0,log_text/* quote */.hD)(choice.raw)} from ${choice.source}`);
    }
    log.info(`Build tool: ${detection.method} (${detection.reason})`);
    for (const n of plan.notices)
        log.notice(n);
}

;// CONCATENATED MODULE: ./src/publish/upload.ts





/**
 * SPEC §6: `tgz` packs the slug as `<name>.tar.gz` (modes and symlinks kept) and uploads that one
 * file as is; `zip` uploads the slug's files, zipped by the service (modes lost). Nothing is
 * packed that nothing uses, unless pack-slug asks for it; outside Actions nothing is uploaded. A failed upload fails the step with the service's reason.
 */
async function publishSlug(rt, inputs, slugDir, name, extra = {}) {
    const { sbom } = extra;
    const log = rt.log;
    const store = rt.publishes && inputs.upload ? rt.artifactStore : undefined;
    // Packed only when something uses it: the tgz upload, pack-slug, or a release to Heroku.
    const pack = (store !== undefined && inputs.artifactFormat === 'tgz') ||
        inputs.packSlug ||
        inputs.herokuFormat;
    let packed;
    if (pack) {
        const started = performance.now();
        packed = await packSlug(slugDir, name, extra.mtime ?? (await slugMtime(inputs.appDir, inputs.sourceDateEpoch, rt.env)), inputs.herokuFormat ? './app/' : undefined);
        log.info(`Packed the slug as ${(0,log_text/* show */.WU)(packed.path)}: ${(0,fs_tree/* formatSize */.Xq)(packed.bytes)}, sha256 ${packed.sha256} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
        if (packed.skipped.length) {
            log.warning(`The slug archive leaves out ${packed.skipped.length} member(s) that are neither files, directories nor symlinks: ${packed.skipped
                .slice(0, 3)
                .map(log_text/* show */.WU)
                .join(', ')}${packed.skipped.length > 3 ? ', …' : ''}`);
        }
    }
    const archive = packed?.path;
    const digest = packed?.sha256;
    const archiveBytes = packed?.bytes;
    if (!rt.publishes) {
        const reason = `not uploaded outside GitHub Actions; the slug is at ${(0,log_text/* show */.WU)(slugDir)}`;
        log.info(`Not uploaded outside GitHub Actions: the slug is at ${(0,log_text/* show */.WU)(slugDir)}`);
        return { archive, digest, archiveBytes, artifact: { uploaded: false, reason } };
    }
    if (!inputs.upload) {
        log.info(`upload: false: no artifact; the slug is at ${(0,log_text/* show */.WU)(slugDir)}`);
        return {
            archive,
            digest,
            archiveBytes,
            artifact: { uploaded: false, reason: 'upload: false' },
        };
    }
    if (!store) {
        const reason = `no artifact service for this step (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL unset); the slug is at ${(0,log_text/* show */.WU)(slugDir)}`;
        log.info(`Not uploaded: ${reason}`);
        return { archive, digest, archiveBytes, artifact: { uploaded: false, reason } };
    }
    /** One upload, logged, reported, and failing the step with the service's reason. */
    const send = async (what, uploadName, files, root, raw, format) => {
        try {
            const res = await store.upload(uploadName, files, root, {
                raw,
                retentionDays: inputs.retentionDays,
            });
            log.info(`Uploaded ${what} ${(0,log_text/* show */.WU)(uploadName)}${res.id !== undefined ? ` (id ${res.id})` : ''}${res.url ? `: ${res.url}` : ''}`);
            return { uploaded: true, name: uploadName, id: res.id, url: res.url, size: res.size, format };
        }
        catch (err) {
            throw new errors/* UserError */.y(`Uploading artifact ${(0,log_text/* show */.WU)(uploadName)} failed: ${(0,errors/* errorMessage */.g)(err)}`);
        }
    };
    let artifact;
    if (archive) {
        artifact = await send('artifact', external_node_path_default().basename(archive), [archive], external_node_path_default().dirname(archive), true, inputs.artifactFormat);
    }
    else {
        const { files, links } = listFiles(slugDir);
        const refusal = zipRefusal(slugDir, files);
        if (refusal)
            throw new errors/* UserError */.y(refusal);
        log.warning('artifact-format: zip: the artifact service zips the files without their modes, so bin/* are not executable once unzipped; use artifact-format: tgz to keep them');
        if (links.length) {
            log.warning(`artifact-format: zip leaves out the slug's ${links.length} symlink(s) (${links
                .slice(0, 3)
                .map((l) => (0,log_text/* show */.WU)(external_node_path_default().relative(slugDir, l)))
                .join(', ')}${links.length > 3 ? ', …' : ''}): a zip artifact would hold what they point to instead; use artifact-format: tgz to keep them`);
        }
        artifact = await send('artifact', name, files, slugDir, false, inputs.artifactFormat);
    }
    if (!sbom)
        return { archive, digest, archiveBytes, artifact };
    // The SBOM is an artifact of its own, the JSON file as is, so that it can be fetched alone.
    const sbomArtifact = await send('the SBOM as artifact', external_node_path_default().basename(sbom), [sbom], external_node_path_default().dirname(sbom), true, 'json');
    return { archive, digest, archiveBytes, artifact, sbomArtifact };
}

;// CONCATENATED MODULE: ./src/report/summary.ts



function newReport() {
    return { phases: [] };
}
/** Runs `fn` as a named phase and records its duration (failed or not). */
async function timed(report, name, fn) {
    const started = performance.now();
    try {
        const value = await fn();
        report.phases.push({ name, ms: performance.now() - started });
        return value;
    }
    catch (err) {
        report.phases.push({ name, ms: performance.now() - started, failed: true });
        throw err;
    }
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
function artifactCell(a) {
    if (!a.uploaded)
        return cell(a.reason);
    const size = a.size !== undefined ? ` (${formatSize(a.size)})` : '';
    const label = a.url ? mdLink(a.name, a.url) : code(a.name);
    return `${label}${size}, ${cell(a.format)}`;
}
/** The job summary: a heading, the table of SPEC §7, the Procfile, and the phase timings. */
function renderSummary(r) {
    const rows = [];
    if (r.goVersion)
        rows.push([
            'Go',
            `${code(r.goVersion)}${r.goVersionSource ? ` from ${cell(r.goVersionSource)}` : ''}`,
        ]);
    if (r.goVerified)
        rows.push(['Toolchain', cell(r.goVerified)]);
    if (r.buildTool)
        rows.push([
            'Build tool',
            `${code(r.buildTool)}${r.buildToolReason ? ` (${cell(r.buildToolReason)})` : ''}`,
        ]);
    if (r.packages?.length)
        rows.push(['Packages', r.packages.map(code).join('<br>')]);
    if (r.binaries?.length)
        rows.push([
            'Binaries',
            r.binaries.map((b) => `${code(`bin/${b.name}`)} ${formatSize(b.size)}`).join('<br>'),
        ]);
    if (r.cache) {
        const hit = (v) => (v ? 'hit' : 'miss');
        rows.push([
            'Caches',
            `module cache: ${hit(r.cache.modHit)}, build cache: ${hit(r.cache.buildHit)}${r.cache.note ? ` (${cell(r.cache.note)})` : ''}`,
        ]);
    }
    if (r.artifact)
        rows.push(['Artifact', artifactCell(r.artifact)]);
    else if (r.slugDir)
        rows.push(['Slug', code(r.slugDir)]);
    if (r.archive)
        rows.push(['Slug archive', `${code(r.archive.path)}<br>sha256 ${code(r.archive.sha256)}`]);
    if (r.sbom) {
        const where = r.sbom.artifact?.uploaded ? artifactCell(r.sbom.artifact) : code(r.sbom.path);
        rows.push([
            'SBOM',
            `${where}<br>${cell(r.sbom.label)}, ${r.sbom.modules} Go module${r.sbom.modules === 1 ? '' : 's'}`,
        ]);
    }
    if (r.heroku) {
        const h = r.heroku;
        const what = h.status === 'current' ? 'already runs this slug' : 'released';
        rows.push(['Heroku', `${cell(h.app)}: ${what} as v${h.version}, slug ${formatSize(h.bytes)}`]);
    }
    const out = [];
    out.push(`### go-paas-build ${r.error ? 'failed' : 'built the slug'}`, '');
    if (r.error)
        out.push(`> ${cell(r.error)}`, '');
    if (rows.length) {
        out.push('| | |', '| --- | --- |');
        for (const [k, v] of rows)
            out.push(`| ${k} | ${v} |`);
        out.push('');
    }
    if (r.procfile !== undefined) {
        out.push('<details open><summary>Procfile</summary>', '', '<pre>', htmlText(r.procfile).trimEnd());
        out.push('</pre>', '</details>', '');
    }
    if (r.deploy?.glibc || r.deploy?.smoke)
        out.push(...deploySection(r.deploy));
    if (r.phases.length) {
        out.push('| phase | time |', '| --- | ---: |');
        for (const p of r.phases)
            out.push(`| ${p.name}${p.failed ? ' (failed)' : ''} | ${seconds(p.ms)} |`);
        const total = r.phases.reduce((n, p) => n + p.ms, 0);
        out.push(`| **total** | **${seconds(total)}** |`, '');
    }
    return out.join('\n');
}
const mark = (ok) => (ok ? '✅' : '❌');
/** The deploy check: one row per binary checked and per process or health path of the smoke test. */
function deploySection(d) {
    const out = ['#### Deploy check', ''];
    const rows = [];
    if (d.glibc) {
        for (const b of d.glibc.binaries) {
            rows.push([mark(b.ok), code(b.name), `${cell(b.finding)} (${cell(d.glibc.target)})`]);
        }
    }
    if (d.smoke) {
        for (const p of d.smoke.processes) {
            rows.push([mark(p.ok), `${code(p.name)} process`, `${code(p.command)}: ${cell(p.result)}`]);
        }
        if (d.smoke.listeners)
            rows.push([mark(true), 'web listens on', code(d.smoke.listeners)]);
        for (const h of d.smoke.health)
            rows.push([mark(h.ok), `GET ${code(h.path)}`, cell(h.result)]);
        if (d.smoke.keptIn) {
            const kind = d.smoke.keptIn;
            rows.push([
                kind === 'groups' ? '⚠️' : mark(true),
                'processes kept in',
                KEEP_DESCRIPTION[kind],
            ]);
        }
    }
    if (rows.length) {
        out.push('| | check | result |', '| --- | --- | --- |');
        for (const [a, b, c] of rows)
            out.push(`| ${a} | ${b} | ${c} |`);
        out.push('');
    }
    return out;
}

;// CONCATENATED MODULE: ./src/product.ts
/** The product's name and version, as the SBOM names its tool (a unit test holds it to package.json). */
const PRODUCT = { name: 'go-paas-build', version: '0.1.0' };

;// CONCATENATED MODULE: ./src/sbom/buildinfo.ts
/**
 * Go's build info as `go version -m` prints it (the text of runtime/debug.BuildInfo, one tab
 * before each line), parsed into what an SBOM needs. The text form is read, not `-json`: every Go
 * since 1.13 prints it, and `-json` only exists from Go 1.25. Module paths, versions and build
 * settings come from the app's repository: they are data here, never commands or flags.
 */
/**
 * Parses `go version -m FILE`'s output for one file. `undefined` when it holds no module
 * information line at all beyond the header (a binary built before Go 1.13, say) — then only the Go
 * version is known, which the header gives.
 */
function parseVersionM(output, file) {
    const lines = output.split('\n');
    const header = lines.shift() ?? '';
    const prefix = `${file}: `;
    if (!header.startsWith(prefix))
        return undefined;
    const info = { goVersion: header.slice(prefix.length).trim(), deps: [], settings: [] };
    let last;
    for (const raw of lines) {
        if (!raw.startsWith('\t'))
            continue;
        const line = raw.slice(1);
        const [word, ...rest] = line.split('\t');
        switch (word) {
            case 'path':
                info.path = rest.join('\t');
                break;
            case 'mod':
                info.main = last = moduleRef(rest);
                break;
            case 'dep':
                last = moduleRef(rest);
                info.deps.push(last);
                break;
            case '=>':
                if (last)
                    last.replace = moduleRef(rest);
                last = undefined;
                break;
            case 'build': {
                const s = parseSetting(rest.join('\t'));
                if (s)
                    info.settings.push(s);
                break;
            }
            default:
                break;
        }
    }
    return info;
}
function moduleRef(fields) {
    return { path: fields[0] ?? '', version: fields[1] ?? '', sum: fields[2] ?? '' };
}
/** `key=value`, either side quoted as Go's strconv.Quote quotes it when it must be. */
function parseSetting(text) {
    let key;
    let rest;
    if (text.startsWith('"')) {
        const q = readQuoted(text, 0);
        if (!q || text[q.end] !== '=')
            return undefined;
        key = q.value;
        rest = text.slice(q.end + 1);
    }
    else {
        const eq = text.indexOf('=');
        if (eq <= 0)
            return undefined;
        key = text.slice(0, eq);
        rest = text.slice(eq + 1);
    }
    if (rest.startsWith('"')) {
        const q = readQuoted(rest, 0);
        if (q && q.end === rest.length)
            return { key, value: q.value };
    }
    return { key, value: rest };
}
const SIMPLE_ESCAPES = {
    a: 7,
    b: 8,
    f: 12,
    n: 10,
    r: 13,
    t: 9,
    v: 11,
    '\\': 92,
    "'": 39,
    '"': 34,
};
/**
 * Reads a Go double-quoted string literal starting at `start` (its opening quote); returns the
 * decoded text and the index just past the closing quote, or `undefined` when it is malformed.
 * `\xHH` and octal escapes are bytes (a string is bytes in Go), `\u`/`\U` are code points.
 */
function readQuoted(text, start) {
    if (text[start] !== '"')
        return undefined;
    const bytes = [];
    const push = (s) => bytes.push(...Buffer.from(s, 'utf8'));
    let i = start + 1;
    while (i < text.length) {
        const c = text[i];
        if (c === '"')
            return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 };
        if (c !== '\\') {
            const cp = text.codePointAt(i);
            push(String.fromCodePoint(cp));
            i += cp > 0xffff ? 2 : 1;
            continue;
        }
        const e = text[i + 1];
        if (e === undefined)
            return undefined;
        if (e in SIMPLE_ESCAPES) {
            bytes.push(SIMPLE_ESCAPES[e]);
            i += 2;
        }
        else if (e === 'x' || e === 'u' || e === 'U') {
            const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            const hex = text.slice(i + 2, i + 2 + n);
            if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex))
                return undefined;
            const v = parseInt(hex, 16);
            if (e === 'x')
                bytes.push(v);
            else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))
                return undefined;
            else
                push(String.fromCodePoint(v));
            i += 2 + n;
        }
        else if (/[0-7]/.test(e)) {
            const oct = text.slice(i + 1, i + 4);
            if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255)
                return undefined;
            bytes.push(parseInt(oct, 8));
            i += 4;
        }
        else {
            return undefined;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/sbom/model.ts


/** Characters an SPDX id (and so our refs) may hold. */
function idPart(text) {
    return text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}
function shortHash(text) {
    return sha256Hex(text).slice(0, 8);
}
/**
 * A package URL for a Go module (purl spec, type `golang`): each path segment and the version
 * percent-encoded, so `+incompatible` and the like survive.
 */
function goPurl(path, version) {
    const segs = path.split('/').map(encodeURIComponent).join('/');
    return `pkg:golang/${segs}${version ? `@${encodeURIComponent(version)}` : ''}`;
}
/** `go1.22.2 X:boringcrypto` → `go1.22.2`. */
function goRelease(goVersion) {
    return goVersion.split(/\s/)[0] ?? goVersion;
}
/** Go's h1: is base64 SHA-256 (of the module's file list): the hex form SBOM checksums take. */
function h1Hex(sum) {
    const m = /^h1:([A-Za-z0-9+/]{43}=)$/.exec(sum);
    return m ? Buffer.from(m[1], 'base64').toString('hex') : undefined;
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const known = (v) => (v === '(devel)' ? '' : v);
function buildModel(subject) {
    const components = new Map();
    const add = (c) => {
        const key = `${c.kind}\0${c.name}\0${c.version}\0${c.sum}\0${c.replaced ?? ''}`;
        const have = components.get(key);
        if (have)
            return have.ref;
        const ref = `${c.kind === 'stdlib' ? 'Go-stdlib' : c.kind === 'main-module' ? 'Main-module' : 'Module'}-${idPart(c.name)}-${shortHash(key)}`;
        components.set(key, { ...c, ref });
        return ref;
    };
    const module = (m, kind) => {
        const r = m.replace;
        if (r && r.version !== '' && r.version !== '(devel)') {
            return add({
                kind,
                name: r.path,
                version: r.version,
                sum: r.sum,
                purl: goPurl(r.path, r.version),
                replaced: `replaces ${m.path}${m.version ? `@${m.version}` : ''}`,
            });
        }
        if (r) {
            // A directory replacement: the code came from the work tree, with no version or sum.
            return add({
                kind,
                name: m.path,
                version: '',
                sum: '',
                purl: goPurl(m.path, ''),
                replaced: `replaced by the directory ${r.path}`,
            });
        }
        return add({
            kind,
            name: m.path,
            version: known(m.version),
            sum: m.sum,
            purl: goPurl(m.path, known(m.version)),
        });
    };
    const binaries = [];
    const seenRefs = new Set();
    for (const b of [...subject.binaries].sort((x, y) => (x.file < y.file ? -1 : 1))) {
        const name = b.file.split('/').pop() ?? b.file;
        let ref = `Binary-${idPart(name)}`;
        if (seenRefs.has(ref))
            ref = `${ref}-${shortHash(b.file)}`;
        seenRefs.add(ref);
        const entry = {
            ref,
            file: b.file,
            name,
            sha256: b.sha256,
            settings: [],
            links: [],
        };
        const info = b.info;
        if (info) {
            entry.goVersion = info.goVersion;
            entry.mainPackage = info.path;
            entry.settings = info.settings;
            const link = (ref) => {
                if (!entry.links.includes(ref))
                    entry.links.push(ref);
            };
            if (info.main)
                link((entry.builtFrom = module(info.main, 'main-module')));
            for (const d of info.deps)
                link(module(d, 'module'));
            const release = goRelease(info.goVersion);
            if (/^go\d/.test(release)) {
                link(add({
                    kind: 'stdlib',
                    name: 'stdlib',
                    version: release,
                    sum: '',
                    purl: goPurl('stdlib', release.slice(2)),
                }));
            }
        }
        binaries.push(entry);
    }
    const order = { 'main-module': 0, module: 1, stdlib: 2 };
    const sorted = [...components.values()].sort((a, b) => order[a.kind] - order[b.kind] ||
        cmp(a.name, b.name) ||
        cmp(a.version, b.version) ||
        cmp(a.ref, b.ref));
    return { subject, binaries, components: sorted };
}
/** The Go modules the binaries link, for logs and tests: `path@version`, main modules included. */
function moduleList(model) {
    return model.components
        .filter((c) => c.kind !== 'stdlib')
        .map((c) => (c.version ? `${c.name}@${c.version}` : c.name));
}
/** ISO 8601 in UTC with no fraction, as both formats show times. */
function isoTime(epochSeconds) {
    return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/**
 * The document's URI: the repository's, else spdx.org's documents space; named by the artifact
 * and a digest of what the document says, so the same build gives the same URI and another build
 * another one.
 */
function documentUri(model, digestOfBody) {
    const base = model.subject.repositoryUrl
        ? `${model.subject.repositoryUrl}/sbom`
        : 'https://spdx.org/spdxdocs';
    return `${base}/${encodeURIComponent(model.subject.name)}-${digestOfBody.slice(0, 32)}`;
}
/** An RFC 4122 name-based (version 5, SHA-1) UUID of `name` in the URL namespace. */
function uuidV5(name) {
    const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
    const h = (0,external_node_crypto_.createHash)('sha1').update(ns).update(name, 'utf8').digest();
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString('hex');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

;// CONCATENATED MODULE: ./src/sbom/cyclonedx.ts


/** Build settings the CycloneDX property taxonomy names (`cdx:gomod:build:env:*`). */
const TAXONOMY_ENV = new Set(['GOOS', 'GOARCH', 'CGO_ENABLED', 'GOFLAGS']);
function component(c) {
    const out = { type: 'library', 'bom-ref': c.ref, name: c.name };
    if (c.version)
        out.version = c.version;
    out.purl = c.purl;
    const hex = h1Hex(c.sum);
    if (hex)
        out.hashes = [{ alg: 'SHA-256', content: hex }];
    const props = [];
    if (c.sum)
        props.push({ name: 'go-paas-build:go:sum', value: c.sum });
    if (c.replaced)
        props.push({ name: 'go-paas-build:go:replace', value: c.replaced });
    if (c.kind === 'main-module')
        props.push({ name: 'go-paas-build:go:main-module', value: 'true' });
    if (props.length)
        out.properties = props;
    return out;
}
function binary(b) {
    const out = {
        type: 'application',
        'bom-ref': b.ref,
        name: b.name,
        hashes: [{ alg: 'SHA-256', content: b.sha256 }],
    };
    const props = [{ name: 'go-paas-build:slug:path', value: b.file }];
    if (b.goVersion)
        props.push({ name: 'go-paas-build:go:version', value: b.goVersion });
    if (b.mainPackage)
        props.push({ name: 'go-paas-build:go:package', value: b.mainPackage });
    for (const s of b.settings) {
        if (TAXONOMY_ENV.has(s.key))
            props.push({ name: `cdx:gomod:build:env:${s.key}`, value: s.value });
        props.push({ name: 'go-paas-build:go:build', value: `${s.key}=${s.value}` });
    }
    out.properties = props;
    return out;
}
function cyclonedxDocument(model) {
    const s = model.subject;
    const body = {
        $schema: 'http://cyclonedx.org/schema/bom-1.5.schema.json',
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        serialNumber: '',
        version: 1,
        metadata: {
            timestamp: isoTime(s.created),
            tools: {
                components: [{ type: 'application', name: s.tool.name, version: s.tool.version }],
            },
            component: { type: 'application', 'bom-ref': 'Slug', name: s.name },
        },
        components: [...model.binaries.map(binary), ...model.components.map(component)],
        dependencies: [
            { ref: 'Slug', dependsOn: model.binaries.map((b) => b.ref) },
            ...model.binaries.map((b) => ({ ref: b.ref, dependsOn: b.links })),
        ],
    };
    body.serialNumber = `urn:uuid:${uuidV5(documentUri(model, sha256Hex(JSON.stringify(body))))}`;
    return `${JSON.stringify(body, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./src/sbom/spdx.ts


const NOASSERTION = 'NOASSERTION';
function pkgBase(id, name) {
    return {
        SPDXID: `SPDXRef-${id}`,
        name,
        downloadLocation: NOASSERTION,
        filesAnalyzed: false,
        licenseConcluded: NOASSERTION,
        licenseDeclared: NOASSERTION,
        copyrightText: NOASSERTION,
    };
}
function componentPackage(c) {
    const p = pkgBase(c.ref, c.name);
    if (c.version)
        p.versionInfo = c.version;
    const hex = h1Hex(c.sum);
    // go.sum's h1: is a SHA-256 (of the module's file list and file hashes): kept as that checksum.
    if (hex)
        p.checksums = [{ algorithm: 'SHA256', checksumValue: hex }];
    p.externalRefs = [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl },
    ];
    p.primaryPackagePurpose = c.kind === 'main-module' ? 'SOURCE' : 'LIBRARY';
    const notes = [];
    if (c.kind === 'main-module')
        notes.push('The main module the binaries were built from.');
    if (c.kind === 'stdlib')
        notes.push(`The Go standard library and runtime of ${c.version}.`);
    if (c.sum)
        notes.push(`go.sum: ${c.sum}`);
    if (c.replaced)
        notes.push(`go.mod: ${c.replaced}`);
    if (notes.length)
        p.comment = notes.join(' ');
    return p;
}
function binaryPackage(b, created, tool) {
    const p = pkgBase(b.ref, b.name);
    p.packageFileName = b.file;
    p.checksums = [{ algorithm: 'SHA256', checksumValue: b.sha256 }];
    p.primaryPackagePurpose = 'APPLICATION';
    p.comment = b.goVersion
        ? `Built by ${b.goVersion}${b.mainPackage ? ` from the package ${b.mainPackage}` : ''}.`
        : 'Holds no Go build info.';
    if (b.settings.length) {
        p.annotations = [
            {
                annotationDate: created,
                annotationType: 'OTHER',
                annotator: tool,
                comment: `go build settings:\n${b.settings.map((s) => `${s.key}=${s.value}`).join('\n')}`,
            },
        ];
    }
    return p;
}
function spdxDocument(model) {
    const s = model.subject;
    const created = isoTime(s.created);
    const tool = `Tool: ${s.tool.name}-${s.tool.version}`;
    const slugId = 'SPDXRef-Slug';
    const rel = (a, type, b) => ({
        spdxElementId: a,
        relationshipType: type,
        relatedSpdxElement: b,
    });
    const relationships = [rel('SPDXRef-DOCUMENT', 'DESCRIBES', slugId)];
    for (const b of model.binaries) {
        const id = `SPDXRef-${b.ref}`;
        relationships.push(rel(slugId, 'CONTAINS', id));
        if (b.builtFrom)
            relationships.push(rel(id, 'GENERATED_FROM', `SPDXRef-${b.builtFrom}`));
        for (const l of b.links) {
            if (l !== b.builtFrom)
                relationships.push(rel(id, 'STATIC_LINK', `SPDXRef-${l}`));
        }
    }
    const slug = pkgBase('Slug', s.name);
    slug.primaryPackagePurpose = 'APPLICATION';
    slug.comment = 'The slug: its binaries, Procfile and app files, as built by go-paas-build.';
    const body = {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: s.name,
        documentNamespace: '',
        creationInfo: { created, creators: [tool] },
        packages: [
            slug,
            ...model.binaries.map((b) => binaryPackage(b, created, tool)),
            ...model.components.map(componentPackage),
        ],
        relationships,
    };
    body.documentNamespace = documentUri(model, sha256Hex(JSON.stringify(body)));
    return `${JSON.stringify(body, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./src/sbom/index.ts











const SBOM_FORMATS = {
    spdx: { label: 'SPDX 2.3', suffix: '.spdx.json' },
    cyclonedx: { label: 'CycloneDX 1.5', suffix: '.cdx.json' },
};
function renderSbom(model, format) {
    return format === 'spdx' ? spdxDocument(model) : cyclonedxDocument(model);
}
/** The URL of the repository the workflow runs for, when the runner names one. */
function repositoryUrl(env) {
    const repo = env.GITHUB_REPOSITORY ?? '';
    if (!/^[\w.-]+\/[\w.-]+$/.test(repo))
        return undefined;
    let server = env.GITHUB_SERVER_URL || 'https://github.com';
    try {
        const u = new URL(server);
        if (u.protocol !== 'https:' && u.protocol !== 'http:')
            return undefined;
        server = u.origin;
    }
    catch {
        return undefined;
    }
    return `${server}/${repo}`;
}
async function sha256File(file) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of external_node_fs_default().createReadStream(file))
        h.update(chunk);
    return h.digest('hex');
}
/**
 * Reads the build info of each binary in the slug with the Go that built them (`go version -m`,
 * which reads any binary format Go writes, cross-compiled ones included) and writes the SBOM as
 * `<name>.spdx.json` (or `.cdx.json`) beside the slug directory, whole or not at all.
 */
async function writeSbom(opts) {
    const { genv, log } = opts;
    const slugDir = opts.slug.dir;
    const goBin = external_node_path_default().join(genv.goroot, 'bin', 'go');
    const binaries = await Promise.all(opts.slug.binaries.map(async (abs) => {
        const file = external_node_path_default().relative(slugDir, abs).split((external_node_path_default()).sep).join('/');
        const st = external_node_fs_default().lstatSync(abs);
        if (!st.isFile())
            throw new errors/* UserError */.y(`SBOM: ${(0,log_text/* show */.WU)(file)} is not a regular file`);
        const [sha256, res] = await Promise.all([
            sha256File(abs),
            run(goBin, ['version', '-m', abs], { cwd: slugDir, env: genv.env, quiet: true }),
        ]);
        const info = res.code === 0 ? parseVersionM(res.stdout, abs) : undefined;
        return { file, sha256, info };
    }));
    const bare = binaries.filter((b) => !b.info).map((b) => (0,log_text/* show */.WU)(b.file));
    if (bare.length) {
        log.warning(`SBOM: ${bare.join(', ')} hold${bare.length === 1 ? 's' : ''} no Go build info (not built by go?): listed by checksum only`);
    }
    const model = buildModel({
        name: opts.name,
        created: opts.created,
        tool: PRODUCT,
        repositoryUrl: repositoryUrl(opts.env),
        binaries,
    });
    const { label, suffix } = SBOM_FORMATS[opts.format];
    const target = external_node_path_default().join(external_node_path_default().dirname(slugDir), `${opts.name}${suffix}`);
    const tmp = `${target}.${process.pid}.tmp`;
    try {
        external_node_fs_default().rmSync(tmp, { force: true });
        external_node_fs_default().writeFileSync(tmp, renderSbom(model, opts.format), { flag: 'wx', mode: 0o644 });
        external_node_fs_default().renameSync(tmp, target);
    }
    catch (err) {
        external_node_fs_default().rmSync(tmp, { force: true });
        throw new errors/* UserError */.y(`Writing the SBOM ${(0,log_text/* show */.WU)(target)} failed: ${(0,errors/* errorMessage */.g)(err)}`);
    }
    const modules = moduleList(model);
    log.info(`Wrote the SBOM (${label}) to ${(0,log_text/* show */.WU)(target)}: ${binaries.length} binar${binaries.length === 1 ? 'y' : 'ies'}, ${modules.length} Go module${modules.length === 1 ? '' : 's'}${modules.length ? ` (${modules.slice(0, 8).map(log_text/* show */.WU).join(', ')}${modules.length > 8 ? ', …' : ''})` : ''}`);
    return { path: target, format: opts.format, label, modules, binaries: binaries.length };
}

;// CONCATENATED MODULE: ./src/slug/slug.ts








/** Heroku's `.profile.d/go.sh`: the binaries are on PATH, so `web: myapp` runs bin/myapp. */
const PROFILE_GO_SH = 'PATH=$PATH:$HOME/bin\n';
async function copyTree(from, to) {
    external_node_fs_default().mkdirSync(to, { recursive: true });
    // cp -a keeps modes and symlinks, and is several times faster than a JS copy of a GOROOT.
    const res = await run('cp', ['-a', `${from}/.`, to], {
        cwd: from,
        env: process.env,
        quiet: true,
    });
    if (res.code !== 0)
        throw new Error(`cp -a ${from} ${to} failed: ${res.stderr.trim()}`);
}
/**
 * Writes the slug (SPEC §6): the app's files (or, without app-files, its bin/ and .profile.d/),
 * `bin/<name>` (0755) for each binary beside them, the Procfile, `.profile.d/go.sh`, and the
 * optional toolchain and GOPATH layout. Its root is the app's root, as on the platforms. It is
 * assembled in a temporary sibling and renamed into place, so a failure never leaves a
 * half-written slug.
 */
async function writeSlug(dir, app, binaries, procfile, extras = {}) {
    const parent = external_node_path_default().dirname(dir);
    external_node_fs_default().mkdirSync(parent, { recursive: true });
    const tmp = external_node_fs_default().mkdtempSync(external_node_path_default().join(parent, `.${external_node_path_default().basename(dir)}.tmp-`));
    // The slug and its temporary sibling may be inside the app (the CLI's <app>/slug).
    const skip = [dir, tmp];
    try {
        // The app's files first (what the app and its hooks put in bin/ included), then ours over them.
        const copied = copyAppFiles(app.dir, tmp, {
            skip,
            slugignore: app.slugignore,
            only: app.files ? undefined : ['bin', '.profile.d'],
        });
        const at = writer(tmp);
        const placed = [];
        for (const b of binaries) {
            if (!external_node_fs_default().existsSync(b.path)) {
                throw new errors/* UserError */.y(`Go reported ${(0,log_text/* show */.WU)(b.path)} for ${(0,log_text/* show */.WU)(b.package)}, but no file is there`);
            }
            const name = external_node_path_default().basename(b.path);
            const dest = at(`bin/${name}`);
            // A clone where the file system can (copy-on-write: a later write to either file leaves the
            // other as it is), else a copy; never a hard link, through which a later step writing to
            // the slug's file in place would change GOBIN's too.
            external_node_fs_default().copyFileSync(b.path, dest, (external_node_fs_default()).constants.COPYFILE_FICLONE);
            external_node_fs_default().chmodSync(dest, 0o755);
            placed.push(external_node_path_default().join(dir, 'bin', name));
        }
        external_node_fs_default().writeFileSync(at('Procfile'), procfile);
        external_node_fs_default().writeFileSync(at('.profile.d/go.sh'), PROFILE_GO_SH, { mode: 0o644 });
        if (extras.goroot) {
            await copyTree(extras.goroot, at('.heroku/go'));
            external_node_fs_default().writeFileSync(at('.profile.d/goroot.sh'), 'export GOROOT=$HOME/.heroku/go\nPATH=$PATH:$GOROOT/bin\n', { mode: 0o644 });
        }
        if (extras.gopathSources) {
            const { appDir, importPath } = extras.gopathSources;
            // The plan checked it is an import path; the gate keeps it inside the slug all the same.
            const src = at(`src/${importPath}`);
            // The sources as they are (no .slugignore: they are for building), links as links.
            copyAppFiles(appDir, src, { skip });
            // A folder name can be the import path: quoted, so that sourcing the script runs nothing.
            const word = /^[\w.~+/-]+$/.test(importPath)
                ? importPath
                : `'${importPath.replace(/'/g, `'\\''`)}'`;
            external_node_fs_default().writeFileSync(at('.profile.d/zzgopath.sh'), `export GOPATH=$HOME\ncd $GOPATH/src/${word}\n`, { mode: 0o644 });
        }
        external_node_fs_default().chmodSync(tmp, 0o755);
        (0,fs_tree/* removeTree */.dM)(dir);
        external_node_fs_default().renameSync(tmp, dir);
        return { dir, binaries: placed, procfile, copied };
    }
    catch (err) {
        (0,fs_tree/* removeTree */.dM)(tmp);
        throw err;
    }
}
/**
 * Where the action writes `rel` in the slug being assembled: its directory, symlinks resolved,
 * must be inside the slug (an app's `.profile.d` or `src` that is a symlink cannot redirect the
 * write), and a file or symlink the app had there is removed first, so that the write replaces
 * it instead of going through it.
 */
function writer(tmp) {
    const root = (0,paths/* realRoot */.dU)(tmp, 'the slug');
    return (rel) => {
        const parent = (0,paths/* confine */.Do)(root, external_node_path_default().posix.dirname(rel), {
            label: `the slug's ${rel}`,
            allowRoot: true,
            accepted: "the app's symlinks cannot redirect what the action writes into the slug",
        });
        external_node_fs_default().mkdirSync(parent, { recursive: true });
        const target = external_node_path_default().join(parent, external_node_path_default().posix.basename(rel));
        const st = external_node_fs_default().lstatSync(target, { throwIfNoEntry: false });
        if (st && !st.isDirectory())
            external_node_fs_default().rmSync(target, { force: true });
        return target;
    };
}

;// CONCATENATED MODULE: ./src/slug/stage.ts



/**
 * The Slug phase (SPEC §5, §6): the Procfile (the app's, or the default one from what the build
 * made, with a warning for a process whose binary it did not make), then the slug in `dir`.
 */
async function makeSlug(dir, plan, built, 
/** The GOROOT of the Go that built. */
goroot, log) {
    const builtNames = built.binaries.map((b) => b.name);
    let procfileText;
    let entries;
    if (plan.procfile) {
        ({ text: procfileText, entries } = plan.procfile);
        log.info("Using the app's Procfile");
    }
    else {
        entries = defaultProcfile({ runCommand: plan.runCommand, binaryNames: built.processNames });
        procfileText = formatProcfile(entries);
        log.info(`Created a Procfile with the following entries:\n${procfileText.trimEnd().replace(/^/gm, '  ')}`);
        const produced = new Set(builtNames);
        for (const e of entries) {
            const bin = /^bin\/(\S+)$/.exec(e.command)?.[1];
            if (bin !== undefined && !produced.has(bin)) {
                log.warning(`Procfile: the ${e.name} process runs bin/${bin}, which this build does not produce (it built ${builtNames.join(', ') || 'nothing'}); build it too (package, install-package-spec) or write a Procfile`);
            }
        }
    }
    const extras = {
        goroot: plan.ship.goroot ? goroot : undefined,
        gopathSources: plan.ship.gopathSources
            ? { appDir: plan.app.dir, importPath: built.importPath }
            : undefined,
    };
    const written = await writeSlug(dir, plan.app, built.binaries, procfileText, extras);
    if (extras.goroot)
        log.info('Copied the Go toolchain to $HOME/.heroku/go in the slug');
    const web = webBinary(entries, builtNames);
    const { ignored } = written.copied;
    if (ignored.length) {
        log.info(`Left out by .slugignore: ${ignored.slice(0, 10).map(log_text/* show */.WU).join(', ')}${ignored.length > 10 ? `, … (${ignored.length})` : ''}`);
    }
    log.info(`Slug written to ${(0,log_text/* show */.WU)(written.dir)}: ${plan.app.files ? `the app's ${written.copied.files} files and ${written.copied.links} symlinks` : "the app's bin/ and .profile.d/"}, ${built.binaries.length} binaries, Procfile`);
    return { ...written, web };
}

;// CONCATENATED MODULE: ./src/toolchain/index-fetch.ts



function indexUrl(baseUrl) {
    return `${baseUrl}/?mode=json&include=all`;
}
/** Fetches and sanity-checks the go.dev-format release index. */
async function fetchReleaseIndex(base, log) {
    const url = indexUrl(base.url);
    try {
        const text = await withRetries('Fetching the Go release index', log, async () => readBody(await http_httpGet(url, base.authorization)));
        const data = JSON.parse(text);
        if (!Array.isArray(data) ||
            data.some((r) => typeof r?.version !== 'string' || !Array.isArray(r?.files))) {
            throw new errors/* UserError */.y(`The Go release index at ${(0,log_text/* show */.WU)(url)} is not in the go.dev format ([{version, stable, files}])`);
        }
        return data;
    }
    catch (err) {
        if (err instanceof HttpStatusError) {
            throw new errors/* UserError */.y(`Could not fetch the Go release index: ${(0,log_text/* show */.WU)(url)} answered HTTP ${err.status}`);
        }
        if (err instanceof SyntaxError) {
            throw new errors/* UserError */.y(`The Go release index at ${(0,log_text/* show */.WU)(url)} is not valid JSON: ${err.message}`);
        }
        if (err instanceof errors/* UserError */.y)
            throw err;
        throw new errors/* UserError */.y(`Could not fetch the Go release index ${(0,log_text/* show */.WU)(url)}: ${(0,errors/* errorMessage */.g)(err)}`);
    }
}

;// CONCATENATED MODULE: ./src/toolchain/toolcache.ts





/**
 * The runner tool cache layout that setup-go and the hosted images use:
 * `<toolCache>/go/<semver>/<arch>` plus a `<arch>.complete` marker, with Node's arch names.
 */
function toolCacheDir(toolCache, version, goArch) {
    return external_node_path_default().join(toolCache, 'go', version, (0,go_targets/* toolCacheArch */.Tm)(goArch));
}
function isComplete(dir) {
    return external_node_fs_default().existsSync(`${dir}.complete`) && external_node_fs_default().existsSync(dir);
}
/** Complete installs in the tool cache for that arch, as semver strings, newest first. */
function cachedVersions(toolCache, goArch) {
    let names;
    try {
        names = external_node_fs_default().readdirSync(external_node_path_default().join(toolCache, 'go'));
    }
    catch {
        return [];
    }
    return names
        .filter((v) => semver_default().valid(v) && isComplete(toolCacheDir(toolCache, v, goArch)))
        .sort((semver_default()).rcompare);
}
/** The version a GOROOT holds, from its VERSION file (first line, e.g. `go1.22.5`), as semver. */
function gorootVersion(goroot) {
    try {
        const first = external_node_fs_default().readFileSync(external_node_path_default().join(goroot, 'VERSION'), 'utf8').split('\n')[0]?.trim() ?? '';
        return goToSemver(first);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/toolchain/install.ts












/** A verified failure of the archive itself: final (never retried), and the message says why. */
class ArchiveError extends errors/* UserError */.y {
}
/** An archive name as go.dev writes them: one plain file name, nothing to travel up a URL path. */
const ARCHIVE_NAME = /^go[0-9A-Za-z][0-9A-Za-z._-]*\.(?:tar\.gz|zip)$/;
/** A temporary tree nobody has touched for this long belongs to an install that died. */
const STALE_AFTER_MS = 60 * 60 * 1000;
/**
 * Installs a Go release into the tool cache and returns its GOROOT. The archive is streamed once:
 * every chunk is hashed and fed to `tar` at the same time, so the install ends when the download
 * ends. It is extracted into a temporary directory beside the final one and renamed into place
 * only after the sha256 matched the index and the tree is a Go of that version; any failure
 * removes the temporary directory, and what removing it costs never hides why it failed.
 */
async function installGo(req) {
    const target = toolCacheDir(req.toolCache, req.version, req.goArch);
    const name = req.file.filename;
    if (!ARCHIVE_NAME.test(name) || name.includes('..')) {
        throw new errors/* UserError */.y(`The release index names ${(0,log_text/* quote */.hD)(name)} as the archive of Go ${req.version}; an archive name is one plain file name such as go1.24.4.linux-amd64.tar.gz`);
    }
    if (!/^[0-9a-f]{64}$/i.test(req.file.sha256 ?? '')) {
        throw new errors/* UserError */.y(`The release index has no sha256 for ${name}; refusing to install an unverified Go`);
    }
    const url = `${req.download.url}/${name}`;
    external_node_fs_default().mkdirSync(external_node_path_default().dirname(target), { recursive: true });
    removeStaleTrees(target, req.log);
    req.log.info(`Downloading ${(0,log_text/* show */.WU)(url)}`);
    const started = Date.now();
    let bytes = 0;
    await withRetries(`Downloading ${name}`, req.log, async () => {
        const tmp = `${target}.tmp-${hostTag()}-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
        try {
            bytes = await streamExtract(url, req.download.authorization, tmp, req.file);
            checkTree(tmp, req.version, { name, inside: 'go/', says: 'the release index says' });
            publish(tmp, target);
        }
        catch (err) {
            discard(tmp, req.log);
            throw err;
        }
    }).catch((err) => {
        removeEmptyParents(target);
        if (err instanceof errors/* UserError */.y)
            throw err;
        if (err instanceof HttpStatusError) {
            throw new errors/* UserError */.y(`Could not download Go ${req.version}: ${(0,log_text/* show */.WU)(url)} answered HTTP ${err.status}`);
        }
        throw new errors/* UserError */.y(`Could not download Go ${req.version} from ${(0,log_text/* show */.WU)(url)}: ${(0,errors/* errorMessage */.g)(err)}`);
    });
    const secs = (Date.now() - started) / 1000;
    req.log.info(`Installed Go ${req.version} in ${(0,log_text/* show */.WU)(target)} (${(0,fs_tree/* formatSize */.Xq)(bytes)}, sha256 verified, ${secs.toFixed(1)} s)`);
    return target;
}
/** This machine, in temporary tree names: a pid only means something on the host that owns it. */
function hostTag() {
    return (external_node_os_default().hostname()
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 32) || 'host');
}
function pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/**
 * Removes what dead installs of this version left beside `target`: temporary trees whose
 * process is gone (on this host) or that are older than STALE_AFTER_MS, and trees a publish set
 * aside. A live install's tree is left alone.
 */
function removeStaleTrees(target, log, now = Date.now()) {
    const dir = external_node_path_default().dirname(target);
    const base = external_node_path_default().basename(target);
    let names;
    try {
        names = external_node_fs_default().readdirSync(dir);
    }
    catch {
        return;
    }
    for (const entry of names) {
        if (!entry.startsWith(`${base}.tmp-`) && !entry.startsWith(`${base}.stale-`))
            continue;
        const p = external_node_path_default().join(dir, entry);
        const m = /\.tmp-([A-Za-z0-9]+)-(\d+)-[0-9a-f]+$/.exec(entry);
        let stale = !m; // set-aside trees and unknown shapes
        if (m) {
            let mtimeMs;
            try {
                mtimeMs = external_node_fs_default().lstatSync(p).mtimeMs;
            }
            catch {
                continue;
            }
            const deadHere = m[1] === hostTag() && !pidAlive(Number(m[2]));
            stale = deadHere || now - mtimeMs > STALE_AFTER_MS;
        }
        if (!stale)
            continue;
        try {
            (0,fs_tree/* removeTree */.dM)(p);
            log.info(`Removed ${(0,log_text/* show */.WU)(entry)}, left in the tool cache by an install that did not finish`);
        }
        catch (err) {
            log.warning(`Could not remove ${(0,log_text/* show */.WU)(p)}: ${(0,errors/* errorMessage */.g)(err)}`);
        }
    }
}
/** Removes a failed install's tree; a failure to do so is a warning, not the error shown. */
function discard(tmp, log) {
    try {
        (0,fs_tree/* removeTree */.dM)(tmp);
    }
    catch (err) {
        log.warning(`Could not remove the temporary tree ${(0,log_text/* show */.WU)(tmp)}: ${(0,errors/* errorMessage */.g)(err)}; the next install of this version removes it`);
    }
}
/**
 * The extracted tree must be the release that was announced: `VERSION` names it and `bin/go`
 * is a regular file, both inside the tree (a verified archive from a compromised mirror could
 * point them anywhere).
 */
function checkTree(tmp, version, from) {
    const { name, inside } = from;
    const root = (0,paths/* realRoot */.dU)(tmp, `the extracted ${name}`);
    const gate = (rel) => (0,paths/* confine */.Do)(root, rel, { label: `${name}: ${inside}${rel}`, accepted: 'not a Go release archive' });
    let first = '';
    try {
        first = external_node_fs_default().readFileSync(gate('VERSION'), 'utf8').split('\n')[0]?.trim() ?? '';
    }
    catch (err) {
        if (err instanceof errors/* UserError */.y)
            throw new ArchiveError(err.message);
    }
    const holds = goToSemver(first);
    if (holds !== version) {
        throw new ArchiveError(`${name} holds Go ${holds ?? '(no VERSION file)'}, not ${version} as ${from.says}; nothing was installed`);
    }
    let goBin;
    try {
        goBin = external_node_fs_default().lstatSync(gate(external_node_path_default().join('bin', 'go')));
    }
    catch (err) {
        if (err instanceof errors/* UserError */.y)
            throw new ArchiveError(err.message);
    }
    if (!goBin?.isFile()) {
        throw new ArchiveError(`${name} does not hold ${inside}bin/go; it is not a Go release archive`);
    }
}
/** Moves a verified tree into place. A concurrent installer of the same version may win: fine. */
function publish(tmp, target) {
    if (external_node_fs_default().existsSync(target) && !isComplete(target)) {
        // Left over from a run that died between rename and marker, or another job mid-publish. Either
        // way its content is a verified tree of the same release; ours replaces it atomically.
        const aside = `${target}.stale-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
        try {
            external_node_fs_default().renameSync(target, aside);
            (0,fs_tree/* removeTree */.dM)(aside);
        }
        catch {
            /* someone else moved it first, or the next install removes it */
        }
    }
    try {
        external_node_fs_default().renameSync(tmp, target);
    }
    catch (err) {
        const code = err.code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST')
            throw err;
        // Another job published the same verified release a moment ago: use theirs.
        (0,fs_tree/* removeTree */.dM)(tmp);
    }
    external_node_fs_default().writeFileSync(`${target}.complete`, '');
}
/** Downloads `url` into `tar -xz` while hashing it; returns the byte count after verification. */
async function streamExtract(url, authorization, dest, file) {
    const res = await http_httpGet(url, authorization);
    external_node_fs_default().mkdirSync(dest, { recursive: true });
    const expectedLength = Number(res.headers['content-length'] ?? NaN);
    // GNU tar's defaults do the containment: member names with `..` are skipped, leading `/` is
    // stripped, and symlinks that point up or out are only created once everything else is out.
    const tar = (0,external_node_child_process_.spawn)('tar', ['-xzf', '-', '-C', dest, '--strip-components=1', '--no-same-owner'], {
        stdio: ['pipe', 'ignore', 'pipe'],
    });
    let tarErr = '';
    tar.stderr.on('data', (b) => (tarErr += b.toString()));
    // A corrupt archive can make tar quit early; keep hashing the rest so the digests are reported.
    let tarDead = false;
    tar.stdin.on('error', () => (tarDead = true));
    const tarExit = new Promise((resolve) => tar.on('close', (code) => resolve(code ?? 1)));
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let received = 0;
    let streamError;
    try {
        for await (const chunk of res) {
            const buf = chunk;
            hash.update(buf);
            received += buf.length;
            if (!tarDead && !tar.stdin.write(buf)) {
                await new Promise((r) => {
                    const done = () => {
                        tar.stdin.off('drain', done);
                        tar.stdin.off('close', done);
                        r();
                    };
                    tar.stdin.once('drain', done);
                    tar.stdin.once('close', done);
                });
            }
        }
    }
    catch (err) {
        streamError = err;
    }
    tar.stdin.end();
    const code = await tarExit;
    const actual = hash.digest('hex');
    const expected = file.sha256.toLowerCase();
    const short = Number.isFinite(expectedLength) && received < expectedLength;
    if (streamError || short) {
        const detail = `received ${received} of ${Number.isFinite(expectedLength) ? expectedLength : '?'} bytes`;
        // A connection cut mid-body is a network error: retried by the caller.
        throw new Error(`the download of ${file.filename} was cut short (${detail}; sha256 expected ${expected}, got ${actual})`);
    }
    if (actual !== expected) {
        throw new ArchiveError(`Checksum mismatch for ${file.filename}: sha256 expected ${expected}, got ${actual}; nothing was installed`);
    }
    if (code !== 0) {
        // tar's messages quote member names, which the archive chose.
        throw new ArchiveError(`Could not extract ${file.filename} (tar exited ${code}): ${(0,log_text/* quote */.hD)(tarErr.trim().split('\n')[0] ?? '')}`);
    }
    return received;
}
/** A failed install leaves nothing behind, not even the empty version directory. */
function removeEmptyParents(target) {
    for (const dir of [external_node_path_default().dirname(target), external_node_path_default().dirname(external_node_path_default().dirname(target))]) {
        try {
            external_node_fs_default().rmdirSync(dir);
        }
        catch {
            /* not empty (another arch or a concurrent install), or already gone */
        }
    }
}

;// CONCATENATED MODULE: ./src/toolchain/module-zip.ts






/**
 * Unpacks a Go module zip. Every member is `<module>@<version>/<file>` (for golang.org/toolchain
 * the Go tree itself is at that prefix: `bin/go`, `VERSION`, `src/…`, `pkg/tool/…`, no `go/`
 * directory); `<file>` is written under `dest`. While it writes, it hashes each member, so the
 * zip's `h1:` (Go's dirhash Hash1) comes out of the same single read: sha256 of the lines
 * `<sha256 hex of member>  <member name>\n`, members in byte order of their names, base64,
 * prefixed `h1:`.
 *
 * What a hostile zip could try is refused (final, never retried): a member outside the prefix,
 * a `..` or absolute name, a symlink or other special file, the same name twice. Only regular
 * files and directories are made, in a directory nobody else writes to, so nothing is written
 * outside `dest`. Execute bits recorded in the zip are kept.
 */
class ZipError extends errors/* UserError */.y {
}
/** What the go command allows a module zip to hold at most (golang.org/x/mod/zip). */
const MAX_ZIP_BYTES = 500 * 1024 * 1024;
const MAX_UNZIPPED_BYTES = 500 * 1024 * 1024;
const EMPTY_SHA256 = (0,external_node_crypto_.createHash)('sha256').digest('hex');
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
/** Hash1 of (name, sha256 hex) pairs. Names must not hold a line break. */
function hash1(files) {
    const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    const summary = (0,external_node_crypto_.createHash)('sha256');
    for (const f of sorted)
        summary.update(`${f.sha256}  ${f.name}\n`);
    return `h1:${summary.digest('base64')}`;
}
function unzipModule(zipPath, prefix, dest) {
    const refuse = (why) => new ZipError(`The zip of ${prefix.replace(/\/$/, '')} ${why}; nothing was installed`);
    const sums = [];
    // Read whole (at most MAX_ZIP_BYTES): one read instead of two per member.
    const zip = external_node_fs_default().readFileSync(zipPath);
    const entries = centralDirectory(zip, refuse);
    external_node_fs_default().mkdirSync(dest, { recursive: true });
    const made = new Set([dest]);
    let bytes = 0;
    let failed;
    const mkdirs = (dir) => {
        if (made.has(dir))
            return;
        mkdirs(external_node_path_default().dirname(dir));
        try {
            external_node_fs_default().mkdirSync(dir);
        }
        catch (err) {
            if (err.code !== 'EEXIST' || !external_node_fs_default().lstatSync(dir).isDirectory()) {
                throw err;
            }
        }
        made.add(dir);
    };
    try {
        for (const entry of entries) {
            const name = entry.fileName;
            if (/[\n\\]/.test(name))
                throw refuse(`holds ${(0,log_text/* quote */.hD)(name)}, a name with \\ or a line break`);
            if (!name.startsWith(prefix)) {
                throw refuse(`holds ${(0,log_text/* quote */.hD)(name)}, outside ${(0,log_text/* quote */.hD)(prefix)}`);
            }
            const rel = name.slice(prefix.length);
            const isDir = name.endsWith('/');
            const parts = (isDir ? rel.slice(0, -1) : rel).split('/');
            if (rel !== '' && parts.some((p) => p === '' || p === '.' || p === '..')) {
                throw refuse(`holds ${(0,log_text/* quote */.hD)(name)}, not a plain relative name`);
            }
            const mode = entry.externalFileAttributes >>> 16;
            const unix = entry.versionMadeBy >> 8 === 3 && mode !== 0;
            const type = unix ? mode & S_IFMT : isDir ? S_IFDIR : S_IFREG;
            if ((isDir && type !== S_IFDIR) || (!isDir && type !== S_IFREG)) {
                throw refuse(`holds ${(0,log_text/* quote */.hD)(name)}, which is not a regular file (a symlink or special file)`);
            }
            bytes += entry.uncompressedSize;
            if (bytes > MAX_UNZIPPED_BYTES)
                throw refuse(`unpacks to more than 500 MiB`);
            const target = external_node_path_default().join(dest, ...parts.filter((p) => p !== ''));
            if (isDir) {
                mkdirs(target);
                sums.push({ name, sha256: EMPTY_SHA256 });
                continue;
            }
            mkdirs(external_node_path_default().dirname(target));
            const data = readMember(zip, entry, refuse);
            try {
                external_node_fs_default().writeFileSync(target, data, { flag: 'wx', mode: unix && mode & 0o111 ? 0o755 : 0o644 });
            }
            catch (err) {
                if (err.code === 'EEXIST')
                    throw refuse(`holds ${(0,log_text/* quote */.hD)(name)} twice`);
                throw err;
            }
            sums.push({ name, sha256: (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex') });
        }
    }
    catch (err) {
        failed = err;
    }
    if (failed) {
        if (failed instanceof errors/* UserError */.y)
            throw failed;
        throw refuse(`cannot be unpacked: ${(0,log_text/* quote */.hD)((0,errors/* errorMessage */.g)(failed))}`);
    }
    return { h1: hash1(sums), files: sums.length, bytes };
}
const END_RECORD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
/**
 * The members, from the central directory read in one piece (end record: last 22 bytes plus at
 * most a 64 KiB comment). Zip64 is refused: a Go toolchain has far fewer than 65,535 files and
 * far fewer than 4 GiB.
 */
function centralDirectory(zip, refuse) {
    const size = zip.length;
    const tailStart = Math.max(0, size - (22 + 0xffff));
    const tail = readAt(zip, size - tailStart, tailStart);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === END_RECORD && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
            end = i;
            break;
        }
    }
    if (end < 0)
        throw refuse('is not a zip (no end of central directory record)');
    const count = tail.readUInt16LE(end + 10);
    const dirSize = tail.readUInt32LE(end + 12);
    const dirStart = tail.readUInt32LE(end + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirStart === 0xffffffff) {
        throw refuse('is a zip64 zip, which a Go toolchain never needs');
    }
    if (dirStart + dirSize > tailStart + end)
        throw refuse('is not a zip (its directory overlaps its end)');
    const dir = readAt(zip, dirSize, dirStart);
    const entries = [];
    for (let at = 0; entries.length < count;) {
        if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL_HEADER) {
            throw refuse(`is not a zip (entry ${entries.length + 1} of ${count} is not in its directory)`);
        }
        const flags = dir.readUInt16LE(at + 8);
        const nameLength = dir.readUInt16LE(at + 28);
        const next = at + 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
        if (next > dir.length)
            throw refuse('is not a zip (its directory is cut short)');
        const raw = dir.subarray(at + 46, at + 46 + nameLength);
        const fileName = raw.toString(flags & 0x800 ? 'utf8' : 'latin1');
        if (!(flags & 0x800) && raw.some((b) => b > 0x7f)) {
            throw refuse(`holds ${(0,log_text/* quote */.hD)(fileName)}, a name neither ASCII nor marked UTF-8`);
        }
        const entry = {
            fileName,
            versionMadeBy: dir.readUInt16LE(at + 4),
            generalPurposeBitFlag: flags,
            compressionMethod: dir.readUInt16LE(at + 10),
            compressedSize: dir.readUInt32LE(at + 20),
            uncompressedSize: dir.readUInt32LE(at + 24),
            externalFileAttributes: dir.readUInt32LE(at + 38),
            relativeOffsetOfLocalHeader: dir.readUInt32LE(at + 42),
        };
        if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
            throw refuse('is a zip64 zip, which a Go toolchain never needs');
        }
        entries.push(entry);
        at = next;
    }
    return entries;
}
const LOCAL_HEADER = 0x04034b50;
/**
 * A member's bytes, inflated in one synchronous step (a Go tree is some 15,000 mostly small
 * files: per-file streams would cost more than the inflating). Its data starts after its
 * local header, whose name and extra field lengths may differ from the central directory's.
 */
function readMember(zip, entry, refuse) {
    const name = (0,log_text/* quote */.hD)(entry.fileName);
    if (entry.generalPurposeBitFlag & 0x1)
        throw refuse(`holds ${name} encrypted`);
    const header = readAt(zip, 30, entry.relativeOffsetOfLocalHeader);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) {
        throw refuse(`has no local header for ${name}`);
    }
    const start = entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const raw = readAt(zip, entry.compressedSize, start);
    if (raw.length !== entry.compressedSize)
        throw refuse(`ends inside ${name}`);
    let data;
    if (entry.compressionMethod === 0)
        data = raw;
    else if (entry.compressionMethod === 8) {
        try {
            // One output chunk of the announced size: no copying of chunks together.
            data = (0,external_node_zlib_.inflateRawSync)(raw, {
                maxOutputLength: entry.uncompressedSize + 1,
                chunkSize: Math.max(64, entry.uncompressedSize + 1),
            });
        }
        catch (err) {
            throw refuse(`cannot be unpacked: ${name} is corrupt (${(0,errors/* errorMessage */.g)(err)})`);
        }
    }
    else
        throw refuse(`holds ${name} compressed with method ${entry.compressionMethod}, not deflate`);
    if (data.length !== entry.uncompressedSize) {
        throw refuse(`holds ${name} of ${data.length} bytes where its entry says ${entry.uncompressedSize}`);
    }
    return data;
}
/** `length` bytes at `position`, fewer where the zip ends (a view, not a copy). */
function readAt(zip, length, position) {
    return zip.subarray(Math.min(position, zip.length), Math.min(position + length, zip.length));
}
/**
 * The go command's own fix-up after unpacking a toolchain (module zips need not record modes):
 * files under `bin/` and `pkg/tool/` are made executable.
 */
function allowExec(goroot) {
    for (const dir of ['bin', external_node_path_default().join('pkg', 'tool')]) {
        const walk = (d) => {
            let entries;
            try {
                entries = external_node_fs_default().readdirSync(d, { withFileTypes: true });
            }
            catch {
                return;
            }
            for (const e of entries) {
                const p = external_node_path_default().join(d, e.name);
                if (e.isDirectory())
                    walk(p);
                else if (e.isFile())
                    external_node_fs_default().chmodSync(p, external_node_fs_default().statSync(p).mode | 0o111);
            }
        };
        walk(external_node_path_default().join(goroot, dir));
    }
}

// EXTERNAL MODULE: ./src/toolchain/proxy-settings.ts
var proxy_settings = __nccwpck_require__(3673);
// EXTERNAL MODULE: ./src/toolchain/go-rules.ts
var go_rules = __nccwpck_require__(3);
// EXTERNAL MODULE: ./src/toolchain/note.ts
var note = __nccwpck_require__(67);
;// CONCATENATED MODULE: ./src/toolchain/tlog.ts

/**
 * The transparency log behind the Go checksum database, computed as golang.org/x/mod/sumdb/tlog
 * computes it (RFC 6962 hashing), so that the same tiles are read and the same checks made as by
 * the go command:
 *
 * - A record's hash is sha256(0x00 || record); an inner node is sha256(0x01 || left || right).
 * - Every hash of the tree is "stored" at an index: `storedHashIndex(level, n)` for the hash of
 *   the complete subtree of 2^level records starting at record n·2^level.
 * - The log serves those hashes as tiles of height H (8): the tile at tile level L, number N,
 *   holds the level-L·H hashes N·2^H … N·2^H+W−1 (W = 2^H for a full tile, fewer on the right
 *   edge: `tile/8/<L>/<N>.p/<W>`).
 * - Tiles are trusted only once checked: the tiles on the tree's right edge must hash to the
 *   signed root, and every other tile read must hash to its entry in the tile above it
 *   (`tileHashReader`).
 *
 * Indexes are JavaScript numbers: exact up to 2^53, so trees up to MAX_TREE_SIZE records.
 */
const HASH_SIZE = 32;
/** Stored indexes are about twice the tree size: this keeps them exact. */
const MAX_TREE_SIZE = 2 ** 51;
const sha256 = (...parts) => {
    const h = (0,external_node_crypto_.createHash)('sha256');
    for (const p of parts)
        h.update(p);
    return h.digest();
};
function recordHash(record) {
    return sha256(Buffer.from([0]), Buffer.from(record));
}
function nodeHash(left, right) {
    return sha256(Buffer.from([1]), left, right);
}
/** The hash of the empty tree. */
const EMPTY_HASH = sha256();
const pow2 = (k) => 2 ** k;
/** n >> k for n ≥ 0 beyond 32 bits. */
const shr = (n, k) => Math.floor(n / pow2(k));
/** tlog.StoredHashIndex: where the hash of level `level`, number `n` is stored (0 for n < 0, as Go). */
function storedHashIndex(level, n) {
    for (let l = level; l > 0; l--)
        n = 2 * n + 1;
    let i = 0;
    for (; n > 0; n = shr(n, 1))
        i += n;
    return i + level;
}
function trailingZeros(n) {
    let z = 0;
    for (; n > 0 && n % 2 === 0; n /= 2)
        z++;
    return n === 0 ? 64 : z;
}
/** tlog.SplitStoredHashIndex: the level and number of a stored index. */
function splitStoredHashIndex(index) {
    let n = shr(index, 1);
    let indexN = storedHashIndex(0, n);
    for (;;) {
        const x = indexN + 1 + trailingZeros(n + 1);
        if (x > index)
            break;
        n++;
        indexN = x;
    }
    const level = index - indexN;
    return { level, n: shr(n, level) };
}
/** tlog.StoredHashCount: how many hashes a tree of n records stores. */
function storedHashCount(n) {
    if (n === 0)
        return 0;
    let count = storedHashIndex(0, n - 1) + 1;
    for (let i = n - 1; i % 2 === 1; i = shr(i, 1))
        count++;
    return count;
}
/** maxpow2: the largest power of two below n, and its log. */
function maxpow2(n) {
    let l = 0;
    while (pow2(l + 1) < n)
        l++;
    return { k: pow2(l), l };
}
/** The stored indexes of the complete subtrees that make up [lo, hi), left to right. */
function subTreeIndex(lo, hi, need = []) {
    while (lo < hi) {
        const { k, l } = maxpow2(hi - lo + 1);
        need.push(storedHashIndex(l, shr(lo, l)));
        lo += k;
    }
    return need;
}
/** The root hash of a tree of `n` records (tlog.TreeHash). */
async function treeHash(n, read) {
    if (n === 0)
        return EMPTY_HASH;
    const indexes = subTreeIndex(0, n);
    const hashes = await read(indexes);
    if (hashes.length !== indexes.length)
        throw new TileError('read the wrong number of hashes');
    let h = hashes[hashes.length - 1];
    for (let i = hashes.length - 2; i >= 0; i--)
        h = nodeHash(hashes[i], h);
    return h;
}
/** Why tiles could not be used: the message completes "the checksum database …". */
class TileError extends Error {
}
/** tlog's tileForIndex: the smallest tile holding a stored hash, and the hash's bytes in it. */
function tileForIndex(h, index) {
    const split = splitStoredHashIndex(index);
    let { level, n } = split;
    const l = Math.floor(level / h);
    level -= l * h;
    const tn = shr(n * pow2(level), h);
    n -= shr(tn * pow2(h), level);
    return {
        tile: { h, l, n: tn, w: (n + 1) * pow2(level) },
        start: n * pow2(level) * HASH_SIZE,
        end: (n + 1) * pow2(level) * HASH_SIZE,
    };
}
/** The root of a power-of-two run of a tile's hashes. */
function tileHash(data) {
    if (data.length === HASH_SIZE)
        return data;
    const half = data.length / 2;
    return nodeHash(tileHash(data.subarray(0, half)), tileHash(data.subarray(half)));
}
/** tlog.HashFromTile: a stored hash, computed from the tile that holds it. */
function hashFromTile(t, data, index) {
    if (t.h < 1 || t.h > 30 || t.l < 0 || t.l >= 64 || t.w < 1 || t.w > pow2(t.h)) {
        throw new TileError(`asked for an invalid tile ${tilePath(t)}`);
    }
    if (data.length < t.w * HASH_SIZE)
        throw new TileError(`served ${tilePath(t)} too short`);
    const { tile, start, end } = tileForIndex(t.h, index);
    if (t.l !== tile.l || t.n !== tile.n || t.w < tile.w) {
        throw new TileError(`has hash ${index} in ${tilePath(tile)}, not ${tilePath(t)}`);
    }
    return tileHash(data.subarray(start, end));
}
/**
 * The path of a tile: `tile/<H>/<L>/<N>[.p/<W>]`, N in groups of three digits, each group but the
 * last prefixed with `x` (1234067 → `x001/x234/067`), so that no directory grows too large.
 */
function tilePath(t) {
    let n = t.n;
    let digits = String(n % 1000).padStart(3, '0');
    while (n >= 1000) {
        n = Math.floor(n / 1000);
        digits = `x${String(n % 1000).padStart(3, '0')}/${digits}`;
    }
    const partial = t.w === pow2(t.h) ? '' : `.p/${t.w}`;
    return `tile/${t.h}/${t.l === -1 ? 'data' : t.l}/${digits}${partial}`;
}
/** tlog's tileParent: the tile k levels up that covers t, in a tree of n records (undefined: none). */
function tileParent(t, k, n) {
    const p = { ...t, l: t.l + k, n: shr(t.n, k * t.h), w: pow2(t.h) };
    const max = shr(n, p.l * p.h);
    if (p.n * pow2(p.h) + p.w >= max) {
        if (p.n * pow2(p.h) >= max)
            return undefined;
        p.w = max - p.n * pow2(p.h);
    }
    return p;
}
const tileKey = (t) => (t ? `${t.l}/${t.n}/${t.w}` : 'none');
/**
 * tlog.TileHashReader: reads stored hashes of `tree` from tiles, trusting none that it has not
 * checked against the tree's signed root, directly or through the tiles above it.
 */
function tileHashReader(tree, tr) {
    return async (indexes) => {
        const h = tr.height;
        const order = new Map();
        const tiles = [];
        const add = (t) => {
            order.set(tileKey(t), tiles.length);
            tiles.push(t);
            return tiles.length - 1;
        };
        // The tiles of the tree's right edge: together they give the root.
        const stx = subTreeIndex(0, tree.size);
        if (stx.length === 0)
            throw new TileError('has no hashes in a tree of 0 records');
        const stxTile = stx.map((x) => {
            const t = tileParent(tileForIndex(h, x).tile, 0, tree.size);
            if (!t)
                throw new TileError(`has no tile for hash ${x}`);
            return order.get(tileKey(t)) ?? add(t);
        });
        // Each index's tile, and the full tiles between it and one already read.
        const indexTile = indexes.map((x) => {
            if (x >= storedHashIndex(0, tree.size))
                throw new TileError('asked for a hash not in its tree');
            const t = tileForIndex(h, x).tile;
            let k = 0;
            for (; !order.has(tileKey(tileParent(t, k, tree.size))); k++) {
                if (k > 64)
                    throw new TileError(`has no tile above ${tilePath(t)}`);
            }
            let at = order.get(tileKey(tileParent(t, k, tree.size)));
            for (k--; k >= 0; k--) {
                const p = tileParent(t, k, tree.size);
                if (!p || p.w !== pow2(p.h))
                    throw new TileError(`has no full tile above ${tilePath(t)}`);
                at = add(p);
            }
            return at;
        });
        const data = await tr.readTiles(tiles);
        tiles.forEach((t, i) => {
            if (data[i].length !== t.w * HASH_SIZE) {
                throw new TileError(`served ${tilePath(t)} with ${data[i].length} bytes, not ${t.w} hashes of ${HASH_SIZE}`);
            }
        });
        const inconsistent = () => new TileError(`served tiles that do not give its signed tree of ${tree.size} records`);
        let root;
        for (let i = stx.length - 1; i >= 0; i--) {
            const x = hashFromTile(tiles[stxTile[i]], data[stxTile[i]], stx[i]);
            root = root ? nodeHash(x, root) : x;
        }
        if (!root.equals(tree.hash))
            throw inconsistent();
        for (let i = stxTile[stx.length - 1] + 1; i < tiles.length; i++) {
            const t = tiles[i];
            const p = tileParent(t, 1, tree.size);
            const j = order.get(tileKey(p));
            if (!p || j === undefined)
                throw new TileError(`has no tile above ${tilePath(t)}`);
            const x = hashFromTile(p, data[j], storedHashIndex(p.l * p.h, t.n));
            if (!x.equals(tileHash(data[i])))
                throw inconsistent();
        }
        return indexes.map((x, i) => hashFromTile(tiles[indexTile[i]], data[indexTile[i]], x));
    };
}

// EXTERNAL MODULE: ./src/toolchain/gosumdb.ts
var gosumdb = __nccwpck_require__(3376);
;// CONCATENATED MODULE: ./src/toolchain/sumdb.ts





/**
 * The Go checksum database client for one module version, making the decisions of
 * golang.org/x/mod/sumdb's Client as the go command uses it (`go help module-auth`):
 * `/lookup/<module>@<version>` gives the record and a signed tree head, `/tile/8/…` the hashes
 * that prove the record is in that tree; `/latest` is read first, as the head the go command
 * keeps from earlier runs, and the two heads must be one history.
 */

const TILE_HEIGHT = 8;
/** tlog.ParseTree: `go.sum database tree`, the size, the base64 root hash; more lines are ignored. */
function parseTreeNote(text) {
    const bytes = Buffer.from(text);
    const prefix = 'go.sum database tree\n';
    const lines = bytes.toString('latin1').split('\n');
    if (!bytes.toString('latin1').startsWith(prefix) || lines.length < 4 || bytes.length > 1e6) {
        return undefined;
    }
    const size = (0,go_rules/* goParseInt64 */.VK)(lines[1]);
    // The size is written in its one canonical form (no sign, no leading zero).
    if (size === undefined || size < 0n || lines[1] !== size.toString())
        return undefined;
    const hash = (0,go_rules/* goBase64 */.Y7)(lines[2]);
    return hash?.length === HASH_SIZE ? { size, hash } : undefined;
}
/** tlog's isValidRecordText: UTF-8, no control character but \n, no blank line, ends in \n. */
function isRecordText(text) {
    const s = text.toString('utf8');
    // eslint-disable-next-line no-control-regex
    return (0,go_rules/* isUtf8 */.co)(text) && !/[\x00-\x09\x0b-\x1f]/.test(s) && !s.includes('\n\n') && s.endsWith('\n');
}
/** tlog.ParseRecord: the record id, the record's text, and what follows (the signed head). */
function parseRecord(msg) {
    const nl = msg.indexOf(0x0a);
    if (nl < 0)
        return undefined;
    const id = (0,go_rules/* goParseInt64 */.VK)(msg.subarray(0, nl).toString('latin1'));
    if (id === undefined)
        return undefined;
    const body = msg.subarray(nl + 1);
    const blank = body.indexOf('\n\n');
    if (blank < 0)
        return undefined;
    const text = body.subarray(0, blank + 1);
    return isRecordText(text) ? { id, text, rest: body.subarray(blank + 2) } : undefined;
}
/**
 * What the go command compares the download with: the lines of the record for `module version`
 * (Client.Lookup), the first of them that is an `h1:` (modfetch's checkSumDB). Other hash kinds
 * (`h2:`) are passed over.
 */
function recordedHash(record, module, version) {
    const prefix = `${module} ${version} `;
    const line = record.split('\n').find((l) => l.startsWith(`${prefix}h1:`));
    return line?.slice(prefix.length);
}
/**
 * cmd/go/internal/web's Join: `path` after the base URL's path (one trailing slash dropped), its
 * query kept.
 */
function joinUrl(base, path) {
    const u = new URL(base);
    u.pathname = `${u.pathname.replace(/\/$/, '')}/${path}`;
    return u.href;
}
/** A refusal by the checksum check: never retried, never hidden by another error. */
class SumDbError extends errors/* UserError */.y {
}
/**
 * Reads tiles, each fetched once. A partial tile that cannot be fetched is read from the full
 * tile (its first W hashes) when that one can be, as Go's client does: the log may have filled
 * the tile since the tree was signed.
 */
function tileFetcher(base, fetch) {
    const cache = new Map();
    const one = async (tile) => {
        const full = { ...tile, w: 2 ** tile.h };
        try {
            return await fetch(joinUrl(base, tilePath(tile)));
        }
        catch (err) {
            if (tile.w === full.w)
                throw err;
            try {
                const data = await fetch(joinUrl(base, tilePath(full)));
                return data.subarray(0, Math.floor(data.length / full.w) * tile.w);
            }
            catch {
                throw err;
            }
        }
    };
    return {
        height: TILE_HEIGHT,
        readTiles: (tiles) => Promise.all(tiles.map((t) => {
            const key = tilePath(t);
            let data = cache.get(key);
            if (!data) {
                data = one(t);
                cache.set(key, data);
            }
            return data;
        })),
    };
}
/**
 * Finds `module@version`'s `h1:` in the database at `base` and proves it, as the go command does:
 * the heads signed by the key, one history (each older head is the prefix of the newer tree,
 * computed from tiles checked against its signed root), the record's hash in the newest tree.
 */
async function verifiedHash(db, base, module, version, fetch) {
    const name = db.key.name;
    const refuse = (what) => new SumDbError(`The checksum database ${name} ${what} for ${module}@${version}; nothing was installed`);
    const tiles = tileFetcher(base, fetch);
    const proved = async (work) => {
        try {
            return await work();
        }
        catch (err) {
            if (err instanceof TileError)
                throw refuse(err.message);
            throw err;
        }
    };
    /** The tree the go command would keep: it starts empty. */
    let latest = { size: 0, hash: EMPTY_HASH };
    /** Client.checkTrees: `older` must be the first records of `newer`. */
    const checkTrees = async (older, newer) => {
        const h = await proved(() => treeHash(older.size, tileHashReader(newer, tiles)));
        if (!h.equals(older.hash)) {
            throw refuse(`signed two trees that are not one history (${older.size} and ${newer.size} records): the log was forked`);
        }
    };
    /**
     * Client.mergeLatestMem: whether `msg` is a head before, at or after the newest seen (an empty
     * answer is the empty tree), after checking that the two are one history.
     */
    const mergeMem = async (what, msg) => {
        if (msg.length === 0)
            return latest.size === 0 ? 'now' : 'past';
        let text;
        try {
            text = (0,note/* openNote */.jN)(msg, db.key);
        }
        catch (err) {
            if (err instanceof note/* NoteError */.n1)
                throw refuse(`answered a ${what} that ${err.message}`);
            throw err;
        }
        const parsed = parseTreeNote(text);
        if (!parsed)
            throw refuse(`answered a ${what} that is not a tree head (${(0,log_text/* quote */.hD)(text)})`);
        if (parsed.size > BigInt(MAX_TREE_SIZE)) {
            throw refuse(`answered a ${what} with a tree of ${parsed.size} records, more than can be checked`);
        }
        const tree = { size: Number(parsed.size), hash: parsed.hash };
        if (tree.size <= latest.size) {
            await checkTrees(tree, latest);
            return tree.size < latest.size ? 'past' : 'now';
        }
        await checkTrees(latest, tree);
        latest = tree;
        return 'future';
    };
    // /latest stands for the head the go command keeps on disk (its "latest" configuration file).
    const kept = await fetch(joinUrl(base, 'latest'));
    /**
     * Client.mergeLatest: a head that moves the newest forward is merged with the kept one once more
     * before the kept one is replaced (for the kept head itself: checked against its own tiles).
     */
    const merge = async (what, msg) => {
        if ((await mergeMem(what, msg)) === 'future')
            await mergeMem('/latest', kept);
    };
    await merge('/latest', kept);
    const lookupUrl = joinUrl(base, `lookup/${module}@${version}`);
    const answer = parseRecord(await fetch(lookupUrl));
    if (!answer)
        throw refuse(`answered ${(0,log_text/* show */.WU)(lookupUrl)} with no well-formed record`);
    await merge('lookup', answer.rest);
    // Client.checkRecord: the record's hash, read from tiles checked against the newest head (a
    // negative id reads record 0, as tlog.StoredHashIndex makes Go do).
    if (answer.id >= BigInt(latest.size)) {
        throw refuse(`names record ${answer.id}, outside its tree of ${latest.size} records`);
    }
    const id = Number(answer.id);
    const [stored] = await proved(() => tileHashReader(latest, tiles)([storedHashIndex(0, id)]));
    if (!stored.equals(recordHash(answer.text))) {
        throw refuse(`did not prove the record is in its tree of ${latest.size} records (inclusion proof failed)`);
    }
    const h1 = recordedHash(answer.text.toString('utf8'), module, version);
    if (h1 === undefined)
        throw refuse('answered a record without an h1: line');
    // The go command compares the zip's h1: with this text; one that is not a dirhash h1: can match
    // no zip, so it is refused before the download rather than after.
    if (!/^h1:[A-Za-z0-9+/]{43}=$/.test(h1)) {
        throw refuse(`records ${(0,log_text/* quote */.hD)(h1)}, which no zip hashes to`);
    }
    return { h1, tree: latest, id };
}

;// CONCATENATED MODULE: ./src/toolchain/sumdb-fetch.ts




/** How the checksum database is reached over HTTP for `go-toolchain-source: proxy`. */
/**
 * Where to reach the checksum database, as the go command decides it (modfetch's `initBase` and
 * `TryProxies`): a URL in GOSUMDB (or the sum.golang.google.cn alias) is used as it is, never
 * through a proxy. Otherwise each proxy is asked for `<proxy>/sumdb/<name>/supported`; the first
 * that answers 200 is used. A 404/410, a `|` after the proxy, or a `direct`/`off` entry moves
 * on; when nothing is left the database is reached at https://<name>, unless the most telling
 * failure (`direct` first, then a proxy's other error) was not a "not found": then it is
 * unavailable.
 */
async function sumdbBase(proxy, db, log) {
    if (db.url !== undefined) {
        return { base: db.url, authorization: db.authorization };
    }
    let best = {
        notFound: true,
        why: '',
        rank: 0,
    };
    for (const p of proxy.proxies) {
        if (p.kind !== 'url') {
            if (p.kind === 'direct')
                best = { notFound: true, why: '', rank: 2 };
            break;
        }
        const base = joinUrl(p.url, `sumdb/${db.key.name}`);
        try {
            const res = await withRetries('Asking GOPROXY for the checksum database', log, () => http_httpGet(joinUrl(base, 'supported'), p.authorization));
            res.resume();
            return { base, authorization: p.authorization };
        }
        catch (err) {
            const notFound = err instanceof HttpStatusError && (err.status === 404 || err.status === 410);
            const why = `${(0,log_text/* show */.WU)(joinUrl(base, 'supported'))} ${err instanceof HttpStatusError ? `answered HTTP ${err.status}` : `failed: ${(0,errors/* errorMessage */.g)(err)}`}`;
            if (best.rank <= 1 && !notFound)
                best = { notFound, why, rank: 1 };
            if (!notFound && !p.fallBackOnError)
                break;
        }
    }
    if (!best.notFound) {
        throw new SumDbError(`The checksum database ${db.key.name} is unavailable: ${best.why}; nothing was installed`);
    }
    return { base: db.direct };
}
/**
 * Checks `mod` (`golang.org/toolchain@<version>`) in the database: reached as the go command
 * reaches it, each answer fetched with retries, with the credentials of the proxy or of
 * GOSUMDB's URL. Any failure refuses the install.
 */
async function checkInSumDb(proxy, db, mod, log) {
    const { base, authorization } = await sumdbBase(proxy, db, log);
    log.info(`Checking ${mod} in the checksum database ${db.key.name} (${(0,log_text/* show */.WU)(base)})`);
    const get = async (url) => {
        try {
            return await withRetries(`Fetching ${url}`, log, async () => readBytes(await http_httpGet(url, authorization), 1 << 20));
        }
        catch (err) {
            if (err instanceof HttpStatusError &&
                url.includes('/lookup/') &&
                (err.status === 404 || err.status === 410)) {
                throw new SumDbError(`The checksum database ${db.key.name} has no record of ${mod} (${(0,log_text/* show */.WU)(url)} answered HTTP ${err.status}); nothing was installed`);
            }
            const why = err instanceof HttpStatusError
                ? `answered HTTP ${err.status}`
                : `failed: ${(0,errors/* errorMessage */.g)(err)}`;
            throw new SumDbError(`The checksum database ${db.key.name} is unavailable: ${(0,log_text/* show */.WU)(url)} ${why}; nothing was installed`);
        }
    };
    const [module, version] = mod.split('@');
    return verifiedHash(db, base, module, version, get);
}

;// CONCATENATED MODULE: ./src/toolchain/proxy-install.ts












/** `v0.0.1-go1.24.4.linux-amd64` → its Go name, GOOS and GOARCH. */
const TOOLCHAIN_VERSION = /^v0\.0\.1-(go[0-9][0-9a-z.]*)\.([a-z0-9]+)-([a-z0-9]+)$/;
/** Fetches with each proxy in turn, as the go command does (SPEC §11, `go help goproxy`). */
async function fromProxies(proxies, what, log, fetch) {
    const tried = [];
    for (const p of proxies) {
        if (p.kind === 'off') {
            tried.push('then GOPROXY says off (module downloads disabled)');
            break;
        }
        if (p.kind === 'direct') {
            tried.push('then GOPROXY says direct, which go-toolchain-source: proxy cannot do (it fetches Go from proxies only)');
            break;
        }
        try {
            return await withRetries(`${what} from ${p.url}`, log, () => fetch(p));
        }
        catch (err) {
            if (err instanceof errors/* UserError */.y && !(err instanceof HttpStatusError))
                throw err;
            const notFound = err instanceof HttpStatusError && (err.status === 404 || err.status === 410);
            tried.push(err instanceof HttpStatusError
                ? `${(0,log_text/* show */.WU)(p.url)} answered HTTP ${err.status}`
                : `${(0,log_text/* show */.WU)(p.url)}: ${(0,errors/* errorMessage */.g)(err)}`);
            if (!notFound && !p.fallBackOnError) {
                const next = proxies.indexOf(p) + 1 < proxies.length;
                if (next)
                    tried.push('stopped there (after a comma, GOPROXY tries the next entry only on 404 or 410; a | tries it on any error)');
                break;
            }
        }
    }
    throw new errors/* UserError */.y(`Could not ${what} through GOPROXY: ${tried.join('; ')}`);
}
/** The proxy's list, named in resolution errors. */
const TOOLCHAIN_LIST = {
    name: 'the golang.org/toolchain list of GOPROXY',
    title: 'The golang.org/toolchain list of GOPROXY',
    setting: 'GOPROXY (goproxy)',
};
/** The module's versions as release-index entries, so the same resolver picks from them. */
function releasesFromList(list) {
    const byGo = new Map();
    for (const line of list.split('\n')) {
        const m = TOOLCHAIN_VERSION.exec(line.trim());
        if (!m)
            continue;
        const [moduleVersion, goName, os, arch] = m;
        const release = byGo.get(goName) ?? {
            version: goName,
            stable: !/[a-z]/.test(goName.slice(2)),
            files: [],
        };
        const file = {
            filename: moduleVersion,
            os,
            arch,
            version: goName,
            sha256: '',
            kind: 'module',
        };
        release.files.push(file);
        byGo.set(goName, release);
    }
    return [...byGo.values()];
}
/** Lists golang.org/toolchain through GOPROXY. */
async function fetchToolchainList(proxy, log) {
    const text = await fromProxies(proxy.proxies, `list ${proxy_settings/* TOOLCHAIN_MODULE */.xc} versions`, log, async (p) => (await readBytes(await http_httpGet(`${p.url}/${proxy_settings/* TOOLCHAIN_MODULE */.xc}/@v/list`, p.authorization), 16 << 20)).toString('utf8'));
    const releases = releasesFromList(text);
    if (releases.length === 0) {
        throw new errors/* UserError */.y(`GOPROXY lists no ${proxy_settings/* TOOLCHAIN_MODULE */.xc} versions (v0.0.1-go<version>.<goos>-<goarch>); does your proxy serve the Go toolchain module?`);
    }
    return releases;
}
/** Streams a zip into `file`, up to MAX_ZIP_BYTES; a body cut short is a (retried) error. */
async function download(url, authorization, file) {
    const res = await http_httpGet(url, authorization);
    const expected = Number(res.headers['content-length'] ?? NaN);
    if (expected > MAX_ZIP_BYTES) {
        res.destroy();
        throw new ArchiveError(`${(0,log_text/* show */.WU)(url)} is ${(0,fs_tree/* formatSize */.Xq)(expected)}, more than a module zip may be (500 MiB)`);
    }
    const out = external_node_fs_default().createWriteStream(file);
    let received = 0;
    try {
        for await (const chunk of res) {
            received += chunk.length;
            if (received > MAX_ZIP_BYTES)
                throw new ArchiveError(`${(0,log_text/* show */.WU)(url)} is more than a module zip may be (500 MiB)`);
            if (!out.write(chunk))
                await new Promise((r) => out.once('drain', () => r()));
        }
    }
    finally {
        await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
    }
    if (Number.isFinite(expected) && received < expected) {
        throw new Error(`the download was cut short (received ${received} of ${expected} bytes)`);
    }
    return received;
}
/**
 * Installs golang.org/toolchain@<file.filename> into the tool cache; returns how it was verified,
 * for the log and the job summary.
 */
async function installFromProxy(req) {
    const { proxy, log } = req;
    const moduleVersion = req.file.filename;
    if (!TOOLCHAIN_VERSION.test(moduleVersion))
        throw new Error(`not a toolchain version: ${moduleVersion}`);
    const mod = `${proxy_settings/* TOOLCHAIN_MODULE */.xc}@${moduleVersion}`;
    const target = toolCacheDir(req.toolCache, req.version, req.goArch);
    // The database first: a refusal there costs no download.
    let verified;
    let expected;
    if (proxy.sumdb) {
        const db = proxy.sumdb;
        const v = await checkInSumDb(proxy, db, mod, log);
        expected = v.h1;
        verified = `h1: checked in ${db.key.name} tree ${v.tree.size} (record ${v.id}, inclusion proved)`;
        log.info(`${db.key.name} records ${mod} ${v.h1} in its signed tree of ${v.tree.size} records (inclusion and consistency proved)`);
    }
    else {
        verified = `not checked: ${proxy.unchecked}`;
        log.warning(`${proxy.unchecked}: Go ${req.version} from GOPROXY is installed without checking its hash against a checksum database`);
    }
    external_node_fs_default().mkdirSync(external_node_path_default().dirname(target), { recursive: true });
    removeStaleTrees(target, log);
    const tmp = `${target}.tmp-${hostTag()}-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const started = Date.now();
    try {
        external_node_fs_default().mkdirSync(tmp);
        const zipFile = external_node_path_default().join(tmp, 'module.zip');
        const tree = external_node_path_default().join(tmp, 'go');
        let from = '';
        const bytes = await fromProxies(proxy.proxies, `download ${mod}`, log, async (p) => {
            from = `${p.url}/${proxy_settings/* TOOLCHAIN_MODULE */.xc}/@v/${moduleVersion}.zip`;
            log.info(`Downloading ${(0,log_text/* show */.WU)(from)}`);
            return download(from, p.authorization, zipFile);
        });
        const unzipped = await unzipModule(zipFile, `${mod}/`, tree);
        external_node_fs_default().rmSync(zipFile);
        if (expected !== undefined && unzipped.h1 !== expected) {
            throw new ArchiveError(`Checksum mismatch for ${mod}: ${proxy.sumdb.key.name} records ${expected}, the zip from ${(0,log_text/* show */.WU)(from)} hashes to ${unzipped.h1}; nothing was installed`);
        }
        allowExec(tree);
        checkTree(tree, req.version, { name: mod, inside: `${mod}/`, says: 'its module version says' });
        publish(tree, target);
        discard(tmp, log);
        const secs = (Date.now() - started) / 1000;
        log.info(`Installed Go ${req.version} in ${(0,log_text/* show */.WU)(target)} (${(0,fs_tree/* formatSize */.Xq)(bytes)} zip, ${unzipped.files} files, ${expected ? 'h1: verified' : 'not verified'}, ${secs.toFixed(1)} s)`);
    }
    catch (err) {
        discard(tmp, log);
        removeEmptyParents(target);
        if (err instanceof errors/* UserError */.y)
            throw err;
        throw new errors/* UserError */.y(`Could not install Go ${req.version} from GOPROXY: ${(0,log_text/* quote */.hD)((0,errors/* errorMessage */.g)(err))}`);
    }
    return verified;
}

;// CONCATENATED MODULE: ./src/toolchain/resolve.ts




// Stability comes from the version itself, not the index's `stable` flag: a pre-release is only
// ever chosen when the spec names it, and a final release is never skipped because of a flag.
function isStable(c) {
    return c.version.prerelease.length === 0;
}
/**
 * The downloadable archive of a release for os/arch: a `.tar.gz`, or a `.zip` on Windows; or,
 * for releases listed by a module proxy, the golang.org/toolchain module version.
 */
function archiveFor(release, os, arch) {
    const ext = os === 'windows' ? '.zip' : '.tar.gz';
    return release.files.find((f) => f.os === os &&
        f.arch === arch &&
        ((f.kind === 'archive' && f.filename.endsWith(ext)) || f.kind === 'module'));
}
/** The index as semver-sorted candidates, newest first (the index order is not trusted). */
function candidates(releases) {
    const out = [];
    for (const release of releases) {
        const version = semver_default().parse(goToSemver(release.version) ?? '');
        if (version)
            out.push({ version, release });
    }
    return out.sort((a, b) => semver_default().rcompare(a.version, b.version));
}
/** The first (newest) candidate that the spec selects, from a newest-first list. */
function pick(spec, list) {
    const stable = list.filter(isStable);
    switch (spec.kind) {
        case 'latest-minor':
            return stable.find((c) => minorKey(c.version) === spec.minor);
        case 'exact':
            return list.find((c) => semver_default().eq(c.version, spec.version));
        case 'minimum': {
            const ok = (c) => minorKey(c.version) === spec.minor && semver_default().gte(c.version, spec.min);
            // `go 1.21rc2`: any newer 1.21 release. Semver orders 1.21.0-rc.N below every 1.21.x, so a
            // stable release is preferred whenever one exists; a stable minimum never admits an rc.
            return list.find(ok);
        }
        case 'range':
            return stable.find((c) => semver_default().satisfies(c.version, spec.range));
        case 'stable':
            return stable[0];
        case 'oldstable': {
            // As setup-go: the newest release of the second distinct minor among stable releases.
            const newest = stable[0];
            return newest && stable.find((c) => minorKey(c.version) !== minorKey(newest.version));
        }
    }
}
/** The version the spec is "about", used to rank the nearest known versions in an error. */
function targetOf(spec) {
    switch (spec.kind) {
        case 'latest-minor':
            return semver_default().parse(`${spec.minor}.0`) ?? undefined;
        case 'exact':
            return semver_default().parse(spec.version) ?? undefined;
        case 'minimum':
            return semver_default().parse(spec.min) ?? undefined;
        case 'range':
            return semver_default().minVersion(spec.range) ?? undefined;
        default:
            return undefined;
    }
}
/**
 * Up to `count` known versions closest to the target, newest first. When the target's minor is in
 * the index, neighbours are counted release by release (1.22.99 → 1.23.1 … 1.22.10); otherwise one
 * entry per minor (1.30 → 1.27.0, 1.26.7, 1.25.14 …), which is what a user then picks from.
 */
function nearest(spec, list, count = 5) {
    const target = targetOf(spec);
    // Pre-releases only help someone who asked for one of the same minor.
    let pool = list.filter((c) => isStable(c) || (target?.prerelease.length && minorKey(c.version) === minorKey(target)));
    if (!target)
        return pool.slice(0, count).map((c) => displayVersion(c.version.version));
    if (!pool.some((c) => minorKey(c.version) === minorKey(target))) {
        const seen = new Set();
        pool = pool.filter((c) => isStable(c) && !seen.has(minorKey(c.version)) && seen.add(minorKey(c.version)));
    }
    // Rank by distance in the sorted list from where the target would be inserted; on a tie the
    // older neighbour comes first.
    const above = pool.filter((c) => semver_default().gt(c.version, target)).reverse();
    const below = pool.filter((c) => semver_default().lt(c.version, target));
    const picked = [];
    for (let i = 0; picked.length < count && (i < above.length || i < below.length); i++) {
        for (const c of [below[i], above[i]])
            if (c && picked.length < count)
                picked.push(c);
    }
    return picked
        .sort((a, b) => semver_default().rcompare(a.version, b.version))
        .map((c) => displayVersion(c.version.version));
}
const GO_DEV_INDEX = {
    name: 'the release index',
    title: 'The Go release index',
    setting: 'go-download-base-url',
};
/**
 * Choose the release and archive for a spec. Only releases with an archive for os/arch are
 * candidates, so `1.22` on an arch that lacks the newest patch gets the newest patch it can run.
 */
function resolveRelease(spec, releases, os, arch, where = GO_DEV_INDEX) {
    const all = candidates(releases);
    const onPlatform = all.filter((c) => archiveFor(c.release, os, arch));
    const chosen = pick(spec, onPlatform);
    if (chosen) {
        const file = archiveFor(chosen.release, os, arch);
        return {
            version: chosen.version.version,
            goName: chosen.release.version,
            release: chosen.release,
            file,
        };
    }
    const wanted = `${(0,log_text/* quote */.hD)(spec.raw)} (${describeSpec(spec)})`;
    const elsewhere = pick(spec, all);
    if (elsewhere) {
        const platforms = [
            ...new Set(elsewhere.release.files
                .filter((f) => f.kind === 'archive' || f.kind === 'module')
                .map((f) => `${f.os}/${f.arch}`)),
        ];
        throw new errors/* UserError */.y(`Go ${displayVersion(elsewhere.version.version)} matches ${wanted} but ${where.name} has no ${os}/${arch} archive for it` +
            (platforms.length ? `; it is available for ${platforms.join(', ')}` : ''));
    }
    if (all.length === 0) {
        throw new errors/* UserError */.y(`${where.title} lists no releases; check ${where.setting}`);
    }
    if (onPlatform.length === 0) {
        throw new errors/* UserError */.y(`${where.title} has no ${os}/${arch} archive at all; check architecture and ${where.setting}`);
    }
    const near = nearest(spec, onPlatform);
    throw new errors/* UserError */.y(`No Go release matches ${wanted} in ${where.name} for ${os}/${arch}` +
        (near.length ? `; nearest known: ${near.join(', ')}` : ''));
}

;// CONCATENATED MODULE: ./src/toolchain/setup.ts










/** A `go` already on PATH (workstations only), if it satisfies the spec; else why not. */
async function goOnPath(rt, spec) {
    let res;
    try {
        res = await run('go', ['env', 'GOROOT'], {
            cwd: rt.workspace,
            env: { ...rt.env, GOTOOLCHAIN: 'local' },
            quiet: true,
        });
    }
    catch {
        return 'there is no go on PATH';
    }
    const goroot = res.code === 0 ? res.stdout.trim() : '';
    const version = goroot ? gorootVersion(goroot) : undefined;
    if (!version)
        return 'the go on PATH did not say which Go it is';
    if (spec && !satisfies(spec, version)) {
        const why = `the go on PATH is ${version}, which does not satisfy ${describeSpec(spec)}`;
        rt.log.info(`${why[0].toUpperCase()}${why.slice(1)}`);
        return why;
    }
    return { version, goroot, origin: 'path' };
}
/** Finds or installs the Go that builds (findGo, then its download if it needs one). */
async function setupGo(rt, opts) {
    const found = await findGo(rt, opts);
    return found.toolchain ?? found.download.install();
}
/**
 * Finds the Go that builds: a local `go` on PATH (workstations), then the tool cache (no network
 * unless check-latest or stable/oldstable), then the release index, whose release is installed
 * (verified, streaming) when the caller asks.
 */
async function findGo(rt, opts) {
    const { spec, goArch } = opts;
    const log = rt.log;
    let notOnPath;
    if (rt.usesGoOnPath && !opts.checkLatest) {
        const local = await goOnPath(rt, spec);
        if (typeof local !== 'string') {
            log.info(`Using the go on PATH: Go ${local.version} in ${(0,log_text/* show */.WU)(local.goroot)}`);
            return { toolchain: local };
        }
        notOnPath = local;
    }
    if (spec && !opts.checkLatest) {
        const hit = cachedVersions(rt.toolCache, goArch).find((v) => satisfies(spec, v));
        if (hit) {
            const goroot = toolCacheDir(rt.toolCache, hit, goArch);
            log.info(`Found Go ${hit} in the tool cache: ${(0,log_text/* show */.WU)(goroot)}`);
            return { toolchain: { version: hit, goroot, origin: 'tool-cache' } };
        }
    }
    const source = opts.source;
    const from = source.kind === 'proxy' ? 'golang.org/toolchain through GOPROXY' : (0,log_text/* show */.WU)(opts.download.url);
    log.info(`Resolving ${spec ? describeSpec(spec) : 'the newest stable Go'} from ${from}`);
    let releases;
    try {
        releases =
            source.kind === 'proxy'
                ? await fetchToolchainList(source.proxy, log)
                : await fetchReleaseIndex(opts.download, log);
    }
    catch (err) {
        if (!(err instanceof errors/* UserError */.y))
            throw err;
        // Say what else was tried, and how to point at a mirror.
        const tried = notOnPath ? `; ${notOnPath}` : '';
        const fix = source.kind === 'proxy'
            ? 'set GOPROXY (goproxy) to a proxy that serves golang.org/toolchain'
            : `set ${rt.settingName('go-download-base-url')} (GO_DOWNLOAD_BASE_URL)`;
        throw new errors/* UserError */.y(`${err.message}${tried}; to install Go from a mirror, ${fix}`);
    }
    const resolved = resolveRelease(spec ?? { kind: 'stable', raw: 'stable' }, releases, goOs(rt.host.platform), (0,go_targets/* archiveArch */.No)(goArch), source.kind === 'proxy' ? TOOLCHAIN_LIST : undefined);
    const goroot = toolCacheDir(rt.toolCache, resolved.version, goArch);
    if (isComplete(goroot)) {
        log.info(`Go ${resolved.version} is already in the tool cache: ${(0,log_text/* show */.WU)(goroot)}`);
        return { toolchain: { version: resolved.version, goroot, origin: 'tool-cache' } };
    }
    const { version, file } = resolved;
    const install = async () => {
        const request = { version, toolCache: rt.toolCache, goArch, log };
        const verified = source.kind === 'proxy'
            ? await installFromProxy({ ...request, file, proxy: source.proxy })
            : (await installGo({ ...request, file, download: opts.download }),
                'sha256 from the release index');
        return { version, goroot, origin: 'download', verified };
    };
    return { download: { version, goroot, install } };
}
/** Go's name for this OS. Release archives are .tar.gz on Linux and macOS, which is what we extract. */
function goOs(platform) {
    if (platform === 'win32') {
        throw new Error('Windows runners are not supported yet: use a Linux or macOS runner');
    }
    return platform;
}

;// CONCATENATED MODULE: ./src/pipeline.ts















/** The stages of the job, each given its part of the plan; a test hands in its own. */
const STAGES = {
    plan: planJob,
    findGo: findGo,
    startEarlyRestore: startEarlyRestore,
    restore: restoreStage,
    build: build,
    slug: makeSlug,
    mtime: slugMtime,
    sbom: writeSbom,
    check: deployCheck,
    publish: publishSlug,
    release: releaseToHeroku,
};
/**
 * The job: plan → install Go (the caches restored beside a download) → restore caches → build →
 * slug → SBOM → deploy check → upload → release. Each stage's result is recorded as it ends (its outputs
 * and its part of `report`, job-outputs.ts), so a failed run still has a summary.
 */
async function runPipeline(rt, report = newReport(), stages = STAGES) {
    const { log } = rt;
    const phase = (title, fn) => timed(report, title, () => log.group(title, fn));
    const plan = await phase('Resolve', () => stages.plan(rt));
    const { choice, detection } = plan;
    const [versionSource, method, methodReason] = [choice.source, detection.method, detection.reason];
    recordStage(rt, report, 'plan', { versionSource, method, methodReason });
    const { toolchain, genv, early } = await phase('Install Go', async () => {
        const found = await stages.findGo(rt, plan.toolchain);
        const genv = goEnv(rt.env, plan.build.inputs, (found.toolchain ?? found.download).goroot);
        // A download and the cache restore run side by side (src/cache/early.ts).
        const { download } = found;
        const early = download && stages.startEarlyRestore(rt, plan.cache, download.version, genv);
        const toolchain = found.download ? await found.download.install() : found.toolchain;
        early?.installed();
        exportGoEnv(rt, genv);
        return { toolchain, genv, early };
    });
    recordStage(rt, report, 'toolchain', { ...toolchain, source: choice.source });
    recordStage(rt, report, 'method', detection.method);
    const restored = await phase('Restore caches', () => stages.restore(rt, plan.cache, toolchain.version, genv, early));
    recordStage(rt, report, 'restored', restored);
    const built = await phase('Build', () => stages.build(plan.build, toolchain.version, genv, log));
    rt.saveState(BUILD_OK_STATE, 'true');
    recordStage(rt, report, 'packages', built.packages);
    const name = plan.publish.name(toolchain.version);
    const slug = await phase('Slug', () => stages.slug(rt.slugDir(name, plan.slug.app.dir), plan.slug, built, toolchain.goroot, log));
    recordStage(rt, report, 'slug', slug);
    // The SBOM's time and the archive's mtime: one `git log` for both.
    let mtime;
    const format = plan.sbom;
    const sbom = format &&
        (await phase('SBOM', async () => {
            mtime = await stages.mtime(plan.publish.appDir, plan.publish.sourceDateEpoch, rt.env);
            return stages.sbom({ format, slug, name, created: mtime, genv, env: rt.env, log });
        }));
    recordStage(rt, report, 'sbom', { written: sbom });
    // A slug that would not boot is not published.
    const { check } = plan;
    if (check) {
        const found = (report.deploy = {});
        await phase('Deploy check', () => stages.check(rt, check, slug, found));
    }
    const published = await phase('Upload', () => stages.publish(rt, plan.publish, slug.dir, name, { sbom: sbom?.path, mtime }));
    recordStage(rt, report, 'published', published);
    // The bytes checked and uploaded are the bytes released.
    const { release } = plan;
    if (release && published.archive && published.digest && published.archiveBytes !== undefined) {
        const archive = {
            path: published.archive,
            sha256: published.digest,
            bytes: published.archiveBytes,
        };
        const released = await phase('Release', () => stages.release(release, slug, archive, log));
        recordStage(rt, report, 'released', released);
    }
    return { slugDir: slug.dir };
}


/***/ }),

/***/ 3213:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ checkArtifactName),
/* harmony export */   s: () => (/* binding */ MAX_ARTIFACT_NAME_BYTES)
/* harmony export */ });
/* harmony import */ var _trust_refusal_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2510);

/** Artifact names become file names (`<name>.tar.gz`, temporary siblings): well under NAME_MAX. */
const MAX_ARTIFACT_NAME_BYTES = 200;
const ARTIFACT_NAME_FORBIDDEN = /[\\/":<>|*?\p{Cc}]/u;
/** The artifact-name rules (GitHub's forbidden characters, one path segment, a length). */
function checkArtifactName(name, label) {
    if (ARTIFACT_NAME_FORBIDDEN.test(name)) {
        throw (0,_trust_refusal_js__WEBPACK_IMPORTED_MODULE_0__/* .bad */ .M)(label, name, 'not a valid artifact name; it cannot contain \\ / " : < > | * ? or a control character');
    }
    if (name.trim() === '' || /^\.+$/.test(name)) {
        throw (0,_trust_refusal_js__WEBPACK_IMPORTED_MODULE_0__/* .bad */ .M)(label, name, 'not a valid artifact name; use letters, digits, dots, dashes');
    }
    const bytes = Buffer.byteLength(name);
    if (bytes > MAX_ARTIFACT_NAME_BYTES) {
        throw (0,_trust_refusal_js__WEBPACK_IMPORTED_MODULE_0__/* .bad */ .M)(label, name, `too long (${bytes} bytes); use at most ${MAX_ARTIFACT_NAME_BYTES} bytes`);
    }
    return name;
}


/***/ }),

/***/ 8992:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ words),
/* harmony export */   h: () => (/* binding */ nonEmpty)
/* harmony export */ });
/** Small text helpers shared by the input reader and the plan. */
/** The trimmed text, or undefined when there is none. */
function nonEmpty(v) {
    return v && v.trim() !== '' ? v.trim() : undefined;
}
/** Whitespace-separated words (package lists, as the platforms split them). */
function words(s) {
    return (s ?? '').split(/\s+/).filter((w) => w !== '');
}


/***/ }),

/***/ 3:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ee: () => (/* binding */ GO_SPACE),
/* harmony export */   UC: () => (/* binding */ isWellFormed),
/* harmony export */   VK: () => (/* binding */ goParseInt64),
/* harmony export */   Y7: () => (/* binding */ goBase64),
/* harmony export */   co: () => (/* binding */ isUtf8),
/* harmony export */   sE: () => (/* binding */ goFields)
/* harmony export */ });
/**
 * The few text rules of Go's standard library that the checksum database client must share with
 * the go command, so that a key, a note or an answer is accepted exactly when Go accepts it
 * (golang.org/x/mod/sumdb uses these): `unicode.IsSpace`, `strings.Fields`, `utf8.Valid`,
 * `base64.StdEncoding.DecodeString` and `strconv.ParseInt(s, 10, 64)`. JavaScript's own
 * equivalents differ at the edges (`\s` holds U+FEFF but not U+0085; `Buffer.from(…, 'base64')`
 * accepts anything; `Number` reads `1e3` and `0x10`).
 */
/** Go's unicode.IsSpace: the Latin-1 spaces (with NEL) and Unicode's White_Space beyond them. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const GO_SPACES = new RegExp(`${GO_SPACE.source}+`, 'u');
/** strings.Fields: the words between runs of unicode.IsSpace. */
function goFields(text) {
    return text.split(GO_SPACES).filter((f) => f !== '');
}
/** A JavaScript string that is valid UTF-16 (no lone surrogate): what utf8.ValidString means here. */
function isWellFormed(text) {
    return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u.test(text);
}
/** utf8.Valid on bytes. */
function isUtf8(bytes) {
    return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}
/**
 * base64.StdEncoding.DecodeString: the standard alphabet, padded to whole quanta, trailing bits
 * not checked (Go's encodings are not Strict); `\r` and `\n` anywhere are skipped. Undefined
 * where Go returns an error.
 */
function goBase64(text) {
    const s = (typeof text === 'string' ? text : text.toString('latin1')).replace(/[\r\n]/g, '');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) {
        return undefined;
    }
    return Buffer.from(s, 'base64');
}
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** strconv.ParseInt(s, 10, 64): an optional sign, decimal digits, within int64. */
function goParseInt64(text) {
    if (!/^[+-]?[0-9]+$/.test(text))
        return undefined;
    const n = BigInt(text);
    return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}


/***/ }),

/***/ 3376:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   nI: () => (/* binding */ parseGoSumDb)
/* harmony export */ });
/* unused harmony exports SUM_GOLANG_ORG_KEY, goAcceptsSumDbName, sumDbNameProblem */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(3916);
/* harmony import */ var _trust_credentials_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(6624);
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6290);
/* harmony import */ var _go_rules_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3);
/* harmony import */ var _note_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(67);






/**
 * GOSUMDB, read as the go command reads it (cmd/go/internal/modfetch/sumdb.go, `dbDial`): `off`,
 * a known name, or a verifier key `name+hash+key`, either of the last two optionally followed by
 * the database's URL; `sum.golang.google.cn` is an alias of sum.golang.org at that host. The key's
 * name must be `host[/path]`: it goes into URLs.
 */
/** The database's public key built into the go command. */
const SUM_GOLANG_ORG_KEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
/** modfetch's knownGOSUMDB: names that stand for a key. */
const KNOWN = { 'sum.golang.org': SUM_GOLANG_ORG_KEY };
const ACCEPTED = 'use off, sum.golang.org, or name+hash+key with an optional URL (name+hash+key https://host/path)';
/** GOSUMDB as the go command reads it; empty means sum.golang.org (the default of Go's go.env). */
function parseGoSumDb(value) {
    let text = value === undefined || value === '' ? 'sum.golang.org' : value;
    if (text === 'sum.golang.google.cn')
        text = 'sum.golang.org https://sum.golang.google.cn';
    if (text === 'off')
        return 'off';
    const shown = (0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)((0,_trust_credentials_js__WEBPACK_IMPORTED_MODULE_4__/* .redactCredentials */ .UY)(text, false));
    const fields = (0,_go_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .goFields */ .sE)(text);
    if (fields.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`GOSUMDB: ${shown} names no database; ${ACCEPTED}`);
    if (fields.length > 2) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`GOSUMDB: ${shown} has too many fields; ${ACCEPTED}`);
    }
    const key = (0,_note_js__WEBPACK_IMPORTED_MODULE_2__/* .parseVerifierKey */ .z$)(KNOWN[fields[0]] ?? fields[0], 'GOSUMDB');
    const bad = sumDbNameProblem(key.name);
    if (bad) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`GOSUMDB: the key ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(key.text)} is named ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(key.name)}, which is not host[/path] (${bad}); name the key after the database's address, as in sum.golang.org`);
    }
    const db = { key, direct: `https://${key.name}` };
    return fields[1] === undefined ? db : { ...db, ...sumDbUrl(fields[1]) };
}
/** The URL field: http(s) only; its credentials become a basic-auth header (https only, as Go). */
function sumDbUrl(field) {
    const shown = (0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .BO)(field));
    let u;
    try {
        u = new URL(field);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`GOSUMDB: ${shown} is not a URL; ${ACCEPTED}`);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`GOSUMDB: ${shown} is not an http(s) URL; ${ACCEPTED}`);
    }
    // A fragment never reaches the server (Go's request drops it too).
    u.hash = '';
    let authorization;
    try {
        authorization = (0,_trust_credentials_js__WEBPACK_IMPORTED_MODULE_4__/* .basicAuthorization */ .aR)(u);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`GOSUMDB: ${shown} has a bad %-escape in its credentials; ${ACCEPTED}`);
    }
    if (authorization && u.protocol === 'http:') {
        // cmd/go/internal/web: "refusing to pass credentials to insecure URL".
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`GOSUMDB: ${shown} would send credentials over plain http, which the go command refuses; use https`);
    }
    u.username = '';
    u.password = '';
    return { url: u.href, authorization };
}
/** Characters Go's url package leaves unescaped in a host (net/url shouldEscape, encodeHost). */
const HOST_CHAR = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]$/;
/** …and in a path (encodePath): so a path made of them has no RawPath. */
const PATH_CHAR = /^[A-Za-z0-9\-_.~$&+,/:;=@]$/;
const HEX = /^[0-9A-Fa-f]{2}$/;
/** net/url's unescape in host or zone mode: false where it returns an error. */
function hostUnescapes(s, zone) {
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === '%') {
            if (!HEX.test(s.slice(i + 1, i + 3)))
                return false;
            const v = Number.parseInt(s.slice(i + 1, i + 3), 16);
            const escaped = s.slice(i, i + 3);
            if (!zone && v < 0x80 && escaped !== '%25')
                return false;
            const hostChar = v < 0x80 && HOST_CHAR.test(String.fromCharCode(v));
            if (zone && escaped !== '%25' && v !== 0x20 && !hostChar)
                return false;
            i += 2;
        }
        else if (c.charCodeAt(0) < 0x80 && !HOST_CHAR.test(c))
            return false;
    }
    return true;
}
/** %XX escapes decoded to bytes, read as UTF-8. */
function decodeHost(s) {
    const bytes = [];
    for (let i = 0; i < s.length; i++) {
        if (s[i] === '%' && HEX.test(s.slice(i + 1, i + 3))) {
            bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
            i += 2;
        }
        else
            bytes.push(...Buffer.from(s[i], 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
}
/** net/url's parseHost for an https URL: false where it returns an error (or an empty host). */
function goHostParses(host) {
    const open = host.lastIndexOf('[');
    if (open > 0)
        return false;
    if (open === 0) {
        const close = host.lastIndexOf(']');
        if (close < 0 || !/^(?::[0-9]*)?$/.test(host.slice(close + 1)))
            return false;
        const hostname = host.slice(1, close);
        const zoneAt = hostname.indexOf('%25');
        const [addr, zone] = zoneAt < 0 ? [hostname, ''] : [hostname.slice(0, zoneAt), hostname.slice(zoneAt)];
        if (!hostUnescapes(addr, false) || !hostUnescapes(zone, true))
            return false;
        // netip.ParseAddr: an IPv6 address (a zone after %), not an IPv4 one.
        const ip = decodeHost(addr) + (zone ? `%${decodeHost(zone.slice(3))}` : '');
        return (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(ip);
    }
    const colon = host.indexOf(':');
    if (colon >= 0 && !/^:[0-9]*$/.test(host.slice(colon)))
        return false;
    return host !== '' && hostUnescapes(host, false);
}
/** net/url's setPath leaves RawPath empty: the path is exactly Go's escaping of what it decodes to. */
function goPathIsCanonical(path) {
    const raw = Buffer.from(path, 'utf8');
    const decoded = [];
    for (let i = 0; i < raw.length; i++) {
        if (raw[i] === 0x25) {
            const hex = raw.subarray(i + 1, i + 3).toString('latin1');
            if (!HEX.test(hex))
                return false;
            decoded.push(Number.parseInt(hex, 16));
            i += 2;
        }
        else
            decoded.push(raw[i]);
    }
    const escaped = decoded
        .map((b) => b < 0x80 && PATH_CHAR.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
    return escaped === raw.toString('latin1');
}
/**
 * The go command's test of a database name (modfetch's dbDial): `https://<name>` parsed by Go's
 * net/url must be exactly scheme, host and path: no user, query, fragment or escaped form, a
 * host, and no trailing slash.
 */
function goAcceptsSumDbName(name) {
    if (name.endsWith('/'))
        return false;
    // url.Parse cuts the fragment at the first `#`; an empty one leaves no trace.
    const hash = name.indexOf('#');
    if (hash >= 0 && hash < name.length - 1)
        return false;
    const u = hash < 0 ? name : name.slice(0, hash);
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(u) || u.includes('?'))
        return false;
    const slash = u.indexOf('/');
    const authority = slash < 0 ? u : u.slice(0, slash);
    if (authority.includes('@'))
        return false;
    return goHostParses(authority) && goPathIsCanonical(slash < 0 ? '' : u.slice(slash));
}
/**
 * Why a key name cannot be a database's address, or undefined. Go's rule first; then what the
 * go command accepts but a WHATWG URL (ours) would turn into another request: `%` escapes, a `#`,
 * and `.`/`..` path segments (which it resolves), or a host it refuses.
 */
function sumDbNameProblem(name) {
    if (!goAcceptsSumDbName(name))
        return 'the go command refuses it';
    if (/[%#]/.test(name))
        return 'it holds % or #';
    if (name
        .split('/')
        .slice(1)
        .some((s) => s === '.' || s === '..'))
        return 'it holds . or .. as a path segment';
    try {
        new URL(`https://${name}`);
    }
    catch {
        return 'its host or port is not valid in a URL';
    }
    return undefined;
}


/***/ }),

/***/ 67:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   jN: () => (/* binding */ openNote),
/* harmony export */   n1: () => (/* binding */ NoteError),
/* harmony export */   z$: () => (/* binding */ parseVerifierKey)
/* harmony export */ });
/* unused harmony exports MAX_SIGNATURES, isKeyName, keyHash, readVerifierKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3916);
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6290);
/* harmony import */ var _go_rules_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3);




const ALG_ED25519 = 0x01;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Go's `note.Open` gives up past this many signature lines. */
const MAX_SIGNATURES = 100;
/** A key or signer name: not empty, valid UTF-8, no unicode.IsSpace, no `+` (x/mod's isValidName). */
function isKeyName(name) {
    return name !== '' && (0,_go_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .isWellFormed */ .UC)(name) && !_go_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .GO_SPACE */ .Ee.test(name) && !name.includes('+');
}
/** The key hash of a named key: first 4 bytes of sha256(name + "\n" + key data), big-endian. */
function keyHash(name, keyData) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`${name}\n`).update(keyData).digest().readUInt32BE(0);
}
/** note.NewVerifier: the key, or why Go refuses it (checks in Go's order). */
function readVerifierKey(text) {
    const malformed = (why) => ({ error: 'malformed verifier id', why });
    // strings.Cut twice: the base64 after the second `+` may itself hold `+`.
    const [name, rest] = cut(text, '+');
    const [hashHex, b64] = cut(rest, '+');
    if (!/^[0-9a-fA-F]{8}$/.test(hashHex))
        return malformed('not name+hash+key');
    const keyData = (0,_go_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .goBase64 */ .Y7)(b64);
    if (!keyData)
        return malformed('the key is not base64');
    if (!isKeyName(name))
        return malformed('a bad key name');
    if (keyData.length === 0)
        return malformed('not name+hash+key');
    const hash = Number.parseInt(hashHex, 16);
    if (keyHash(name, keyData) !== hash) {
        return { error: 'invalid verifier hash', why: 'its hash does not match its name and key' };
    }
    if (keyData[0] !== ALG_ED25519) {
        return { error: 'unknown verifier algorithm', why: 'the key is not an Ed25519 key (0x01)' };
    }
    if (keyData.length !== 33)
        return malformed('the Ed25519 key is not 32 bytes');
    return { name, hash, publicKey: keyData.subarray(1), text };
}
/** Parses a verifier key; `label` names where it came from (`GOSUMDB`) for the one-line error. */
function parseVerifierKey(text, label) {
    const key = readVerifierKey(text);
    if ('error' in key) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${label}: ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(text)} is not a checksum database key (${key.why}); use name+hash+key, as in sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8`);
    }
    return key;
}
function cut(s, sep) {
    const i = s.indexOf(sep);
    return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}
/** ed25519.Verify: false for a key that is not a curve point, as Go's is. */
function ed25519Verify(key, msg, sig) {
    if (sig.length !== 64)
        return false;
    let publicKey;
    try {
        publicKey = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)({
            key: Buffer.concat([ED25519_SPKI_PREFIX, key]),
            format: 'der',
            type: 'spki',
        });
        return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.verify)(null, msg, publicKey, sig);
    }
    catch {
        return false;
    }
}
/**
 * Why a note was refused: `code` is x/mod's error; the message completes "<what> …".
 */
class NoteError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
    }
}
const SIG_PREFIX = Buffer.from('\u2014 ');
/**
 * note.Open with the one key: checks that `msg` is a note signed by `key` and returns its text
 * (with its final newline). Signatures by other keys are passed over, a second signature by the
 * key is ignored unread, and a signature by the key that does not verify refuses the note, as in
 * Go; so does a malformed signature line anywhere, or more than 100 of them.
 */
function openNote(msg, key) {
    const malformed = (why) => new NoteError('malformed note', `is not a signed note (${why})`);
    // Valid UTF-8, and no ASCII control character but the newline (DEL is allowed).
    if (!(0,_go_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .isUtf8 */ .co)(msg))
        throw malformed('not UTF-8');
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x09\x0b-\x1f]/.test(msg.toString('utf8')))
        throw malformed('control characters');
    const split = msg.lastIndexOf('\n\n');
    if (split < 0)
        throw malformed('no signature block');
    const text = msg.subarray(0, split + 1);
    let sigs = msg.subarray(split + 2);
    if (sigs.length === 0 || sigs[sigs.length - 1] !== 0x0a) {
        throw malformed('no final newline after its signatures');
    }
    let count = 0;
    let signed = false;
    const others = [];
    while (sigs.length > 0) {
        const nl = sigs.indexOf(0x0a);
        const line = sigs.subarray(0, nl);
        sigs = sigs.subarray(nl + 1);
        const bad = () => malformed(`bad signature line ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(line.toString('utf8'))}`);
        if (!line.subarray(0, SIG_PREFIX.length).equals(SIG_PREFIX))
            throw bad();
        const [name, b64] = cut(line.subarray(SIG_PREFIX.length).toString('utf8'), ' ');
        const sig = (0,_go_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .goBase64 */ .Y7)(b64);
        if (!sig || !isKeyName(name) || b64 === '' || sig.length < 5)
            throw bad();
        if (++count > MAX_SIGNATURES)
            throw malformed(`more than ${MAX_SIGNATURES} signatures`);
        if (name !== key.name || sig.readUInt32BE(0) !== key.hash) {
            others.push(name);
            continue;
        }
        if (signed)
            continue;
        if (!ed25519Verify(key.publicKey, text, sig.subarray(4))) {
            throw new NoteError('invalid signature', `has an invalid signature by ${key.name}`);
        }
        signed = true;
    }
    if (!signed) {
        throw new NoteError('unverified note', `is not signed by the key ${key.name}+${key.hash.toString(16).padStart(8, '0')}` +
            (others.length
                ? ` (signed by ${[...new Set(others)].map((n) => (0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_3__/* .quote */ .hD)(n)).join(', ')})`
                : ''));
    }
    return text.toString('utf8');
}


/***/ }),

/***/ 3673:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   W2: () => (/* binding */ toolchainProxy),
/* harmony export */   xc: () => (/* binding */ TOOLCHAIN_MODULE)
/* harmony export */ });
/* unused harmony exports DEFAULT_GOPROXY, parseGoProxy, matchesPrefixPatterns */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _trust_credentials_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6624);
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6290);
/* harmony import */ var _gosumdb_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3376);




/** The module the go command downloads toolchains as (`go help toolchain`). */
const TOOLCHAIN_MODULE = 'golang.org/toolchain';
const DEFAULT_GOPROXY = 'https://proxy.golang.org,direct';
/**
 * GOPROXY as the go command splits it: entries separated by `,` (fall through to the next only
 * when a proxy answers 404 or 410) or `|` (fall through on any error); `direct` and `off` end the
 * list; an entry without a scheme gets `https://`. Empty means the go command's default.
 */
function parseGoProxy(value) {
    let rest = (value ?? '').trim() || DEFAULT_GOPROXY;
    const out = [];
    while (rest !== '') {
        const i = rest.search(/[,|]/);
        const raw = (i >= 0 ? rest.slice(0, i) : rest).trim();
        const fallBackOnError = i >= 0 && rest[i] === '|';
        rest = i >= 0 ? rest.slice(i + 1) : '';
        if (raw === '')
            continue;
        if (raw === 'off' || raw === 'direct') {
            out.push({ kind: raw });
            break;
        }
        out.push({ ...proxyUrl(raw), kind: 'url', fallBackOnError });
    }
    if (out.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`GOPROXY (goproxy): ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(value ?? '')} holds no proxy; use a list such as https://proxy.example.com,direct`);
    }
    return out;
}
function proxyUrl(raw) {
    // The go command's rule: a word with a dot, colon or slash but no `:/` is a host.
    const text = /[.:/]/.test(raw) && !raw.includes(':/') && !raw.startsWith('/') ? `https://${raw}` : raw;
    let u;
    try {
        u = new URL(text);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`GOPROXY (goproxy): ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(raw))} is not a proxy URL; use https://host/path, direct or off`);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`GOPROXY (goproxy): ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(raw))} is not an http(s) URL; go-toolchain-source: proxy fetches Go from http(s) proxies only`);
    }
    let authorization;
    try {
        authorization = (0,_trust_credentials_js__WEBPACK_IMPORTED_MODULE_3__/* .basicAuthorization */ .aR)(u);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`GOPROXY (goproxy): ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(raw))} is not a proxy URL (bad %-escape in its credentials); use https://user:token@host/path`);
    }
    u.username = '';
    u.password = '';
    return { url: u.href.replace(/\/+$/, ''), authorization };
}
/**
 * A glob of Go's `path.Match` as a regular expression: `*` is any run of characters but `/`,
 * `?` one of them, `[…]` a class (`^` negates), `\` escapes. Undefined for a malformed pattern
 * (which the go command treats as matching nothing).
 */
function globRegExp(glob) {
    let re = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*')
            re += '[^/]*';
        else if (c === '?')
            re += '[^/]';
        else if (c === '\\') {
            if (++i >= glob.length)
                return undefined;
            re += `\\${glob[i]}`;
        }
        else if (c === '[') {
            const end = glob.indexOf(']', i + 2);
            if (end < 0)
                return undefined;
            let cls = glob.slice(i + 1, end);
            const negate = cls.startsWith('^');
            if (negate)
                cls = cls.slice(1);
            if (cls === '' || cls.includes('/'))
                return undefined;
            re += `[${negate ? '^/' : ''}${cls.replace(/[\]\\^]/g, (x) => `\\${x}`)}]`;
            i = end;
        }
        else
            re += c.replace(/[.+^${}()|]/g, (x) => `\\${x}`);
    }
    return new RegExp(`^${re}$`);
}
/**
 * Go's GOPRIVATE-style list: comma-separated globs, each matched against as many leading path
 * elements of `target` as it has (`golang.org` and `*.org` match `golang.org/toolchain`).
 */
function matchesPrefixPatterns(globs, target) {
    const parts = target.split('/');
    for (const raw of (globs ?? '').split(',')) {
        const glob = raw.trim();
        if (glob === '')
            continue;
        const n = glob.split('/').length;
        if (n > parts.length)
            continue;
        if (globRegExp(glob)?.test(parts.slice(0, n).join('/')))
            return true;
    }
    return false;
}
/**
 * Whether the go command would check golang.org/toolchain in the checksum database
 * (cmd/go/internal/modfetch's useSumDB): always, whatever GOSUMDB and GONOSUMDB say, except when
 * GOPROXY is one file:// URL (refused before this, proxies here are http(s)) or when the go
 * command runs inside proxy.golang.org's own fetcher (GIT_HTTP_USER_AGENT names it); then, as for
 * any module, unless GOSUMDB is off or GONOSUMDB (default GOPRIVATE) matches.
 */
function mustCheck(env) {
    return !(env.GIT_HTTP_USER_AGENT ?? '').includes('proxy.golang.org');
}
/**
 * Reads GOPROXY, GONOPROXY/GOPRIVATE, GOSUMDB, GONOSUMDB and GOINSECURE for fetching Go as
 * golang.org/toolchain, refusing before any download what cannot work or what the go command
 * refuses: a list that starts with `off` or `direct`, golang.org/toolchain marked private
 * (fetched directly, not through a proxy), GOSUMDB=off (Go requires the checksum database for
 * toolchains), and an unverified download over plain http that GOINSECURE does not allow.
 */
function toolchainProxy(env) {
    const proxies = parseGoProxy(env.GOPROXY);
    const first = proxies[0];
    if (first.kind === 'off') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y('GOPROXY (goproxy) is off: module downloads are disabled, so go-toolchain-source: proxy cannot fetch Go; set GOPROXY to your module proxy, or use go-toolchain-source: dl');
    }
    if (first.kind === 'direct') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y('GOPROXY (goproxy) starts with direct: the go command would fetch golang.org/toolchain from its origin repository, which go-toolchain-source: proxy cannot do; put your module proxy first, or use go-toolchain-source: dl');
    }
    const noProxy = env.GONOPROXY?.trim() ? 'GONOPROXY' : 'GOPRIVATE';
    if (matchesPrefixPatterns(env[noProxy], TOOLCHAIN_MODULE)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`${noProxy} (${noProxy.toLowerCase()}): ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(env[noProxy] ?? '')} matches golang.org/toolchain, so the go command would fetch it directly from its origin, not through GOPROXY; go-toolchain-source: proxy cannot do that: leave golang.org/toolchain out of ${noProxy}`);
    }
    const db = (0,_gosumdb_js__WEBPACK_IMPORTED_MODULE_0__/* .parseGoSumDb */ .nI)(env.GOSUMDB);
    if (mustCheck(env)) {
        if (db === 'off') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`GOSUMDB: ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(env.GOSUMDB ?? '')} turns the checksum database off, and the go command never installs golang.org/toolchain unchecked ("checksum database disabled by GOSUMDB=off"); unset GOSUMDB, or set it to sum.golang.org or to your database (name+hash+key https://host/path)`);
        }
        // GONOSUMDB and GOPRIVATE do not apply to the toolchain module: it is checked all the same.
        return { proxies, sumdb: db };
    }
    const noSum = env.GONOSUMDB?.trim() ? 'GONOSUMDB' : 'GOPRIVATE';
    let unchecked;
    if (db === 'off')
        unchecked = 'GOSUMDB is off';
    else if (matchesPrefixPatterns(env[noSum], TOOLCHAIN_MODULE)) {
        unchecked = `${noSum} ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(env[noSum] ?? '')} matches golang.org/toolchain`;
    }
    if (unchecked && !matchesPrefixPatterns(env.GOINSECURE, TOOLCHAIN_MODULE)) {
        const plain = proxies.find((p) => p.kind === 'url' && p.url.startsWith('http:'));
        if (plain?.kind === 'url') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y(`GOPROXY (goproxy): ${(0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(plain.url)} is plain http and ${unchecked}, so nothing would vouch for the Go it serves; use https, check it against GOSUMDB, or allow it with GOINSECURE=golang.org/toolchain`);
        }
    }
    return unchecked ? { proxies, unchecked } : { proxies, sumdb: db };
}


/***/ }),

/***/ 6954:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ downloadBase),
/* harmony export */   d: () => (/* binding */ toolchainSource)
/* harmony export */ });
/* harmony import */ var _trust_refusal_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2510);
/* harmony import */ var _trust_credentials_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6624);
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6290);
/* harmony import */ var _proxy_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3673);




function downloadBase(raw, label) {
    const trimmed = raw.replace(/\/+$/, '');
    let url;
    try {
        url = new URL(trimmed);
    }
    catch {
        url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || !/^https?:\/\/[^\s/]+/i.test(trimmed)) {
        throw (0,_trust_refusal_js__WEBPACK_IMPORTED_MODULE_1__/* .bad */ .M)(label, (0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(raw), 'not a URL; use https://host/path');
    }
    let authorization;
    try {
        authorization = (0,_trust_credentials_js__WEBPACK_IMPORTED_MODULE_3__/* .basicAuthorization */ .aR)(url);
    }
    catch {
        throw (0,_trust_refusal_js__WEBPACK_IMPORTED_MODULE_1__/* .bad */ .M)(label, (0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(raw), 'not a URL (bad %-escape in its credentials); use https://user:token@host/path');
    }
    url.username = '';
    url.password = '';
    return { url: url.href.replace(/\/+$/, ''), authorization };
}
/**
 * The go command's variables as it would read them for golang.org/toolchain: checked when the
 * inputs are read, before any download.
 */
function toolchainSource(kind, goEnv, env) {
    if (kind !== 'proxy')
        return { kind: 'dl' };
    return {
        kind: 'proxy',
        proxy: (0,_proxy_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .toolchainProxy */ .W2)({
            ...goEnv,
            GOSUMDB: env.GOSUMDB,
            GOINSECURE: env.GOINSECURE,
            GIT_HTTP_USER_AGENT: env.GIT_HTTP_USER_AGENT,
        }),
    };
}


/***/ }),

/***/ 6624:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   UY: () => (/* binding */ redactCredentials),
/* harmony export */   Wr: () => (/* binding */ credentialsIn),
/* harmony export */   aR: () => (/* binding */ basicAuthorization),
/* harmony export */   ms: () => (/* binding */ CREDENTIAL_INPUTS)
/* harmony export */ });
/* unused harmony export secretsIn */
/**
 * Credentials in the values that may hold URLs (go-download-base-url, GOPROXY, GOSUMDB, the
 * http(s)_proxy variables): found in the raw text, whatever its shape, so that they are masked
 * before anything parses the value, and cut out of any message that shows it (SPEC §9: never
 * printed). A value is read as words (split at white space, `,` and `|`, GOPROXY's and GOSUMDB's
 * separators); in each word the user information is what comes before the last `@` of the
 * authority (`https://user:pw@host`, or `user:pw@host` without a scheme, which the go command
 * reads as https), and, in a word that is not a URL at all, before its last `@`: a password
 * holding `/`, `?` or `#` must not escape because the URL around it is malformed.
 */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const SEPARATORS = /[\s\u0085,|]+/u;
/** Where the user information of `word` ends (the index of its `@`), or -1. */
function userInfoEnd(word, from) {
    const rest = word.slice(from);
    const authorityEnd = rest.search(/[/?#\\]/);
    const at = rest.lastIndexOf('@', authorityEnd < 0 ? rest.length : authorityEnd - 1);
    if (at >= 0 && (authorityEnd < 0 || at < authorityEnd))
        return from + at;
    if (!rest.includes('@'))
        return -1;
    try {
        new URL(from > 0 ? word : `https://${word}`);
        return -1; // a URL whose `@` is in its path or query: no credentials
    }
    catch {
        return from + rest.lastIndexOf('@');
    }
}
/**
 * `schemeless`: whether a word without `scheme://` may be a URL (GOPROXY entries and proxy
 * variables may be `user:pw@host`; GOSUMDB's first field is a key, and `@` in it is no credential).
 */
function userInfos(text, schemeless = true) {
    const out = [];
    let offset = 0;
    for (const word of text.split(SEPARATORS)) {
        const at = text.indexOf(word, offset);
        offset = at + word.length;
        if (word === '')
            continue;
        const from = SCHEME.exec(word)?.[0].length ?? 0;
        if (from === 0 && !schemeless)
            continue;
        const end = userInfoEnd(word, from);
        if (end > from)
            out.push({ start: at + from, end: at + end, info: word.slice(from, end) });
    }
    return out;
}
function decoded(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
/**
 * The strings to mask for the credentials in `text`: the password as written and decoded (or a
 * lone user part, usually a token; a user name beside a password is not a secret), and the
 * basic-auth token they make.
 */
function secretsIn(text, schemeless = true) {
    const out = [];
    for (const { info } of userInfos(text, schemeless)) {
        const colon = info.indexOf(':');
        const user = colon < 0 ? info : info.slice(0, colon);
        const password = colon < 0 ? '' : info.slice(colon + 1);
        out.push(...(password ? [password, decoded(password)] : [user, decoded(user)]));
        out.push(Buffer.from(`${decoded(user)}:${decoded(password)}`).toString('base64'));
    }
    return [...new Set(out)].filter((s) => s !== '');
}
/** `text` with the user information of every word replaced by `***`. */
function redactCredentials(text, schemeless = true) {
    let out = '';
    let last = 0;
    for (const f of userInfos(text, schemeless)) {
        out += `${text.slice(last, f.start)}***`;
        last = f.end;
    }
    return out + text.slice(last);
}
/**
 * The basic-auth header for the user information of a parsed URL (undefined: it has none). A bad
 * %-escape throws URIError.
 */
function basicAuthorization(u) {
    if (!u.username && !u.password)
        return undefined;
    const user = decodeURIComponent(u.username);
    const password = decodeURIComponent(u.password);
    return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
/**
 * The inputs whose values (each as the input and as its variable) may hold credentials in URLs:
 * go-download-base-url, goproxy and heroku-api-url (which refuses them, once masked). GOSUMDB (`name+hash+key https://user:pw@host`) and the
 * runner's proxy variables, which the HTTP client reads, may hold them too.
 */
const CREDENTIAL_INPUTS = ['go-download-base-url', 'goproxy', 'heroku-api-url'];
const CREDENTIAL_VARIABLES = ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY'];
/**
 * Every credential in those values, without repeats: `inputValues` are the raw values of
 * {@link CREDENTIAL_INPUTS}, each input then its variable. The variables are read first.
 */
function credentialsIn(env, inputValues) {
    const secrets = [
        // GOSUMDB's URL has a scheme; its first field is a key, whose `@` is no credential.
        ...secretsIn(env.GOSUMDB ?? '', false),
        ...CREDENTIAL_VARIABLES.flatMap((v) => secretsIn(env[v] ?? '')),
        ...inputValues().flatMap((v) => secretsIn(v)),
    ];
    return [...new Set(secrets)];
}


/***/ }),

/***/ 6290:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $0: () => (/* binding */ neutralise),
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Ix: () => (/* binding */ LineGuard),
/* harmony export */   WU: () => (/* binding */ show),
/* harmony export */   hD: () => (/* binding */ quote)
/* harmony export */ });
/* unused harmony export neutraliseLine */
/* harmony import */ var _credentials_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6624);
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

/** Longer values are clipped in messages: one line stays readable. */
const MAX_SHOWN = 200;
const LINE_BREAK = /\r\n|\r|\n/;
function escapeMarkers(text) {
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
function quote(value) {
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
function show(value) {
    return /^[\w@%+=:,./~-]+$/.test(value) && !value.includes('::') ? value : quote(value);
}
/** One line made inert: a leading `::` and every `##[` escaped, nothing else changed. */
function neutraliseLine(line) {
    return line.replace(/^(\s*)::/, '$1:\\u003a').replace(/##\[/g, '#\\u0023[');
}
/** A whole message: each of its lines made inert (`\r` line breaks become `\n`). */
function neutralise(text) {
    return text.split(LINE_BREAK).map(neutraliseLine).join('\n');
}
/**
 * Passes a child's output on line by line, each line made inert: for commands that echo
 * repository content (the go command prints package paths, file names and source text).
 */
class LineGuard {
    write;
    pending = '';
    decoder = new TextDecoder('utf-8');
    constructor(write) {
        this.write = write;
    }
    push(chunk) {
        this.pending += this.decoder.decode(chunk, { stream: true });
        // A trailing \r may be the first half of \r\n: keep it until the next chunk.
        const end = Math.max(this.pending.lastIndexOf('\n'), this.pending.lastIndexOf('\r', this.pending.length - 2));
        if (end < 0)
            return;
        const complete = this.pending.slice(0, end + 1);
        this.pending = this.pending.slice(end + 1);
        this.write(`${neutralise(complete.replace(/(\r\n|\r|\n)$/, ''))}\n`);
    }
    end() {
        this.pending += this.decoder.decode();
        if (this.pending !== '')
            this.write(`${neutralise(this.pending)}\n`);
        this.pending = '';
    }
}
/**
 * A URL, a list of them or a schemeless `user:pw@host`, with its user information (credentials)
 * replaced by `***` (the rule is in credentials.ts).
 */
function redactUrl(url) {
    return (0,_credentials_js__WEBPACK_IMPORTED_MODULE_0__/* .redactCredentials */ .UY)(url);
}


/***/ }),

/***/ 4766:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ confine),
/* harmony export */   FK: () => (/* binding */ isInside),
/* harmony export */   dU: () => (/* binding */ realRoot),
/* harmony export */   sD: () => (/* binding */ readBytesInside),
/* harmony export */   vC: () => (/* binding */ resolveReal),
/* harmony export */   xO: () => (/* binding */ readInside)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3916);
/* harmony import */ var _log_text_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6290);




/** A root for confine: its real path (created first when `create`). */
function realRoot(dir, name, create = false) {
    if (create)
        node_fs__WEBPACK_IMPORTED_MODULE_0___default().mkdirSync(dir, { recursive: true });
    return { dir: resolveReal(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(dir)), name };
}
const MAX_LINKS = 40;
class LinkLoop extends Error {
}
/**
 * The real path of `abs`, following every symlink, also through parts that do not exist yet
 * (a dangling symlink is followed to where a write through it would land).
 */
function resolveReal(abs, links = 0) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0___default().realpathSync(abs);
    }
    catch (err) {
        const code = err.code;
        if (code === 'ELOOP')
            throw new LinkLoop(abs);
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
            throw err;
    }
    const parent = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(abs);
    if (parent === abs)
        return abs;
    const realParent = resolveReal(parent, links);
    const here = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(realParent, node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(abs));
    let st;
    try {
        st = node_fs__WEBPACK_IMPORTED_MODULE_0___default().lstatSync(here);
    }
    catch {
        return here; // does not exist: nothing more to follow
    }
    if (!st.isSymbolicLink())
        return here;
    if (links >= MAX_LINKS)
        throw new LinkLoop(abs);
    return resolveReal(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(realParent, node_fs__WEBPACK_IMPORTED_MODULE_0___default().readlinkSync(here)), links + 1);
}
/** Whether real path `p` is inside `root` (or is the root, when allowed). */
function isInside(root, p, allowRoot = false) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(root, p);
    if (rel === '')
        return allowRoot;
    return rel !== '..' && !rel.startsWith(`..${(node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)}`) && !node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel);
}
/**
 * Resolves `value` (relative to the root, or absolute) and returns its real path, or fails with
 * one line naming the label, the value and the root. Symlinks count where they lead.
 */
function confine(root, value, opts) {
    const accepted = opts.accepted ?? 'use a path inside it';
    const lexical = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(root.dir, value);
    const where = `${root.name} (${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .show */ .WU)(root.dir)})`;
    if (!isInside(root.dir, lexical, opts.allowRoot)) {
        const what = lexical === root.dir ? `is ${root.name} itself` : `is outside ${where}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .y(`${opts.label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(value)} ${what}; ${accepted}`);
    }
    let real;
    try {
        real = resolveReal(lexical);
    }
    catch (err) {
        if (err instanceof LinkLoop) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .y(`${opts.label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(value)} is a symlink loop; ${accepted}`);
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .y(`${opts.label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(value)} cannot be resolved (${err.code ?? 'error'}); ${accepted}`);
    }
    if (!isInside(root.dir, real, opts.allowRoot)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .y(`${opts.label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(value)} leads outside ${where} through a symlink, to ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(real)}; ${accepted}`);
    }
    return real;
}
/**
 * An app file's text, read only when the file, symlinks followed, is inside the root; undefined
 * when it does not exist or is not a regular file. A symlink out of the root is refused.
 */
function readInside(root, rel, label = rel) {
    return readBytesInside(root, rel, label)?.toString('utf8');
}
/** readInside's bytes, for a file whose text need not be UTF-8 (`.slugignore` names files). */
function readBytesInside(root, rel, label = rel) {
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_0___default().lstatSync(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root.dir, rel));
    }
    catch {
        return undefined;
    }
    const real = confine(root, rel, {
        label,
        accepted: 'replace the symlink with the file itself',
    });
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0___default().statSync(real).isFile() ? node_fs__WEBPACK_IMPORTED_MODULE_0___default().readFileSync(real) : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 2510:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ bad)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _log_text_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6290);


/** The one-line refusal of a value: `<label>: "<value>" is <accepted>` (the input, the value, the form). */
function bad(label, value, accepted) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)} is ${accepted}`);
}


/***/ }),

/***/ 9707:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CS: () => (/* binding */ packageWords),
/* harmony export */   LM: () => (/* binding */ importPath),
/* harmony export */   NQ: () => (/* binding */ buildTag),
/* harmony export */   id: () => (/* binding */ operand),
/* harmony export */   w4: () => (/* binding */ linkerSymbol)
/* harmony export */ });
/* unused harmony export PACKAGE_FORM */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _log_text_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6290);


/**
 * The one gate for words that reach an argument list as operands (SPEC §9): packages, package
 * specs, `// +heroku install` words, metadata packages, directory names, the linker symbol. A word
 * that starts with `-` would be read as a flag (`-toolexec=…` runs a program for every compile),
 * so it is refused with one line naming where it came from. `build-flags` and `goflags` are
 * flags by design and do not pass through here.
 */
function operand(word, label, accepted) {
    if (word.startsWith('-')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(word)} starts with "-", so it would be read as a flag; ${accepted}`);
    }
    if (/[\0\r\n]/.test(word)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(word)} holds a line break; ${accepted}`);
    }
    return word;
}
const PACKAGE_FORM = 'use import paths, ./relative packages or .go files (flags belong in build-flags)';
/** Every word of a package list, checked. */
function packageWords(words, label) {
    return words.map((w) => operand(w, label, PACKAGE_FORM));
}
/**
 * Go's rules for an import path (golang.org/x/mod/module CheckImportPath): elements of ASCII
 * letters, digits and `-._~+`, none empty, none all dots, none ending in a dot; no leading
 * slash or dash. It becomes a directory under $GOPATH/src, so this is also what keeps it there.
 */
function importPathProblem(p) {
    if (p === '')
        return 'it is empty';
    if (p.startsWith('/'))
        return 'it is absolute';
    if (p.startsWith('-'))
        return 'it starts with "-"';
    for (const elem of p.split('/')) {
        if (elem === '')
            return 'it has an empty element';
        if (/^\.+$/.test(elem))
            return `it has a ${JSON.stringify(elem)} element`;
        if (!/^[A-Za-z0-9._~+-]+$/.test(elem))
            return `${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(elem)} has a character Go does not allow`;
        if (elem.endsWith('.'))
            return `${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(elem)} ends with a dot`;
    }
    return undefined;
}
function importPath(value, label) {
    const problem = importPathProblem(value);
    if (problem) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)} is not an import path (${problem}); use a path such as github.com/acme/app`);
    }
    return value;
}
/** `importpath.Name`, as the linker's -X takes it. */
function linkerSymbol(value, label) {
    const m = /^(.+)\.([\p{L}_][\p{L}\p{N}_]*)$/u.exec(value);
    if (!m || importPathProblem(m[1]) !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)} is not a Go symbol; use importpath.Name, such as main.version or github.com/acme/app/version.Commit`);
    }
    return value;
}
/** A build tag (go/build): letters, digits, `_` and `.`. */
function buildTag(value, label) {
    if (!/^[\p{L}\p{N}_.]+$/u.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${label}: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)} is not a build tag; use comma-separated tags of letters, digits, _ and .`);
    }
    return value;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 5574:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
