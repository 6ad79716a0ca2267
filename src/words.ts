/**
 * The product's shared vocabulary: the values a few inputs accept, named once. The input table
 * builds its rows (and their help) from these lists, and the stages take the types, so that no
 * stage needs the whole of Inputs to know what a platform or a cache mode is.
 */
export const PLATFORMS = ['clever-cloud', 'heroku'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const CACHE_MODES = ['true', 'false', 'read-only'] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

export const ARTIFACT_FORMATS = ['tgz', 'zip'] as const;
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];

/** The SBOM's formats (SPEC §11): SPDX 2.3 or CycloneDX 1.5, JSON. */
export const SBOM_FORMAT_NAMES = ['spdx', 'cyclonedx'] as const;
export type SbomFormat = (typeof SBOM_FORMAT_NAMES)[number];
