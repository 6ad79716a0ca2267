// A loopback stand-in for GitHub's "results" service as @actions/cache (v2) and @actions/artifact
// speak it: Twirp JSON for CacheService and ArtifactService, plus the Azure block-blob subset that
// the "signed" upload/download URLs point at. Both clients share ACTIONS_RESULTS_URL, so one server
// plays both, with switchable faults and a request log.
//
// This file is the entry the tests and benches import. The parts live in results/, one module each:
//   server.ts            listening, routing, the request log, `down` and `delayMs`   (start here)
//   cache-service.ts     CacheService: reserve, finalize, look up by key and prefix
//   artifact-service.ts  ArtifactService: create, finalize, list, sign, delete
//   blob-store.ts        the blobs behind the signed URLs: PUT (one shot or blocks), GET, truncation
//   twirp.ts             the Twirp JSON transport and field readers the services share
//   env.ts               the env a client process needs: resultsEnv(), runtimeToken()
export { resultsEnv, runtimeToken } from './results/env.js';
export {
  startResultsServer,
  type Faults,
  type RequestLogEntry,
  type ResultsServer,
} from './results/server.js';
export type { ArtifactInfo } from './results/artifact-service.js';
export type { CacheEntryInfo } from './results/cache-service.js';
export type { TwirpFault } from './results/twirp.js';
