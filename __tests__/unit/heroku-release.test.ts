// The release's pure rules: what heroku-app and heroku-api-url accept, and what is refused before
// an upload (a slug over Heroku's limit, named by its biggest parts; a process type it refuses).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProcessType, MAX_SLUG_BYTES, refuseBeforeUpload } from '../../src/release/heroku.js';
import { herokuApiUrl, herokuApp } from '../../src/release/inputs.js';

describe('heroku-app', () => {
  it.each(['my-app', 'abc', 'a'.repeat(30), '01234567-89ab-cdef-0123-456789abcdef'])(
    'takes %s',
    (v) => expect(herokuApp(v, 'heroku-app')).toBe(v),
  );
  it.each([
    'ab',
    'a'.repeat(31),
    'My-App',
    '1app',
    'app-',
    '../x',
    'my app',
    'my-app\n',
    'a/b',
    '',
  ])('refuses %j in one line', (v) =>
    expect(() => herokuApp(v, 'heroku-app')).toThrow(/^heroku-app: ".*" is not a Heroku app; use/),
  );
});

describe('heroku-api-url', () => {
  it.each([
    ['https://api.heroku.com', 'https://api.heroku.com'],
    ['https://api.heroku.com/', 'https://api.heroku.com'],
    ['http://127.0.0.1:4000/proxy/', 'http://127.0.0.1:4000/proxy'],
  ])('takes %s as %s', (v, want) => expect(herokuApiUrl(v, 'heroku-api-url')).toBe(want));
  it.each([
    ['ftp://api.example', /is not a URL/],
    ['api.heroku.com', /is not a URL/],
    ['https://user:pw@api.example', /"https:\/\/\*\*\*@api\.example" is a URL with credentials/],
    ['https://api.example/?key=1', /is not a base URL/],
    ['https://api.example/#x', /is not a base URL/],
    ['https://api.example/a/../b', /is not a base URL/],
    ['https://api.example/a/%2E%2e/b', /is not a base URL/],
    ['https://api.example/./b', /is not a base URL/],
  ])('refuses %s', (v, why) => expect(() => herokuApiUrl(v, 'heroku-api-url')).toThrow(why));
});

describe('before the upload', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heroku-slug-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'assets', 'video'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'assets', 'video', 'big.mp4'), Buffer.alloc(30_000));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'bin', 'web'), Buffer.alloc(20_000));
  fs.writeFileSync(path.join(dir, 'Procfile'), 'web: bin/web\n');

  it('takes a slug at the limit', () => {
    expect(() => refuseBeforeUpload(dir, MAX_SLUG_BYTES, { web: 'bin/web' })).not.toThrow();
  });
  it('refuses a slug over it, naming its biggest parts', () => {
    expect(() => refuseBeforeUpload(dir, MAX_SLUG_BYTES + 1, { web: 'bin/web' })).toThrow(
      "heroku-app: the slug is 500.0 MiB packed, over Heroku's limit of 500.0 MiB; the biggest parts: assets 0.0 MiB, bin 0.0 MiB, Procfile 0.0 MiB; leave files out with .slugignore",
    );
  });
  it.each(['web', 'worker-2', 'a_b', 'w'.repeat(128)])('takes the process type %s', (n) =>
    expect(() => checkProcessType(n)).not.toThrow(),
  );
  it.each(['w'.repeat(129), 'we b', 'wéb', ''])('refuses the process type %j', (n) =>
    expect(() => checkProcessType(n)).toThrow(
      /^Procfile: the process type ".*" is not one Heroku takes/,
    ),
  );
});
