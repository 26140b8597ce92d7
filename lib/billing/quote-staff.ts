import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isSupportedCurrency, multiplyQuantity, safeParseMoney } from "./money";
import { takeNextNumber } from "./numbering";
import { queueQuoteSentEmails } from "./quote-emails";
import { type QuoteDraftValues, type StaffQuoteListParams, percentToBp, quantityToMilli, quoteIdSchema } from "./quote-schemas";
import { QUOTES_PAGE_SIZE, type QuoteLineView, QuoteError, type QuoteTotalsView, type RequestMeta, TX_OPTIONS, effectiveQuoteStatus, quoteTotals, todayFor } from "./quotes";
import { taxTreatment, treatmentRate } from "./tax";

// Staff side of quotes (`staff.billing`): across all customers, so every function checks first.

type Tx = Prisma.TransactionClient;

export const QUOTE_SERIES = "Q";
const CUSTOMER_SEARCH_LIMIT = 20;

const lockQuote = (tx: Tx, id: string) => tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Quote" WHERE "id" = ${id}::uuid FOR UPDATE`;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dateOnly = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export type QuoteCustomer = { id: string; name: string; contractNumber: string; currency: string; country: string; defaultRateBp: number | null };

/** The VAT rate a line gets by default: the customer's tax treatment (as the renewal billing run does); null when the rate table lacks the country. */
async function defaultRateFor(client: Tx, customer: { country: string; vatId: string | null }): Promise<number | null> {
  const treatment = taxTreatment({ providerCountry: getEnv().BILLING_PROVIDER_COUNTRY, customerCountry: customer.country, customerVatId: customer.vatId, isBusiness: Boolean(customer.vatId) });
  const rates = Object.fromEntries((await client.taxRate.findMany({ select: { country: true, rateBp: true } })).map((r) => [r.country, r.rateBp]));
  try {
    return treatmentRate(treatment, rates);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Customers matching a contract number (exact or prefix) or a part of their name; for picking who a quote is for. */
export async function searchCustomersForQuote(actor: StaffActor, q: string) {
  assertCan(actor, "staff.billing");
  const text = q.trim();
  if (!text) return [];
  return db.customer.findMany({
    where: { OR: [{ contractNumber: { startsWith: text, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }] },
    orderBy: [{ name: "asc" }],
    take: CUSTOMER_SEARCH_LIMIT,
    select: { id: true, name: true, contractNumber: true, currency: true, country: true },
  });
}

/** The customer a new quote is for, with its currency and default VAT rate; null when there is none. */
export async function customerForQuote(actor: StaffActor, customerId: string): Promise<QuoteCustomer | null> {
  assertCan(actor, "staff.billing");
  if (!quoteIdSchema.safeParse(customerId).success) return null;
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true, name: true, contractNumber: true, currency: true, country: true, vatId: true } });
  if (!customer) return null;
  const { vatId, ...rest } = customer;
  return { ...rest, defaultRateBp: await defaultRateFor(db, { country: customer.country, vatId }) };
}

