// The import graph of src/ between its top-level parts (a folder, or a file at the top): the
// edges, and the cycles (strongly connected parts of more than one). `node scripts/layers.mjs`
// prints them; `--check` exits 1 when there is a cycle. Type-only imports count: a folder that
// needs another's types depends on it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', 'src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g;

/** The top-level part a path under src/ belongs to: `cache`, `inputs.ts`, … */
const partOf = (file) => path.relative(SRC, file).split(path.sep)[0];

export function importGraph() {
  const edges = new Map();
  for (const rel of readdirSync(SRC, { recursive: true })) {
    const file = path.join(SRC, String(rel));
    if (!file.endsWith('.ts')) continue;
    const from = partOf(file);
    if (!edges.has(from)) edges.set(from, new Map());
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = partOf(path.resolve(path.dirname(file), m[1].replace(/\.js$/, '.ts')));
      if (to === from) continue;
      const seen = edges.get(from);
      seen.set(to, [...(seen.get(to) ?? []), path.relative(SRC, file)]);
    }
  }
  return edges;
}

/** Tarjan's strongly connected components of more than one node, each sorted. */
export function cycles(edges) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of (edges.get(v) ?? new Map()).keys()) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const part = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1) out.push(part.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

if (process.argv[1] === import.meta.filename) {
  const edges = importGraph();
  const found = cycles(edges);
  for (const [from, tos] of [...edges].sort()) {
    for (const [to, files] of [...tos].sort()) {
      const back = edges.get(to)?.has(from) ? '  (both ways)' : '';
      console.log(`${from} -> ${to}: ${files.length} file(s)${back}`);
    }
  }
  if (found.length === 0) console.log('no cycle between the top-level parts of src/');
  for (const c of found) console.log(`cycle: ${c.join(', ')}`);
  if (process.argv.includes('--check') && found.length > 0) process.exit(1);
}
