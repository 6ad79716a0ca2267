import type { ArtifactStore } from '../runtime/ports.js';

/**
 * The workflow artifact service through @actions/artifact (loaded only when a slug is uploaded).
 * Present only where the runner gives the step a token for it.
 */
export function actionsArtifactStore(
  env: Readonly<Record<string, string | undefined>>,
): ArtifactStore | undefined {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) return undefined;
  return {
    async upload(name, files, root, opts) {
      const { DefaultArtifactClient } = await import('@actions/artifact');
      const res = await new DefaultArtifactClient().uploadArtifact(name, files, root, {
        retentionDays: opts.retentionDays,
        skipArchive: opts.raw,
      });
      const server = env.GITHUB_SERVER_URL || 'https://github.com';
      const url =
        res.id !== undefined && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
          ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${res.id}`
          : undefined;
      return { id: res.id, size: res.size, digest: res.digest, url };
    },
  };
}
