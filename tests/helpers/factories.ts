// Factories shared by the seed, the benchmark and the tests (they write through Prisma directly;
// there is no actor because they set up the world the actors then act in). Every factory accepts
// the client or a transaction client, so the seed can build its world in one transaction.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type {
  DomainStatus,
  InvoiceStatus,
  ServiceKind,
  ServiceStatus,
  TicketPriority,
  TicketStatus,
} from "@/lib/generated/prisma/client";
import { encryptSecret } from "@/lib/auth/crypto";
import { newReplyToken } from "@/lib/support/identifiers";
import { hashPassword } from "@/lib/auth/password";
import { PRESETS, STAFF_ROLES, STAFF_ROLE_TICKET_DEPARTMENTS, type CustomerPermission, type PresetName, type StaffRoleKey } from "@/lib/auth/permissions";

/** A PrismaClient or the client of an interactive transaction. */
export type DbClient = Prisma.TransactionClient;

export const unique = (prefix = "x") => `${prefix}-${randomUUID().slice(0, 8)}`;

// Hashing is deliberately slow; tests reuse one hash per distinct password.
const hashes = new Map<string, Promise<string>>();
export const passwordHashFor = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export const DEFAULT_TEST_PASSWORD = "correct-horse-battery-staple";

const DAY_MS = 24 * 60 * 60 * 1000;
/** `now` moved by a number of days (negative = in the past); handy for due and expiry dates. */
export const daysFromNow = (days: number, now = new Date()) => new Date(now.getTime() + days * DAY_MS);

/** A `date` column value `offsetDays` from today (UTC midnight), e.g. -3 for three days ago. */
export function dateFromToday(offsetDays: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + offsetDays * DAY_MS);
}

