import { UserError } from './errors.js';
import { checkGoTarget, hostGoArch, hostGoos } from './go-targets.js';
import {
  INPUTS,
  keyOf,
  type Given,
  type InputRow,
  type ParseContext,
  type TableInputs,
} from './input-table.js';
import type { RunHooks } from './check/policy.js';
import { sourceDateEpoch } from './publish/archive.js';
import type { Runtime } from './runtime/ports.js';
import { nonEmpty } from './text.js';
import { toolchainSource, type ToolchainSource } from './toolchain/source.js';
import { CREDENTIAL_INPUTS, credentialsIn } from './trust/credentials.js';
import { quote } from './trust/log-text.js';
import { realRoot } from './trust/paths.js';

export type BuildTool = Inputs['buildTool'];

/**
 * Every input of action.yml, read once, validated, with the documented env fallbacks applied:
 * one field per row of the input table (src/input-table.ts), and what is worked out from them.
 */
export type Inputs = Omit<TableInputs, 'toolchainSource'> & {
  /** The machine that builds, in Go's names: the target unless goos/goarch say otherwise. */
  host: { goos: string; goarch: string };
  /** Where Go comes from: go-download-base-url (`dl`) or golang.org/toolchain via GOPROXY. */
  toolchainSource: ToolchainSource;
  /** Credentials found in URLs: already masked when the inputs were read. */
  secrets: string[];
  /** SOURCE_DATE_EPOCH: the mtime of every member of the slug archive. */
  sourceDateEpoch?: number;
  /** Clever Cloud's run hooks (CC_PRE_RUN_HOOK, …), run around the smoke test. */
  runHooks: RunHooks;
  /** HEROKU_API_KEY: a variable only (inputs are echoed in debug logs); masked when read. */
  herokuApiKey?: string;
};

const BLANKS = /^[ \t]+|[ \t]+$/g;

/** Reads an input, falling back to its documented variable(s) when the input is empty. */
class Reader {
  constructor(private readonly rt: Runtime) {}

  /** The variables a row falls back to, in order; a series is read while it is set. */
  private *variables(row: InputRow): Generator<[string, string | undefined]> {
    if (!row.env) return;
    yield [row.env, this.rt.env[row.env]];
    for (let n = 0; row.envSeries; n++) {
      const name = `${row.env}_${n}`;
      const raw = this.rt.env[name];
      if (raw === undefined) return;
      yield [name, raw];
    }
  }

  /** What was given: the input, else each variable that holds something. */
  given(row: InputRow): Given[] {
    const v = this.rt.input(row.name);
    if (v !== '') return [{ value: v, label: row.name, from: 'input' }];
    const out: Given[] = [];
    for (const [name, raw] of this.variables(row)) {
      // A list's variable holds one item: its line breaks are refused by the item's rule.
      const e = row.kind === 'list' ? (raw ?? '').replace(BLANKS, '') : (raw ?? '').trim();
      if (e !== '') out.push({ value: e, label: `${row.name} (from ${name})`, from: name });
    }
    return out;
  }

  /** The row's value: what was given, else its default, parsed; undefined when there is none. */
  read(row: InputRow, ctx: ParseContext): unknown {
    let given = this.given(row);
    if (given.length === 0) {
      const dflt = row.default ?? row.compute?.(ctx);
      if (dflt !== undefined) given = [{ value: dflt, label: row.name, from: 'default' }];
    }
    if (given.length === 0) return row.kind === 'list' ? [] : undefined;
    return row.parse(given, ctx);
  }

  /** The raw input and the raw variable: every place a credential can be given. */
  raw(name: string): string[] {
    const row = INPUTS.find((r) => r.name === name);
    return [this.rt.input(name), row && 'env' in row ? (this.rt.env[row.env] ?? '') : ''];
  }
}

export function readInputs(rt: Runtime): Inputs {
  // Clever Cloud's run hooks are variables only (no input): read first, apart from the inputs.
  const runHooks: RunHooks = {
    preRun: nonEmpty(rt.env.CC_PRE_RUN_HOOK),
    succeeded: nonEmpty(rt.env.CC_RUN_SUCCEEDED_HOOK),
    failed: nonEmpty(rt.env.CC_RUN_FAILED_HOOK),
  };
  // A variable only, never an input (inputs are echoed in the runner's debug logs).
  const herokuApiKey = nonEmpty(rt.env.HEROKU_API_KEY);
  // A variable of its own (reproducible-builds.org), not any input's fallback.
  const epoch = sourceDateEpoch(rt.env.SOURCE_DATE_EPOCH);
  const r = new Reader(rt);
  // The one gate for credentials (SPEC §9): every value that can hold them is read before any
  // other input, and what it holds is masked at once, so that no refusal can print it unmasked.
  const secrets = credentialsIn(rt.env, () => CREDENTIAL_INPUTS.flatMap((i) => r.raw(i)));
  if (herokuApiKey) secrets.push(herokuApiKey);
  for (const secret of secrets) rt.mask(secret);
  const workspace = realRoot(rt.workspace, 'the workspace');

  const values = new Map<string, unknown>();
  const ctx: ParseContext = {
    rt,
    workspace,
    get appDir() {
      return values.get('working-directory') as string;
    },
    get platform() {
      return values.get('platform') as string;
    },
    has: (input) => values.get(input) !== undefined,
  };
  const fields: Record<string, unknown> = { goEnv: {}, cgoEnv: {} };
  for (const row of INPUTS as readonly InputRow[]) {
    const value = r.read(row, ctx);
    values.set(row.name, value);
    if (!row.group) fields[keyOf(row)] = value;
    else if (value !== undefined) (fields[row.group] as Record<string, unknown>)[row.env!] = value;
  }
  const t = fields as TableInputs;

  if (t.buildTool === 'makefile' && t.binary === undefined) {
    throw new UserError(
      'binary: is required with build-tool makefile; set it (or CC_GO_BINARY) to the path, relative to the app, of the binary that make builds',
    );
  }
  if (t.herokuApp !== undefined && !herokuApiKey) {
    throw new UserError(
      `heroku-app: ${quote(t.herokuApp)} needs the HEROKU_API_KEY variable, set from a secret (never an input: inputs are echoed in debug logs); heroku authorizations:create makes a key`,
    );
  }
  const host = { goos: hostGoos(rt.host.platform), goarch: hostGoArch(rt.host.arch) };
  if (t.goos !== undefined || t.goarch !== undefined) {
    checkGoTarget(t.goos ?? host.goos, t.goarch ?? host.goarch);
  }
  return {
    ...t,
    host,
    toolchainSource: toolchainSource(t.toolchainSource, t.goEnv, rt.env),
    secrets,
    sourceDateEpoch: epoch,
    runHooks,
    herokuApiKey,
  };
}
