import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type Actor, type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import type { Prisma, QuoteStatus } from "@/lib/generated/prisma/client";
import { todayAsCalendarDate, todayIn } from "@/lib/format/dates";
import { safeTimeZone } from "@/i18n/locales";
import { queueInvoiceIssuedEmails } from "./invoice-emails";
import { issueInvoice } from "./issue";
import { quoteIdSchema } from "./quote-schemas";
import { type RateBreakdown, invoiceTotals } from "./tax";

type Tx = Prisma.TransactionClient;
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/**
 * A quote cannot do this (accepted already, expired, not a draft…). `key` and the values of
 * `fieldErrors` (keyed by form field path, e.g. "lines.2.unitPrice") are message keys of the "quotes" namespace.
 */
export class QuoteError extends Error {
  constructor(
    readonly key: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(key);
    this.name = "QuoteError";
  }
}

export const TX_OPTIONS = { timeout: 15_000, maxWait: 10_000 } as const;
export const QUOTES_PAGE_SIZE = 20;
/** The invoice made from an accepted quote is due this many days after acceptance. */
export const QUOTE_INVOICE_DUE_DAYS = 14;

/**
 * The expiry job's clock: a quote "valid until D" is expired by the job only once D is over
 * everywhere on Earth (UTC−12), so it never expires a quote a customer still sees as valid. Pages
 * and accepting use the viewer's own today (effectiveQuoteStatus), so expiry shows before the job runs.
 */
export const EXPIRY_TIME_ZONE = "Etc/GMT+12";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A sent quote past its validity date is expired, whether or not the job has marked it yet. */
export function effectiveQuoteStatus(quote: { status: QuoteStatus; validUntil: Date }, today: Date): QuoteStatus {
  return quote.status === "sent" && quote.validUntil < today ? "expired" : quote.status;
}

/** Today (a `date` value) in the actor's time zone. */
export const todayFor = (actor: Actor, now: Date = new Date()) => todayAsCalendarDate(safeTimeZone(actor.timeZone), now);

export type QuoteLineView = { id: string; position: number; description: string; quantityMilli: number; unitPriceMinor: bigint; netMinor: bigint; taxRateBp: number };
export type QuoteTotalsView = { subtotalMinor: bigint; taxMinor: bigint; totalMinor: bigint; byRate: RateBreakdown[] };

/** Totals with VAT per rate, the way the invoice made from the quote will compute them. */
export function quoteTotals(lines: readonly { netMinor: bigint; taxRateBp: number }[]): QuoteTotalsView {
  const totals = invoiceTotals(lines.map((l) => ({ netMinor: l.netMinor, rateBp: l.taxRateBp })));
  return { subtotalMinor: totals.netMinor, taxMinor: totals.taxMinor, totalMinor: totals.grossMinor, byRate: totals.byRate };
}

// ───────────── Customer side ─────────────

// Drafts are the provider's work in progress; a customer sees a quote once it is sent.
const CUSTOMER_VISIBLE: QuoteStatus[] = ["sent", "accepted", "declined", "expired"];

const summarySelect = {
  id: true,
  number: true,
  subject: true,
  status: true,
  currency: true,
  totalMinor: true,
  validUntil: true,
  sentAt: true,
} satisfies Prisma.QuoteSelect;

export type QuoteSummary = Prisma.QuoteGetPayload<{ select: typeof summarySelect }>;

/** The customer's quotes (never drafts), newest first, with their effective status. */
export async function listQuotes(actor: Actor, opts: { page?: number; now?: Date } = {}) {
  const customerId = customerScope(actor, "billing.view");
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const where = { customerId, status: { in: CUSTOMER_VISIBLE } } satisfies Prisma.QuoteWhereInput;
  const [rows, total] = await Promise.all([
    db.quote.findMany({ where, select: summarySelect, orderBy: [{ sentAt: "desc" }, { createdAt: "desc" }], skip: (page - 1) * QUOTES_PAGE_SIZE, take: QUOTES_PAGE_SIZE }),
    db.quote.count({ where }),
  ]);
  const today = todayFor(actor, opts.now);
  return { items: rows.map((row) => ({ ...row, status: effectiveQuoteStatus(row, today) })), total, page, pageSize: QUOTES_PAGE_SIZE };
}

export type CustomerQuote = QuoteSummary & {
  notes: string | null;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  lines: QuoteLineView[];
  totals: QuoteTotalsView;
  invoice: { id: string; number: string | null } | null;
};

/** Null when the id is malformed, the quote is a draft or it belongs to another customer (all 404). */
export async function getQuote(actor: Actor, id: string, opts: { now?: Date } = {}): Promise<CustomerQuote | null> {
  const customerId = customerScope(actor, "billing.view");
  if (!quoteIdSchema.safeParse(id).success) return null;
  const row = await db.quote.findFirst({
    where: { id, customerId, status: { in: CUSTOMER_VISIBLE } },
    select: {
      ...summarySelect,
      notes: true,
      acceptedAt: true,
      declinedAt: true,
      lines: { orderBy: { position: "asc" }, select: { id: true, position: true, description: true, quantityMilli: true, unitPriceMinor: true, netMinor: true, taxRateBp: true } },
      invoice: { select: { id: true, number: true } },
    },
  });
  if (!row) return null;
  return { ...row, status: effectiveQuoteStatus(row, todayFor(actor, opts.now)), totals: quoteTotals(row.lines) };
}

/** Locks the customer's quote row for the rest of the transaction; false when there is none to lock. */
async function lockCustomerQuote(tx: Tx, id: string, customerId: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Quote" WHERE "id" = ${id}::uuid AND "customerId" = ${customerId}::uuid FOR UPDATE`;
  return locked.length === 1;
}

