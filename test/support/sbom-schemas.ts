// The SBOM formats' own JSON schemas, applied by maintained validators:
// - SPDX 2.3: the official schema (__tests__/fixtures/schemas/spdx-2.3.schema.json, spdx/spdx-spec tag
//   v2.3, schemas/spdx-schema.json, checked below by its published sha256) with Ajv, plus the
//   rules the spec states and the schema cannot (unique SPDX ids, relationships that resolve);
// - CycloneDX 1.5: @cyclonedx/cyclonedx-library's strict JSON validator, which ships the schema.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';

export const SPDX_SCHEMA_PATH = fileURLToPath(
  new URL('../../__tests__/fixtures/schemas/spdx-2.3.schema.json', import.meta.url),
);
/** sha256 of the v2.3 tag's schemas/spdx-schema.json, as projects that pin it publish it. */
export const SPDX_SCHEMA_SHA256 =
  '239208b7ac287b3cf5d9a9af23f9d69863971102a5e1587a27a398b43490b89b';

let spdxValidate: (((doc: unknown) => boolean) & { errors?: unknown }) | undefined;

function spdxSchema(): object {
  const bytes = readFileSync(SPDX_SCHEMA_PATH);
  const sum = createHash('sha256').update(bytes).digest('hex');
  if (sum !== SPDX_SCHEMA_SHA256) throw new Error(`the SPDX schema copy was changed (${sum})`);
  return JSON.parse(bytes.toString('utf8')) as object;
}

const SPDX_ID = /^SPDXRef-[A-Za-z0-9.-]+$/;

/** Every reason the text is not a valid SPDX 2.3 JSON document; empty when it is. */
export function spdxErrors(text: string): string[] {
  if (!spdxValidate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    spdxValidate = ajv.compile(spdxSchema());
  }
  const doc = JSON.parse(text) as {
    spdxVersion?: string;
    documentNamespace?: string;
    SPDXID?: string;
    packages?: { SPDXID: string }[];
    relationships?: { spdxElementId: string; relatedSpdxElement: string }[];
  };
  const errors: string[] = [];
  if (!spdxValidate(doc)) {
    for (const e of spdxValidate.errors as { instancePath: string; message?: string }[])
      errors.push(`schema: ${e.instancePath || '/'} ${e.message ?? ''}`);
  }
  if (doc.spdxVersion !== 'SPDX-2.3') errors.push(`spdxVersion is ${doc.spdxVersion}`);
  try {
    const u = new URL(doc.documentNamespace ?? '');
    if (u.hash) errors.push('documentNamespace holds a #');
  } catch {
    errors.push(`documentNamespace is not a URI: ${doc.documentNamespace}`);
  }
  const ids = new Set<string>([doc.SPDXID ?? '']);
  for (const p of doc.packages ?? []) {
    if (!SPDX_ID.test(p.SPDXID)) errors.push(`bad SPDX id ${p.SPDXID}`);
    if (ids.has(p.SPDXID)) errors.push(`SPDX id ${p.SPDXID} twice`);
    ids.add(p.SPDXID);
  }
  for (const r of doc.relationships ?? []) {
    for (const id of [r.spdxElementId, r.relatedSpdxElement])
      if (!ids.has(id)) errors.push(`relationship to unknown ${id}`);
  }
  return errors;
}

/** Every reason the text is not a valid CycloneDX 1.5 JSON BOM; empty when it is. */
export async function cyclonedxErrors(text: string): Promise<string[]> {
  const v = new Validation.JsonStrictValidator(Spec.Version.v1dot5);
  const res = (await v.validate(text)) as unknown;
  const errors =
    res === null || res === undefined
      ? []
      : (Array.isArray(res) ? res : [res]).map((e) => `schema: ${JSON.stringify(e)}`);
  // What the spec says and the schema does not check: bom-refs unique, dependencies resolve.
  const doc = JSON.parse(text) as {
    metadata?: { component?: { 'bom-ref'?: string } };
    components?: { 'bom-ref'?: string }[];
    dependencies?: { ref: string; dependsOn?: string[] }[];
  };
  const refs = new Set<string>();
  for (const c of [doc.metadata?.component, ...(doc.components ?? [])]) {
    const ref = c?.['bom-ref'];
    if (ref === undefined) continue;
    if (refs.has(ref)) errors.push(`bom-ref ${ref} twice`);
    refs.add(ref);
  }
  for (const d of doc.dependencies ?? []) {
    for (const r of [d.ref, ...(d.dependsOn ?? [])])
      if (!refs.has(r)) errors.push(`dependency on unknown ${r}`);
  }
  return errors;
}
