import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runner } from './runner-commands.js';
import { actionsCacheStore } from '../cache/service.js';
import { actionsArtifactStore } from '../publish/service.js';
import { confine, realRoot } from '../trust/paths.js';
import { actionsLogger } from './actions-log.js';
import type { Runtime } from '../runtime/ports.js';
import { problemMatcherJson } from '../runtime/problem-matcher.js';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: this entry point runs inside GitHub Actions`);
  return v;
}

/** The GitHub runner: inputs from INPUT_*, file commands for outputs/env/path/state. */
export function actionsRuntime(): Runtime {
  const tempDir = process.env.RUNNER_TEMP || os.tmpdir();
  return {
    publishes: true,
    host: { platform: process.platform, arch: process.arch },
    log: actionsLogger,
    env: process.env,
    input: (name) => runner.getInput(name),
    usesGoOnPath: false,
    settingName: (input) => input,
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    toolCache: required('RUNNER_TOOL_CACHE'),
    // One directory per artifact name, strictly inside $RUNNER_TEMP/go-paas-build.
    slugDir: (name) =>
      confine(
        realRoot(path.join(tempDir, 'go-paas-build'), '$RUNNER_TEMP/go-paas-build', true),
        name,
        {
          label: 'artifact-name',
          accepted: 'use a name, not a path',
        },
      ),
    setOutput: (n, v) => runner.setOutput(n, v),
    exportVariable: (n, v) => runner.exportVariable(n, v),
    addPath: (d) => runner.addPath(d),
    saveState: (n, v) => runner.saveState(n, v),
    mask: (secret) => runner.setSecret(secret),
    cacheStore: actionsCacheStore(process.env, actionsLogger),
    artifactStore: actionsArtifactStore(process.env),
    async writeSummary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await runner.appendSummary(markdown);
    },
    addProblemMatcher() {
      const file = path.join(tempDir, 'go-paas-build-matcher.json');
      fs.mkdirSync(tempDir, { recursive: true });
      fs.writeFileSync(file, problemMatcherJson());
      process.stdout.write(`::add-matcher::${file}${os.EOL}`);
    },
  };
}
