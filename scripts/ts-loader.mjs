// Lets plain `node` run TypeScript entry points (`node --import ./scripts/ts-loader.mjs bench/run.ts`):
// tsx registers ESM resolve/load hooks that strip types and map `./x.js` imports to `./x.ts`.
import 'tsx/esm';
