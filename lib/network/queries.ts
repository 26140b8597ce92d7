import "server-only";
import { type Actor, type StaffActor, assertCan, can } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NetworkIssueKind, NetworkIssueStatus } from "@/lib/generated/prisma/client";

// Network status: maintenance and incidents. Every signed-in actor may read them (they are the
// provider's public notices); whether one touches "your services" is worked out only for a contact
// who may see services (`services.view`), so it tells nobody else which servers the customer uses.
// Staff with `staff.settings` manage them.

export const NETWORK_PAST_PAGE_SIZE = 10;
/** Enough for any real day; the current and upcoming lists are not paginated. */
const OPEN_LIMIT = 50;
export const DASHBOARD_NETWORK_LIMIT = 5;

function assertReader(actor: Actor): void {
  if (actor.kind === "staff") assertCan(actor, "staff.access");
}

export function assertNetworkManager(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.settings");
  assertCan(actor, "staff.settings");
}

/** The customer whose services mark an issue as "yours", or null (staff, or a contact without services.view). */
function ownCustomerId(actor: Actor): string | null {
  return actor.kind === "customer" && can(actor, "services.view") ? actor.customerId : null;
}

export type NetworkSection = "current" | "upcoming" | "past";

function sectionSql(section: NetworkSection, now: Date): { where: Prisma.Sql; order: Prisma.Sql } {
  const closed = Prisma.sql`(i.status IN ('resolved', 'completed') OR (i."endsAt" IS NOT NULL AND i."endsAt" < ${now}::timestamp))`;
  switch (section) {
    case "current":
      return { where: Prisma.sql`NOT ${closed} AND i."startsAt" <= ${now}::timestamp`, order: Prisma.sql`i."startsAt" DESC` };
    case "upcoming":
      return { where: Prisma.sql`NOT ${closed} AND i."startsAt" > ${now}::timestamp`, order: Prisma.sql`i."startsAt" ASC` };
    case "past":
      return { where: closed, order: Prisma.sql`coalesce(i."endsAt", i."startsAt") DESC` };
  }
}

type OrderedRow = { id: string; mine: boolean; total: number };

/**
 * The ids of one section in display order: the issues touching the customer's own (live) services
 * first, then by time. One statement; the "mine" test joins the issue's servers to the customer's
 * services (Service.serverId).
 */
async function orderedIds(section: NetworkSection, customerId: string | null, now: Date, limit: number, offset: number): Promise<OrderedRow[]> {
  const { where, order } = sectionSql(section, now);
  const mine = customerId
    ? Prisma.sql`EXISTS (
        SELECT 1 FROM "_NetworkIssueToServer" m JOIN "Service" s ON s."serverId" = m."B"
        WHERE m."A" = i.id AND s."customerId" = ${customerId}::uuid AND s.status NOT IN ('cancelled', 'terminated'))`
    : Prisma.sql`false`;
  return db.$queryRaw<OrderedRow[]>`
    SELECT i.id::text AS id, ${mine} AS mine, count(*) OVER ()::int AS total
    FROM "NetworkIssue" i
    WHERE ${where}
    ORDER BY mine DESC, ${order}, i.id
    LIMIT ${limit} OFFSET ${offset}`;
}

const issueSelect = {
  id: true,
  kind: true,
  title: true,
  body: true,
  status: true,
  startsAt: true,
  endsAt: true,
  servers: { select: { name: true, hostname: true, location: true }, orderBy: { hostname: "asc" } },
  updates: { select: { id: true, status: true, body: true, createdAt: true }, orderBy: { createdAt: "desc" } },
} satisfies Prisma.NetworkIssueSelect;

export type NetworkIssueView = Prisma.NetworkIssueGetPayload<{ select: typeof issueSelect }> & {
  /** True when the issue touches a server that one of the reader's customer's services runs on. */
  affectsYou: boolean;
};

async function loadInOrder(rows: OrderedRow[]): Promise<NetworkIssueView[]> {
  if (rows.length === 0) return [];
  const issues = await db.networkIssue.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: issueSelect });
  const byId = new Map(issues.map((i) => [i.id, i]));
  return rows.flatMap((r) => {
    const issue = byId.get(r.id);
    return issue ? [{ ...issue, affectsYou: r.mine }] : [];
  });
}

