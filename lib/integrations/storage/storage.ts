import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Where attachment bytes live, under a server-chosen key. Metadata (the Attachment row) is always
 * in Postgres; only the bytes move between adapters.
 */
export interface BlobStorage {
  /** Short name for logs: "postgres", "s3". */
  readonly name: string;
  /**
   * Stores `data` under `key`. With `tx`, an adapter that writes to Postgres joins the caller's
   * transaction, so the bytes and the Attachment row commit or roll back together.
   */
  put(key: string, data: Buffer, tx?: Prisma.TransactionClient): Promise<void>;
  /** The bytes, or null when nothing is stored under `key`. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}
