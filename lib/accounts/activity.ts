import "server-only";
import { type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import { safeTimeZone } from "@/i18n/locales";
import type { Prisma } from "@/lib/generated/prisma/client";
import { csvLine, formatLocalTimestamp } from "@/lib/services/usage-format";
import { dayStartUtc, nextDay } from "@/lib/services/usage-range";
import { ACTION_GROUPS, type ActivityFilters, actionLabel } from "./activity-schemas";
import { redactAuditData } from "./redact";

// The customer's activity log (/account/activity, account.manage): its audit events, newest
// first, with who (a contact, or staff by name, and a staff member impersonating a contact), what
// (a label per action and old → new values), when and from where. Secrets are dropped from the
// data before anything is shown or exported (./redact.ts).

export const ACTIVITY_PAGE_SIZE = 50;
const CSV_MAX_ROWS = 100_000;

export type ActivityRow = {
  id: string;
  createdAt: Date;
  action: string;
  /** Key under accountActivity.actions, or null: show `action` itself. */
  label: string | null;
  actor: { name: string; staff: boolean } | null;
  impersonator: string | null;
  ip: string | null;
  changes: { field: string; from: string; to: string }[];
  details: { key: string; value: string }[];
};

const HIDDEN_KEYS = new Set(["changes", "impersonatorUserId", "impersonatorName"]);

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
};

/** The event's data, redacted, as old → new pairs and the remaining key: value details. */
function describeData(raw: unknown): Pick<ActivityRow, "changes" | "details"> & { impersonatorName: string | null; impersonatorUserId: string | null } {
  const data = (redactAuditData(raw) ?? {}) as Record<string, unknown>;
  const changes: ActivityRow["changes"] = [];
  if (data.changes && typeof data.changes === "object" && !Array.isArray(data.changes)) {
    for (const [field, change] of Object.entries(data.changes as Record<string, unknown>)) {
      const c = (change ?? {}) as { from?: unknown; to?: unknown };
      changes.push({ field, from: show(c.from), to: show(c.to) });
    }
  }
  const details = Object.entries(data)
    .filter(([key]) => !HIDDEN_KEYS.has(key))
    .map(([key, value]) => ({ key, value: show(value).slice(0, 300) }));
  return {
    changes,
    details,
    impersonatorName: typeof data.impersonatorName === "string" ? data.impersonatorName : null,
    impersonatorUserId: typeof data.impersonatorUserId === "string" ? data.impersonatorUserId : null,
  };
}

function whereOf(customerId: string, filters: ActivityFilters, timeZone: string): Prisma.AuditEventWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filters.from) createdAt.gte = dayStartUtc(filters.from, timeZone);
  if (filters.to) createdAt.lt = dayStartUtc(nextDay(filters.to), timeZone);
  return {
    customerId,
    ...(filters.group ? { OR: ACTION_GROUPS[filters.group].map((prefix) => ({ action: { startsWith: prefix } })) } : {}),
    ...(filters.user ? { actorUserId: filters.user } : {}),
    ...(filters.from || filters.to ? { createdAt } : {}),
  };
}

type EventRow = { id: bigint; createdAt: Date; action: string; actorUserId: string | null; ip: string | null; data: Prisma.JsonValue };

async function toRows(events: EventRow[]): Promise<ActivityRow[]> {
  const described = events.map((e) => describeData(e.data));
  const ids = [...new Set([...events.map((e) => e.actorUserId), ...described.map((d) => d.impersonatorUserId)].filter((id): id is string => id !== null))];
  const users = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, staffRoleId: true } })).map((u) => [u.id, u]));
  return events.map((event, i) => {
    const d = described[i];
    const user = event.actorUserId ? users.get(event.actorUserId) : undefined;
    const impersonator = d.impersonatorUserId ? (users.get(d.impersonatorUserId)?.name ?? d.impersonatorName) : d.impersonatorName;
    return {
      id: event.id.toString(),
      createdAt: event.createdAt,
      action: event.action,
      label: actionLabel(event.action),
      actor: user ? { name: user.name, staff: user.staffRoleId !== null } : null,
      impersonator: impersonator ?? null,
      ip: event.ip,
      changes: d.changes,
      details: d.details,
    };
  });
}