/** The refusal for a sent quote that is no longer open (an accepted one is handled by the caller). */
function assertOpen(quote: { status: QuoteStatus; validUntil: Date }, today: Date) {
  const status = effectiveQuoteStatus(quote, today);
  if (status === "expired") throw new QuoteError("errors.expired");
  if (status === "declined") throw new QuoteError("errors.alreadyDeclined");
  if (status === "accepted") throw new QuoteError("errors.alreadyAccepted");
  if (status !== "sent") throw new QuoteError("errors.notFound");
}

/**
 * The customer accepts a sent, still valid quote: in one transaction the quote becomes accepted, an
 * invoice is made from its lines and issued (a proforma, or a tax invoice when proformas are off),
 * its email is queued and the acceptance audited. The quote row is locked first, so accepting twice
 * or at once makes one invoice: a repeated accept answers with the invoice the first one made.
 */
export async function acceptQuote(actor: CustomerActor, id: string, opts: { now?: Date } & RequestMeta = {}): Promise<{ invoiceId: string; alreadyAccepted: boolean }> {
  const customerId = customerScope(actor, "billing.pay");
  if (!quoteIdSchema.safeParse(id).success) throw new QuoteError("errors.notFound");
  const now = opts.now ?? new Date();
  const today = todayFor(actor, now);
  return db.$transaction(async (tx) => {
    if (!(await lockCustomerQuote(tx, id, customerId))) throw new QuoteError("errors.notFound");
    const quote = await tx.quote.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { position: "asc" } } } });
    if (quote.status === "draft") throw new QuoteError("errors.notFound");
    if (quote.status === "accepted" && quote.invoiceId) return { invoiceId: quote.invoiceId, alreadyAccepted: true };
    assertOpen(quote, today);
    if (quote.lines.length === 0) throw new QuoteError("errors.noLines");

    const invoiceId = randomUUID();
    await tx.invoice.create({
      data: {
        id: invoiceId,
        customerId,
        currency: quote.currency,
        totalMinor: 0n,
        dueDate: new Date(today.getTime() + QUOTE_INVOICE_DUE_DAYS * DAY_MS),
        notes: quote.number ? `${quote.number}: ${quote.subject}` : quote.subject,
        lines: {
          create: quote.lines.map((l) => ({
            position: l.position,
            description: l.description,
            quantityMilli: l.quantityMilli,
            unitPriceMinor: l.unitPriceMinor,
            netMinor: l.netMinor,
            taxRateBp: l.taxRateBp,
          })),
        },
      },
    });
    const invoice = await issueInvoice(invoiceId, { tx, now });
    await tx.quote.update({ where: { id }, data: { status: "accepted", acceptedAt: now, invoiceId } });
    await queueInvoiceIssuedEmails(tx, invoiceId);
    await recordAuditEvent(
      {
        action: "quotes.accepted",
        actorUserId: actor.userId,
        customerId,
        targetType: "quote",
        targetId: id,
        ip: opts.ip ?? null,
        userAgent: opts.userAgent ?? null,
        data: { number: quote.number, invoiceId, invoiceNumber: invoice.number, totalMinor: invoice.totalMinor.toString(), currency: quote.currency },
      },
      tx,
    );
    return { invoiceId, alreadyAccepted: false };
  }, TX_OPTIONS);
}

/** The customer declines a sent, still valid quote; the optional reason is kept in the audit trail for staff. */
export async function declineQuote(actor: CustomerActor, input: { id: string; reason?: string }, opts: { now?: Date } & RequestMeta = {}): Promise<void> {
  const customerId = customerScope(actor, "billing.pay");
  if (!quoteIdSchema.safeParse(input.id).success) throw new QuoteError("errors.notFound");
  const now = opts.now ?? new Date();
  const reason = input.reason?.trim() || null;
  await db.$transaction(async (tx) => {
    if (!(await lockCustomerQuote(tx, input.id, customerId))) throw new QuoteError("errors.notFound");
    const quote = await tx.quote.findUniqueOrThrow({ where: { id: input.id }, select: { status: true, validUntil: true, number: true } });
    if (quote.status === "draft") throw new QuoteError("errors.notFound");
    assertOpen(quote, todayFor(actor, now));
    await tx.quote.update({ where: { id: input.id }, data: { status: "declined", declinedAt: now } });
    await recordAuditEvent(
      { action: "quotes.declined", actorUserId: actor.userId, customerId, targetType: "quote", targetId: input.id, ip: opts.ip ?? null, userAgent: opts.userAgent ?? null, data: { number: quote.number, reason } },
      tx,
    );
  }, TX_OPTIONS);
}

// ───────────── Job ─────────────

/**
 * Marks sent quotes whose validity is over (EXPIRY_TIME_ZONE) as expired, with an audit row each.
 * One UPDATE guarded by the status: a second run, or two workers at once, change nothing more.
 */
export async function expireQuotes(opts: { now?: Date } = {}): Promise<{ expired: number }> {
  const today = todayIn(EXPIRY_TIME_ZONE, opts.now ?? new Date());
  return db.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<{ id: string; customerId: string; number: string | null }[]>`
      UPDATE "Quote" SET "status" = 'expired', "updatedAt" = now()
      WHERE "status" = 'sent' AND "validUntil" < ${today}::date
      RETURNING "id", "customerId", "number"`;
    if (expired.length > 0) {
      await tx.auditEvent.createMany({
        data: expired.map((q) => ({ action: "quotes.expired", customerId: q.customerId, targetType: "quote", targetId: q.id, data: { number: q.number } })),
      });
    }
    return { expired: expired.length };
  }, TX_OPTIONS);
}
