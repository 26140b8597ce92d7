import "server-only";
import { type CustomerActor, can, customerScope } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { type VatChecker, isEuCountry, vatChecker } from "@/lib/integrations/vat";
import { changeRequestSchema, companySchema, personalSchema } from "./profile-schemas";

// The profile page (issue 7): the user's own data (everyone, for themself), the customer's company
// data (account.manage), and requests for the changes staff approve (company name, VAT ID,
// country; one pending request per customer). Every change is audited with old → new values.

export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** A change that cannot happen; `key` is a message key of "accountProfile", `field` the form field it belongs to. */
export class ProfileError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "ProfileError";
  }
}

export type FieldChange = { from: string | null; to: string | null };
export type Changes = Record<string, FieldChange>;

/** The fields of `next` whose value differs from `current` ("" and null are the same: not set). */
export function diffFields<K extends string>(current: Record<K, string | null>, next: Record<K, string | null>, keys: readonly K[]): Changes {
  const changes: Changes = {};
  for (const key of keys) {
    const from = current[key] || null;
    const to = next[key] || null;
    if (from !== to) changes[key] = { from, to };
  }
  return changes;
}

const COMPANY_FIELDS = ["email", "phone", "addressLine1", "addressLine2", "city", "postcode"] as const;
const APPROVAL_FIELDS = ["name", "country", "vatId"] as const;

export type ProfileView = {
  user: { name: string; email: string; locale: string; timeZone: string; twoFactor: boolean };
  pendingEmail: { newEmail: string; expiresAt: Date } | null;
  company: {
    name: string;
    contractNumber: string;
    country: string;
    vatId: string | null;
    email: string;
    phone: string | null;
    addressLine1: string | null;
    addressLine2: string | null;
    city: string | null;
    postcode: string | null;
    currency: string;
    defaultPaymentMethod: string;
  } | null;
  pendingChange: { id: string; changes: Changes; createdAt: Date; requestedBy: string | null } | null;
  lastDecision: { status: "approved" | "rejected"; decidedAt: Date | null; staffNote: string | null } | null;
  mayManage: boolean;
  mayViewBilling: boolean;
};

/** What the profile page shows: the user's own data, and the company's with account.manage. */
export async function getProfile(actor: CustomerActor, now = new Date()): Promise<ProfileView> {
  const mayManage = can(actor, "account.manage");
  const [user, pendingEmail, customer, requests] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true, email: true, locale: true, timeZone: true, totpEnabledAt: true } }),
    db.emailChangeRequest.findFirst({ where: { userId: actor.userId, confirmedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, select: { newEmail: true, expiresAt: true } }),
    mayManage
      ? db.customer.findUniqueOrThrow({
          where: { id: actor.customerId },
          select: { name: true, contractNumber: true, country: true, vatId: true, email: true, phone: true, addressLine1: true, addressLine2: true, city: true, postcode: true, currency: true, defaultPaymentMethod: true },
        })
      : null,
    mayManage
      ? db.profileChangeRequest.findMany({ where: { customerId: actor.customerId }, orderBy: { createdAt: "desc" }, take: 2, select: { id: true, status: true, changes: true, createdAt: true, decidedAt: true, staffNote: true, requestedByUserId: true } })
      : [],
  ]);
  const pending = requests.find((r) => r.status === "pending") ?? null;
  const decided = requests.find((r) => r.status !== "pending") ?? null;
  const requester = pending?.requestedByUserId ? await db.user.findUnique({ where: { id: pending.requestedByUserId }, select: { name: true } }) : null;
  return {
    user: { name: user.name, email: user.email, locale: user.locale, timeZone: user.timeZone, twoFactor: user.totpEnabledAt !== null },
    pendingEmail,
    company: customer,
    pendingChange: pending ? { id: pending.id, changes: pending.changes as Changes, createdAt: pending.createdAt, requestedBy: requester?.name ?? null } : null,
    // Shown only while nothing newer is pending: the answer to the customer's last request.
    lastDecision: !pending && decided ? { status: decided.status as "approved" | "rejected", decidedAt: decided.decidedAt, staffNote: decided.staffNote } : null,
    mayManage,
    mayViewBilling: can(actor, "billing.view"),
  };
}