/**
 * `/support/network-status`: what is happening now, what is planned, and (paginated) what is over.
 * In each part, the issues touching the reader's own services come first.
 */
export async function listNetworkIssues(actor: Actor, opts: { page?: number; pageSize?: number; now?: Date } = {}) {
  assertReader(actor);
  const now = opts.now ?? new Date();
  const customerId = ownCustomerId(actor);
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const pageSize = opts.pageSize ?? NETWORK_PAST_PAGE_SIZE;
  const [current, upcoming, past] = await Promise.all([
    orderedIds("current", customerId, now, OPEN_LIMIT, 0),
    orderedIds("upcoming", customerId, now, OPEN_LIMIT, 0),
    orderedIds("past", customerId, now, pageSize, (page - 1) * pageSize),
  ]);
  const [currentItems, upcomingItems, pastItems] = await Promise.all([loadInOrder(current), loadInOrder(upcoming), loadInOrder(past)]);
  return {
    current: currentItems,
    upcoming: upcomingItems,
    past: { items: pastItems, total: past[0]?.total ?? 0, page, pageSize },
    /** Whether "affects your services" could be worked out for this reader. */
    personalised: customerId !== null,
  };
}

export type CurrentNetworkIssue = {
  id: string;
  kind: NetworkIssueKind;
  title: string;
  status: NetworkIssueStatus;
  startsAt: Date;
  endsAt: Date | null;
  affectsYou: boolean;
};

/** For the dashboard: the issues going on now (the reader's own first), at most `limit`, and how many there are. */
export async function currentNetworkIssues(actor: Actor, opts: { limit?: number; now?: Date } = {}): Promise<{ items: CurrentNetworkIssue[]; total: number }> {
  assertReader(actor);
  const rows = await orderedIds("current", ownCustomerId(actor), opts.now ?? new Date(), opts.limit ?? DASHBOARD_NETWORK_LIMIT, 0);
  if (rows.length === 0) return { items: [], total: 0 };
  const issues = await db.networkIssue.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: { id: true, kind: true, title: true, status: true, startsAt: true, endsAt: true },
  });
  const byId = new Map(issues.map((i) => [i.id, i]));
  return {
    items: rows.flatMap((r) => {
      const issue = byId.get(r.id);
      return issue ? [{ ...issue, affectsYou: r.mine }] : [];
    }),
    total: rows[0].total,
  };
}

// ───────────── Staff ─────────────

/** Every issue, newest start first, with how many servers and updates it has; for `/admin/network`. */
export async function listNetworkIssuesForStaff(actor: Actor, opts: { page?: number; pageSize?: number } = {}) {
  assertNetworkManager(actor);
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const pageSize = opts.pageSize ?? 20;
  const [items, total] = await Promise.all([
    db.networkIssue.findMany({
      orderBy: [{ startsAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, kind: true, title: true, status: true, startsAt: true, endsAt: true, notifiedAt: true, _count: { select: { servers: true, updates: true } } },
    }),
    db.networkIssue.count(),
  ]);
  return { items, total, page, pageSize };
}

/** One issue with its server ids and updates, for the edit page; null when it does not exist. */
export async function getNetworkIssueForStaff(actor: Actor, id: string) {
  assertNetworkManager(actor);
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return db.networkIssue.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      title: true,
      body: true,
      status: true,
      startsAt: true,
      endsAt: true,
      notifiedAt: true,
      servers: { select: { id: true } },
      updates: { select: { id: true, status: true, body: true, createdAt: true }, orderBy: { createdAt: "desc" } },
    },
  });
}

/** The servers an issue can be attached to, with how many live services each hosts. */
export async function listServersForStaff(actor: Actor) {
  assertNetworkManager(actor);
  const servers = await db.server.findMany({
    orderBy: [{ location: "asc" }, { hostname: "asc" }],
    select: { id: true, name: true, hostname: true, location: true, _count: { select: { services: { where: { status: { notIn: ["cancelled", "terminated"] } } } } } },
  });
  return servers.map(({ _count, ...s }) => ({ ...s, serviceCount: _count.services }));
}