function quoteFilter(params: StaffQuoteListParams, today: Date): Prisma.QuoteWhereInput {
  const and: Prisma.QuoteWhereInput[] = [];
  // "Sent" means still open; "expired" includes sent quotes past validity the job has not marked yet.
  if (params.status === "sent") and.push({ status: "sent", validUntil: { gte: today } });
  else if (params.status === "expired") and.push({ OR: [{ status: "expired" }, { status: "sent", validUntil: { lt: today } }] });
  else if (params.status !== "all") and.push({ status: params.status });
  if (params.q) {
    const text = params.q;
    and.push({
      OR: [
        { number: { contains: text, mode: "insensitive" } },
        { subject: { contains: text, mode: "insensitive" } },
        { customer: { name: { contains: text, mode: "insensitive" } } },
        { customer: { contractNumber: { startsWith: text, mode: "insensitive" } } },
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

/** `/admin/quotes`: every customer's quotes, newest first, searchable by number, customer and subject. */
export async function listQuotesForStaff(actor: StaffActor, params: StaffQuoteListParams, opts: { now?: Date } = {}) {
  assertCan(actor, "staff.billing");
  const today = todayFor(actor, opts.now);
  const where = quoteFilter(params, today);
  const page = params.page;
  const [rows, total] = await Promise.all([
    db.quote.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * QUOTES_PAGE_SIZE,
      take: QUOTES_PAGE_SIZE,
      select: { id: true, number: true, subject: true, status: true, currency: true, totalMinor: true, validUntil: true, createdAt: true, customer: { select: { name: true, contractNumber: true } } },
    }),
    db.quote.count({ where }),
  ]);
  return { items: rows.map((row) => ({ ...row, status: effectiveQuoteStatus(row, today) })), total, page, pageSize: QUOTES_PAGE_SIZE };
}

export type StaffQuote = {
  id: string;
  number: string | null;
  subject: string;
  status: ReturnType<typeof effectiveQuoteStatus>;
  storedStatus: ReturnType<typeof effectiveQuoteStatus>;
  currency: string;
  validUntil: Date;
  notes: string | null;
  sentAt: Date | null;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  createdAt: Date;
  customer: QuoteCustomer;
  lines: QuoteLineView[];
  totals: QuoteTotalsView;
  invoice: { id: string; number: string | null } | null;
  declineReason: string | null;
};

/** One quote with everything the staff page shows; null when there is none. */
export async function getQuoteForStaff(actor: StaffActor, id: string, opts: { now?: Date } = {}): Promise<StaffQuote | null> {
  assertCan(actor, "staff.billing");
  if (!quoteIdSchema.safeParse(id).success) return null;
  const row = await db.quote.findUnique({
    where: { id },
    select: {
      id: true,
      number: true,
      subject: true,
      status: true,
      currency: true,
      validUntil: true,
      notes: true,
      sentAt: true,
      acceptedAt: true,
      declinedAt: true,
      createdAt: true,
      customer: { select: { id: true, name: true, contractNumber: true, currency: true, country: true, vatId: true } },
      lines: { orderBy: { position: "asc" }, select: { id: true, position: true, description: true, quantityMilli: true, unitPriceMinor: true, netMinor: true, taxRateBp: true } },
      invoice: { select: { id: true, number: true } },
    },
  });
  if (!row) return null;
  // The customer's reason, if they gave one, is kept with the audit event of the decline.
  const declined =
    row.status === "declined"
      ? await db.auditEvent.findFirst({ where: { action: "quotes.declined", targetType: "quote", targetId: id }, orderBy: { createdAt: "desc" }, select: { data: true } })
      : null;
  const reason = declined?.data && typeof declined.data === "object" && !Array.isArray(declined.data) ? declined.data.reason : null;
  const { vatId, ...customer } = row.customer;
  return {
    ...row,
    status: effectiveQuoteStatus(row, todayFor(actor, opts.now)),
    storedStatus: row.status,
    customer: { ...customer, defaultRateBp: row.status === "draft" ? await defaultRateFor(db, { country: customer.country, vatId }) : null },
    totals: quoteTotals(row.lines),
    declineReason: typeof reason === "string" ? reason : null,
  };
}

/** The lines as stored: prices parsed in the customer's currency (never trusted from the browser), nets and rates computed here. */
function parseLines(lines: QuoteDraftValues["lines"], currency: string) {
  if (!isSupportedCurrency(currency)) throw new QuoteError("errors.currencyUnsupported");
  const fieldErrors: Record<string, string> = {};
  const parsed = lines.map((line, position) => {
    const price = safeParseMoney(line.unitPrice, currency);
    if (!price.ok) {
      fieldErrors[`lines.${position}.unitPrice`] = price.code === "too_many_decimals" ? "errors.amountDecimals" : "errors.amountInvalid";
      return null;
    }
    const quantityMilli = quantityToMilli(line.quantity);
    return { position, description: line.description, quantityMilli, unitPriceMinor: price.minor, netMinor: multiplyQuantity(price.minor, quantityMilli), taxRateBp: percentToBp(line.taxRate) };
  });
  if (Object.keys(fieldErrors).length > 0) throw new QuoteError("errors.invalidForm", fieldErrors);
  return parsed.filter((l) => l !== null);
}

/**
 * Creates a draft (no id) or replaces a draft's fields and lines (id). The currency is the
 * customer's; totals are computed here from the parsed lines.
 */
export async function saveQuoteDraft(actor: StaffActor, input: QuoteDraftValues, meta: RequestMeta = {}): Promise<{ id: string }> {
  assertCan(actor, "staff.billing");
  if (input.validUntil < isoDate(todayFor(actor))) throw new QuoteError("errors.invalidForm", { validUntil: "errors.validUntilPast" });
  return db.$transaction(async (tx) => {
    let customerId = input.customerId;
    if (input.id) {
      if ((await lockQuote(tx, input.id)).length === 0) throw new QuoteError("errors.notFound");
      const existing = await tx.quote.findUniqueOrThrow({ where: { id: input.id }, select: { status: true, customerId: true } });
      if (existing.status !== "draft") throw new QuoteError("errors.notDraft");
      // A draft stays with the customer it was started for (its currency and VAT depend on it).
      customerId = existing.customerId;
    }
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { id: true, currency: true } });
    if (!customer) throw new QuoteError("errors.invalidForm", { customerId: "errors.customerRequired" });
    const lines = parseLines(input.lines, customer.currency);
    const totals = quoteTotals(lines);
    const fields = {
      subject: input.subject,
      validUntil: dateOnly(input.validUntil),
      notes: input.notes || null,
      currency: customer.currency,
      subtotalMinor: totals.subtotalMinor,
      taxMinor: totals.taxMinor,
      totalMinor: totals.totalMinor,
    };
    let id: string;
    if (input.id) {
      id = input.id;
      await tx.quoteLine.deleteMany({ where: { quoteId: id } });
      await tx.quote.update({ where: { id }, data: { ...fields, lines: { create: lines } } });
    } else {
      id = (await tx.quote.create({ data: { ...fields, customerId: customer.id, createdByUserId: actor.userId, lines: { create: lines } }, select: { id: true } })).id;
    }
    await recordAuditEvent(
      {
        action: input.id ? "quotes.updated" : "quotes.created",
        actorUserId: actor.userId,
        customerId: customer.id,
        targetType: "quote",
        targetId: id,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
        data: { subject: input.subject, lines: lines.length, totalMinor: totals.totalMinor.toString(), currency: customer.currency },
      },
      tx,
    );
    return { id };
  }, TX_OPTIONS);
}

/**
 * Sends a draft: it gets the next number of the Q series, becomes "sent", and the customer's
 * billing contacts are emailed — all in one transaction, so a failure leaves a draft, no used
 * number and no email.
 */
export async function sendQuote(actor: StaffActor, id: string, meta: RequestMeta & { now?: Date } = {}): Promise<{ number: string; emailed: number }> {
  assertCan(actor, "staff.billing");
  if (!quoteIdSchema.safeParse(id).success) throw new QuoteError("errors.notFound");
  const now = meta.now ?? new Date();
  return db.$transaction(async (tx) => {
    if ((await lockQuote(tx, id)).length === 0) throw new QuoteError("errors.notFound");
    const quote = await tx.quote.findUniqueOrThrow({ where: { id }, select: { status: true, customerId: true, validUntil: true, lines: { select: { netMinor: true, taxRateBp: true } } } });
    if (quote.status !== "draft") throw new QuoteError("errors.notDraft");
    if (quote.lines.length === 0) throw new QuoteError("errors.noLines");
    if (quote.validUntil < todayFor(actor, now)) throw new QuoteError("errors.validUntilPast");
    const totals = quoteTotals(quote.lines);
    const { number } = await takeNextNumber(tx, QUOTE_SERIES, now.getUTCFullYear());
    await tx.quote.update({
      where: { id },
      data: { number, status: "sent", sentAt: now, subtotalMinor: totals.subtotalMinor, taxMinor: totals.taxMinor, totalMinor: totals.totalMinor },
    });
    const emailed = await queueQuoteSentEmails(tx, id);
    await recordAuditEvent(
      { action: "quotes.sent", actorUserId: actor.userId, customerId: quote.customerId, targetType: "quote", targetId: id, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: { number, emailed } },
      tx,
    );
    return { number, emailed };
  }, TX_OPTIONS);
}

/** Deletes a draft (a sent quote is the customer's to accept or decline, and stays). */
export async function deleteQuoteDraft(actor: StaffActor, id: string, meta: RequestMeta = {}): Promise<void> {
  assertCan(actor, "staff.billing");
  if (!quoteIdSchema.safeParse(id).success) throw new QuoteError("errors.notFound");
  await db.$transaction(async (tx) => {
    if ((await lockQuote(tx, id)).length === 0) throw new QuoteError("errors.notFound");
    const quote = await tx.quote.findUniqueOrThrow({ where: { id }, select: { status: true, customerId: true, subject: true } });
    if (quote.status !== "draft") throw new QuoteError("errors.notDraft");
    await tx.quote.delete({ where: { id } });
    await recordAuditEvent(
      { action: "quotes.deleted", actorUserId: actor.userId, customerId: quote.customerId, targetType: "quote", targetId: id, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: { subject: quote.subject } },
      tx,
    );
  }, TX_OPTIONS);
}
