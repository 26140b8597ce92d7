import "server-only";
import { db } from "@/lib/db";
import { PostgresBlobStorage } from "./postgres-storage";
import type { BlobStorage } from "./storage";

export type { BlobStorage } from "./storage";
export { PostgresBlobStorage } from "./postgres-storage";

/** The settings that choose an adapter; none yet beyond the built-in one. */
export type StorageConfig = { S3_BUCKET?: string };

/**
 * The attachment storage for this configuration: the built-in Postgres one.
 *
 * TODO(S3): when S3 is needed, add `S3_BUCKET`, `S3_REGION`, `S3_ENDPOINT` and credentials to the
 * schema in lib/env.ts, implement `S3BlobStorage` in ./s3-storage.ts (it ignores `tx`: it must
 * `put` before the transaction commits and the caller deletes the object when the transaction
 * fails, plus a sweep for orphans) and return it here when `S3_BUCKET` is set. Offline we have no
 * S3, so until then a configured bucket is refused rather than silently ignored.
 */
export function storageFor(config: StorageConfig = {}): BlobStorage {
  if (config.S3_BUCKET) throw new Error("S3_BUCKET is set, but S3 attachment storage is not implemented yet; unset it to keep attachments in Postgres");
  return new PostgresBlobStorage(db);
}

let cached: BlobStorage | undefined;

/** The storage of this process, chosen once from the environment. */
export function defaultStorage(): BlobStorage {
  return (cached ??= storageFor({ S3_BUCKET: process.env.S3_BUCKET }));
}
