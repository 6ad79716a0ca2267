/**
 * The kinds of row the input table is made of (text, yes-no, one-of, number, list, custom): each
 * builds a row's parser from its columns, so that the table states what an input accepts once.
 */
import { bad } from './trust/refusal.js';
import type { Runtime } from './runtime/ports.js';
import type { Root } from './trust/paths.js';

/** A value as given: its text, the name a user knows it by in an error, and where it came from. */
export interface Given {
  readonly value: string;
  /** `go-version`, or `go-version (from GOVERSION)`. */
  readonly label: string;
  /** `input`, the variable's name, or `default`. */
  readonly from: string;
}

/** What a parser may need besides the value: the runtime and the inputs read before it. */
export interface ParseContext {
  readonly rt: Runtime;
  /** The workspace, symlinks resolved. */
  readonly workspace: Root;
  /** The app directory (working-directory, the first row). */
  readonly appDir: string;
  readonly platform: string;
  /** Whether an input read before this one has a value. */
  has(input: string): boolean;
}

type Kind = 'string' | 'yes-no' | 'one-of' | 'number' | 'list' | 'custom';

/** The columns every row has, whatever its kind. */
interface Spec {
  /** The action.yml input, also the CLI flag (`--go-version`). */
  readonly name: string;
  /** The documented variable read when the input is empty. */
  readonly env?: string;
  /** A list input: `<env>_0`, `_1`, … are read too, while they are set (each holds one item). */
  readonly envSeries?: true;
  /** The field of `Inputs` (default: the name in camelCase). */
  readonly key?: string;
  /** Part of a record of variables (`goEnv.GOFLAGS`) rather than a field of its own. */
  readonly group?: 'goEnv' | 'cgoEnv';
  /** The default, written as action.yml writes it, parsed like a given value. */
  readonly default?: string;
  /** A default worked out at run time, and what it is (action.yml then declares no default:). */
  readonly computed?: string;
  readonly compute?: (ctx: ParseContext) => string | undefined;
}

export interface InputRow<T = unknown> extends Spec {
  readonly kind: Kind;
  /** One line for `--help`. */
  readonly help: string;
  /** one-of: the accepted values. */
  readonly values?: readonly string[];
  /** The given values (one, or for a list one per source) to the input's value. */
  readonly parse: (given: readonly Given[], ctx: ParseContext) => T;
}

export type Check = (g: Given, ctx: ParseContext) => void;

