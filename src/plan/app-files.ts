import fs from 'node:fs';
import path from 'node:path';
import type { AppLayout } from './app-layout.js';
import type { AppVersionFiles } from './version-source.js';

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The files of the app that decide the Go version (SPEC §2); the legacy ones scanApp already read. */
export function readVersionFiles(appDir: string, layout: AppLayout): AppVersionFiles {
  return {
    goMod: read(path.join(appDir, 'go.mod')),
    goWork: read(path.join(appDir, 'go.work')),
    goVersion: read(path.join(appDir, '.go-version')),
    toolVersions: read(path.join(appDir, '.tool-versions')),
    godeps: layout.godepsJson,
    vendorJson: layout.vendorJson,
  };
}

export function readFileIfExists(file: string): string | undefined {
  return read(file);
}
