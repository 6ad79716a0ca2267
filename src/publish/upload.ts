import path from 'node:path';
import { UserError, errorMessage } from '../errors.js';
import type { ArtifactFormat } from '../words.js';
import type { Runtime } from '../runtime/ports.js';
import type { ArtifactReport } from '../report/summary.js';
import { show } from '../trust/log-text.js';
import { formatSize } from '../fs-tree.js';
import { listFiles, packSlug, slugMtime, zipRefusal, type Packed } from './archive.js';

/** The settings publishing reads (the plan hands over its inputs; only these are read). */
export interface PublishInputs {
  appDir: string;
  upload: boolean;
  artifactFormat: ArtifactFormat;
  packSlug: boolean;
  retentionDays?: number;
  sourceDateEpoch?: number;
  /** The slug goes to Heroku: packed in its format (files under `./app/`). */
  herokuFormat: boolean;
}

/** The publish stage's part of the plan: its settings, and the artifact's name once Go is known. */
export interface PublishPlan extends PublishInputs {
  /** artifact-name, else `<app>-<goos>-<goarch>-go<version>`. */
  name(goVersion: string): string;
}

export interface Published {
  /** The packed slug (a `tgz` upload, or pack-slug), for release steps. */
  archive?: string;
  /** Its sha256, hex. */
  digest?: string;
  /** Its size. */
  archiveBytes?: number;
  artifact: ArtifactReport;
  /** The SBOM's own artifact, when one was uploaded. */
  sbomArtifact?: ArtifactReport;
}

/**
 * SPEC §6: `tgz` packs the slug as `<name>.tar.gz` (modes and symlinks kept) and uploads that one
 * file as is; `zip` uploads the slug's files, zipped by the service (modes lost). Nothing is
 * packed that nothing uses, unless pack-slug asks for it; outside Actions nothing is uploaded. A failed upload fails the step with the service's reason.
 */
export async function publishSlug(
  rt: Runtime,
  inputs: PublishInputs,
  slugDir: string,
  name: string,
  extra: {
    /** The SBOM to upload beside the slug. */
    sbom?: string;
    /** The members' mtime, when the caller already worked it out (slugMtime). */
    mtime?: number;
  } = {},
): Promise<Published> {
  const { sbom } = extra;
  const log = rt.log;
  const store = rt.publishes && inputs.upload ? rt.artifactStore : undefined;
  // Packed only when something uses it: the tgz upload, pack-slug, or a release to Heroku.
  const pack =
    (store !== undefined && inputs.artifactFormat === 'tgz') ||
    inputs.packSlug ||
    inputs.herokuFormat;
  let packed: Packed | undefined;
  if (pack) {
    const started = performance.now();
    packed = await packSlug(
      slugDir,
      name,
      extra.mtime ?? (await slugMtime(inputs.appDir, inputs.sourceDateEpoch, rt.env)),
      inputs.herokuFormat ? './app/' : undefined,
    );
    log.info(
      `Packed the slug as ${show(packed.path)}: ${formatSize(packed.bytes)}, sha256 ${packed.sha256} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (packed.skipped.length) {
      log.warning(
        `The slug archive leaves out ${packed.skipped.length} member(s) that are neither files, directories nor symlinks: ${packed.skipped
          .slice(0, 3)
          .map(show)
          .join(', ')}${packed.skipped.length > 3 ? ', …' : ''}`,
      );
    }
  }
  const archive = packed?.path;
  const digest = packed?.sha256;
  const archiveBytes = packed?.bytes;
  if (!rt.publishes) {
    const reason = `not uploaded outside GitHub Actions; the slug is at ${show(slugDir)}`;
    log.info(`Not uploaded outside GitHub Actions: the slug is at ${show(slugDir)}`);
    return { archive, digest, archiveBytes, artifact: { uploaded: false, reason } };
  }
  if (!inputs.upload) {
    log.info(`upload: false: no artifact; the slug is at ${show(slugDir)}`);
    return {
      archive,
      digest,
      archiveBytes,
      artifact: { uploaded: false, reason: 'upload: false' },
    };
  }
  if (!store) {
    const reason = `no artifact service for this step (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL unset); the slug is at ${show(slugDir)}`;
    log.info(`Not uploaded: ${reason}`);
    return { archive, digest, archiveBytes, artifact: { uploaded: false, reason } };
  }

  /** One upload, logged, reported, and failing the step with the service's reason. */
  const send = async (
    what: string,
    uploadName: string,
    files: string[],
    root: string,
    raw: boolean,
    format: string,
  ): Promise<ArtifactReport> => {
    try {
      const res = await store.upload(uploadName, files, root, {
        raw,
        retentionDays: inputs.retentionDays,
      });
      log.info(
        `Uploaded ${what} ${show(uploadName)}${res.id !== undefined ? ` (id ${res.id})` : ''}${res.url ? `: ${res.url}` : ''}`,
      );
      return { uploaded: true, name: uploadName, id: res.id, url: res.url, size: res.size, format };
    } catch (err) {
      throw new UserError(`Uploading artifact ${show(uploadName)} failed: ${errorMessage(err)}`);
    }
  };

  let artifact: ArtifactReport;
  if (archive) {
    artifact = await send(
      'artifact',
      path.basename(archive),
      [archive],
      path.dirname(archive),
      true,
      inputs.artifactFormat,
    );
  } else {
    const { files, links } = listFiles(slugDir);
    const refusal = zipRefusal(slugDir, files);
    if (refusal) throw new UserError(refusal);
    log.warning(
      'artifact-format: zip: the artifact service zips the files without their modes, so bin/* are not executable once unzipped; use artifact-format: tgz to keep them',
    );
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
    artifact = await send('artifact', name, files, slugDir, false, inputs.artifactFormat);
  }
  if (!sbom) return { archive, digest, archiveBytes, artifact };
  // The SBOM is an artifact of its own, the JSON file as is, so that it can be fetched alone.
  const sbomArtifact = await send(
    'the SBOM as artifact',
    path.basename(sbom),
    [sbom],
    path.dirname(sbom),
    true,
    'json',
  );
  return { archive, digest, archiveBytes, artifact, sbomArtifact };
}
