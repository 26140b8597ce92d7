import "server-only";
import { db } from "@/lib/db";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import type { DomainStatus, Prisma } from "@/lib/generated/prisma/client";
import { type DomainFilter, domainIdSchema } from "./schemas";

export const DOMAINS_PAGE_SIZE = 20;

const STATUSES_BY_FILTER: Record<DomainFilter, DomainStatus[] | null> = {
  active: ["active"],
  pending: ["pending_registration", "pending_transfer"],
  expired: ["expired"],
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


/** Soonest expiry first, so what needs attention is on top; domains without a date go last. */
export async function listDomains(actor: Actor, opts: { filter?: DomainFilter; page?: number } = {}) {
  const customerId = customerScope(actor, "domains.view");
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const statuses = STATUSES_BY_FILTER[opts.filter ?? "all"];
  const where = { customerId, ...(statuses ? { status: { in: statuses } } : {}) } satisfies Prisma.DomainWhereInput;
  const [items, total] = await Promise.all([
    db.domain.findMany({
      where,
      select: domainSummarySelect,
      orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { name: "asc" }],
      skip: (page - 1) * DOMAINS_PAGE_SIZE,
      take: DOMAINS_PAGE_SIZE,
    }),
    db.domain.count({ where }),
  ]);
  return { items, total, page, pageSize: DOMAINS_PAGE_SIZE };
}

/** Null when the id is malformed or the domain belongs to another customer (the page answers 404). */
export async function getDomain(actor: Actor, id: string): Promise<DomainDetail | null> {
  const customerId = customerScope(actor, "domains.view");
  if (!domainIdSchema.safeParse(id).success) return null;
  return db.domain.findFirst({ where: { id, customerId }, select: { ...domainSummarySelect, createdAt: true } });
}
