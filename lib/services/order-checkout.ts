import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, can, customerScope } from "@/lib/auth/actor-types";
import { CYCLE_MONTHS, addDays } from "@/lib/billing/cycles";
import { queueInvoiceIssuedEmails } from "@/lib/billing/invoice-emails";
import { issueInvoice } from "@/lib/billing/issue";
import { getEnv } from "@/lib/env";
import { formatMoney, todayIn } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { customerRecipients, queueEmail } from "@/lib/notifications";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import { safeTimeZone } from "@/i18n/locales";
import { OrderError, customerCurrency } from "./order-catalog";
import { type CartRow, type PricedCartItem, cartItemSelect, customerTaxRate, priceCartRows } from "./order-cart";
import { domainCartRows, priceDomainCartRows } from "@/lib/domains/domain-cart";
import { createDomainOrderItems, domainLineDescription } from "@/lib/domains/domain-orders";
import type { RequestMeta } from "./order-cart";

type Tx = Prisma.TransactionClient;

const TX_OPTIONS = { timeout: 20_000, maxWait: 10_000 } as const;
/** An order's invoice is due this many days after the order (provisioning starts when it is paid). */
export const ORDER_INVOICE_DUE_DAYS = 7;

const dateOnly = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** The invoice line of an item: "Web Hosting Business: shop.example, Extra disk +10 GB, 12 months". */
export function orderLineDescription(item: PricedCartItem): string {
  const parts = [item.domain ? `${item.productName}: ${item.domain}` : item.productName];
  for (const o of item.priced.options) if (o.monthlyMinor > 0n) parts.push(`${o.optionName} ${o.choiceLabel}`);
  const months = CYCLE_MONTHS[item.cycle];
  parts.push(months === 1 ? "1 month" : `${months} months`);
  return parts.join(", ");
}

export type CheckoutResult = { orderId: string; orderNumber: number; invoiceId: string; invoiceNumber: string | null; totalMinor: bigint; currency: string };

/**
 * Turns the actor's cart into an order and its invoice, in one transaction: the cart rows are locked
 * and priced again from the catalog (never from the browser); a row the catalog no longer allows
 * stops the checkout with `errors.cartChanged` and nothing is written. The invoice has one line per
 * item (its first cycle, options included) and one per setup fee, is issued through billing (a
 * proforma, or a tax invoice when proformas are off; totals from its lines) and emailed; the cart
 * is emptied. Paying the invoice starts provisioning (activateOrderForInvoice). Two checkouts of
 * the same cart at once make one order: the second finds the cart empty.
 */
