import type { Root } from '../trust/paths.js';
import { readInside } from '../trust/paths.js';
import type { AppLayout } from './app-layout.js';
import type { AppVersionFiles } from './version-source.js';

/**
 * The files of the app that decide the Go version (SPEC §2), read through the path gate: a
 * go.mod that is a symlink to a file outside the app is refused, not read (its first line would
 * end up in an error message). The legacy ones scanApp already read.
 */
export function readVersionFiles(app: Root, layout: AppLayout): AppVersionFiles {
  return {
    goMod: readInside(app, 'go.mod'),
    goWork: readInside(app, 'go.work'),
    goVersion: readInside(app, '.go-version'),
    toolVersions: readInside(app, '.tool-versions'),
    godeps: layout.godepsJson,
    vendorJson: layout.vendorJson,
    gopkgToml: layout.gopkgToml,
  };
}
