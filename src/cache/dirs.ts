import fs from 'node:fs';
import path from 'node:path';
import type { GoEnv } from '../compile/go-env.js';
import { run } from '../runtime/exec.js';

export interface CacheDirs {
  gocache: string;
  gomodcache: string;
}

/** GOCACHE and GOMODCACHE as the build's go commands will see them: asked of go itself. */
export async function goCacheDirs(genv: GoEnv, dir: string): Promise<CacheDirs> {
  const res = await run(
    path.join(genv.goroot, 'bin', 'go'),
    ['env', '-json', 'GOCACHE', 'GOMODCACHE'],
    { cwd: dir, env: genv.env, quiet: true },
  );
  if (res.code !== 0) throw new Error(`go env failed: ${res.stderr.trim()}`);
  const parsed = JSON.parse(res.stdout) as { GOCACHE?: string; GOMODCACHE?: string };
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
export function predictCacheDirs(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  readFile: (file: string) => string | undefined = readSmallFile,
): CacheDirs | undefined {
  const home = env.HOME;
  if (!home || !path.isAbsolute(home)) return undefined;
  const xdg = (name: string, fallback: string) => {
    const v = env[name];
    return v && path.isAbsolute(v) ? v : fallback;
  };
  const mac = platform === 'darwin';
  const configDir = mac
    ? path.join(home, 'Library', 'Application Support')
    : xdg('XDG_CONFIG_HOME', path.join(home, '.config'));
  const cacheDir = mac
    ? path.join(home, 'Library', 'Caches')
    : xdg('XDG_CACHE_HOME', path.join(home, '.cache'));

  const goenv = env.GOENV || path.join(configDir, 'go', 'env');
  const file = goenv === 'off' ? {} : parseGoEnvFile(readFile(goenv) ?? '');
  const get = (name: string) => env[name] || file[name] || undefined;

  const gocache = get('GOCACHE') ?? path.join(cacheDir, 'go-build');
  const gopath = (get('GOPATH') ?? path.join(home, 'go')).split(path.delimiter)[0] ?? '';
  const gomodcache = get('GOMODCACHE') ?? path.join(gopath, 'pkg', 'mod');
  if (gocache === 'off' || !path.isAbsolute(gocache) || !path.isAbsolute(gomodcache))
    return undefined;
  return { gocache, gomodcache };
}

/** The `KEY=value` lines `go env -w` writes. */
export function parseGoEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

function readSmallFile(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size <= 64 * 1024 ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