export function orList(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function one<T>(parse: (g: Given, ctx: ParseContext) => T): InputRow<T>['parse'] {
  return (given, ctx) => parse(given[0] as Given, ctx);
}

/** Free text, with an optional check that refuses what the input cannot be. */
export function text<const S extends Spec>(s: S & { help: string; check?: Check }) {
  const { check, ...row } = s;
  const parse = one((g, ctx) => (check?.(g, ctx), g.value));
  return { ...row, kind: 'string' as const, parse };
}

/** A boolean: true, false, 1, 0, yes or no; on the command line the flag alone means true. */
export function yesNo<const S extends Spec>(s: S & { help: string }) {
  const parse = one(({ value, label }) => {
    const v = value.toLowerCase();
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    throw bad(label, value, 'a boolean; use true, false, 1, 0, yes or no');
  });
  return { ...s, kind: 'yes-no' as const, parse };
}

/** One of `values` (an alias stands for one of them), then `map`ped; `--help` lists them. */
export function oneOf<const V extends readonly string[], const S extends Spec, R = V[number]>(
  values: V,
  s: S & { help: (values: V) => string; aliases?: Readonly<Record<string, V[number]>> },
  map?: (v: V[number]) => R,
) {
  const { help, aliases, ...row } = s;
  const parse = one(({ value, label }): R => {
    const v = (values as readonly string[]).includes(value) ? value : aliases?.[value];
    if (v === undefined) throw bad(label, value, `not valid; use ${orList(values)}`);
    return map ? map(v) : (v as R);
  });
  return { ...row, kind: 'one-of' as const, help: help(values), values, parse };
}

/** A whole number from `min` to `max`, of at most `digits` digits. */
export function number<const S extends Spec>(
  s: S & { help: string; min: number; max: number; digits: number; unit: string },
) {
  const { min, max, digits, unit, ...row } = s;
  const parse = one(({ value, label }) => {
    const n = new RegExp(`^\\d{1,${digits}}$`).test(value) ? Number(value) : NaN;
    if (n >= min && n <= max) return n;
    throw bad(label, value, `not valid; use a whole number of ${unit} from ${min} to ${max}`);
  });
  return { ...row, kind: 'number' as const, parse };
}

/** One item a line, trimmed, blank lines dropped. */
export const lines = (v: string): string[] =>
  v
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * A list: the input split into items (default one a line; blank items dropped), or one item per
 * variable, trimmed of spaces and tabs only (its line breaks are left for `item` to refuse).
 */
export function list<const S extends Spec, T = string>(
  s: S & {
    help: string;
    split?: (v: string, label: string) => string[];
    item?: (v: string, label: string, ctx: ParseContext) => T;
    check?: (items: readonly T[], label: string) => void;
    unique?: true;
  },
) {
  const { split = lines, item, check, unique, ...row } = s;
  const parse = (given: readonly Given[], ctx: ParseContext): T[] => {
    const items = given.flatMap(({ value, label, from }) => {
      const raw = from === 'input' || from === 'default' ? split(value, label) : [value];
      const got = raw.map((v) => (item ? item(v, label, ctx) : (v as T)));
      check?.(got, label);
      return got;
    });
    return unique ? [...new Set(items)] : items;
  };
  return { ...row, kind: 'list' as const, parse };
}

/** Any other value: `parse` turns the given text into it, or refuses it. */
export function custom<const S extends Spec, T>(
  s: S & { help: string; parse: (g: Given, ctx: ParseContext) => T },
) {
  return { ...s, kind: 'custom' as const, parse: one(s.parse) };
}

/** Split at commas, trimmed, blanks dropped (build-tags). */
export const commas = (v: string): string[] =>
  v
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

export const BUILD_DIR = '${build_dir}';
export const goVariable = (name: string, env: string) =>
  text({ name, env, group: 'goEnv', help: `${env} of every go command` });
export const cgoVariable = (name: string, env: string, help = env) =>
  custom({
    name,
    env,
    group: 'cgoEnv',
    help,
    parse: ({ value }, ctx) => value.split(BUILD_DIR).join(ctx.appDir),
  });

// ------------------------------------------------------------------------------------------------
// The values a table of rows reads, as a type: one field per row (named after its key, or the input in
// camelCase), optional unless the row always gives a value; grouped rows make records.

type Camel<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;
type KeyOf<R> = R extends { group: string }
  ? never
  : R extends { key: infer K extends string }
    ? K
    : R extends { name: infer N extends string }
      ? Camel<N>
      : never;
/** A list, a default, or a computed default that is always there. */
type Always<R> = R extends { kind: 'list' }
  ? true
  : R extends { default: string }
    ? true
    : R extends { compute: (ctx: ParseContext) => string }
      ? true
      : false;
type ValueOf<R> = R extends { parse: (...args: never[]) => infer T } ? T : never;

export type TableValues<Row> = {
  -readonly [R in Row as Always<R> extends true ? KeyOf<R> : never]: ValueOf<R>;
} & {
  -readonly [R in Row as Always<R> extends true ? never : KeyOf<R>]?: ValueOf<R>;
} & {
  -readonly [R in Row as R extends { group: infer G extends string } ? G : never]: Record<
    string,
    string
  >;
};

/** The field of `Inputs` a row fills (a grouped row fills `<group>.<env>`). */
export function keyOf(row: InputRow): string {
  return row.key ?? row.name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}