export async function checkoutCart(actor: CustomerActor, opts: { now?: Date } & RequestMeta = {}): Promise<CheckoutResult> {
  const customerId = customerScope(actor, "orders.place");
  const now = opts.now ?? new Date();
  const today = todayIn(safeTimeZone(actor.timeZone), now);
  return db.$transaction(async (tx) => {
    // The lock: a second checkout of the same cart waits here, then finds the rows gone.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "CartItem" WHERE "customerId" = ${customerId}::uuid AND "userId" = ${actor.userId}::uuid FOR UPDATE`;
    const rows: CartRow[] = locked.length
      ? await tx.cartItem.findMany({ where: { id: { in: locked.map((r) => r.id) } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: cartItemSelect })
      : [];
    await tx.$executeRaw`SELECT 1 FROM "DomainCartItem" WHERE "customerId" = ${customerId}::uuid AND "userId" = ${actor.userId}::uuid FOR UPDATE`;
    const domainRows = await domainCartRows(tx, actor, customerId);
    if (rows.length === 0 && domainRows.length === 0) throw new OrderError("errors.cartEmpty");
    const currency = await customerCurrency(tx, customerId);
    const lines = await priceCartRows(tx, rows, currency);
    const items = lines.flatMap((l) => (l.ok ? [l.item] : []));
    const domainLines = await priceDomainCartRows(tx, domainRows, currency);
    const domains = domainLines.flatMap((l) => (l.ok ? [l.item] : []));
    if (items.length !== lines.length || domains.length !== domainLines.length) throw new OrderError("errors.cartChanged");

    const taxRateBp = await customerTaxRate(tx, customerId);
    const invoiceId = randomUUID();
    const invoiceLines: Prisma.InvoiceLineCreateWithoutInvoiceInput[] = [];
    for (const item of items) {
      const net = item.priced.recurringMinor;
      invoiceLines.push({ position: invoiceLines.length, description: orderLineDescription(item), unitPriceMinor: net, netMinor: net, taxRateBp });
      if (item.priced.setupFeeMinor > 0n) {
        const fee = item.priced.setupFeeMinor;
        invoiceLines.push({ position: invoiceLines.length, description: `Setup fee: ${item.productName}`, unitPriceMinor: fee, netMinor: fee, taxRateBp });
      }
    }
    for (const domain of domains) {
      invoiceLines.push({ position: invoiceLines.length, description: domainLineDescription(domain), unitPriceMinor: domain.amountMinor, netMinor: domain.amountMinor, taxRateBp });
    }
    await tx.invoice.create({ data: { id: invoiceId, customerId, currency, totalMinor: 0n, dueDate: dateOnly(addDays(today, ORDER_INVOICE_DUE_DAYS)), lines: { create: invoiceLines } } });
    const invoice = await issueInvoice(invoiceId, { tx, now });

    const order = await tx.order.create({
      data: {
        customerId,
        placedByUserId: actor.userId,
        currency,
        totalMinor: invoice.totalMinor,
        invoiceId,
        createdAt: now,
        items: {
          create: items.map((item) => ({
            productId: item.productId,
            cycle: item.cycle,
            domain: item.domain,
            domainAction: item.domainAction,
            options: item.priced.options.map((o) => ({ option: o.option, choice: o.choice, monthlyMinor: o.monthlyMinor.toString() })),
            recurringMinor: item.priced.recurringMinor,
            setupFeeMinor: item.priced.setupFeeMinor,
          })),
        },
      },
      select: { id: true, number: true },
    });
    await createDomainOrderItems(tx, { customerId, orderId: order.id, invoiceId, taxRateBp, items: domains, now });
    await tx.cartItem.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    await tx.domainCartItem.deleteMany({ where: { id: { in: domainRows.map((r) => r.id) } } });
    await queueInvoiceIssuedEmails(tx, invoiceId);
    await queueOrderConfirmation(tx, { actor, customerId, order, invoice: { id: invoiceId, number: invoice.number, totalMinor: invoice.totalMinor, currency }, lines: [...items.map(orderLineDescription), ...domains.map(domainLineDescription)] });
    await recordAuditEvent(
      {
        action: "orders.placed",
        actorUserId: actor.userId,
        customerId,
        targetType: "order",
        targetId: order.id,
        ip: opts.ip ?? null,
        userAgent: opts.userAgent ?? null,
        data: {
          number: order.number,
          invoiceId,
          invoiceNumber: invoice.number,
          totalMinor: invoice.totalMinor.toString(),
          currency,
          items: items.map((i) => ({ product: i.productName, cycle: i.cycle, domain: i.domain, domainAction: i.domainAction })),
          domains: domains.map((d) => ({ name: d.name, action: d.action, years: d.years })),
        },
      },
      tx,
    );
    return { orderId: order.id, orderNumber: order.number, invoiceId, invoiceNumber: invoice.number, totalMinor: invoice.totalMinor, currency };
  }, TX_OPTIONS);
}

/** Where the checkout sends the customer: the invoice to pay, when they may see invoices. */
export function afterCheckoutPath(actor: CustomerActor, result: Pick<CheckoutResult, "invoiceId" | "orderId">): string {
  return can(actor, "billing.view") ? `/billing/invoices/${result.invoiceId}` : `/services/order/cart?placed=${result.orderId}`;
}

export function renderOrderConfirmationEmail(input: {
  locale: string;
  recipientName: string;
  order: { number: number };
  invoice: { id: string; number: string | null; totalMinor: bigint; currency: string };
  items: string[];
  appUrl: string;
}) {
  const { locale, t } = emailTranslator(input.locale);
  const url = `${input.appUrl.replace(/\/+$/, "")}/billing/invoices/${input.invoice.id}`;
  const values = { number: String(input.order.number), amount: formatMoney(input.invoice.totalMinor, input.invoice.currency, locale), invoice: input.invoice.number ?? "", url };
  const blocks = [t("layout.greeting", { name: input.recipientName }), t("serviceOrder.received", values), input.items.map((i) => `• ${i}`).join("\n"), t("serviceOrder.next", values), t("layout.signature")];
  return { subject: t("serviceOrder.subject", values), text: blocks.join("\n\n"), html: renderEmailHtml({ locale, blocks, links: [url] }) };
}

/** "We have received your order" to the contact who placed it (unless they turned service mail off). */
async function queueOrderConfirmation(
  tx: Tx,
  input: { actor: CustomerActor; customerId: string; order: { id: string; number: number }; invoice: { id: string; number: string | null; totalMinor: bigint; currency: string }; lines: string[] },
): Promise<void> {
  const recipients = await customerRecipients(tx, input.customerId, { permission: "orders.place", category: "services" });
  const me = recipients.find((r) => r.userId === input.actor.userId);
  if (!me) return;
  const email = renderOrderConfirmationEmail({ locale: me.locale, recipientName: me.name, order: input.order, invoice: input.invoice, items: input.lines, appUrl: getEnv().APP_URL });
  await queueEmail(tx, { to: me.email, ...email, category: "services", customerId: input.customerId, userId: me.userId, dedupeKey: `order:${input.order.id}:placed:${me.userId}` });
}

const orderSummarySelect = {
  id: true,
  number: true,
  status: true,
  currency: true,
  totalMinor: true,
  createdAt: true,
  invoiceId: true,
  items: { select: { id: true, cycle: true, domain: true, product: { select: { name: true } }, service: { select: { id: true, status: true } } } },
} satisfies Prisma.OrderSelect;

/** One of the customer's orders (orders.place), or null for another customer's or a missing one. */
export async function getOrder(actor: CustomerActor, orderId: string) {
  const customerId = customerScope(actor, "orders.place");
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(orderId)) return null;
  return db.order.findFirst({ where: { id: orderId, customerId }, select: orderSummarySelect });
}
