import "server-only";
import { safeTimeZone } from "@/i18n/locales";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import { currencyDigits, minorToDecimalString } from "@/lib/format/money";
import type { CallDirection, Prisma } from "@/lib/generated/prisma/client";
import { serviceIdSchema } from "./schemas";
import { csvLine, formatLocalTimestamp } from "./usage-format";
import { type DayRange, resolveDayRange } from "./usage-range";
import { type CallCursor, type CallDirectionFilter, type CallListParams, callCursorOf, callListParamsSchema, parseCallCursor } from "./usage-schemas";

// VoIP call records of one service (permission usage.voip). The list pages by keyset on
// (startedAt, id) — the index CallRecord(serviceId, startedAt DESC, id DESC) serves every page in
// the same time however deep it is — and the totals are one GROUP BY currency over the filter.

export const CALLS_PAGE_SIZE = 50;
/** Rows per query of the CSV export (the file streams; memory stays flat). */
const CSV_BATCH = 2_000;

export type UsageServiceRef = { id: string; name: string; label: string | null; customerId: string };

/**
 * The customer's service of `kind`, or null (malformed id, another customer's, another kind).
 * Throws PermissionDenied without `permission`; the page has already answered 404 for that.
 */
export async function findUsageService(actor: Actor, serviceId: string, kind: "voip" | "housing", permission: "usage.voip" | "usage.traffic"): Promise<UsageServiceRef | null> {
  const customerId = customerScope(actor, permission);
  if (!serviceIdSchema.safeParse(serviceId).success) return null;
  return db.service.findFirst({ where: { id: serviceId, customerId, kind }, select: { id: true, name: true, label: true, customerId: true } });
}

export type CallFilter = { range: DayRange; direction: CallDirectionFilter };

function filterWhere(serviceId: string, { range, direction }: CallFilter): Prisma.CallRecordWhereInput {
  return {
    serviceId,
    startedAt: { gte: range.start, lt: range.end },
    ...(direction === "all" ? {} : { direction: direction as CallDirection }),
  };
}

// Row comparison (startedAt, id) < cursor, written so the index range is bounded by startedAt.
const olderThan = (c: CallCursor): Prisma.CallRecordWhereInput => ({
  startedAt: { lte: c.startedAt },
  OR: [{ startedAt: { lt: c.startedAt } }, { id: { lt: c.id } }],
});
const newerThan = (c: CallCursor): Prisma.CallRecordWhereInput => ({
  startedAt: { gte: c.startedAt },
  OR: [{ startedAt: { gt: c.startedAt } }, { id: { gt: c.id } }],
});

const callSelect = { id: true, startedAt: true, fromNumber: true, toNumber: true, direction: true, durationSec: true, costMinor: true, currency: true } satisfies Prisma.CallRecordSelect;
type CallRow = Prisma.CallRecordGetPayload<{ select: typeof callSelect }>;

export type CallItem = Omit<CallRow, "id"> & { id: string };
export type CallTotals = {
  count: number;
  durationSec: number;
  /** One entry per currency the calls were charged in (usually one), largest count first. */
  costs: { currency: string; costMinor: bigint; count: number }[];
};

export type CallRecordsPage = {
  service: UsageServiceRef;
  filter: { from: string; to: string; direction: CallDirectionFilter };
  items: CallItem[];
  totals: CallTotals;
  /** Cursor of the next (older) page, or null on the last page. */
  olderCursor: string | null;
  /** Cursor of the previous (newer) page, or null on the first page. */
  newerCursor: string | null;
  timeZone: string;
};

const toItem = ({ id, ...row }: CallRow): CallItem => ({ ...row, id: id.toString() });

function filterOf(actor: Actor, params: ReturnType<typeof callListParamsSchema.parse>, now: Date): CallFilter & { timeZone: string } {
  const timeZone = safeTimeZone(actor.timeZone);
  return { range: resolveDayRange(params, timeZone, now), direction: params.direction, timeZone };
}

