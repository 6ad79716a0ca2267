import { describe, expect, it } from 'vitest';
import {
  defaultProcfile,
  formatProcfile,
  parseProcfile,
  webBinary,
} from '../../src/slug/procfile.js';

describe('default Procfile (SPEC §5)', () => {
  it('makes the only main package the web process', () => {
    expect(formatProcfile(defaultProcfile({ binaryNames: ['hello'] }))).toBe('web: bin/hello\n');
  });
  it('gives each of several main packages its own process, in order', () => {
    expect(formatProcfile(defaultProcfile({ binaryNames: ['api', 'worker'] }))).toBe(
      'api: bin/api\nworker: bin/worker\n',
    );
  });
  it('lets a package named web be the web process', () => {
    expect(formatProcfile(defaultProcfile({ binaryNames: ['web', 'cron'] }))).toBe(
      'web: bin/web\ncron: bin/cron\n',
    );
  });
  it('uses run-command as the web process instead', () => {
    expect(
      formatProcfile(
        defaultProcfile({ runCommand: './bin/api --port $PORT', binaryNames: ['api', 'worker'] }),
      ),
    ).toBe('web: ./bin/api --port $PORT\n');
  });
});

describe('an app Procfile', () => {
  it('is parsed line by line, skipping blanks and comments', () => {
    expect(parseProcfile('web: bin/api -p $PORT\n\n# jobs\nworker:bin/worker\r\n')).toEqual([
      { name: 'web', command: 'bin/api -p $PORT' },
      { name: 'worker', command: 'bin/worker' },
    ]);
  });
  it.each([
    ['web bin/api', 1],
    ['web: bin/api\nmy worker: bin/w', 2],
    ['web:', 1],
    ['we.b: x', 1],
  ])('rejects %j at line %i', (text, line) => {
    expect(() => parseProcfile(text)).toThrow(
      new RegExp(`^Procfile:${line}: .* is not a process line; use "name: command"`),
    );
  });
});

describe('web binary', () => {
  it('names the binary the web process runs', () => {
    expect(webBinary([{ name: 'web', command: 'bin/api --port 1' }], ['api', 'worker'])).toBe(
      'api',
    );
    expect(webBinary([{ name: 'web', command: './bin/api' }], ['api'])).toBe('api');
  });
  it('is empty when web runs something else or does not exist', () => {
    expect(webBinary([{ name: 'web', command: 'python app.py' }], ['api'])).toBeUndefined();
    expect(webBinary([{ name: 'api', command: 'bin/api' }], ['api'])).toBeUndefined();
  });
});
