import path from 'node:path';
import { UserError, errorMessage } from '../errors.js';
import type { Inputs } from '../inputs.js';
import type { Runtime } from '../runtime/ports.js';
import type { ArtifactReport } from '../report/summary.js';
import { show } from '../trust/log-text.js';
import { listFiles, packSlug } from './archive.js';

export interface Published {
  /** The packed slug (`tgz` in Actions), for release steps. */
  archive?: string;
  artifact: ArtifactReport;
}

/**
 * SPEC §6: `tgz` packs the slug as `<name>.tar.gz` (modes and symlinks kept) and uploads that one
 * file as is; `zip` uploads the slug's files, zipped by the service (modes lost). Outside Actions
 * nothing is packed or uploaded. A failed upload fails the step with the service's reason.
 */
export async function publishSlug(
  rt: Runtime,
  inputs: Inputs,
  slugDir: string,
  name: string,
): Promise<Published> {
  const log = rt.log;
  if (!rt.publishes) {
    const reason = `not uploaded outside GitHub Actions; the slug is at ${show(slugDir)}`;
    log.info(`Not uploaded outside GitHub Actions: the slug is at ${show(slugDir)}`);
    return { artifact: { uploaded: false, reason } };
  }
  let archive: string | undefined;
  if (inputs.artifactFormat === 'tgz') {
    const started = performance.now();
    archive = await packSlug(slugDir, name, rt.host.platform === 'linux');
    log.info(
      `Packed the slug as ${show(archive)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  if (!inputs.upload) {
    log.info(`upload: false: no artifact; the slug is at ${show(slugDir)}`);
    return { archive, artifact: { uploaded: false, reason: 'upload: false' } };
  }
  const store = rt.artifactStore;
  if (!store) {
    const reason = `no artifact service for this step (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL unset); the slug is at ${show(slugDir)}`;
    log.info(`Not uploaded: ${reason}`);
    return { archive, artifact: { uploaded: false, reason } };
  }

  let uploadName = name;
  try {
    let res;
    if (archive) {
      uploadName = path.basename(archive);
      res = await store.upload(uploadName, [archive], path.dirname(archive), {
        raw: true,
        retentionDays: inputs.retentionDays,
      });
    } else {
      log.warning(
        'artifact-format: zip: the artifact service zips the files without their modes, so bin/* are not executable once unzipped; use artifact-format: tgz to keep them',
      );
      const { files, links } = await listFiles(slugDir);
      if (links.length) {
        log.warning(
          `artifact-format: zip leaves out the slug's ${links.length} symlink(s) (${links
            .slice(0, 3)
            .map((l) => show(path.relative(slugDir, l)))
            .join(
              ', ',
            )}${links.length > 3 ? ', …' : ''}): a zip artifact would hold what they point to instead; use artifact-format: tgz to keep them`,
        );
      }
      res = await store.upload(name, files, slugDir, {
        raw: false,
        retentionDays: inputs.retentionDays,
      });
    }
    log.info(
      `Uploaded artifact ${show(uploadName)}${res.id !== undefined ? ` (id ${res.id})` : ''}${res.url ? `: ${res.url}` : ''}`,
    );
    return {
      archive,
      artifact: {
        uploaded: true,
        name: uploadName,
        id: res.id,
        url: res.url,
        size: res.size,
        format: inputs.artifactFormat,
      },
    };
  } catch (err) {
    throw new UserError(`Uploading artifact ${show(uploadName)} failed: ${errorMessage(err)}`);
  }
}
