import "server-only";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { getEnv, supportEmailAddress } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseCustomerPermissions } from "@/lib/auth/permissions";
import { type EmailRecipient, customerRecipients, queueEmail } from "@/lib/notifications";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import { subjectTag, ticketReplyAddress } from "./email-reply";


export type TicketEmailEvent = "opened" | "staff_replied" | "customer_replied" | "auto_closed";

type Tx = Prisma.TransactionClient;

/**
 * Who hears about a ticket: its contact (while they may still see tickets) and every contact of
 * the customer who may see tickets and receives support email — never the author of the message.
 */
async function ticketRecipients(tx: Tx, ticket: { customerId: string; contactUserId: string | null }, authorUserId: string | null): Promise<EmailRecipient[]> {
  const byUser = new Map<string, EmailRecipient>();
  for (const r of await customerRecipients(tx, ticket.customerId, { permission: "tickets.view", category: "support" })) byUser.set(r.userId, r);
  if (ticket.contactUserId && !byUser.has(ticket.contactUserId)) {
    // The contact hears about their own ticket even with support email off, but only while they may still see it.
    const membership = await tx.membership.findUnique({
      where: { userId_customerId: { userId: ticket.contactUserId, customerId: ticket.customerId } },
      select: { permissions: true, user: { select: { id: true, email: true, name: true, locale: true, timeZone: true, disabledAt: true } } },
    });
    if (membership && !membership.user.disabledAt && parseCustomerPermissions(membership.permissions).includes("tickets.view")) {
      const u = membership.user;
      byUser.set(u.id, { userId: u.id, email: u.email, name: u.name, locale: u.locale, timeZone: u.timeZone });
    }
  }
  if (authorUserId) byUser.delete(authorUserId);
  return [...byUser.values()];
}

/** Quotes at most this much of the message in the email; the rest is in the portal. */
const EXCERPT_MAX = 4000;

export function renderTicketEmail(input: {
  event: TicketEmailEvent;
  locale: string;
  recipientName: string;
  ticket: { number: string; subject: string; replyToken: string };
  body: string;
  appUrl: string;
}) {
  const { locale, t } = emailTranslator(input.locale);
  const url = `${input.appUrl.replace(/\/+$/, "")}/support/tickets/${encodeURIComponent(input.ticket.number)}`;
  const excerpt = input.body.length > EXCERPT_MAX ? `${input.body.slice(0, EXCERPT_MAX)}…` : input.body;
  const blocks = [
    t("layout.greeting", { name: input.recipientName }),
    t(`support.${input.event}.intro`, { number: input.ticket.number, subject: input.ticket.subject }),
    ...(excerpt ? [excerpt] : []),
    t("support.replyHint", { url }),
    t("layout.signature"),
  ];
  const footer = t("support.footer");
  return {
    subject: `${t(`support.${input.event}.subject`, { subject: input.ticket.subject })} ${subjectTag(input.ticket.number, input.ticket.replyToken)}`,
    text: [...blocks, "--", footer].join("\n\n"),
    html: renderEmailHtml({ locale, blocks, footer, links: [url] }),
  };
}

/**
 * Queues the emails for one ticket event in the caller's transaction. Idempotent per message and
 * recipient (dedupe key), so a retried job or a repeated webhook does not email twice.
 */
export async function queueTicketEmails(
  tx: Tx,
  input: { ticketId: string; event: TicketEmailEvent; authorUserId: string | null; body: string; messageId?: string },
): Promise<number> {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: input.ticketId },
    select: { id: true, number: true, subject: true, replyToken: true, customerId: true, contactUserId: true },
  });
  const recipients = await ticketRecipients(tx, ticket, input.authorUserId);
  const env = getEnv();
  const appUrl = env.APP_URL;
  // Replies land on the support mailbox with the ticket's token; the subject tag is the fallback.
  const replyTo = ticketReplyAddress(ticket.replyToken, supportEmailAddress(env));
  let queued = 0;
  for (const r of recipients) {
    const email = renderTicketEmail({ event: input.event, locale: r.locale, recipientName: r.name, ticket, body: input.body, appUrl });
    const result = await queueEmail(tx, {
      to: r.email,
      replyTo,
      subject: email.subject,
      text: email.text,
      html: email.html,
      category: "support",
      customerId: ticket.customerId,
      userId: r.userId,
      dedupeKey: `ticket:${ticket.id}:${input.event}:${input.messageId ?? "-"}:${r.userId}`,
    });
    if (result.queued) queued++;
  }
  return queued;
}
