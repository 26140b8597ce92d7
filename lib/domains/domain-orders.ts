import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, can, customerScope } from "@/lib/auth/actor-types";
import { addDays } from "@/lib/billing/cycles";
import { queueInvoiceIssuedEmails } from "@/lib/billing/invoice-emails";
import { issueInvoice } from "@/lib/billing/issue";
import { invoiceTotals } from "@/lib/billing/tax";
import { db } from "@/lib/db";
import { todayIn } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { providerNameservers } from "@/lib/integrations/dns";
import { safeTimeZone } from "@/i18n/locales";
import { customerTaxRate } from "@/lib/services/order-cart";
import { DomainOrderError, FINISHED_DOMAIN_STATUSES, type PricedDomainItem, domainPrice, tldCatalog, tldOf } from "./domain-cart";
import { contactsFromCustomer } from "./contact-schemas";
import { renewDomainSchema } from "./domain-order-schemas";
import { splitAgainst } from "./search";
import { enqueueRegistrarJob } from "./registrar-jobs";

// Domains and money (issue 6): registrations and transfers are bought through the cart's order and
// its invoice, renewals through an invoice of their own (the domain page's "renew", or the auto-renew
// job ahead of expiry). Each is a DomainOrderItem on the invoice; paying the invoice queues the
// registrar job, exactly once (processedAt is claimed in the payment's transaction and the job's
// idempotency key is the item's). A registration or transfer that does not happen gives its price
// back as credit, once (refundedAt).

type Tx = Prisma.TransactionClient;
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** Auto-renew invoices are issued this many days before the domain expires. */
export const AUTO_RENEW_DAYS_AHEAD = 14;
/** An expired domain can still be renewed for this many days (the registries' grace period). */
export const RENEW_GRACE_DAYS = 30;

const dateOnly = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const yearsText = (years: number) => (years === 1 ? "1 year" : `${years} years`);
const ACTION_TEXT = { register: "Domain registration", transfer: "Domain transfer", renew: "Domain renewal" } as const;

/** The invoice line of a domain: "Domain registration: example.com, 2 years" (invoices are written in English, like the other lines). */
export function domainLineDescription(item: { name: string; unicode?: string | null; action: keyof typeof ACTION_TEXT; years: number }): string {
  const name = item.unicode ? `${item.unicode} (${item.name})` : item.name;
  return `${ACTION_TEXT[item.action]}: ${name}, ${yearsText(item.years)}`;
}

/** The checkout's part: the order's domain lines become items of its invoice (the caller made the invoice lines from the same list). */
export async function createDomainOrderItems(tx: Tx, input: { customerId: string; orderId: string; invoiceId: string; taxRateBp: number; items: PricedDomainItem[]; now: Date }): Promise<void> {
  if (input.items.length === 0) return;
  await tx.domainOrderItem.createMany({
    data: input.items.map((item) => ({
      customerId: input.customerId,
      orderId: input.orderId,
      invoiceId: input.invoiceId,
      name: item.name,
      action: item.action,
      years: item.years,
      amountMinor: item.amountMinor,
      taxRateBp: input.taxRateBp,
      authCodeEnc: item.authCodeEnc,
      createdAt: input.now,
    })),
  });
}

/** The four contacts of a new domain, from the customer's own details (the owner changes them on the domain's contacts page). */
async function defaultContacts(tx: Tx, customerId: string): Promise<Omit<Prisma.DomainContactCreateManyInput, "domainId" | "role">> {
  const c = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { name: true, email: true, phone: true, addressLine1: true, city: true, postcode: true, country: true } });
  return contactsFromCustomer(c);
}

/**
 * Payment of `invoiceId` queues the registrar jobs of its domain items, in the payment's
 * transaction (called by afterInvoicePaid). A registration or transfer gets its Domain row
 * (pending, with the customer's details as contacts and the provider's name servers); a renewal
 * its renew job with the expiry it extends, so the registry never renews one term twice.
 */
