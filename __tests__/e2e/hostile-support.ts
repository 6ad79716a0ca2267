// Sandboxes for the hostile-input suites: a workspace with the app, and beside it a HOME and a
// `victim` folder that nothing the action does may touch. Paths are laid out so that the classic
// escapes land exactly on the victim: `$GOPATH/src/../../../victim` is `<root>/victim`.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { giveToTestUser, makeTempDir, type RunResult } from '../../test/support/action-harness.js';
import { workflowCommands } from '../../test/support/workflow-commands.js';

const APPS = fileURLToPath(new URL('../fixtures/apps/', import.meta.url));

/** What the victim folder holds: a file nobody may read into the log, and a non-executable script. */
export const SECRET = 'SECRET-victim-content-7f3a';

export interface Sandbox {
  root: string;
  /** GITHUB_WORKSPACE: the app is its root unless a case sets working-directory. */
  ws: string;
  home: string;
  victim: string;
}

export interface SandboxSpec {
  /** A fixture app from __tests__/fixtures/apps (default: tiny). */
  app?: string;
  /** Extra files of the workspace; `{victim}` and `{root}` are replaced in contents. */
  files?: Record<string, string>;
  /** Symlinks in the workspace: path → target (`{victim}`, `{root}` replaced). */
  links?: Record<string, string>;
  /** Directories to create in the workspace. */
  dirs?: string[];
}

function fill(text: string, s: { root: string; victim: string }): string {
  return text.replaceAll('{victim}', s.victim).replaceAll('{root}', s.root);
}

export async function sandbox(spec: SandboxSpec = {}): Promise<Sandbox> {
  const root = await makeTempDir('hostile-');
  const ws = path.join(root, 'ws');
  const home = path.join(root, 'home');
  const victim = path.join(root, 'victim');
  cpSync(path.join(APPS, spec.app ?? 'tiny'), ws, { recursive: true });
  mkdirSync(home);
  mkdirSync(path.join(victim, 'sub'), { recursive: true });
  writeFileSync(path.join(victim, 'secret.txt'), `${SECRET}\n`);
  writeFileSync(path.join(victim, 'sub', 'keep.txt'), 'keep me\n');
  writeFileSync(path.join(victim, 'script'), '#!/bin/sh\necho victim script ran\n');
  chmodSync(path.join(victim, 'script'), 0o644);
  for (const d of spec.dirs ?? []) mkdirSync(path.join(ws, d), { recursive: true });
  for (const [rel, text] of Object.entries(spec.files ?? {})) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), fill(text, { root, victim }));
  }
  for (const [rel, target] of Object.entries(spec.links ?? {})) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    symlinkSync(fill(target, { root, victim }), path.join(ws, rel));
  }
  await giveToTestUser(root, true);
  return { root, ws, home, victim };
}

/** Every entry under `dir` with its type, mode, size and content digest (symlinks not followed). */
export function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      const rel = path.relative(dir, p);
      if (st.isSymbolicLink()) out.push(`${rel} -> ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.push(`${rel}/ ${(st.mode & 0o7777).toString(8)}`);
        walk(p);
      } else {
        const sha = createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16);
        out.push(`${rel} ${(st.mode & 0o7777).toString(8)} ${st.size} ${sha}`);
      }
    }
  };
  walk(dir);
  return out.join('\n');
}

/** Every file and dir under `dir` (relative), [] when it does not exist. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return [];
  }
}

/**
 * The step's output forges nothing: the runner would see no legacy `##[…]` command at all, no
 * `stop-commands`, `add-mask`, `set-output`, `set-env`, `add-path` or `echo`, and exactly the
 * errors given (the refusal).
 */
export function expectNoForgedCommands(run: RunResult, errors: string[]): void {
  const commands = [...workflowCommands(run.stdout), ...workflowCommands(run.stderr)];
  expect(commands.filter((c) => c.form === 'legacy')).toEqual([]);
  const allowed = new Set([
    'group',
    'endgroup',
    'error',
    'warning',
    'notice',
    'debug',
    'add-matcher',
  ]);
  expect(commands.filter((c) => !allowed.has(c.name)).map((c) => c.line)).toEqual([]);
  expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual(errors);
}
