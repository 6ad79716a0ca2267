// The credentials rule: user information found in any URL-shaped word of a value, with or
// without a scheme, in lists and in words that are not URLs at all.
import { describe, expect, it } from 'vitest';
import { redactCredentials, secretsIn } from '../../src/trust/credentials.js';
import { redactUrl } from '../../src/trust/log-text.js';

const token = (user: string, password: string) =>
  Buffer.from(`${user}:${password}`).toString('base64');

describe('credentials in values that hold URLs', () => {
  it.each([
    ['https://u:s3cret@proxy.example/go', 'https://***@proxy.example/go', ['s3cret']],
    ['user:s3cret@proxy.example,direct', '***@proxy.example,direct', ['s3cret']],
    ['https://u:s3cret@bad host,direct', 'https://***@bad host,direct', ['s3cret']],
    ['a.example|http://u:s3cret@[bad,off', 'a.example|http://***@[bad,off', ['s3cret']],
    ['https://u:pa/ss@host', 'https://***@host', ['pa/ss']],
    ['https://t0ken@mirror.example', 'https://***@mirror.example', ['t0ken']],
    [
      'key+1234+AAAA https://ci:s3cr%40t@db.example',
      'key+1234+AAAA https://***@db.example',
      ['s3cr%40t', 's3cr@t'],
    ],
    ['https://go.dev/dl?x=@', 'https://go.dev/dl?x=@', []],
    ['https://host/path@v1.0.0', 'https://host/path@v1.0.0', []],
    ['direct', 'direct', []],
  ])('%j', (value, redacted, secrets) => {
    expect(redactCredentials(value)).toBe(redacted);
    expect(redactUrl(value)).toBe(redacted);
    const found = secretsIn(value);
    expect(found).toEqual(expect.arrayContaining(secrets));
    for (const s of found) expect(redacted).not.toContain(s);
  });

  it("reads GOSUMDB's key field as a key: its @ is no credential", () => {
    const value = 'u@sum.example+01234567+AAAA https://ci:s3cret@db.example';
    expect(secretsIn(value, false)).toEqual(['s3cret', token('ci', 's3cret')]);
    expect(redactCredentials(value, false)).toBe(
      'u@sum.example+01234567+AAAA https://***@db.example',
    );
  });

  it('masks the basic-auth token sent, and not a user name beside a password', () => {
    const found = secretsIn('https://ci:s3cr%40t@db.example');
    expect(found).toContain(token('ci', 's3cr@t'));
    expect(found).not.toContain('ci');
  });
});