export async function activateDomainItemsForInvoice(tx: Tx, invoiceId: string, now: Date): Promise<void> {
  const claimed = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "DomainOrderItem" SET "processedAt" = ${now}::timestamp
    WHERE "invoiceId" = ${invoiceId}::uuid AND "processedAt" IS NULL
    RETURNING "id"`;
  if (claimed.length === 0) return;
  const items = await tx.domainOrderItem.findMany({
    where: { id: { in: claimed.map((c) => c.id) } },
    orderBy: { createdAt: "asc" },
    select: { id: true, customerId: true, name: true, action: true, years: true, authCodeEnc: true, domainId: true, renewsExpiry: true, order: { select: { placedByUserId: true } } },
  });
  const tlds = await tx.tld.findMany({ select: { id: true, name: true, registrar: true } });
  const nameservers = providerNameservers().map((host) => ({ host }));

  for (const item of items) {
    const requestedByUserId = item.order?.placedByUserId ?? null;
    const idempotencyKey = `domain-item:${item.id}`;
    if (item.action === "renew") {
      if (!item.domainId || !item.renewsExpiry) continue;
      await enqueueRegistrarJob(tx, { domainId: item.domainId, operation: "renew", idempotencyKey, payload: { years: item.years, expectedExpiresAt: item.renewsExpiry.toISOString() }, requestedByUserId });
      continue;
    }
    const split = splitAgainst(item.name, tlds.map((t) => t.name));
    const tld = split ? tlds.find((t) => t.name === split.tld)! : null;
    const existing = await tx.domain.findUnique({ where: { name: item.name }, select: { id: true, customerId: true, status: true } });
    if (!tld || (existing && (existing.customerId !== item.customerId || !FINISHED_DOMAIN_STATUSES.includes(existing.status)))) {
      // Someone else got the name into Portico between checkout and payment: the money goes back.
      await refundItem(tx, item.id, now, !tld ? "unsupported" : "already_managed");
      continue;
    }
    const data = {
      status: item.action === "register" ? ("pending_registration" as const) : ("pending_transfer" as const),
      tldId: tld.id,
      registrar: tld.registrar,
      autoRenew: true,
      locked: true,
      nameservers,
      expiresAt: null,
      failureReason: null,
      transferRequestedAt: null,
      lastSyncedAt: null,
    };
    const domain = existing
      ? await tx.domain.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.domain.create({ data: { ...data, customerId: item.customerId, name: item.name, createdAt: now }, select: { id: true } });
    const contact = await defaultContacts(tx, item.customerId);
    await tx.domainContact.deleteMany({ where: { domainId: domain.id } });
    await tx.domainContact.createMany({ data: (["registrant", "admin", "tech", "billing"] as const).map((role) => ({ ...contact, domainId: domain.id, role })) });
    await enqueueRegistrarJob(tx, {
      domainId: domain.id,
      operation: item.action,
      idempotencyKey,
      payload: item.action === "register" ? { years: item.years, nameservers } : { years: item.years, authCodeEnc: item.authCodeEnc },
      requestedByUserId,
    });
    // The auth code now lives in the job only, which drops it once the registry has it.
    await tx.domainOrderItem.update({ where: { id: item.id }, data: { domainId: domain.id, authCodeEnc: null } });
    await recordAuditEvent(
      { action: `domains.${item.action === "register" ? "registration" : "transfer"}.requested`, actorUserId: requestedByUserId, customerId: item.customerId, targetType: "domain", targetId: domain.id, data: { name: item.name, years: item.years, invoiceId } },
      tx,
    );
  }
}

/** The price of a paid item back to the customer's credit (net plus its VAT), once. */
async function refundItem(tx: Tx, itemId: string, now: Date, reason: string): Promise<boolean> {
  const { count } = await tx.domainOrderItem.updateMany({ where: { id: itemId, refundedAt: null, processedAt: { not: null } }, data: { refundedAt: now } });
  if (count === 0) return false;
  const item = await tx.domainOrderItem.findUniqueOrThrow({ where: { id: itemId }, select: { customerId: true, name: true, action: true, amountMinor: true, taxRateBp: true, invoiceId: true, domainId: true, invoice: { select: { currency: true } } } });
  const gross = invoiceTotals([{ netMinor: item.amountMinor, rateBp: item.taxRateBp }]).grossMinor;
  await tx.creditEntry.create({
    data: { customerId: item.customerId, currency: item.invoice.currency, amountMinor: gross, kind: "refund", invoiceId: item.invoiceId, note: `${ACTION_TEXT[item.action]} of ${item.name} did not happen (${reason})`, createdAt: now },
  });
  await recordAuditEvent(
    { action: "domains.order.refunded", customerId: item.customerId, targetType: item.domainId ? "domain" : "invoice", targetId: item.domainId ?? item.invoiceId, data: { name: item.name, action: item.action, reason, amountMinor: gross.toString(), currency: item.invoice.currency } },
    tx,
  );
  return true;
}

/**
 * The registrar-job hook after a registration or transfer ended (called in the job's recording
 * transaction): a cancelled one is refunded to credit; either way the order may now be complete.
 */
export async function afterDomainOrderSettled(tx: Tx, domainId: string, now: Date): Promise<void> {
  const item = await tx.domainOrderItem.findFirst({
    where: { domainId, action: { in: ["register", "transfer"] }, processedAt: { not: null } },
    orderBy: { processedAt: "desc" },
    select: { id: true, orderId: true, domain: { select: { status: true, failureReason: true } } },
  });
  if (!item) return;
  if (item.domain?.status === "cancelled") await refundItem(tx, item.id, now, item.domain.failureReason ?? "failed");
  if (item.orderId) await completeOrderIfSettled(tx, item.orderId);
}

/**
 * An order is complete ("active") once every service is past pending and every domain has left its
 * pending registration or transfer (a cancelled one counts: it was refunded). The order row is
 * locked first, so two lines finishing at once cannot both miss the other's change.
 */
export async function completeOrderIfSettled(tx: Tx, orderId: string): Promise<boolean> {
  await tx.$executeRaw`SELECT 1 FROM "Order" WHERE "id" = ${orderId}::uuid FOR UPDATE`;
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      status: true,
      customerId: true,
      items: { select: { service: { select: { status: true } } } },
      domainItems: { select: { processedAt: true, domain: { select: { status: true } } } },
    },
  });
  if (order.status !== "paid") return false;
  if (order.items.some((i) => !i.service || i.service.status === "pending")) return false;
  if (order.domainItems.some((d) => !d.processedAt || (d.domain && (d.domain.status === "pending_registration" || d.domain.status === "pending_transfer")))) return false;
  await tx.order.update({ where: { id: order.id }, data: { status: "active" } });
  await recordAuditEvent({ action: "orders.completed", customerId: order.customerId, targetType: "order", targetId: order.id, data: { number: order.number } }, tx);
  return true;
}

const RENEWABLE = ["active", "expired"] as const;

/** An open renewal invoice of the domain's current term, if one exists (the page links to it instead of offering a second). */
export async function openRenewalInvoice(client: Tx | typeof db, domainId: string, expiresAt: Date | null): Promise<{ invoiceId: string } | null> {
  if (!expiresAt) return null;
  const item = await client.domainOrderItem.findUnique({ where: { domainId_renewsExpiry: { domainId, renewsExpiry: expiresAt } }, select: { invoiceId: true, processedAt: true, invoice: { select: { status: true } } } });
  return item && !item.processedAt && (item.invoice.status === "unpaid" || item.invoice.status === "draft") ? { invoiceId: item.invoiceId } : null;
}

type RenewalLine = { domainId: string; name: string; expiresAt: Date; years: number; amountMinor: bigint };

/**
 * Writes one invoice for a customer's renewals (draft → issued → emailed). The items are inserted
 * first with ON CONFLICT DO NOTHING on (domain, expiry): a term another run or the renew button
 * has invoiced already is left out; when nothing is left, no invoice remains. Returns its id or null.
 */
async function invoiceRenewals(tx: Tx, input: { customerId: string; currency: string; taxRateBp: number; dueDate: Date; lines: RenewalLine[]; now: Date }): Promise<string | null> {
  const invoiceId = randomUUID();
  await tx.invoice.create({ data: { id: invoiceId, customerId: input.customerId, currency: input.currency, totalMinor: 0n, dueDate: input.dueDate } });
  const inserted = await tx.domainOrderItem.createManyAndReturn({
    data: input.lines.map((l) => ({ customerId: input.customerId, invoiceId, domainId: l.domainId, name: l.name, action: "renew" as const, years: l.years, amountMinor: l.amountMinor, taxRateBp: input.taxRateBp, renewsExpiry: l.expiresAt, createdAt: input.now })),
    skipDuplicates: true,
    select: { domainId: true },
  });
  if (inserted.length === 0) {
    await tx.invoice.delete({ where: { id: invoiceId } });
    return null;
  }
  const kept = input.lines.filter((l) => inserted.some((i) => i.domainId === l.domainId));
  await tx.invoiceLine.createMany({
    data: kept.map((l, position) => ({
      invoiceId,
      position,
      description: `${domainLineDescription({ name: l.name, action: "renew", years: l.years })} (expires ${l.expiresAt.toISOString().slice(0, 10)})`,
      unitPriceMinor: l.amountMinor,
      netMinor: l.amountMinor,
      taxRateBp: input.taxRateBp,
    })),
  });
  await issueInvoice(invoiceId, { tx, now: input.now });
  await queueInvoiceIssuedEmails(tx, invoiceId);
  return invoiceId;
}

export type RenewResult = { invoiceId: string; href: string };

/**
 * "Renew now" on the domain page (domains.manage): an invoice for `years` more from the current
 * expiry, due in 7 days; paying it queues the renewal. Refused for a domain that is not active or
 * in its grace period, for more years than the registry allows, without a price, or while the
 * current term already has an open renewal invoice (errors name the field or link the invoice).
 */
export async function renewDomain(actor: CustomerActor, raw: unknown, meta: RequestMeta = {}, opts: { now?: Date } = {}): Promise<RenewResult> {
  const customerId = customerScope(actor, "domains.manage");
  const parsed = renewDomainSchema.safeParse(raw);
  if (!parsed.success) throw new DomainOrderError(parsed.error.issues[0]?.message ?? "errors.yearsInvalid", parsed.error.issues[0]?.path.join(".") || undefined);
  const now = opts.now ?? new Date();
  const invoiceId = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "Domain" WHERE "id" = ${parsed.data.domainId}::uuid AND "customerId" = ${customerId}::uuid FOR UPDATE`;
      const domain = await tx.domain.findFirst({ where: { id: parsed.data.domainId, customerId }, select: { id: true, name: true, status: true, expiresAt: true } });
      if (!domain) throw new DomainOrderError("errors.notFound");
      if (!(RENEWABLE as readonly string[]).includes(domain.status) || !domain.expiresAt || domain.expiresAt.getTime() < now.getTime() - RENEW_GRACE_DAYS * 86_400_000) throw new DomainOrderError("errors.notRenewable");
      if (await openRenewalInvoice(tx, domain.id, domain.expiresAt)) throw new DomainOrderError("errors.renewalOpen");
      if (domain.expiresAt.getUTCFullYear() + parsed.data.years > now.getUTCFullYear() + 10) throw new DomainOrderError("errors.tooManyYears", "years");
      const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { currency: true } });
      const price = domainPrice(tldOf(await tldCatalog(tx, customer.currency, { includeOffSale: true }), domain.name), "renew", parsed.data.years);
      if (!price.ok) throw new DomainOrderError(price.key, "years");
      // A renewal invoice of this term that was cancelled makes way for this one.
      await tx.domainOrderItem.deleteMany({ where: { domainId: domain.id, renewsExpiry: domain.expiresAt, processedAt: null, invoice: { status: { in: ["cancelled"] } } } });
      const today = todayIn(safeTimeZone(actor.timeZone), now);
      const id = await invoiceRenewals(tx, {
        customerId,
        currency: customer.currency,
        taxRateBp: await customerTaxRate(tx, customerId),
        dueDate: dateOnly(addDays(today, 7)),
        lines: [{ domainId: domain.id, name: domain.name, expiresAt: domain.expiresAt, years: parsed.data.years, amountMinor: price.amountMinor }],
        now,
      });
      if (!id) throw new DomainOrderError("errors.renewalOpen");
      await recordAuditEvent(
        { action: "domains.renewal.invoiced", actorUserId: actor.userId, customerId, targetType: "domain", targetId: domain.id, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: { name: domain.name, years: parsed.data.years, invoiceId: id } },
        tx,
      );
      return id;
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
  return { invoiceId, href: can(actor, "billing.view") ? `/billing/invoices/${invoiceId}` : `/domains/${parsed.data.domainId}` };
}

