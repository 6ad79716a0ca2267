import {
  documentUri,
  h1Hex,
  isoTime,
  uuidV5,
  type BinaryEntry,
  type Component,
  type SbomModel,
} from './model.js';
import { sha256Hex } from '../hash.js';

/**
 * The model as a CycloneDX 1.5 JSON BOM: the slug is the BOM's own component, the binaries are
 * applications that depend on the modules and the standard library linked into them.
 * Deterministic: the serial number is a name-based UUID of what the BOM says.
 */

type Json = Record<string, unknown>;

/** Build settings the CycloneDX property taxonomy names (`cdx:gomod:build:env:*`). */
const TAXONOMY_ENV = new Set(['GOOS', 'GOARCH', 'CGO_ENABLED', 'GOFLAGS']);

function component(c: Component): Json {
  const out: Json = { type: 'library', 'bom-ref': c.ref, name: c.name };
  if (c.version) out.version = c.version;
  out.purl = c.purl;
  const hex = h1Hex(c.sum);
  if (hex) out.hashes = [{ alg: 'SHA-256', content: hex }];
  const props: Json[] = [];
  if (c.sum) props.push({ name: 'go-paas-build:go:sum', value: c.sum });
  if (c.replaced) props.push({ name: 'go-paas-build:go:replace', value: c.replaced });
  if (c.kind === 'main-module') props.push({ name: 'go-paas-build:go:main-module', value: 'true' });
  if (props.length) out.properties = props;
  return out;
}

function binary(b: BinaryEntry): Json {
  const out: Json = {
    type: 'application',
    'bom-ref': b.ref,
    name: b.name,
    hashes: [{ alg: 'SHA-256', content: b.sha256 }],
  };
  const props: Json[] = [{ name: 'go-paas-build:slug:path', value: b.file }];
  if (b.goVersion) props.push({ name: 'go-paas-build:go:version', value: b.goVersion });
  if (b.mainPackage) props.push({ name: 'go-paas-build:go:package', value: b.mainPackage });
  for (const s of b.settings) {
    if (TAXONOMY_ENV.has(s.key))
      props.push({ name: `cdx:gomod:build:env:${s.key}`, value: s.value });
    props.push({ name: 'go-paas-build:go:build', value: `${s.key}=${s.value}` });
  }
  out.properties = props;
  return out;
}

export function cyclonedxDocument(model: SbomModel): string {
  const s = model.subject;
  const body: Json = {
    $schema: 'http://cyclonedx.org/schema/bom-1.5.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: '',
    version: 1,
    metadata: {
      timestamp: isoTime(s.created),
      tools: {
        components: [{ type: 'application', name: s.tool.name, version: s.tool.version }],
      },
      component: { type: 'application', 'bom-ref': 'Slug', name: s.name },
    },
    components: [...model.binaries.map(binary), ...model.components.map(component)],
    dependencies: [
      { ref: 'Slug', dependsOn: model.binaries.map((b) => b.ref) },
      ...model.binaries.map((b) => ({ ref: b.ref, dependsOn: b.links })),
    ],
  };
  body.serialNumber = `urn:uuid:${uuidV5(documentUri(model, sha256Hex(JSON.stringify(body))))}`;
  return `${JSON.stringify(body, null, 2)}\n`;
}