/** Name, language and time zone of the signed-in user; audited with old → new. */
export async function updatePersonal(actor: CustomerActor, input: unknown, meta: RequestMeta = {}): Promise<{ changed: boolean }> {
  const values = personalSchema.parse(input);
  return db.$transaction(async (tx) => {
    const current = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true, locale: true, timeZone: true } });
    const changes = diffFields(current, values, ["name", "locale", "timeZone"]);
    if (!Object.keys(changes).length) return { changed: false };
    await tx.user.update({ where: { id: actor.userId }, data: { name: values.name, locale: values.locale, timeZone: values.timeZone } });
    await recordAuditEvent({ action: "account.user.updated", actorUserId: actor.userId, customerId: actor.customerId, targetType: "user", targetId: actor.userId, data: { changes }, ip: meta.ip, userAgent: meta.userAgent }, tx);
    return { changed: true };
  });
}

/**
 * Address, phone and billing email of the customer (account.manage). The postcode is checked
 * against the stored country, whatever the form sent; name, VAT ID and country never change here.
 */
export async function updateCompany(actor: CustomerActor, input: unknown, meta: RequestMeta = {}): Promise<{ changed: boolean }> {
  const customerId = customerScope(actor, "account.manage");
  return db.$transaction(async (tx) => {
    const current = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { country: true, email: true, phone: true, addressLine1: true, addressLine2: true, city: true, postcode: true } });
    const parsed = companySchema.safeParse({ ...(input as object), country: current.country });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProfileError(issue?.message ?? "errors.invalid", issue?.path.join("."));
    }
    const next = parsed.data;
    const changes = diffFields(current, next, COMPANY_FIELDS);
    if (!Object.keys(changes).length) return { changed: false };
    await tx.customer.update({
      where: { id: customerId },
      data: { email: next.email, phone: next.phone || null, addressLine1: next.addressLine1, addressLine2: next.addressLine2 || null, city: next.city, postcode: next.postcode },
    });
    await recordAuditEvent({ action: "account.profile.updated", actorUserId: actor.userId, customerId, targetType: "customer", targetId: customerId, data: { changes }, ip: meta.ip, userAgent: meta.userAgent }, tx);
    return { changed: true };
  });
}

const lockCustomer = (tx: Pick<typeof db, "$executeRaw">, customerId: string) => tx.$executeRaw`SELECT 1 FROM "Customer" WHERE "id" = ${customerId}::uuid FOR UPDATE`;

/**
 * Asks staff to change the company name, VAT ID or country (account.manage). Only what differs
 * from the stored data is requested; one request may be pending per customer. A new EU VAT ID is
 * checked (format and check digit, and VIES when configured); a service that cannot answer leaves
 * the check to staff.
 */
export async function requestProfileChange(actor: CustomerActor, input: unknown, meta: RequestMeta = {}, opts: { checker?: VatChecker } = {}): Promise<{ id: string }> {
  const customerId = customerScope(actor, "account.manage");
  const parsed = changeRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProfileError(issue?.message ?? "errors.invalid", issue?.path.join("."));
  }
  const values = parsed.data;
  const current = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { name: true, country: true, vatId: true } });
  const changes: Record<string, FieldChange & { check?: string }> = diffFields(current, { name: values.name, country: values.country, vatId: values.vatId }, APPROVAL_FIELDS);
  if (!Object.keys(changes).length) throw new ProfileError("errors.nothingChanged");
  if (await db.profileChangeRequest.findFirst({ where: { customerId, status: "pending" }, select: { id: true } })) throw new ProfileError("errors.changePending");
  if (values.vatId && isEuCountry(values.country) && (changes.vatId || changes.country)) {
    const result = await (opts.checker ?? vatChecker()).check(values.country, values.vatId);
    if (result.status === "invalid") throw new ProfileError(result.key, "vatId");
    if (changes.vatId) changes.vatId.check = result.status === "valid" ? result.checkedBy : "unavailable";
  }
  return db.$transaction(async (tx) => {
    // The customer row's lock makes "one pending request" hold against two forms sent at once.
    await lockCustomer(tx, customerId);
    if (await tx.profileChangeRequest.findFirst({ where: { customerId, status: "pending" }, select: { id: true } })) throw new ProfileError("errors.changePending");
    const request = await tx.profileChangeRequest.create({ data: { customerId, requestedByUserId: actor.userId, changes } });
    await recordAuditEvent({ action: "account.profile_change.requested", actorUserId: actor.userId, customerId, targetType: "profile_change", targetId: request.id, data: { changes }, ip: meta.ip, userAgent: meta.userAgent }, tx);
    return { id: request.id };
  });
}
