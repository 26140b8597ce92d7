/** `scripts/db.ts` prints this, then JSON `{ url, startedHere }`, once the database is usable; `scripts/dev.ts` waits for it. */
export const DB_READY_MARKER = "PORTICO_DB_READY ";

export type DbReady = { url: string; startedHere: boolean };
