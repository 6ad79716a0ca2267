import { createHash } from 'node:crypto';

/** The SHA-256 of text (UTF-8) or bytes, in lower-case hex: cache keys, SBOM digests, versions. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
