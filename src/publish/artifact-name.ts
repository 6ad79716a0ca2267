import { bad } from '../trust/refusal.js';

/** Artifact names become file names (`<name>.tar.gz`, temporary siblings): well under NAME_MAX. */
export const MAX_ARTIFACT_NAME_BYTES = 200;
const ARTIFACT_NAME_FORBIDDEN = /[\\/":<>|*?\p{Cc}]/u;

/** The artifact-name rules (GitHub's forbidden characters, one path segment, a length). */
export function checkArtifactName(name: string, label: string): string {
  if (ARTIFACT_NAME_FORBIDDEN.test(name)) {
    throw bad(
      label,
      name,
      'not a valid artifact name; it cannot contain \\ / " : < > | * ? or a control character',
    );
  }
  if (name.trim() === '' || /^\.+$/.test(name)) {
    throw bad(label, name, 'not a valid artifact name; use letters, digits, dots, dashes');
  }
  const bytes = Buffer.byteLength(name);
  if (bytes > MAX_ARTIFACT_NAME_BYTES) {
    throw bad(
      label,
      name,
      `too long (${bytes} bytes); use at most ${MAX_ARTIFACT_NAME_BYTES} bytes`,
    );
  }
  return name;
}