const SELECT = { id: true, createdAt: true, action: true, actorUserId: true, ip: true, data: true } as const;

/** One page of the customer's activity, newest first; `next` is the cursor of the following page. */
export async function listActivity(actor: CustomerActor, filters: ActivityFilters, opts: { pageSize?: number } = {}): Promise<{ rows: ActivityRow[]; next: string | null }> {
  const customerId = customerScope(actor, "account.manage");
  const pageSize = opts.pageSize ?? ACTIVITY_PAGE_SIZE;
  const where = whereOf(customerId, filters, safeTimeZone(actor.timeZone));
  const events = await db.auditEvent.findMany({
    where: filters.before ? { AND: [where, { id: { lt: BigInt(filters.before) } }] } : where,
    orderBy: { id: "desc" },
    take: pageSize + 1,
    select: SELECT,
  });
  const page = events.slice(0, pageSize);
  return { rows: await toRows(page), next: events.length > pageSize ? page[page.length - 1].id.toString() : null };
}

/** The people who appear in the customer's log, or may: its contacts and every actor of its events. */
export async function activityUsers(actor: CustomerActor): Promise<{ id: string; name: string; staff: boolean }[]> {
  const customerId = customerScope(actor, "account.manage");
  const [members, actors] = await Promise.all([
    db.membership.findMany({ where: { customerId }, select: { userId: true } }),
    db.auditEvent.groupBy({ by: ["actorUserId"], where: { customerId, actorUserId: { not: null } } }),
  ]);
  const ids = [...new Set([...members.map((m) => m.userId), ...actors.map((a) => a.actorUserId).filter((id): id is string => id !== null)])];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, staffRoleId: true }, orderBy: { name: "asc" } });
  return users.map((u) => ({ id: u.id, name: u.name, staff: u.staffRoleId !== null }));
}

export const ACTIVITY_CSV_HEADER = ["time", "time_zone", "user", "staff", "impersonated_by", "action", "description", "ip", "changes", "details"] as const;

/**
 * The filtered log as CSV (no cursor: every matching row, newest first), streamed in batches.
 * `describe` turns a label key into the user's language.
 */
export function activityCsv(actor: CustomerActor, filters: ActivityFilters, describe: (label: string | null, action: string) => string, opts: { batchSize?: number } = {}): { filename: string; stream: ReadableStream<Uint8Array> } {
  const customerId = customerScope(actor, "account.manage");
  const timeZone = safeTimeZone(actor.timeZone);
  const where = whereOf(customerId, filters, timeZone);
  const batchSize = opts.batchSize ?? 1000;
  const encoder = new TextEncoder();
  let cursor: bigint | null = null;
  let sent = 0;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine([...ACTIVITY_CSV_HEADER])));
        return;
      }
      const events: EventRow[] = await db.auditEvent.findMany({ where: cursor === null ? where : { AND: [where, { id: { lt: cursor } }] }, orderBy: { id: "desc" }, take: batchSize, select: SELECT });
      const rows = await toRows(events);
      const text = rows
        .map((r) =>
          csvLine([
            formatLocalTimestamp(r.createdAt, timeZone),
            timeZone,
            r.actor?.name ?? "",
            r.actor?.staff ? "yes" : "no",
            r.impersonator ?? "",
            r.action,
            describe(r.label, r.action),
            r.ip ?? "",
            r.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`).join("; "),
            r.details.map((d) => `${d.key}: ${d.value}`).join("; "),
          ]),
        )
        .join("");
      if (text) controller.enqueue(encoder.encode(text));
      sent += events.length;
      cursor = events.length ? events[events.length - 1].id : cursor;
      if (events.length < batchSize || sent >= CSV_MAX_ROWS) controller.close();
    },
  });
  return { filename: `activity-${actor.contractNumber.replace(/[^A-Za-z0-9-]/g, "")}-${new Date().toISOString().slice(0, 10)}.csv`, stream };
}
