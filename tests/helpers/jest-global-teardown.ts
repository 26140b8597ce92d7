import type { EmbeddedDb } from "@/scripts/lib/embedded-pg";

export default async function globalTeardown() {
  const embedded = (globalThis as { __porticoEmbeddedDb?: EmbeddedDb }).__porticoEmbeddedDb;
  if (embedded?.startedHere) await embedded.stop();
}
