import "server-only";
import { getEnv } from "@/lib/env";
import { formatCalendarDate, formatMoney } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { customerRecipients, queueEmail } from "@/lib/notifications";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";

type SentQuote = { id: string; number: string; subject: string; totalMinor: bigint; currency: string; validUntil: Date };

export function renderQuoteSentEmail(input: { locale: string; recipientName: string; quote: SentQuote; appUrl: string }) {
  const { locale, t } = emailTranslator(input.locale);
  const url = `${input.appUrl.replace(/\/+$/, "")}/billing/quotes/${input.quote.id}`;
  const values = {
    number: input.quote.number,
    subject: input.quote.subject,
    amount: formatMoney(input.quote.totalMinor, input.quote.currency, locale),
    validUntil: formatCalendarDate(input.quote.validUntil, locale, "long"),
  };
  const blocks = [t("layout.greeting", { name: input.recipientName }), t("quote.sent.body", values), t("quote.sent.link", { url }), t("layout.signature")];
  return {
    subject: t("quote.sent.subject", values),
    text: blocks.join("\n\n"),
    html: renderEmailHtml({ locale, blocks, links: [url] }),
  };
}

/**
 * "A new quote" to each contact who may see billing documents and receives billing email, queued
 * in the transaction that sends the quote; the dedupe key makes a retry send it once.
 */
export async function queueQuoteSentEmails(tx: Prisma.TransactionClient, quoteId: string): Promise<number> {
  const quote = await tx.quote.findUniqueOrThrow({ where: { id: quoteId }, select: { id: true, number: true, subject: true, totalMinor: true, currency: true, validUntil: true, customerId: true } });
  if (!quote.number) return 0;
  const appUrl = getEnv().APP_URL;
  let queued = 0;
  for (const r of await customerRecipients(tx, quote.customerId, { permission: "billing.view", category: "billing" })) {
    const email = renderQuoteSentEmail({ locale: r.locale, recipientName: r.name, quote: { ...quote, number: quote.number }, appUrl });
    const result = await queueEmail(tx, { to: r.email, ...email, category: "billing", customerId: quote.customerId, userId: r.userId, dedupeKey: `quote:${quote.id}:sent:${r.userId}` });
    if (result.queued) queued++;
  }
  return queued;
}
