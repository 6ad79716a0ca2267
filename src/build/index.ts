import path from 'node:path';
import type { Inputs } from '../inputs.js';
import type { Detection } from '../plan/detect.js';
import type { GoModInfo } from '../plan/version-source.js';
import type { Logger } from '../runtime/ports.js';
import type { GoEnv } from './go-env.js';
import { buildGomod } from './gomod.js';
import { buildGopath } from './gopath.js';
import { runHerokuHook, runHook } from './hooks.js';
import { buildMakefile } from './makefile.js';
import type { BuildResult } from './targets.js';

export interface Build extends BuildResult {
  /** The import path the sources live under in a GOPATH layout (setup-gopath-in-image). */
  importPath: string;
}

/**
 * Runs the detected method between the hooks: pre-build-hook and bin/go-pre-compile before
 * anything downloads modules, bin/go-post-compile and post-build-hook after the build.
 */
export async function build(
  inputs: Inputs,
  detection: Detection,
  goMod: GoModInfo | undefined,
  goVersion: string,
  genv: GoEnv,
  log: Logger,
): Promise<Build> {
  const dir = inputs.appDir;
  const hookEnv = { ...genv.env, SOURCE_VERSION: genv.env.SOURCE_VERSION ?? inputs.linkerValue };
  if (inputs.preBuildHook) await runHook('pre-build-hook', inputs.preBuildHook, dir, hookEnv, log);
  await runHerokuHook('go-pre-compile', dir, hookEnv, log);

  let result: BuildResult;
  let importPath = goMod?.module ?? path.basename(dir);
  switch (detection.method) {
    case 'gomod':
      result = await buildGomod(inputs, detection, goMod?.herokuInstall, genv, log);
      break;
    case 'makefile':
      result = await buildMakefile(inputs, genv, log);
      break;
    default: {
      const built = await buildGopath(inputs, detection, goMod?.module, goVersion, genv, log);
      result = built.result;
      importPath = built.importPath;
    }
  }
  log.info(
    `Installed the following binaries:\n${result.binaries.map((b) => `  ${b.path}`).join('\n')}`,
  );

  await runHerokuHook('go-post-compile', dir, hookEnv, log);
  if (inputs.postBuildHook)
    await runHook('post-build-hook', inputs.postBuildHook, dir, hookEnv, log);
  return { ...result, importPath };
}
