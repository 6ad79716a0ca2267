import type { BuildResult } from '../compile/targets.js';
import type { Logger } from '../runtime/ports.js';
import { show } from '../trust/log-text.js';
import { defaultProcfile, formatProcfile, webBinary, type ProcfileEntry } from './procfile.js';
import { writeSlug, type Slug, type SlugApp, type SlugExtras } from './slug.js';

/** What the slug stage is given: the app, its Procfile (or the default's inputs), the extras. */
export interface SlugPlan {
  app: SlugApp;
  /** The app's own Procfile, validated; else the default one is made from the build. */
  procfile?: { text: string; entries: ProcfileEntry[] };
  /** run-command (CC_RUN_COMMAND): the default Procfile's web process. */
  runCommand?: string;
  /** install-tools-in-image, setup-gopath-in-image: what the slug carries beside the app. */
  ship: { goroot: boolean; gopathSources: boolean };
}

/**
 * The Slug phase (SPEC §5, §6): the Procfile (the app's, or the default one from what the build
 * made, with a warning for a process whose binary it did not make), then the slug in `dir`.
 */
export async function makeSlug(
  dir: string,
  plan: SlugPlan,
  built: Pick<BuildResult, 'binaries' | 'processNames'> & { importPath: string },
  /** The GOROOT of the Go that built. */
  goroot: string,
  log: Logger,
): Promise<Slug & { web?: string }> {
  const builtNames = built.binaries.map((b) => b.name);
  let procfileText: string;
  let entries: ProcfileEntry[];
  if (plan.procfile) {
    ({ text: procfileText, entries } = plan.procfile);
    log.info("Using the app's Procfile");
  } else {
    entries = defaultProcfile({ runCommand: plan.runCommand, binaryNames: built.processNames });
    procfileText = formatProcfile(entries);
    log.info(
      `Created a Procfile with the following entries:\n${procfileText.trimEnd().replace(/^/gm, '  ')}`,
    );
    const produced = new Set(builtNames);
    for (const e of entries) {
      const bin = /^bin\/(\S+)$/.exec(e.command)?.[1];
      if (bin !== undefined && !produced.has(bin)) {
        log.warning(
          `Procfile: the ${e.name} process runs bin/${bin}, which this build does not produce (it built ${builtNames.join(', ') || 'nothing'}); build it too (package, install-package-spec) or write a Procfile`,
        );
      }
    }
  }
  const extras: SlugExtras = {
    goroot: plan.ship.goroot ? goroot : undefined,
    gopathSources: plan.ship.gopathSources
      ? { appDir: plan.app.dir, importPath: built.importPath }
      : undefined,
  };
  const written = await writeSlug(dir, plan.app, built.binaries, procfileText, extras);
  if (extras.goroot) log.info('Copied the Go toolchain to $HOME/.heroku/go in the slug');
  const web = webBinary(entries, builtNames);
  const { ignored } = written.copied;
  if (ignored.length) {
    log.info(
      `Left out by .slugignore: ${ignored.slice(0, 10).map(show).join(', ')}${ignored.length > 10 ? `, … (${ignored.length})` : ''}`,
    );
  }
  log.info(
    `Slug written to ${show(written.dir)}: ${plan.app.files ? `the app's ${written.copied.files} files and ${written.copied.links} symlinks` : "the app's bin/ and .profile.d/"}, ${built.binaries.length} binaries, Procfile`,
  );
  return { ...written, web };
}
