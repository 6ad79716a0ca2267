import fs from 'node:fs';
import path from 'node:path';
import type { AppVersionFiles } from './version-source.js';

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The files of the app that decide the Go version (SPEC §2), read once. */
export function readVersionFiles(appDir: string): AppVersionFiles {
  return {
    goMod: read(path.join(appDir, 'go.mod')),
    goWork: read(path.join(appDir, 'go.work')),
    goVersion: read(path.join(appDir, '.go-version')),
    toolVersions: read(path.join(appDir, '.tool-versions')),
    godeps: read(path.join(appDir, 'Godeps', 'Godeps.json')),
    vendorJson: read(path.join(appDir, 'vendor', 'vendor.json')),
  };
}

export function readFileIfExists(file: string): string | undefined {
  return read(file);
}
