import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { formatSize } from '../../src/fs-tree.js';
import { newReport, renderSummary, timed, type RunReport } from '../../src/report/summary.js';

const full: RunReport = {
  goVersion: '1.24.4',
  goVersionSource: 'go.mod toolchain',
  goVerified: 'h1: checked in sum.golang.org tree 12345 (record 678, inclusion proved)',
  buildTool: 'gomod',
  buildToolReason: 'go.mod found in the app root',
  packages: ['example.com/a/cmd/api'],
  binaries: [{ name: 'api', size: 3 * 1024 * 1024 }],
  procfile: 'web: bin/api --greeting "a|b" <x>\n',
  cache: { modHit: true, buildHit: false },
  artifact: {
    uploaded: true,
    name: 'a.tar.gz',
    id: 7,
    url: 'https://github.com/o/r/actions/runs/1/artifacts/7',
    size: 2048,
    format: 'tgz',
  },
  archive: { path: '/t/a.tar.gz', sha256: 'ab'.repeat(32) },
  sbom: {
    path: '/t/a.spdx.json',
    label: 'SPDX 2.3',
    modules: 5,
    artifact: {
      uploaded: true,
      name: 'a.spdx.json',
      id: 8,
      url: 'https://github.com/o/r/actions/runs/1/artifacts/8',
      size: 4096,
      format: 'json',
    },
  },
  phases: [
    { name: 'Resolve', ms: 40 },
    { name: 'Build', ms: 2_960 },
  ],
};

describe('job summary', () => {
  const md = renderSummary(full);

  it('has one row per fact of the run', () => {
    expect(md).toContain('| Go | `1.24.4` from go.mod toolchain |');
    expect(md).toContain(
      '| Toolchain | h1: checked in sum.golang.org tree 12345 (record 678, inclusion proved) |',
    );
    expect(md).toContain('| Build tool | `gomod` (go.mod found in the app root) |');
    expect(md).toContain('| Binaries | `bin/api` 3.0 MiB |');
    expect(md).toContain('| Caches | module cache: hit, build cache: miss |');
    expect(md).toContain(
      '| Artifact | [a.tar.gz](https://github.com/o/r/actions/runs/1/artifacts/7) (2.0 KiB), tgz |',
    );
    expect(md).toContain(`| Slug archive | \`/t/a.tar.gz\`<br>sha256 \`${'ab'.repeat(32)}\` |`);
    expect(md).toContain(
      '| SBOM | [a.spdx.json](https://github.com/o/r/actions/runs/1/artifacts/8) (4.0 KiB), json<br>SPDX 2.3, 5 Go modules |',
    );
    const local = renderSummary({
      ...full,
      sbom: { path: '/t/a.cdx.json', label: 'CycloneDX 1.5', modules: 1 },
    });
    expect(local).toContain('| SBOM | `/t/a.cdx.json`<br>CycloneDX 1.5, 1 Go module |');
  });

  it('times every phase and the total', () => {
    expect(md).toContain('| Resolve | 0.0 s |');
    expect(md).toContain('| Build | 3.0 s |');
    expect(md).toContain('| **total** | **3.0 s** |');
  });

  it('shows the Procfile as text, HTML-escaped', () => {
    expect(md).toContain('web: bin/api --greeting "a|b" &lt;x&gt;');
  });

  it('says why nothing was uploaded, and escapes table cells', () => {
    const r = renderSummary({
      ...full,
      artifact: { uploaded: false, reason: 'upload: false | kept' },
      cache: { modHit: false, buildHit: false, note: 'cache: false' },
    });
    expect(r).toContain('| Artifact | upload: false \\| kept |');
    expect(r).toContain('| Caches | module cache: miss, build cache: miss (cache: false) |');
  });

  it('a failed run leads with the error and marks the failed phase', async () => {
    const report = newReport();
    await timed(report, 'Resolve', async () => undefined);
    await expect(
      timed(report, 'Build', async () => {
        throw new Error('go install failed with exit code 2');
      }),
    ).rejects.toThrow();
    report.error = 'go install failed with exit code 2\nsecond line';
    const r = renderSummary(report);
    expect(r.split('\n')[0]).toBe('### go-paas-build failed');
    expect(r).toContain('> go install failed with exit code 2<br>second line');
    expect(r).toMatch(/^\| Build \(failed\) \| \d\.\d s \|$/m);
    expect(r).not.toContain('| Go |');
  });

  it('renders every value the app or a service controls as text: the only markup is its own', () => {
    const evil = '[Security review passed](https://evil.example) <img src=x> <details>x';
    const html = micromark(
      renderSummary({
        ...full,
        error: `smoke-test: the web process exited with code 1; last output: ${evil}`,
        goVersionSource: `go.mod ${evil}`,
        buildToolReason: evil,
        packages: [evil, `a|b ${evil}`],
        binaries: [{ name: evil, size: 1 }],
        procfile: `web: ${evil}\n</pre><img src=y>`,
        cache: { modHit: true, buildHit: true, note: evil },
        artifact: { uploaded: true, name: evil, url: 'https://github.com/o/r/a/1', format: 'tgz' },
        archive: { path: evil, sha256: evil },
        sbom: { path: evil, label: evil, modules: 1 },
        deploy: {
          glibc: { target: evil, binaries: [{ name: evil, finding: evil, ok: false }] },
          smoke: {
            processes: [{ name: evil, command: evil, result: evil, ok: false }],
            listeners: evil,
            health: [{ path: evil, result: evil, ok: false }],
            keptIn: 'namespace',
          },
        },
      }),
      { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] },
    );
    // Ours: the artifact's link, the Procfile's <details> and <pre>.
    expect(html.match(/<a [^>]*>/g)).toEqual(['<a href="https://github.com/o/r/a/1">']);
    expect(html.match(/<(?:img|details)\b[^>]*>/g)).toEqual(['<details open>']);
    expect(html.match(/<pre>/g)).toHaveLength(1);
    expect(html).toContain('Security review passed');
  });

  it('formats sizes in binary units', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});

