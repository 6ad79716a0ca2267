import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayArg } from '../../src/runtime/exec.js';
import {
  LineGuard,
  neutralise,
  neutraliseLine,
  quote,
  redactUrl,
  show,
} from '../../src/trust/log-text.js';
import { confine, readInside, realRoot, resolveReal, type Root } from '../../src/trust/paths.js';
import { buildTag, importPath, linkerSymbol, operand } from '../../src/trust/words.js';
import { workflowCommands } from '../../test/support/workflow-commands.js';

const FORGED = [
  '::error::forged',
  '  ::add-mask::x',
  '\t::stop-commands::tok',
  'text ##[error]forged',
  '##[set-output name=a;]b',
  'a\n::warning::b',
  'a\r::notice::b',
  'a\r\n::group::b',
];

describe('log text: nothing echoed forges a workflow command', () => {
  it('the test parser sees every forged form (so the assertions below can fail)', () => {
    for (const f of FORGED) expect(workflowCommands(f), f).toHaveLength(1);
  });

  it.each(FORGED)('quote(%j) is one inert line that JSON-decodes to the value', (v) => {
    const q = quote(v);
    expect(q).not.toMatch(/[\r\n]/);
    expect(workflowCommands(q)).toEqual([]);
    expect(workflowCommands(`::error::x ${q}`).map((c) => c.name)).toEqual(['error']);
    expect(JSON.parse(q)).toBe(v);
  });

  it.each(FORGED)('neutralise(%j) leaves no command', (v) => {
    expect(workflowCommands(neutralise(v))).toEqual([]);
  });

  it('changes only the markers', () => {
    expect(neutraliseLine('std::vector a::b')).toBe('std::vector a::b');
    expect(neutraliseLine('  ::x')).toBe('  :\\u003ax');
    expect(neutraliseLine('a ##[b')).toBe('a #\\u0023[b');
    expect(neutralise('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
  });

  it('escapes the line separators JSON leaves alone, and clips long values', () => {
    expect(quote('a\u2028b\u0085')).toBe('"a\\u2028b\\u0085"');
    const long = 'x'.repeat(300);
    expect(quote(long)).toBe(`"${'x'.repeat(200)}…" (300 characters)`);
  });

  it('shows plain paths as they are and quotes the rest', () => {
    expect(show('/tmp/go-paas-build/app-linux-amd64-go1.24.4')).toBe(
      '/tmp/go-paas-build/app-linux-amd64-go1.24.4',
    );
    expect(show('a b')).toBe('"a b"');
    expect(show('::x')).toBe('":\\u003ax"');
    expect(show('dir/##[error]x')).toBe('"dir/#\\u0023[error]x"');
  });

  it('guards a child output stream line by line, across chunk boundaries', () => {
    let out = '';
    const g = new LineGuard((t) => (out += t));
    const bytes = Buffer.from('ok é\n::err', 'utf8');
    // Split inside the two-byte é and inside the marker.
    g.push(bytes.subarray(0, 4));
    g.push(bytes.subarray(4, 10));
    g.push(bytes.subarray(10));
    g.push(Buffer.from('or::x\r'));
    g.push(Buffer.from('\n##[warning]y\r::notice::z'));
    g.end();
    expect(out).toBe('ok é\n:\\u003aerror::x\n#\\u0023[warning]y\n:\\u003anotice::z\n');
    expect(workflowCommands(out)).toEqual([]);
  });

  it('redacts credentials in URLs', () => {
    expect(redactUrl('https://u:p@ss@host/dl')).toBe('https://***@host/dl');
    expect(redactUrl('http://tok@h:8080/')).toBe('http://***@h:8080/');
    expect(redactUrl('https://go.dev/dl?x=@')).toBe('https://go.dev/dl?x=@');
  });

  it('displays arguments so that bash reads them back and no line or command starts', () => {
    expect(displayArg('-ldflags=-X main.v=1')).toBe("'-ldflags=-X main.v=1'");
    expect(displayArg("-X 'a=b\n::error::x'")).toBe("$'-X \\'a=b\\n::error::x\\''");
    expect(displayArg('v ##[error]x')).toBe("$'v \\x23#[error]x'");
    expect(displayArg('::error::x')).toBe("'::error::x'");
    for (const a of ['a\n::error::x', 'v ##[error]x', 'x\r::warning::y']) {
      expect(workflowCommands(`Running: go ${displayArg(a)}`)).toEqual([]);
    }
  });
});

// Made before the tests run, not at import: the tables below only need the paths.
const tmp = path.join(fs.realpathSync(os.tmpdir()), `trust-${process.pid}`);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>, links: Record<string, string> = {}) {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  for (const [rel, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.symlinkSync(target, path.join(dir, rel));
  }
  return dir;
}

describe('paths: nothing leaves its root once symlinks are resolved', () => {
  const outside = path.join(tmp, 'outside');
  const ws = path.join(tmp, 'ws');
  let root: Root;
  let app: Root;
  beforeAll(() => {
    tree('outside', { 'secret.txt': 'root:x:0:0\n' });
    tree(
      'ws',
      { 'app/go.mod': 'module a\n', 'app/sub/file': 'x' },
      {
        'app/up': '../..',
        'app/secret': path.join(outside, 'secret.txt'),
        'app/rel-secret': '../../outside/secret.txt',
        'app/dangling': path.join(outside, 'new-dir'),
        'app/inner': 'sub/file',
        'app/chain': 'inner',
        'app/loop': 'loop',
      },
    );
    root = realRoot(ws, 'the workspace');
    app = realRoot(path.join(ws, 'app'), 'the app directory');
  });
  const opts = { label: 'x' };

  it('accepts paths inside, relative or absolute, and returns the real path', () => {
    expect(confine(root, 'app', opts)).toBe(path.join(ws, 'app'));
    expect(confine(root, path.join(ws, 'app', 'sub'), opts)).toBe(path.join(ws, 'app', 'sub'));
    expect(confine(app, 'chain', opts)).toBe(path.join(ws, 'app', 'sub', 'file'));
    expect(confine(app, 'not/yet/there', opts)).toBe(path.join(ws, 'app', 'not', 'yet', 'there'));
    expect(confine(root, '.', { ...opts, allowRoot: true })).toBe(ws);
  });

  it.each([
    ['..', `x: ".." is outside the app directory (${path.join(ws, 'app')}); use a path inside it`],
    [
      '/etc',
      `x: "/etc" is outside the app directory (${path.join(ws, 'app')}); use a path inside it`,
    ],
    ['.', 'x: "." is the app directory itself; use a path inside it'],
    [
      'up/outside',
      `x: "up/outside" leads outside the app directory (${path.join(ws, 'app')}) through a symlink, to "${path.join(tmp, 'outside')}"; use a path inside it`,
    ],
    ['secret', 'through a symlink, to'],
    ['rel-secret', 'through a symlink, to'],
    ['dangling/file', `through a symlink, to "${path.join(outside, 'new-dir', 'file')}"`],
    ['loop', 'x: "loop" is a symlink loop; use a path inside it'],
  ])('refuses %j with one line', (value, message) => {
    expect(() => confine(app, value, opts)).toThrow(message);
  });

  it('reads app files only inside the app', () => {
    expect(readInside(app, 'go.mod')).toBe('module a\n');
    expect(readInside(app, 'missing')).toBeUndefined();
    expect(readInside(app, 'sub')).toBeUndefined();
    expect(() => readInside(app, 'secret', 'go.mod')).toThrow(
      /^go\.mod: "secret" leads outside the app directory .* through a symlink, to ".*secret\.txt"; replace the symlink with the file itself$/,
    );
    expect(() => readInside(app, 'dangling')).toThrow('through a symlink');
  });

  it('follows a dangling symlink to where a write would land', () => {
    expect(resolveReal(path.join(ws, 'app', 'dangling', 'x'))).toBe(
      path.join(outside, 'new-dir', 'x'),
    );
  });
});

describe('words: nothing becomes a flag', () => {
  it.each([
    ['-toolexec=/tmp/x', 'starts with "-", so it would be read as a flag'],
    ['-o=/tmp/x', 'starts with "-"'],
    ['a\nb', 'holds a line break'],
  ])('refuses %j as an operand', (w, why) => {
    expect(() => operand(w, 'package', 'use a package')).toThrow(`package: ${quote(w)} ${why}`);
  });

  it.each(['github.com/acme/app', 'example.com/m/v2', 'main', 'gopkg.in/yaml.v3', 'a~b+c'])(
    'accepts the import path %j',
    (p) => expect(importPath(p, 'rundir')).toBe(p),
  );

  it.each([
    ['../../../victim', 'it has a ".." element'],
    ['/abs/path', 'it is absolute'],
    ['-x', 'it starts with "-"'],
    ['a//b', 'it has an empty element'],
    ['a/', 'it has an empty element'],
    ['.', 'it has a "." element'],
    ['a/.../b', 'it has a "..." element'],
    ['a b', '"a b" has a character Go does not allow'],
    ['a/b.', '"b." ends with a dot'],
    ['', 'it is empty'],
  ])('refuses the import path %j', (p, why) => {
    expect(() => importPath(p, 'rundir')).toThrow(
      `rundir: ${quote(p)} is not an import path (${why}); use a path such as github.com/acme/app`,
    );
  });

  it('takes linker symbols of the form importpath.Name only', () => {
    for (const ok of ['main.version', 'github.com/acme/app/version.Commit', 'main.ß_1']) {
      expect(linkerSymbol(ok, 'linker-symbol')).toBe(ok);
    }
    for (const bad of [
      "main.v='-o=/tmp/x",
      '-o=/tmp/x',
      'main.v=x',
      'version',
      'main. v',
      'a//b.c',
    ]) {
      expect(() => linkerSymbol(bad, 'linker-symbol')).toThrow(/is not a Go symbol/);
    }
  });

  it('takes build tags of letters, digits, _ and . only', () => {
    expect(buildTag('go1.22_x', 'build-tags')).toBe('go1.22_x');
    for (const bad of ['-toolexec', 'a b', 'a\n::error::b', '!x']) {
      expect(() => buildTag(bad, 'build-tags')).toThrow(/is not a build tag/);
    }
  });
});