/** Totals over the whole filter (not only the page). */
async function callTotals(where: Prisma.CallRecordWhereInput): Promise<CallTotals> {
  const groups = await db.callRecord.groupBy({ by: ["currency"], where, _count: { _all: true }, _sum: { durationSec: true, costMinor: true } });
  const costs = groups
    .map((g) => ({ currency: g.currency, costMinor: g._sum.costMinor ?? 0n, count: g._count._all, durationSec: g._sum.durationSec ?? 0 }))
    .sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
  return {
    count: costs.reduce((n, c) => n + c.count, 0),
    durationSec: costs.reduce((n, c) => n + Number(c.durationSec), 0),
    costs: costs.map(({ currency, costMinor, count }) => ({ currency, costMinor, count })),
  };
}

/**
 * One page of a VoIP service's call records, newest first, with the filter's totals. `older`
 * continues after a row, `newer` goes back before one. Null when the service is not the actor's
 * customer's VoIP service.
 */
export async function listCallRecords(actor: Actor, serviceId: string, raw: CallListParams, opts: { now?: Date; pageSize?: number } = {}): Promise<CallRecordsPage | null> {
  const service = await findUsageService(actor, serviceId, "voip", "usage.voip");
  if (!service) return null;
  const params = callListParamsSchema.parse(raw);
  const { timeZone, ...filter } = filterOf(actor, params, opts.now ?? new Date());
  const pageSize = opts.pageSize ?? CALLS_PAGE_SIZE;
  const where = filterWhere(service.id, filter);
  const older = parseCallCursor(params.older);
  const newer = older ? undefined : parseCallCursor(params.newer);

  const [rows, totals] = await Promise.all([
    newer
      ? db.callRecord.findMany({ where: { AND: [where, newerThan(newer)] }, orderBy: [{ startedAt: "asc" }, { id: "asc" }], take: pageSize + 1, select: callSelect })
      : db.callRecord.findMany({ where: older ? { AND: [where, olderThan(older)] } : where, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: pageSize + 1, select: callSelect }),
    callTotals(where),
  ]);
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (newer) page.reverse();
  // Going back: more rows newer than this page exist when we fetched one extra; older ones always do.
  const hasOlder = newer ? page.length > 0 : more;
  const hasNewer = newer ? more : Boolean(older) && page.length > 0;
  return {
    service,
    filter: { from: filter.range.from, to: filter.range.to, direction: filter.direction },
    items: page.map(toItem),
    totals,
    olderCursor: hasOlder && page.length ? callCursorOf(page[page.length - 1]) : null,
    newerCursor: hasNewer && page.length ? callCursorOf(page[0]) : null,
    timeZone,
  };
}

export const CALLS_CSV_HEADER = ["started_at", "time_zone", "from", "to", "direction", "duration_seconds", "cost", "currency"] as const;

/**
 * The filter's call records as a CSV stream (RFC 4180, CRLF, formulas defused), oldest first,
 * read in keyset batches so a year of calls never sits in memory. Null like listCallRecords.
 */
export async function callRecordsCsv(actor: Actor, serviceId: string, raw: CallListParams, opts: { now?: Date; batchSize?: number } = {}): Promise<{ filename: string; stream: ReadableStream<Uint8Array> } | null> {
  const service = await findUsageService(actor, serviceId, "voip", "usage.voip");
  if (!service) return null;
  const params = callListParamsSchema.parse(raw);
  const { timeZone, ...filter } = filterOf(actor, params, opts.now ?? new Date());
  const where = filterWhere(service.id, filter);
  const batchSize = opts.batchSize ?? CSV_BATCH;
  const encoder = new TextEncoder();
  let cursor: CallCursor | undefined;
  let headerSent = false;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine([...CALLS_CSV_HEADER])));
        return;
      }
      const rows = await db.callRecord.findMany({
        where: cursor ? { AND: [where, newerThan(cursor)] } : where,
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        take: batchSize,
        select: callSelect,
      });
      if (rows.length) {
        const text = rows
          .map((r) => csvLine([formatLocalTimestamp(r.startedAt, timeZone), timeZone, r.fromNumber, r.toNumber, r.direction, r.durationSec, minorToDecimalString(r.costMinor, currencyDigits(r.currency)), r.currency]))
          .join("");
        controller.enqueue(encoder.encode(text));
        cursor = { startedAt: rows[rows.length - 1].startedAt, id: rows[rows.length - 1].id };
      }
      if (rows.length < batchSize) controller.close();
    },
  });
  const slug = (service.label ?? service.name).replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "calls";
  return { filename: `calls-${slug}-${filter.range.from}-${filter.range.to}.csv`, stream };
}
