import { describe, expect, it } from 'vitest';
import { parseGoEnvFile, predictCacheDirs } from '../../src/cache/dirs.js';

const files = (map: Record<string, string>) => (f: string) => map[f];
const none = () => undefined;

describe('predictCacheDirs: GOCACHE and GOMODCACHE as go works them out', () => {
  it("uses the defaults: the user's cache dir and the first GOPATH entry", () => {
    expect(predictCacheDirs({ HOME: '/h', GOPATH: '/h/go_home:/other' }, 'linux', none)).toEqual({
      gocache: '/h/.cache/go-build',
      gomodcache: '/h/go_home/pkg/mod',
    });
    expect(predictCacheDirs({ HOME: '/h' }, 'linux', none)).toEqual({
      gocache: '/h/.cache/go-build',
      gomodcache: '/h/go/pkg/mod',
    });
    expect(predictCacheDirs({ HOME: '/Users/u' }, 'darwin', none)).toEqual({
      gocache: '/Users/u/Library/Caches/go-build',
      gomodcache: '/Users/u/go/pkg/mod',
    });
  });

  it('follows XDG_CACHE_HOME when absolute, and the variables over everything', () => {
    expect(predictCacheDirs({ HOME: '/h', XDG_CACHE_HOME: '/x' }, 'linux', none)?.gocache).toBe(
      '/x/go-build',
    );
    expect(predictCacheDirs({ HOME: '/h', XDG_CACHE_HOME: 'rel' }, 'linux', none)?.gocache).toBe(
      '/h/.cache/go-build',
    );
    expect(
      predictCacheDirs(
        { HOME: '/h', GOCACHE: '/c', GOMODCACHE: '/m' },
        'linux',
        () => 'GOCACHE=/f',
      ),
    ).toEqual({ gocache: '/c', gomodcache: '/m' });
  });

  it('reads the go env file (`go env -w`) where go reads it: $GOENV, else <config dir>/go/env', () => {
    const env = { HOME: '/h' };
    expect(
      predictCacheDirs(env, 'linux', files({ '/h/.config/go/env': 'GOCACHE=/w\nGOMODCACHE=/m\n' })),
    ).toEqual({ gocache: '/w', gomodcache: '/m' });
    expect(
      predictCacheDirs(
        { ...env, XDG_CONFIG_HOME: '/cfg' },
        'linux',
        files({ '/cfg/go/env': 'GOPATH=/p' }),
      ),
    ).toEqual({ gocache: '/h/.cache/go-build', gomodcache: '/p/pkg/mod' });
    expect(
      predictCacheDirs({ ...env, GOENV: '/e' }, 'linux', files({ '/e': 'GOCACHE=/from-goenv' }))
        ?.gocache,
    ).toBe('/from-goenv');
    expect(
      predictCacheDirs({ ...env, GOENV: 'off' }, 'linux', () => 'GOCACHE=/ignored')?.gocache,
    ).toBe('/h/.cache/go-build');
  });

  it('cannot tell without HOME, for a relative path, or with GOCACHE=off', () => {
    expect(predictCacheDirs({}, 'linux', none)).toBeUndefined();
    expect(predictCacheDirs({ HOME: 'rel' }, 'linux', none)).toBeUndefined();
    expect(predictCacheDirs({ HOME: '/h', GOCACHE: 'off' }, 'linux', none)).toBeUndefined();
    expect(predictCacheDirs({ HOME: '/h', GOMODCACHE: 'mod' }, 'linux', none)).toBeUndefined();
  });
});

describe('parseGoEnvFile', () => {
  it('reads KEY=value lines and skips the rest', () => {
    expect(parseGoEnvFile('GOCACHE=/a\n# note\nlower=x\nGOPRIVATE=*.corp=x\n\n')).toEqual({
      GOCACHE: '/a',
      GOPRIVATE: '*.corp=x',
    });
  });
});
