import "server-only";
import { db } from "@/lib/db";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import type { Prisma, ServiceStatus } from "@/lib/generated/prisma/client";
import { serviceIdSchema } from "./schemas";

export const SERVICES_PAGE_SIZE = 20;

const serviceSummarySelect = {
  id: true,
  kind: true,
  name: true,
  label: true,
  status: true,
  nextDueDate: true,
} satisfies Prisma.ServiceSelect;

export type ServiceSummary = Prisma.ServiceGetPayload<{ select: typeof serviceSummarySelect }>;
export type ServiceDetail = ServiceSummary & { createdAt: Date };


export async function listServices(actor: Actor, opts: { status?: ServiceStatus; page?: number } = {}) {
  const customerId = customerScope(actor, "services.view");
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const where = { customerId, ...(opts.status ? { status: opts.status } : {}) } satisfies Prisma.ServiceWhereInput;
  const [items, total] = await Promise.all([
    db.service.findMany({
      where,
      select: serviceSummarySelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * SERVICES_PAGE_SIZE,
      take: SERVICES_PAGE_SIZE,
    }),
    db.service.count({ where }),
  ]);
  return { items, total, page, pageSize: SERVICES_PAGE_SIZE };
}

/** Null when the id is malformed or the service belongs to another customer (the page answers 404). */
export async function getService(actor: Actor, id: string): Promise<ServiceDetail | null> {
  const customerId = customerScope(actor, "services.view");
  if (!serviceIdSchema.safeParse(id).success) return null;
  return db.service.findFirst({ where: { id, customerId }, select: { ...serviceSummarySelect, createdAt: true } });
}