describe('the deploy check in the job summary', () => {
  it('has a row per binary checked, per process, for the listener and per health path', () => {
    const md = renderSummary({
      ...newReport(),
      error: 'smoke-test: Health check failed: - GET /health returned 500',
      deploy: {
        glibc: {
          target: "heroku-22's glibc 2.35",
          binaries: [
            { name: 'bin/api', finding: 'needs GLIBC_2.34', needs: 'GLIBC_2.34', ok: true },
            { name: 'bin/tool', finding: 'statically linked', ok: true },
          ],
        },
        smoke: {
          processes: [
            { name: 'web', command: 'bin/api --flag "a|b"', result: 'running', ok: true },
            { name: 'worker', command: 'bin/worker', result: 'exited with code 1', ok: false },
          ],
          listeners: '[::]:8080',
          health: [
            { path: '/', result: 'returned 200', ok: true },
            { path: '/health', result: 'returned 500', ok: false },
          ],
        },
      },
    });
    expect(md).toContain(
      [
        '#### Deploy check',
        '',
        '| | check | result |',
        '| --- | --- | --- |',
        "| ✅ | `bin/api` | needs GLIBC_2.34 (heroku-22's glibc 2.35) |",
        "| ✅ | `bin/tool` | statically linked (heroku-22's glibc 2.35) |",
        '| ✅ | `web` process | <code>bin/api --flag "a\\|b"</code>: running |',
        '| ❌ | `worker` process | `bin/worker`: exited with code 1 |',
        '| ✅ | web listens on | `[::]:8080` |',
        '| ✅ | GET `/` | returned 200 |',
        '| ❌ | GET `/health` | returned 500 |',
      ].join('\n'),
    );
    expect(md).toMatch(/^> smoke-test: Health check failed/m);
  });

  it('is absent when no deploy check ran', () => {
    expect(renderSummary(full)).not.toContain('Deploy check');
  });
});