export type AutoRenewResult = { invoices: number; domains: number; unpriced: number };

/**
 * The auto-renew job: for each active domain with auto-renew on that expires within
 * AUTO_RENEW_DAYS_AHEAD days and has no renewal item for its current term, a one-year renewal on
 * one invoice per customer, due on the expiry date. Safe to run any number of times and from
 * several workers (the (domain, expiry) key decides). Domains without a renewal price are counted, not invoiced.
 */
export async function createAutoRenewInvoices(opts: { now?: Date; daysAhead?: number; limit?: number } = {}): Promise<AutoRenewResult> {
  const now = opts.now ?? new Date();
  const horizon = new Date(now.getTime() + (opts.daysAhead ?? AUTO_RENEW_DAYS_AHEAD) * 86_400_000);
  // Terms without a renewal item yet (the anti-join is the idempotency check; the unique key backs it up).
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT d."id" FROM "Domain" d
    WHERE d."status" = 'active' AND d."autoRenew" AND d."expiresAt" > ${now}::timestamp AND d."expiresAt" <= ${horizon}::timestamp
      AND NOT EXISTS (SELECT 1 FROM "DomainOrderItem" i WHERE i."domainId" = d."id" AND i."renewsExpiry" = d."expiresAt")
    ORDER BY d."expiresAt", d."id"
    LIMIT ${opts.limit ?? 2_000}`;
  const open = await db.domain.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: { id: true, name: true, customerId: true, expiresAt: true }, orderBy: { expiresAt: "asc" } });
  const byCustomer = new Map<string, typeof open>();
  for (const d of open) byCustomer.set(d.customerId, [...(byCustomer.get(d.customerId) ?? []), d]);

  const result: AutoRenewResult = { invoices: 0, domains: 0, unpriced: 0 };
  for (const [customerId, domains] of byCustomer) {
    await db.$transaction(
      async (tx) => {
        const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { currency: true } });
        const catalog = await tldCatalog(tx, customer.currency, { includeOffSale: true });
        const lines: RenewalLine[] = [];
        for (const d of domains) {
          const price = domainPrice(tldOf(catalog, d.name), "renew", 1);
          if (!price.ok) {
            result.unpriced++;
            continue;
          }
          lines.push({ domainId: d.id, name: d.name, expiresAt: d.expiresAt!, years: 1, amountMinor: price.amountMinor });
        }
        if (lines.length === 0) return;
        const first = lines.reduce((min, l) => (l.expiresAt < min ? l.expiresAt : min), lines[0].expiresAt);
        const dueDate = dateOnly(first.toISOString().slice(0, 10));
        const invoiceId = await invoiceRenewals(tx, { customerId, currency: customer.currency, taxRateBp: await customerTaxRate(tx, customerId), dueDate, lines, now });
        if (!invoiceId) return;
        const count = await tx.domainOrderItem.count({ where: { invoiceId } });
        result.invoices++;
        result.domains += count;
        await recordAuditEvent({ action: "domains.renewal.auto_invoiced", customerId, targetType: "invoice", targetId: invoiceId, data: { domains: count } }, tx);
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }
  return result;
}

export type RenewOptions =
  | { kind: "open_invoice"; invoiceId: string; canSeeInvoice: boolean }
  | { kind: "choices"; currency: string; choices: { years: number; amountMinor: bigint }[] }
  | { kind: "not_priced" };

/** What the domain page's "Renew" card offers (domains.manage); null when the domain cannot be renewed now or is not the customer's. */
export async function getRenewOptions(actor: CustomerActor, domainId: string, now = new Date()): Promise<RenewOptions | null> {
  if (!can(actor, "domains.manage")) return null;
  const customerId = customerScope(actor, "domains.manage");
  if (!renewDomainSchema.shape.domainId.safeParse(domainId).success) return null;
  const domain = await db.domain.findFirst({ where: { id: domainId, customerId }, select: { id: true, name: true, status: true, expiresAt: true } });
  if (!domain?.expiresAt || !(RENEWABLE as readonly string[]).includes(domain.status) || domain.expiresAt.getTime() < now.getTime() - RENEW_GRACE_DAYS * 86_400_000) return null;
  const open = await openRenewalInvoice(db, domain.id, domain.expiresAt);
  if (open) return { kind: "open_invoice", invoiceId: open.invoiceId, canSeeInvoice: can(actor, "billing.view") };
  const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { currency: true } });
  const tld = tldOf(await tldCatalog(db, customer.currency, { includeOffSale: true }), domain.name);
  const maxYears = Math.min(tld?.maxYears ?? 0, now.getUTCFullYear() + 10 - domain.expiresAt.getUTCFullYear());
  const choices: { years: number; amountMinor: bigint }[] = [];
  for (let years = 1; years <= maxYears; years++) {
    const price = domainPrice(tld, "renew", years);
    if (price.ok) choices.push({ years, amountMinor: price.amountMinor });
  }
  return choices.length ? { kind: "choices", currency: customer.currency, choices } : { kind: "not_priced" };
}

export type TransferProgress = {
  name: string;
  domainId: string | null;
  invoiceId: string;
  /** awaiting_payment → queued → pending (requested at the registry) → completed | failed. */
  state: "awaiting_payment" | "queued" | "pending" | "completed" | "failed";
  requestedAt: Date | null;
  failureReason: string | null;
  createdAt: Date;
};

/** The customer's transfers of the last 60 days, newest first, with where each one stands (the transfer page's progress table). */
export async function listRecentTransfers(actor: CustomerActor, now = new Date()): Promise<TransferProgress[]> {
  const customerId = customerScope(actor, "domains.view");
  const items = await db.domainOrderItem.findMany({
    where: { customerId, action: "transfer", createdAt: { gte: new Date(now.getTime() - 60 * 86_400_000) }, invoice: { status: { in: ["unpaid", "paid"] } } },
    orderBy: [{ createdAt: "desc" }, { name: "asc" }],
    take: 200,
    select: { name: true, invoiceId: true, processedAt: true, createdAt: true, domain: { select: { id: true, status: true, failureReason: true, transferRequestedAt: true } } },
  });
  return items.map((i) => {
    const d = i.domain;
    const state: TransferProgress["state"] = !i.processedAt
      ? "awaiting_payment"
      : !d
        ? "failed"
        : d.status === "pending_transfer"
          ? d.transferRequestedAt
            ? "pending"
            : "queued"
          : d.status === "cancelled"
            ? "failed"
            : "completed";
    return { name: i.name, domainId: d?.id ?? null, invoiceId: i.invoiceId, state, requestedAt: d?.transferRequestedAt ?? null, failureReason: d?.failureReason ?? (i.processedAt && !d ? "already_managed" : null), createdAt: i.createdAt };
  });
}
