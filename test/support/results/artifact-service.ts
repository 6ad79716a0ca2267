// ArtifactService, the Twirp service @actions/artifact calls to upload, list, download and delete:
// - CreateArtifact reserves a name on the workflow run and hands out a blob upload URL. An
//   earlier attempt that never finalized is replaced.
// - FinalizeArtifact records the size and hash, and the artifact becomes visible.
// - ListArtifacts, GetSignedArtifactURL and DeleteArtifact see finalized artifacts only.
// The run and job come from the request body (the client reads them from ACTIONS_RUNTIME_TOKEN).
// Tests read the artifacts back (artifacts(), artifactBlob()) and set the faults below to see how
// the action copes.
import type { BlobSlot, BlobStore } from './blob-store.js';
import {
  int64,
  required,
  str,
  TwirpError,
  wrapped,
  type Json,
  type TwirpFault,
  type TwirpService,
} from './twirp.js';

export const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';

/** Mutable at any time (part of the server's `faults`). */
export interface ArtifactFaults {
  /** ArtifactService calls answer this Twirp error. */
  artifactStatus?: TwirpFault;
  /** CreateArtifact answers `{"ok":false}`. */
  artifactCreateNotOk?: boolean;
}

export interface ArtifactInfo {
  /** The `artifact_id` / `database_id`. */
  id: number;
  name: string;
  runId: string;
  jobId: string;
  /** `mime_type` from CreateArtifact (`application/zip`, or the raw file's type with skipArchive). */
  mimeType?: string;
  version?: number;
  /** `expires_at` from CreateArtifact (RFC 3339), present when a retention was asked for. */
  expiresAt?: string;
  /** `size` from FinalizeArtifact. */
  size?: number;
  /** `hash` from FinalizeArtifact (`sha256:<hex>`). */
  hash?: string;
  finalized: boolean;
  createdAt: string;
  /** The name in the download URL's path: `<name>.zip` for zip artifacts, else the name. */
  fileName: string;
  blobSize?: number;
  /** `x-ms-blob-content-type` the client set when committing the blob. */
  blobContentType?: string;
}

export interface ArtifactService extends TwirpService {
  /** Created and finalized artifacts, in creation order. */
  list(): ArtifactInfo[];
  /** The committed bytes of the newest finalized artifact named `name`. */
  blob(name: string): Promise<Buffer | undefined>;
  /** Forget every artifact and its blob. */
  clear(): Promise<void>;
}

type ArtifactRecord = Omit<ArtifactInfo, 'blobSize' | 'blobContentType'> & { blob: BlobSlot };

/** RFC 6266 attachment with an ASCII fallback and the UTF-8 name, as blob storage sends it. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export function artifactService(blobs: BlobStore, faults: ArtifactFaults): ArtifactService {
  let artifactList: ArtifactRecord[] = [];
  let nextArtifactId = 1;

  const ids = (body: Json): { runId: string; jobId: string } => ({
    runId: required(body, 'workflow_run_backend_id'),
    jobId: required(body, 'workflow_job_run_backend_id'),
  });
  const finalizedIn = (runId: string): ArtifactRecord[] =>
    artifactList.filter((a) => a.finalized && a.runId === runId);
  const listed = (a: ArtifactRecord): Json => ({
    workflow_run_backend_id: a.runId,
    workflow_job_run_backend_id: a.jobId,
    database_id: String(a.id),
    name: a.name,
    size: String(a.size ?? 0),
    created_at: a.createdAt,
    ...(a.hash ? { digest: a.hash } : {}),
  });

  const methods: ArtifactService['methods'] = {
    CreateArtifact(body) {
      const { runId, jobId } = ids(body);
      const name = required(body, 'name');
      if (faults.artifactCreateNotOk) return { ok: false };
      if (finalizedIn(runId).some((a) => a.name === name)) {
        throw new TwirpError(409, 'an artifact with this name already exists on the workflow run');
      }
      // An earlier attempt that never finalized is replaced.
      artifactList = artifactList.filter((a) => !(a.runId === runId && a.name === name));
      const mimeType = wrapped(body['mime_type']);
      const id = nextArtifactId++;
      const fileName = !mimeType || mimeType === 'application/zip' ? `${name}.zip` : name;
      const record: ArtifactRecord = {
        id,
        runId,
        jobId,
        name,
        mimeType,
        version: typeof body['version'] === 'number' ? body['version'] : undefined,
        expiresAt: str(body['expires_at']),
        finalized: false,
        createdAt: new Date().toISOString(),
        fileName,
        blob: blobs.create(`actions-results/${runId}/${id}/${fileName}`, () => {
          // Zip artifacts are served as application/zip (the client unzips them); anything else
          // as an octet stream with its file name in Content-Disposition (the client saves it
          // under that name, else as "artifact").
          const zip = (record.mimeType ?? 'application/zip') === 'application/zip';
          return {
            contentType: zip ? 'application/zip' : 'application/octet-stream',
            disposition: contentDisposition(fileName),
          };
        }),
      };
      artifactList.push(record);
      return { ok: true, signed_upload_url: blobs.signedUrl(record.blob) };
    },
    FinalizeArtifact(body) {
      const { runId } = ids(body);
      const name = required(body, 'name');
      const record = artifactList.find((a) => a.runId === runId && a.name === name && !a.finalized);
      if (!record) throw new TwirpError(404, 'artifact not found');
      if (!record.blob.committed) throw new TwirpError(412, 'no upload found for the artifact');
      record.size = int64(body['size']) ?? 0;
      record.hash = wrapped(body['hash']);
      record.finalized = true;
      return { ok: true, artifact_id: String(record.id) };
    },
    ListArtifacts(body) {
      const { runId } = ids(body);
      const nameFilter = wrapped(body['name_filter']);
      const idFilter = wrapped(body['id_filter']);
      const found = finalizedIn(runId).filter(
        (a) =>
          (nameFilter === undefined || a.name === nameFilter) &&
          (idFilter === undefined || String(a.id) === idFilter),
      );
      return { artifacts: found.map(listed) };
    },
    GetSignedArtifactURL(body) {
      const { runId } = ids(body);
      const name = required(body, 'name');
      const record = finalizedIn(runId).find((a) => a.name === name);
      if (!record) throw new TwirpError(404, 'artifact not found');
      return { signed_url: blobs.signedUrl(record.blob) };
    },
    DeleteArtifact(body) {
      const { runId } = ids(body);
      const name = required(body, 'name');
      const record = finalizedIn(runId).find((a) => a.name === name);
      if (!record) throw new TwirpError(404, 'artifact not found');
      artifactList = artifactList.filter((a) => a !== record);
      void blobs.drop(record.blob);
      return { ok: true, artifact_id: String(record.id) };
    },
  };

  return {
    methods,
    fault: () => faults.artifactStatus,
    list: () =>
      artifactList.map((a) => ({
        id: a.id,
        name: a.name,
        runId: a.runId,
        jobId: a.jobId,
        mimeType: a.mimeType,
        version: a.version,
        expiresAt: a.expiresAt,
        size: a.size,
        hash: a.hash,
        finalized: a.finalized,
        createdAt: a.createdAt,
        fileName: a.fileName,
        blobSize: a.blob.committed ? a.blob.size : undefined,
        blobContentType: a.blob.contentType,
      })),
    blob: async (name) => {
      const hit = artifactList.filter((a) => a.finalized && a.name === name).at(-1);
      return hit ? blobs.read(hit.blob) : undefined;
    },
    clear: async () => {
      const gone = artifactList;
      artifactList = [];
      await Promise.all(gone.map((a) => blobs.drop(a.blob)));
    },
  };
}
