import {
  documentUri,
  h1Hex,
  isoTime,
  type BinaryEntry,
  type Component,
  type SbomModel,
} from './model.js';
import { sha256Hex } from '../hash.js';

/**
 * The model as an SPDX 2.3 JSON document: the slug a package that CONTAINS its binaries, each
 * binary GENERATED_FROM its main module and STATIC_LINK to every module and to the Go standard
 * library it was linked with. Deterministic: the same build gives the same bytes.
 */

type Json = Record<string, unknown>;

const NOASSERTION = 'NOASSERTION';

function pkgBase(id: string, name: string): Json {
  return {
    SPDXID: `SPDXRef-${id}`,
    name,
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: NOASSERTION,
    copyrightText: NOASSERTION,
  };
}

function componentPackage(c: Component): Json {
  const p = pkgBase(c.ref, c.name);
  if (c.version) p.versionInfo = c.version;
  const hex = h1Hex(c.sum);
  // go.sum's h1: is a SHA-256 (of the module's file list and file hashes): kept as that checksum.
  if (hex) p.checksums = [{ algorithm: 'SHA256', checksumValue: hex }];
  p.externalRefs = [
    { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl },
  ];
  p.primaryPackagePurpose = c.kind === 'main-module' ? 'SOURCE' : 'LIBRARY';
  const notes: string[] = [];
  if (c.kind === 'main-module') notes.push('The main module the binaries were built from.');
  if (c.kind === 'stdlib') notes.push(`The Go standard library and runtime of ${c.version}.`);
  if (c.sum) notes.push(`go.sum: ${c.sum}`);
  if (c.replaced) notes.push(`go.mod: ${c.replaced}`);
  if (notes.length) p.comment = notes.join(' ');
  return p;
}

function binaryPackage(b: BinaryEntry, created: string, tool: string): Json {
  const p = pkgBase(b.ref, b.name);
  p.packageFileName = b.file;
  p.checksums = [{ algorithm: 'SHA256', checksumValue: b.sha256 }];
  p.primaryPackagePurpose = 'APPLICATION';
  p.comment = b.goVersion
    ? `Built by ${b.goVersion}${b.mainPackage ? ` from the package ${b.mainPackage}` : ''}.`
    : 'Holds no Go build info.';
  if (b.settings.length) {
    p.annotations = [
      {
        annotationDate: created,
        annotationType: 'OTHER',
        annotator: tool,
        comment: `go build settings:\n${b.settings.map((s) => `${s.key}=${s.value}`).join('\n')}`,
      },
    ];
  }
  return p;
}

export function spdxDocument(model: SbomModel): string {
  const s = model.subject;
  const created = isoTime(s.created);
  const tool = `Tool: ${s.tool.name}-${s.tool.version}`;
  const slugId = 'SPDXRef-Slug';
  const rel = (a: string, type: string, b: string): Json => ({
    spdxElementId: a,
    relationshipType: type,
    relatedSpdxElement: b,
  });
  const relationships: Json[] = [rel('SPDXRef-DOCUMENT', 'DESCRIBES', slugId)];
  for (const b of model.binaries) {
    const id = `SPDXRef-${b.ref}`;
    relationships.push(rel(slugId, 'CONTAINS', id));
    if (b.builtFrom) relationships.push(rel(id, 'GENERATED_FROM', `SPDXRef-${b.builtFrom}`));
    for (const l of b.links) {
      if (l !== b.builtFrom) relationships.push(rel(id, 'STATIC_LINK', `SPDXRef-${l}`));
    }
  }
  const slug = pkgBase('Slug', s.name);
  slug.primaryPackagePurpose = 'APPLICATION';
  slug.comment = 'The slug: its binaries, Procfile and app files, as built by go-paas-build.';
  const body: Json = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: s.name,
    documentNamespace: '',
    creationInfo: { created, creators: [tool] },
    packages: [
      slug,
      ...model.binaries.map((b) => binaryPackage(b, created, tool)),
      ...model.components.map(componentPackage),
    ],
    relationships,
  };
  body.documentNamespace = documentUri(model, sha256Hex(JSON.stringify(body)));
  return `${JSON.stringify(body, null, 2)}\n`;
}
