/**
 * Go's build info as `go version -m` prints it (the text of runtime/debug.BuildInfo, one tab
 * before each line), parsed into what an SBOM needs. The text form is read, not `-json`: every Go
 * since 1.13 prints it, and `-json` only exists from Go 1.25. Module paths, versions and build
 * settings come from the app's repository: they are data here, never commands or flags.
 */

export interface GoModuleRef {
  path: string;
  /** A module version, `(devel)` for a main module built from a work tree, or empty. */
  version: string;
  /** The go.sum `h1:` hash; empty for the main module and for directory replacements. */
  sum: string;
  /** What the go.mod `replace` directive put in its place: the code that was really built. */
  replace?: GoModuleRef;
}

export interface BuildSetting {
  key: string;
  value: string;
}

export interface BuildInfo {
  /** `go1.22.2`, as the binary records it (may carry ` X:…` experiments). */
  goVersion: string;
  /** The main package's import path (`command-line-arguments` for a file list). */
  path?: string;
  /** The main module; absent for a GOPATH-mode build. */
  main?: GoModuleRef;
  deps: GoModuleRef[];
  settings: BuildSetting[];
}

/**
 * Parses `go version -m FILE`'s output for one file. `undefined` when it holds no module
 * information line at all beyond the header (a binary built before Go 1.13, say) — then only the Go
 * version is known, which the header gives.
 */
export function parseVersionM(output: string, file: string): BuildInfo | undefined {
  const lines = output.split('\n');
  const header = lines.shift() ?? '';
  const prefix = `${file}: `;
  if (!header.startsWith(prefix)) return undefined;
  const info: BuildInfo = { goVersion: header.slice(prefix.length).trim(), deps: [], settings: [] };
  let last: GoModuleRef | undefined;
  for (const raw of lines) {
    if (!raw.startsWith('\t')) continue;
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
        if (last) last.replace = moduleRef(rest);
        last = undefined;
        break;
      case 'build': {
        const s = parseSetting(rest.join('\t'));
        if (s) info.settings.push(s);
        break;
      }
      default:
        break;
    }
  }
  return info;
}

function moduleRef(fields: string[]): GoModuleRef {
  return { path: fields[0] ?? '', version: fields[1] ?? '', sum: fields[2] ?? '' };
}

/** `key=value`, either side quoted as Go's strconv.Quote quotes it when it must be. */
export function parseSetting(text: string): BuildSetting | undefined {
  let key: string;
  let rest: string;
  if (text.startsWith('"')) {
    const q = readQuoted(text, 0);
    if (!q || text[q.end] !== '=') return undefined;
    key = q.value;
    rest = text.slice(q.end + 1);
  } else {
    const eq = text.indexOf('=');
    if (eq <= 0) return undefined;
    key = text.slice(0, eq);
    rest = text.slice(eq + 1);
  }
  if (rest.startsWith('"')) {
    const q = readQuoted(rest, 0);
    if (q && q.end === rest.length) return { key, value: q.value };
  }
  return { key, value: rest };
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
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
export function readQuoted(
  text: string,
  start: number,
): { value: string; end: number } | undefined {
  if (text[start] !== '"') return undefined;
  const bytes: number[] = [];
  const push = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 };
    if (c !== '\\') {
      const cp = text.codePointAt(i)!;
      push(String.fromCodePoint(cp));
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) return undefined;
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e]!);
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = text.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      const v = parseInt(hex, 16);
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
      else push(String.fromCodePoint(v));
      i += 2 + n;
    } else if (/[0-7]/.test(e)) {
      const oct = text.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      bytes.push(parseInt(oct, 8));
      i += 4;
    } else {
      return undefined;
    }
  }
  return undefined;
}
