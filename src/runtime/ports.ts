/**
 * The few things the pipeline needs from where it runs. Two adapters implement them: `actions`
 * (the GitHub runner, through its command files and workflow commands) and `local` (a workstation: console, persistent dirs).
 */
export interface Logger {
  /** Every line is made inert for the runner (src/trust/log-text.ts) before it is printed. */
  info(message: string): void;
  debug(message: string): void;
  notice(message: string): void;
  /** A warning annotation in Actions; a `warning:` line locally. */
  warning(message: string): void;
  /** Runs `fn` inside a collapsible log group; the group's title gets the phase's duration. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export interface Runtime {
  /** The machine the action runs on, in Node's names (`linux`/`darwin`, `x64`/`arm64`). */
  readonly host: { platform: NodeJS.Platform; arch: string };
  /** The slug is packed for a workflow (and uploaded when a service is there); a workstation
   *  leaves it on disk. */
  readonly publishes: boolean;
  readonly log: Logger;
  /** The environment the action sees (inputs' env fallbacks are read from here). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A trimmed input value, '' when not given. */
  input(name: string): string;
  /** A `go` already on PATH is used when it satisfies the spec (a workstation). */
  readonly usesGoOnPath: boolean;
  /** How the user sets an input here: `go-download-base-url`, or `--go-download-base-url`. */
  settingName(input: string): string;
  /** Where relative paths (working-directory) resolve and must stay inside. */
  readonly workspace: string;
  /** Root of the tool cache (`$RUNNER_TOOL_CACHE` or a persistent dir locally). */
  readonly toolCache: string;
  /** The directory the slug for `name` is written to. */
  slugDir(name: string, appDir: string): string;
  setOutput(name: string, value: string): void;
  /** Makes a variable visible to this process and, in Actions, to later steps. */
  exportVariable(name: string, value: string): void;
  /** Prepends a directory to PATH for this process and, in Actions, for later steps. */
  addPath(dir: string): void;
  saveState(name: string, value: string): void;
  /** A secret (credentials from a URL) that the log must never show (`core.setSecret`). */
  mask(secret: string): void;
  /** Registers the Go problem matcher (Actions only). */
  addProblemMatcher(): void;
  /** The Actions cache service; undefined where caches persist on disk (a workstation). */
  readonly cacheStore?: CacheStore;
  /** The workflow artifact service; undefined outside Actions (the slug stays on disk). */
  readonly artifactStore?: ArtifactStore;
  /** Appends Markdown to the job summary (Actions only). */
  writeSummary?(markdown: string): Promise<void>;
}

export interface UploadedArtifact {
  id?: number;
  size?: number;
  digest?: string;
  /** The artifact's page on the run, when the service gave an id. */
  url?: string;
}

export interface ArtifactStore {
  /**
   * Uploads `files` (below `root`) as one artifact. `raw`: a single file uploaded as is, named
   * after the file; otherwise the files are zipped by the service. Throws with the service's
   * reason.
   */
  upload(
    name: string,
    files: string[],
    root: string,
    opts: { raw: boolean; retentionDays?: number },
  ): Promise<UploadedArtifact>;
}

/**
 * What a cache call gives back. `fault` is set when the service failed (a warning has been
 * printed); the caller goes on without the cache.
 */
export interface CacheCall<T> {
  value: T;
  fault?: string;
  ms: number;
}

/** An entry the service found: its key, and where restore() fetches it from (signed: never shown). */
export interface CacheEntryRef {
  key: string;
  location: string;
}

export interface CacheStore {
  /** Whether this job can reach a cache service at all (and if not, why). */
  available(): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** The entry that would be restored (exact key, else by prefix), without downloading it. */
  lookup(
    paths: string[],
    key: string,
    restoreKeys: string[],
    deadlineMs: number,
  ): Promise<CacheCall<CacheEntryRef | undefined>>;
  /**
   * Downloads `entry` and unpacks it into `dir`; `archiveBytes` is the compressed size.
   * `rejected` says why a bad archive was discarded (nothing of it is left; the caller warns):
   * that is not a fault of the service.
   */
  restore(
    dir: string,
    entry: CacheEntryRef,
    deadlineMs: number,
    /** The dir the entry was saved from, when not `dir` (its members are placed in `dir`). */
    archivedFrom?: string,
  ): Promise<CacheCall<{ archiveBytes?: number; rejected?: string }>>;
  /**
   * Packs and uploads `paths` under `key`; `saved` is false when it did not happen, `taken` when
   * that is because another job saved the key first.
   */
  save(
    paths: string[],
    key: string,
    deadlineMs: number,
  ): Promise<CacheCall<{ saved: boolean; taken: boolean }>>;
}