export async function createUser(
  db: DbClient,
  opts: {
    email?: string;
    name?: string;
    password?: string;
    totpSecret?: string;
    locale?: string;
    timeZone?: string;
    staffRole?: StaffRoleKey;
    createdAt?: Date;
  } = {},
) {
  const staffRoleId = opts.staffRole ? (await ensureStaffRole(db, opts.staffRole)).id : null;
  return db.user.create({
    data: {
      email: (opts.email ?? `${unique("user")}@example.test`).toLowerCase(),
      name: opts.name ?? "Test User",
      passwordHash: await passwordHashFor(opts.password ?? DEFAULT_TEST_PASSWORD),
      locale: opts.locale ?? "en",
      timeZone: opts.timeZone ?? "UTC",
      totpSecretEnc: opts.totpSecret ? encryptSecret(opts.totpSecret) : null,
      totpEnabledAt: opts.totpSecret ? new Date() : null,
      staffRoleId,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
}

const STAFF_ROLE_NAMES: Record<StaffRoleKey, string> = { administrator: "Administrator", support_agent: "Support agent", billing_clerk: "Billing clerk" };

export async function ensureStaffRole(db: DbClient, key: StaffRoleKey) {
  return db.staffRole.upsert({
    where: { key },
    update: { permissions: [...STAFF_ROLES[key]], ticketDepartments: [...STAFF_ROLE_TICKET_DEPARTMENTS[key]] },
    create: { key, name: STAFF_ROLE_NAMES[key], permissions: [...STAFF_ROLES[key]], ticketDepartments: [...STAFF_ROLE_TICKET_DEPARTMENTS[key]] },
  });
}

let contractSeq = 0;
export async function createCustomer(
  db: DbClient,
  opts: {
    name?: string;
    contractNumber?: string;
    currency?: string;
    country?: string;
    email?: string;
    phone?: string;
    addressLine1?: string;
    addressLine2?: string;
    city?: string;
    postcode?: string;
    vatId?: string;
    requireTwoFactor?: boolean;
    createdAt?: Date;
  } = {},
) {
  return db.customer.create({
    data: {
      name: opts.name ?? unique("Customer"),
      contractNumber: opts.contractNumber ?? `T-${process.pid}-${Date.now() % 1e7}-${++contractSeq}`,
      email: opts.email ?? `${unique("billing")}@example.test`,
      phone: opts.phone ?? null,
      currency: opts.currency ?? "EUR",
      country: opts.country ?? "SK",
      addressLine1: opts.addressLine1 ?? "Hlavná 1",
      addressLine2: opts.addressLine2 ?? null,
      city: opts.city ?? "Bratislava",
      postcode: opts.postcode ?? "811 01",
      vatId: opts.vatId ?? null,
      requireTwoFactor: opts.requireTwoFactor ?? false,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
}

export async function addMember(
  db: DbClient,
  userId: string,
  customerId: string,
  opts: { preset?: PresetName; permissions?: CustomerPermission[]; isOwner?: boolean; createdAt?: Date } = {},
) {
  const preset = opts.preset ?? "owner";
  return db.membership.create({
    data: {
      userId,
      customerId,
      isOwner: opts.isOwner ?? preset === "owner",
      permissions: [...(opts.permissions ?? PRESETS[preset])],
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
}

/** A customer with an owner login; the common starting point of a test. */
export async function createCustomerWithOwner(db: DbClient, opts: { password?: string; totpSecret?: string } = {}) {
  const customer = await createCustomer(db);
  const owner = await createUser(db, opts);
  await addMember(db, owner.id, customer.id, { preset: "owner" });
  return { customer, owner };
}

/** The support departments every install has (DESIGN.md §8); tests may add their own slugs. */
export const DEPARTMENTS = {
  technical: "Technical",
  "sales-billing": "Sales & Billing",
} as const;

export async function ensureDepartment(db: DbClient, slug: string, name?: string) {
  const known = (DEPARTMENTS as Record<string, string>)[slug];
  return db.department.upsert({
    where: { slug },
    update: {},
    create: { slug, name: name ?? known ?? slug },
  });
}

export async function createService(
  db: DbClient,
  customerId: string,
  opts: { kind?: ServiceKind; name?: string; label?: string | null; status?: ServiceStatus; nextDueDate?: Date | null; createdAt?: Date } = {},
) {
  return db.service.create({
    data: {
      customerId,
      kind: opts.kind ?? "hosting",
      name: opts.name ?? "Web Hosting Starter",
      label: opts.label ?? null,
      status: opts.status ?? "active",
      nextDueDate: opts.nextDueDate === undefined ? daysFromNow(30) : opts.nextDueDate,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
}

export async function createDomain(
  db: DbClient,
  customerId: string,
  opts: { name?: string; status?: DomainStatus; expiresAt?: Date | null; autoRenew?: boolean; createdAt?: Date } = {},
) {
  return db.domain.create({
    data: {
      customerId,
      name: (opts.name ?? `${unique("domain")}.test`).toLowerCase(),
      status: opts.status ?? "active",
      expiresAt: opts.expiresAt === undefined ? daysFromNow(365) : opts.expiresAt,
      autoRenew: opts.autoRenew ?? true,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
}

/**
 * An invoice; `currency` defaults to the customer's. Amounts are minor units (VND has none, so
 * 1 250 000 VND is 1250000n; 181.80 EUR is 18180n).
 */
export async function createInvoice(
  db: DbClient,
  customerId: string,
  opts: {
    number?: string | null;
    status?: InvoiceStatus;
    currency?: string;
    totalMinor?: bigint | number;
    issuedAt?: Date | null;
    dueDate?: Date;
    paidAt?: Date | null;
    createdAt?: Date;
  } = {},
) {
  const status = opts.status ?? "unpaid";
  const currency =
    opts.currency ?? (await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { currency: true } })).currency;
  const issuedAt = opts.issuedAt === undefined ? (status === "draft" ? null : daysFromNow(-7)) : opts.issuedAt;
  return db.invoice.create({
    data: {
      customerId,
      number: opts.number === undefined ? (status === "draft" ? null : unique("INV")) : opts.number,
      status,
      currency,
      totalMinor: BigInt(opts.totalMinor ?? 10_000),
      issuedAt,
      dueDate: opts.dueDate ?? daysFromNow(14, issuedAt ?? new Date()),
      paidAt: opts.paidAt === undefined ? (status === "paid" ? new Date() : null) : opts.paidAt,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : { createdAt: issuedAt ?? new Date() }),
    },
  });
}

/** A ticket; without a department it goes to Technical (created when missing). */
export async function createTicket(
  db: DbClient,
  customerId: string,
  opts: {
    number?: string;
    departmentId?: string;
    subject?: string;
    status?: TicketStatus;
    priority?: TicketPriority;
    lastReplyAt?: Date;
    createdAt?: Date;
  } = {},
) {
  const departmentId = opts.departmentId ?? (await ensureDepartment(db, "technical")).id;
  const createdAt = opts.createdAt ?? new Date();
  return db.ticket.create({
    data: {
      customerId,
      departmentId,
      number: opts.number ?? unique("TT").toUpperCase(),
      replyToken: newReplyToken(),
      subject: opts.subject ?? "Test ticket",
      status: opts.status ?? "open",
      priority: opts.priority ?? "normal",
      createdAt,
      lastReplyAt: opts.lastReplyAt ?? createdAt,
    },
  });
}

/**
 * A department with a calendar and SLA targets (minutes: first, next per priority). Default: a
 * 24/7 desk with urgent 30/30, normal 60/60, low 120/120, like the seeded Technical department.
 */
export async function createSupportDepartment(
  db: DbClient,
  opts: {
    slug?: string;
    name?: string;
    calendar?: { timeZone: string; alwaysOpen: boolean; weeklyHours?: { day: number; start: string; end: string }[]; holidays?: string[] };
    targets?: Partial<Record<TicketPriority, [number, number]>>;
    autoCloseAfterDays?: number | null;
    email?: string | null;
  } = {},
) {
  const calendar = await db.businessCalendar.create({
    data: { name: "Test calendar", timeZone: "UTC", alwaysOpen: true, ...opts.calendar, weeklyHours: opts.calendar?.weeklyHours ?? [], holidays: opts.calendar?.holidays ?? [] },
  });
  const slug = opts.slug ?? unique("dept");
  const department = await db.department.create({
    data: { slug, name: opts.name ?? slug, calendarId: calendar.id, autoCloseAfterDays: opts.autoCloseAfterDays === undefined ? 5 : opts.autoCloseAfterDays, email: opts.email ?? null },
  });
  const targets = opts.targets ?? { urgent: [30, 30], normal: [60, 60], low: [120, 120] };
  for (const [priority, [first, next]] of Object.entries(targets) as [TicketPriority, [number, number]][]) {
    await db.slaPolicy.create({ data: { departmentId: department.id, priority, firstResponseMinutes: first, nextResponseMinutes: next } });
  }
  return department;
}
