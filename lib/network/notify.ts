import "server-only";
// use-intl's framework-free core: emails are rendered inside a transaction, outside any request.
import { createTranslator } from "use-intl/core";
import { type AppLocale, DEFAULT_LOCALE, isLocale, safeTimeZone } from "@/i18n/locales";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { customerRecipients, type EmailRecipient } from "@/lib/notifications/recipients";
import { queueEmail } from "@/lib/notifications/queue-email";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import en from "@/messages/en/kb.json";
import hu from "@/messages/hu/kb.json";
import sk from "@/messages/sk/kb.json";
import vi from "@/messages/vi/kb.json";

const MESSAGES: Record<AppLocale, typeof en> = { en, vi, sk, hu };

type Tx = Prisma.TransactionClient;

type IssueForEmail = {
  id: string;
  kind: "maintenance" | "incident";
  title: string;
  body: string;
  status: string;
  startsAt: Date;
  endsAt: Date | null;
};

type AffectedService = { name: string; label: string | null; hostname: string };

/** The dedupe key of "issue posted" for one person: however often staff press the button, one email. */
export const networkPostedKey = (issueId: string, userId: string) => `network:${issueId}:posted:${userId}`;

/** One notice in the recipient's language, with times in their time zone. */
export function renderNetworkIssueEmail(input: {
  issue: IssueForEmail;
  recipient: Pick<EmailRecipient, "name" | "locale" | "timeZone">;
  customerName: string;
  services: AffectedService[];
  appUrl: string;
}): { subject: string; text: string; html: string } {
  const locale = isLocale(input.recipient.locale) ? input.recipient.locale : DEFAULT_LOCALE;
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "kb" });
  const time = (d: Date) =>
    new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: safeTimeZone(input.recipient.timeZone),
      timeZoneName: "short",
    }).format(d);
  const { issue } = input;
  const url = `${input.appUrl.replace(/\/+$/, "")}/support/network-status`;
  const when = issue.endsAt ? t("email.network.window", { start: time(issue.startsAt), end: time(issue.endsAt) }) : t("email.network.from", { start: time(issue.startsAt) });
  const services = input.services.map((s) => `• ${s.label ? `${s.name} (${s.label})` : s.name} — ${s.hostname}`);

  const blocks = [
    t("email.network.greeting", { name: input.recipient.name }),
    t(`email.network.intro.${issue.kind}`, { customer: input.customerName }),
    `${issue.title}\n${when}\n${t("email.network.status", { status: t(`network.status.${issue.status as "scheduled"}`) })}`,
    ...(services.length ? [`${t("email.network.yourServices")}\n${services.join("\n")}`] : []),
    issue.body,
    t("email.network.followUpdates", { url }),
    t("email.network.signature"),
  ];
  const footer = t("email.network.footer", { customer: input.customerName });
  return {
    subject: t(`email.network.subject.${issue.kind}`, { title: issue.title }),
    text: [...blocks, "--", footer].join("\n\n"),
    html: renderEmailHtml({ locale, blocks, footer, links: [url] }),
  };
}

/**
 * Emails the contacts of every customer with a live service on one of the issue's servers: those
 * who may see services (`services.view`) and have not switched "announcements" off, each in their
 * language. Idempotent: each person gets one email per issue (the outbox's dedupe key), so running
 * it again after servers were added reaches only the newly affected. Runs in the caller's
 * transaction; stamps the issue's `notifiedAt` the first time.
 */
export async function notifyAffectedCustomers(tx: Tx, issueId: string, opts: { appUrl?: string } = {}): Promise<{ queued: number; alreadySent: number }> {
  const issue = await tx.networkIssue.findUniqueOrThrow({
    where: { id: issueId },
    select: { id: true, kind: true, title: true, body: true, status: true, startsAt: true, endsAt: true, notifiedAt: true, servers: { select: { id: true } } },
  });
  const appUrl = opts.appUrl ?? getEnv().APP_URL;
  const services = await tx.service.findMany({
    where: { serverId: { in: issue.servers.map((s) => s.id) }, status: { notIn: ["cancelled", "terminated"] } },
    orderBy: [{ customerId: "asc" }, { name: "asc" }],
    select: { customerId: true, name: true, label: true, server: { select: { hostname: true } }, customer: { select: { name: true } } },
  });
  const byCustomer = new Map<string, { name: string; services: AffectedService[] }>();
  for (const s of services) {
    const entry = byCustomer.get(s.customerId) ?? { name: s.customer.name, services: [] };
    entry.services.push({ name: s.name, label: s.label, hostname: s.server?.hostname ?? "" });
    byCustomer.set(s.customerId, entry);
  }

  let queued = 0;
  let alreadySent = 0;
  for (const [customerId, customer] of byCustomer) {
    const recipients = await customerRecipients(tx, customerId, { permission: "services.view", category: "announcements" });
    for (const recipient of recipients) {
      const email = renderNetworkIssueEmail({ issue, recipient, customerName: customer.name, services: customer.services, appUrl });
      const result = await queueEmail(tx, {
        to: recipient.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        category: "announcements",
        customerId,
        userId: recipient.userId,
        dedupeKey: networkPostedKey(issue.id, recipient.userId),
      });
      if (result.queued) queued++;
      else alreadySent++;
    }
  }
  if (!issue.notifiedAt) await tx.networkIssue.update({ where: { id: issue.id }, data: { notifiedAt: new Date() } });
  return { queued, alreadySent };
}
