import { z } from "zod";

// Query strings of the usage pages and the staff import form. Filters are forgiving (anything
// unexpected falls back to the default, a bookmark never breaks); the import form is strict.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A real calendar day "YYYY-MM-DD" (not 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2100;
}

const optionalDay = z
  .string()
  .optional()
  .transform((v) => (v && isCalendarDay(v) ? v : undefined))
  .catch(undefined);

/** "<epoch ms>_<id>": the (startedAt, id) of the row a keyset page continues from. */
const CURSOR = /^(\d{1,15})_(\d{1,19})$/;
export type CallCursor = { startedAt: Date; id: bigint };
export function parseCallCursor(value: string | undefined): CallCursor | undefined {
  const m = value ? CURSOR.exec(value) : null;
  return m ? { startedAt: new Date(Number(m[1])), id: BigInt(m[2]) } : undefined;
}
export const callCursorOf = (row: { startedAt: Date; id: bigint }) => `${row.startedAt.getTime()}_${row.id}`;

export const CALL_DIRECTIONS = ["all", "inbound", "outbound"] as const;
export type CallDirectionFilter = (typeof CALL_DIRECTIONS)[number];

/** `/services/[id]/calls?from=…&to=…&direction=…&older=…|newer=…` (dates in the user's time zone, inclusive). */
export const callListParamsSchema = z.object({
  from: optionalDay,
  to: optionalDay,
  direction: z.enum(CALL_DIRECTIONS).catch("all").default("all"),
  /** Rows older than this cursor (the "next" page). */
  older: z.string().optional().catch(undefined),
  /** Rows newer than this cursor (the "previous" page). */
  newer: z.string().optional().catch(undefined),
});
export type CallListParams = z.input<typeof callListParamsSchema>;

export const TRAFFIC_RANGES = ["month", "week", "day"] as const;
export type TrafficRange = (typeof TRAFFIC_RANGES)[number];

/** `/services/[id]/traffic?month=YYYY-MM&range=month|week|day`. */
export const trafficParamsSchema = z.object({
  month: z
    .string()
    .optional()
    .transform((v) => (v && MONTH.test(v) ? v : undefined))
    .catch(undefined),
  range: z.enum(TRAFFIC_RANGES).catch("month").default("month"),
});
export type TrafficParams = z.input<typeof trafficParamsSchema>;

export const USAGE_IMPORT_KINDS = ["calls", "traffic"] as const;
export type UsageImportKind = (typeof USAGE_IMPORT_KINDS)[number];
/** The import's columns (a header row names them, in any order). */
export const CALL_COLUMNS = ["external_id", "started_at", "from", "to", "direction", "duration_seconds", "cost", "currency"] as const;
export const TRAFFIC_COLUMNS = ["address", "hour", "in_bytes", "out_bytes"] as const;
/** One example row per kind, shown under the column names. */
export const IMPORT_EXAMPLES = {
  calls: "sw-20261123-0001,2026-11-23T14:05:09+07:00,+842838234567,+84912345678,outbound,125,0.09,EUR",
  traffic: "203.0.113.17,2026-11-23T14:00:00Z,512000000,2048000000",
} as const;
export type UsageColumn = (typeof CALL_COLUMNS)[number] | (typeof TRAFFIC_COLUMNS)[number];

/** About 20,000 call rows; bigger files are split by the sender. */
export const MAX_USAGE_CSV_CHARS = 2_000_000;
export const MAX_USAGE_IMPORT_ROWS = 20_000;

/** The staff upload: one file's text for one service (the browser reads the file; the server parses it). */
export const usageImportSchema = z.object({
  serviceId: z.guid("errors.serviceRequired"),
  kind: z.enum(USAGE_IMPORT_KINDS),
  csv: z.string().min(1, "errors.fileRequired").max(MAX_USAGE_CSV_CHARS, "errors.fileTooLarge"),
});
export type UsageImportInput = z.infer<typeof usageImportSchema>;

/** The staff page's service search `?q=…&service=…`. */
export const usageImportParamsSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  service: z.guid().optional().catch(undefined),
});
