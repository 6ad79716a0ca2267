// An app layout for the pure detection tests: an empty app root, with the given markers set.
import type { AppLayout } from '../../src/plan/app-layout.js';

export function layout(over: Partial<AppLayout> = {}): AppLayout {
  return {
    hasGoMod: false,
    hasGoWork: false,
    hasMakefile: false,
    hasMainGo: false,
    hasClevercloudGoJson: false,
    hasGbSrc: false,
    gbDirs: [],
    hasVendorDir: false,
    hasGlideYaml: false,
    binIsNotDir: false,
    binIsLink: false,
    profileDIsLink: false,
    ...over,
  };
}
