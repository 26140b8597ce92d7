import "server-only";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { getEnv } from "@/lib/env";
import { formatCalendarDate, formatMoney } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { customerRecipients, queueEmail } from "@/lib/notifications";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";


export function renderInvoiceIssuedEmail(input: { locale: string; recipientName: string; invoice: { id: string; number: string; kind: string; totalMinor: bigint; currency: string; dueDate: Date }; appUrl: string }) {
  const { locale, t } = emailTranslator(input.locale);
  const url = `${input.appUrl.replace(/\/+$/, "")}/billing/invoices/${input.invoice.id}`;
  const values = {
    number: input.invoice.number,
    amount: formatMoney(input.invoice.totalMinor, input.invoice.currency, locale),
    due: formatCalendarDate(input.invoice.dueDate, locale, "long"),
  };
  const kind = input.invoice.kind === "proforma" ? "proforma" : "invoice";
  const blocks = [t("layout.greeting", { name: input.recipientName }), t(`billing.issued.${kind}`, values), t("billing.issued.link", { url }), t("layout.signature")];
  return {
    subject: t(`billing.issued.subject.${kind}`, values),
    text: blocks.join("\n\n"),
    html: renderEmailHtml({ locale, blocks, links: [url] }),
  };
}

/**
 * "A new invoice" to each contact who may see invoices and receives billing email, queued in the
 * transaction that issued it: a crash after issuing cannot lose the email, and the dedupe key
 * makes a retry send it once.
 */
export async function queueInvoiceIssuedEmails(tx: Prisma.TransactionClient, invoiceId: string): Promise<number> {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { id: true, number: true, kind: true, totalMinor: true, currency: true, dueDate: true, customerId: true } });
  if (!invoice.number) return 0;
  const appUrl = getEnv().APP_URL;
  let queued = 0;
  for (const r of await customerRecipients(tx, invoice.customerId, { permission: "billing.view", category: "billing" })) {
    const email = renderInvoiceIssuedEmail({ locale: r.locale, recipientName: r.name, invoice: { ...invoice, number: invoice.number }, appUrl });
    const result = await queueEmail(tx, { to: r.email, ...email, category: "billing", customerId: invoice.customerId, userId: r.userId, dedupeKey: `invoice:${invoice.id}:issued:${r.userId}` });
    if (result.queued) queued++;
  }
  return queued;
}
