/**
 * Keeps the docs navigable: the README a front page (at most 400 lines, the minimal workflow and
 * the test command CI runs on its first screen, a contents list that reaches every section and
 * every file of docs/), every relative link of the docs resolving to a file and a heading that
 * exist, the workflows they show using only declared inputs and outputs, and action.yml's
 * description within what the Marketplace accepts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

const DOCS = fs
  .readdirSync(path.join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => `docs/${f}`);
const PAGES = ['README.md', 'CONTRIBUTING.md', 'SECURITY.md', ...DOCS];

/** The lines of `md` outside fenced code blocks. */
function prose(md: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === undefined || f.startsWith(fence))) {
      fence = fence === undefined ? f : undefined;
      continue;
    }
    if (fence === undefined) out.push(line);
  }
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** Each heading of `md` as [level, text, anchor], with GitHub's -1, -2 for repeated anchors. */
function headings(md: string): [number, string, string][] {
  const seen = new Map<string, number>();
  return prose(md).flatMap((line): [number, string, string][] => {
    const m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) return [];
    const base = slug(m[2] as string);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [[(m[1] as string).length, m[2] as string, n ? `${base}-${n}` : base]];
  });
}

/** The targets of the links of `md` (rendered as GitHub renders it, so code is not a link). */
function links(md: string): string[] {
  const html = micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return [...html.matchAll(/<a href="([^"]*)"/g)].map((m) =>
    (m[1] as string).replace(/&amp;/g, '&'),
  );
}

/** Why `target`, a link in `page`, does not resolve (undefined when it does). */
function broken(page: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto:
  const [file = '', anchor] = target.split('#', 2);
  const resolved = file ? path.join(path.dirname(page), decodeURIComponent(file)) : page;
  if (path.relative(ROOT, path.join(ROOT, resolved)).startsWith('..')) return 'outside the repo';
  if (!fs.existsSync(path.join(ROOT, resolved))) return `${resolved} does not exist`;
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith('.md')) return `#${anchor} in a file that is not Markdown`;
  const anchors = headings(read(resolved)).map(([, , a]) => a);
  return anchors.includes(anchor) ? undefined : `${resolved} has no heading #${anchor}`;
}

describe('slug', () => {
  it.each([
    ['Build methods', 'build-methods'],
    ['Start-up of the main step', 'start-up-of-the-main-step'],
    ['The artifact, the SBOM and release pipelines', 'the-artifact-the-sbom-and-release-pipelines'],
    [
      'Where the action differs from the platforms, and why',
      'where-the-action-differs-from-the-platforms-and-why',
    ],
    ['`go.mod` and `GOVERSION`', 'gomod-and-goversion'],
  ])('%s → #%s', (heading, anchor) => expect(slug(heading)).toBe(anchor));
});

describe('README.md', () => {
  const readme = read('README.md');
  const lines = readme.split('\n');

  it('is at most 400 lines: the reference is in docs/', () => {
    expect(lines.length).toBeLessThanOrEqual(400);
  });

  it('shows a minimal workflow using the action on its first screen', () => {
    const firstScreen = lines.slice(0, 40).join('\n');
    const block = /```yaml\n([^]*?)```/.exec(firstScreen)?.[1];
    expect(block, 'a ```yaml block in the first 40 lines').toBeDefined();
    const workflow = parse(block as string) as {
      jobs: Record<string, { steps: { uses?: string }[] }>;
    };
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.uses));
    expect(uses).toContain('owner/go-paas-build@v1');
  });

  it('gives the test command CI runs, in its first 50 lines', () => {
    // .ci/run installs with `npm ci` and tests with `npm test` (plus its reporters).
    const ci = read('.ci/run').split('\n');
    const ran = (cmd: string) => ci.some((l) => l.startsWith(`${cmd} `) || l === cmd);
    expect(ran('npm ci') && ran('npm test'), '.ci/run runs npm ci and npm test').toBe(true);
    const testIt = readme.slice(readme.indexOf('## Test it'));
    expect(readme.indexOf('## Test it')).toBeGreaterThan(0);
    expect(/^ {4}npm ci && npm test$/m.test(testIt.split('\n## ')[0] as string)).toBe(true);
    expect(lines.slice(0, 50).join('\n')).toContain('    npm ci && npm test');
  });

  it('has a contents list reaching every section of the README and every file of docs/', () => {
    const all = headings(readme);
    const start = readme.indexOf('\n## Contents\n');
    expect(start, 'a "## Contents" section').toBeGreaterThan(0);
    const contents = readme.slice(start + 1).split('\n## ')[0] as string;
    const targets = links(contents);
    for (const target of targets) expect(broken('README.md', target), target).toBeUndefined();
    const sections = all.filter(([level, text]) => level === 2 && text !== 'Contents');
    expect(sections.length).toBeGreaterThan(3);
    for (const [, text, anchor] of sections) {
      expect(targets, `the contents link the section ${text}`).toContain(`#${anchor}`);
    }
    expect(DOCS.length).toBeGreaterThan(0);
    for (const doc of DOCS) expect(targets, `the contents link ${doc}`).toContain(doc);
  });
});

describe('links between the docs', () => {
  it.each(PAGES)('every relative link of %s resolves', (page) => {
    const found = links(read(page));
    const problems = found.flatMap((t) => {
      const why = broken(page, t);
      return why ? [`${t}: ${why}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('a link to a missing heading or file is caught', () => {
    expect(broken('README.md', 'docs/caches.md#no-such-heading')).toMatch(/no heading/);
    expect(broken('README.md', 'docs/nothing.md')).toMatch(/does not exist/);
    expect(broken('docs/caches.md', '../README.md#security')).toBeUndefined();
  });
});

describe('workflows shown in the docs', () => {
  const action = parse(read('action.yml')) as {
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
  };

  it('give the action only inputs it declares and read only outputs it sets', () => {
    const problems: string[] = [];
    let steps = 0;
    for (const page of PAGES) {
      const md = read(page);
      for (const m of md.matchAll(/```ya?ml\n([^]*?)```/g)) {
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) return node.forEach(walk);
          if (node === null || typeof node !== 'object') return;
          const step = node as { uses?: unknown; with?: Record<string, unknown> };
          if (typeof step.uses === 'string' && step.uses.includes('go-paas-build@')) {
            steps++;
            for (const key of Object.keys(step.with ?? {})) {
              if (!(key in action.inputs)) problems.push(`${page}: with: ${key}`);
            }
          }
          Object.values(node).forEach(walk);
        };
        walk(parse(m[1] as string));
      }
      for (const m of md.matchAll(/steps\.build\.outputs\.([\w-]+)/g)) {
        if (!((m[1] as string) in action.outputs)) problems.push(`${page}: output ${m[1]}`);
      }
    }
    expect(steps).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });
});

describe('action.yml on the Marketplace', () => {
  const action = parse(read('action.yml')) as {
    description?: string;
    branding?: { icon?: string; color?: string };
  };

  it('has a description of at most 125 characters', () => {
    expect(typeof action.description).toBe('string');
    expect((action.description as string).trim().length).toBeGreaterThan(0);
    expect([...(action.description as string)].length).toBeLessThanOrEqual(125);
  });

  it('keeps its branding: an icon and one of the Marketplace colors', () => {
    expect(action.branding?.icon).toBe('package');
    const colors = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple'];
    expect([...colors, 'gray-dark']).toContain(action.branding?.color);
  });
});
