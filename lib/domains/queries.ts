import "server-only";
import { domainToASCII } from "node:url";
import { db } from "@/lib/db";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import type { DomainStatus, Prisma } from "@/lib/generated/prisma/client";
import { type DomainFilter, domainIdSchema } from "./schemas";

export const DOMAINS_PAGE_SIZE = 20;

const STATUSES_BY_FILTER: Record<DomainFilter, DomainStatus[] | null> = {
  active: ["active"],
  pending: ["pending_registration", "pending_transfer"],
  expired: ["expired"],
  deleted: ["deleted"],
  transferred_away: ["transferred_away"],
  failed: ["cancelled"],
  all: null,
};

const domainSummarySelect = {
  id: true,
  name: true,
  status: true,
  expiresAt: true,
  autoRenew: true,
} satisfies Prisma.DomainSelect;

export type DomainSummary = Prisma.DomainGetPayload<{ select: typeof domainSummarySelect }>;
export type DomainDetail = DomainSummary & { createdAt: Date };

/** What a row of the list says about a registration or transfer under way, or one that did not happen. */
export type DomainProgress =
  | { kind: "registering" }
  | { kind: "transfer_queued" }
  | { kind: "transfer_requested"; at: Date }
  /** The registry did not answer the last call; the job tries again at `at`. */
  | { kind: "retrying"; at: Date }
  | { kind: "failed"; reason: string | null };

export type DomainListItem = DomainSummary & { progress: DomainProgress | null };

const OPEN_JOB_STATUSES = ["queued", "running", "retrying"] as const;

const domainListSelect = {
  ...domainSummarySelect,
  transferRequestedAt: true,
  failureReason: true,
  // Only pending domains have such a job; the registry's last error says it is being retried.
  registrarJobs: {
    where: { status: { in: [...OPEN_JOB_STATUSES] }, operation: { in: ["register", "transfer", "sync"] }, lastError: { not: null } },
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { runAfter: true },
  },
} satisfies Prisma.DomainSelect;

function progressOf(d: Prisma.DomainGetPayload<{ select: typeof domainListSelect }>): DomainProgress | null {
  const retry = d.registrarJobs[0];
  switch (d.status) {
    case "pending_registration":
      return retry ? { kind: "retrying", at: retry.runAfter } : { kind: "registering" };
    case "pending_transfer":
      if (retry) return { kind: "retrying", at: retry.runAfter };
      return d.transferRequestedAt ? { kind: "transfer_requested", at: d.transferRequestedAt } : { kind: "transfer_queued" };
    case "cancelled":
      return { kind: "failed", reason: d.failureReason };
    default:
      return null;
  }
}

/**
 * The name search: a case-insensitive "contains" on the stored (A-label) name, and on the Punycode
 * of what was typed when it is not plain ASCII ("bücher" finds "xn--bcher-kva.de"). Scoped to one
 * customer by the (customerId, status, expiresAt) index, so even 5,000 domains are one index range.
 */
function nameCondition(q: string): Prisma.DomainWhereInput | null {
  if (!q) return null;
  const ascii = /^[\x00-\x7f]*$/.test(q) ? q : domainToASCII(q.replace(/^\.+|\.+$/g, ""));
  const variants = [...new Set([q, ascii].filter(Boolean))];
  return variants.length === 1 ? { name: { contains: variants[0], mode: "insensitive" } } : { OR: variants.map((v) => ({ name: { contains: v, mode: "insensitive" as const } })) };
}

/** Soonest expiry first, so what needs attention is on top; domains without a date go last. */
export async function listDomains(actor: Actor, opts: { filter?: DomainFilter; q?: string; page?: number } = {}) {
  const customerId = customerScope(actor, "domains.view");
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const statuses = STATUSES_BY_FILTER[opts.filter ?? "all"];
  const byName = nameCondition(opts.q ?? "");
  const where = { customerId, ...(statuses ? { status: { in: statuses } } : {}), ...(byName ?? {}) } satisfies Prisma.DomainWhereInput;
  const [rows, total] = await Promise.all([
    db.domain.findMany({
      where,
      select: domainListSelect,
      // The jobs in a second query for the page's 20 ids: joined, Postgres would look them up for
      // every row before the offset (4,000 lookups for page 200 of 5,000 domains).
      relationLoadStrategy: "query",
      orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { name: "asc" }],
      skip: (page - 1) * DOMAINS_PAGE_SIZE,
      take: DOMAINS_PAGE_SIZE,
    }),
    db.domain.count({ where }),
  ]);
  const items: DomainListItem[] = rows.map((d) => ({ id: d.id, name: d.name, status: d.status, expiresAt: d.expiresAt, autoRenew: d.autoRenew, progress: progressOf(d) }));
  return { items, total, page, pageSize: DOMAINS_PAGE_SIZE };
}

/** Null when the id is malformed or the domain belongs to another customer (the page answers 404). */
export async function getDomain(actor: Actor, id: string): Promise<DomainDetail | null> {
  const customerId = customerScope(actor, "domains.view");
  if (!domainIdSchema.safeParse(id).success) return null;
  return db.domain.findFirst({ where: { id, customerId }, select: { ...domainSummarySelect, createdAt: true } });
}
