// Rows of the first-version section models, written directly (tests set up the world, no actor).
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { unique } from "./factories";

const DAY_MS = 86_400_000;

/** A `date` column value `offsetDays` from today (UTC), e.g. -3 for three days ago. */
export function dateFromToday(offsetDays: number, now = new Date()): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight + offsetDays * DAY_MS);
}

export function createService(db: PrismaClient, customerId: string, data: Partial<Omit<Prisma.ServiceUncheckedCreateInput, "customerId">> = {}) {
  return db.service.create({
    data: { customerId, kind: "hosting", name: unique("service"), status: "active", nextDueDate: dateFromToday(30), ...data },
  });
}

export function createDomain(db: PrismaClient, customerId: string, data: Partial<Omit<Prisma.DomainUncheckedCreateInput, "customerId">> = {}) {
  return db.domain.create({
    data: { customerId, name: `${unique("domain")}.test`, status: "active", expiresAt: new Date(Date.now() + 200 * DAY_MS), ...data },
  });
}

let invoiceSeq = 0;
export function createInvoice(db: PrismaClient, customerId: string, data: Partial<Omit<Prisma.InvoiceUncheckedCreateInput, "customerId">> = {}) {
  return db.invoice.create({
    data: {
      customerId,
      number: `INV-${randomUUID().slice(0, 8)}-${++invoiceSeq}`,
      status: "unpaid",
      currency: "EUR",
      totalMinor: BigInt(1000),
      issuedAt: new Date(),
      dueDate: dateFromToday(14),
      ...data,
    },
  });
}

export function ensureDepartment(db: PrismaClient, slug = "support", name = "Support") {
  return db.department.upsert({ where: { slug }, update: {}, create: { slug, name } });
}

let ticketSeq = 0;
export async function createTicket(
  db: PrismaClient,
  customerId: string,
  data: Partial<Omit<Prisma.TicketUncheckedCreateInput, "customerId">> = {},
) {
  const departmentId = data.departmentId ?? (await ensureDepartment(db)).id;
  return db.ticket.create({
    data: {
      customerId,
      departmentId,
      number: `T${randomUUID().slice(0, 6).toUpperCase()}${++ticketSeq}`,
      subject: unique("subject"),
      ...data,
    },
  });
}
