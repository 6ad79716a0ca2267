import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Runtime } from '../runtime/ports.js';
import type { BuildInputs } from './job.js';

export interface GoEnv {
  goroot: string;
  gopath: string;
  /** Unset when cross-compiling: Go refuses to install into GOBIN for another GOOS/GOARCH. */
  gobin?: string;
  /** The complete environment of every go command. */
  env: Record<string, string | undefined>;
}

/** A build for another GOOS or GOARCH than the machine's: no GOBIN, no run of what it builds. */
export function isCross(inputs: BuildInputs): boolean {
  return (
    (inputs.goos !== undefined && inputs.goos !== inputs.host.goos) ||
    (inputs.goarch !== undefined && inputs.goarch !== inputs.host.goarch)
  );
}

/**
 * The environment of every go command (SPEC §3): the resolved GOROOT first on PATH, the platform's
 * GOPATH, GOBIN inside it, GOTOOLCHAIN=local so the resolved Go is the Go that builds, and the
 * user's go and cgo settings.
 */
export function goEnv(
  base: Readonly<Record<string, string | undefined>>,
  inputs: BuildInputs,
  goroot: string,
): GoEnv {
  const home = base.HOME || os.homedir();
  const gopath = path.join(home, inputs.platform === 'heroku' ? 'go' : 'go_home');
  const cross = isCross(inputs);
  const gobin = cross ? undefined : path.join(gopath, 'bin');
  const pathParts = [path.join(goroot, 'bin'), path.join(gopath, 'bin'), base.PATH ?? ''];
  const env: Record<string, string | undefined> = {
    ...base,
    GOROOT: goroot,
    GOPATH: gopath,
    GOBIN: gobin,
    GOTOOLCHAIN: 'local',
    PATH: pathParts.filter(Boolean).join(path.delimiter),
    ...inputs.goEnv,
    ...inputs.cgoEnv,
  };
  if (inputs.goos) env.GOOS = inputs.goos;
  if (inputs.goarch) env.GOARCH = inputs.goarch;
  // reproducible: no workspace or GOPATH path in the binaries, for every go command (make's too).
  if (inputs.reproducible && !/(^|\s)-trimpath(=|\s|$)/.test(env.GOFLAGS ?? '')) {
    env.GOFLAGS = [env.GOFLAGS, '-trimpath'].filter(Boolean).join(' ');
  }
  if (!gobin) delete env.GOBIN;
  return { goroot, gopath, gobin, env };
}

/**
 * Makes the Go that builds the Go of the job's later steps: GOROOT, GOTOOLCHAIN=local, its bin/
 * and GOBIN on PATH, go's problem matcher.
 */
export function exportGoEnv(
  rt: Pick<Runtime, 'exportVariable' | 'addPath' | 'addProblemMatcher'>,
  genv: GoEnv,
): void {
  rt.exportVariable('GOROOT', genv.goroot);
  rt.exportVariable('GOTOOLCHAIN', 'local');
  rt.addPath(path.join(genv.goroot, 'bin'));
  rt.addProblemMatcher();
  if (genv.gobin) {
    fs.mkdirSync(genv.gobin, { recursive: true });
    rt.addPath(genv.gobin);
  }
}
