/** One downloadable file of a Go release, as the go.dev release index lists it. */
export interface GoFile {
  filename: string;
  os: string;
  arch: string;
  version: string;
  sha256: string;
  size?: number;
  kind: string;
}

/** One release of the go.dev index (`<base>/?mode=json&include=all`), newest first in the index. */
export interface GoRelease {
  version: string;
  stable: boolean;
  files: GoFile[];
}
