// Parts of the plan that other stages take, decided from the inputs alone (pure: no I/O).
import path from 'node:path';
import type { CheckPlan } from '../check/index.js';
import type { Inputs } from '../inputs.js';
import { MAX_ARTIFACT_NAME_BYTES } from '../publish/artifact-name.js';

/** The deploy check the inputs ask for (SPEC §10): target-glibc, smoke-test; or none. */
export function checkPlan(
  inputs: Pick<Inputs, 'smokeTest' | 'targetGlibc' | 'healthCheckPaths' | 'runHooks'>,
): CheckPlan | undefined {
  if (!inputs.smokeTest && inputs.targetGlibc === undefined) return undefined;
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
export function defaultArtifactName(
  inputs: Pick<Inputs, 'goos' | 'goarch' | 'host' | 'architecture' | 'appDir'>,
  version: string,
): string {
  const goos = inputs.goos ?? inputs.host.goos;
  const goarch = inputs.goarch ?? inputs.architecture;
  const tail = `-${goos}-${goarch}-go${version}`;
  let app = path.basename(inputs.appDir).replace(/[^A-Za-z0-9._-]/g, '-') || 'app';
  if (/^\.+$/.test(app)) app = 'app';
  while (Buffer.byteLength(app + tail) > MAX_ARTIFACT_NAME_BYTES)
    app = [...app].slice(0, -1).join('');
  return `${app}${tail}`;
}
