import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { formatCalendarDate } from "@/lib/format/dates";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { queueEmail } from "@/lib/notifications/queue-email";
import { customerRecipients } from "@/lib/notifications/recipients";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";

// Expiry notices of domains (issue 6): 30, 7 and 1 days before a domain expires, to each contact
// who may see domains and receives domain email. Whether auto-renew is on decides the text. The
// dedupe key (domain, expiry date, step, user) makes every run after the first send nothing, and a
// run after downtime sends only the nearest step that is due.

export const EXPIRY_NOTICE_DAYS = [30, 7, 1] as const;
const DAY_MS = 86_400_000;

export function renderExpiryNotice(input: { locale: string; recipientName: string; domain: string; expiresAt: Date; days: number; autoRenew: boolean; domainId: string; appUrl: string }) {
  const { locale, t } = emailTranslator(input.locale);
  const url = `${input.appUrl.replace(/\/+$/, "")}/domains/${input.domainId}`;
  const values = { domain: input.domain, days: input.days, date: formatCalendarDate(input.expiresAt, locale, "long"), url };
  const blocks = [t("layout.greeting", { name: input.recipientName }), t(input.autoRenew ? "domainExpiry.autoRenew" : "domainExpiry.manual", values), t("layout.signature")];
  return { subject: t("domainExpiry.subject", values), text: blocks.join("\n\n"), html: renderEmailHtml({ locale, blocks, links: [url] }) };
}

/** One pass over active domains expiring within 30 days; returns how many emails it queued. */
export async function sendDomainExpiryNotices(now: Date = new Date()): Promise<{ queued: number }> {
  const appUrl = getEnv().APP_URL;
  const horizon = new Date(now.getTime() + (EXPIRY_NOTICE_DAYS[0] + 1) * DAY_MS);
  const domains = await db.domain.findMany({
    where: { status: "active", expiresAt: { gt: now, lte: horizon } },
    select: { id: true, name: true, customerId: true, expiresAt: true, autoRenew: true },
    orderBy: { expiresAt: "asc" },
  });
  let queued = 0;
  for (const domain of domains) {
    const daysLeft = Math.ceil((domain.expiresAt!.getTime() - now.getTime()) / DAY_MS);
    // The nearest step that has come: 12 days left → the 30-day notice (once), 5 days left → the 7-day one.
    const step = [...EXPIRY_NOTICE_DAYS].reverse().find((d) => daysLeft <= d);
    if (step === undefined) continue;
    const expiry = domain.expiresAt!.toISOString().slice(0, 10);
    await db.$transaction(async (tx) => {
      for (const r of await customerRecipients(tx, domain.customerId, { permission: "domains.view", category: "domains" })) {
        const email = renderExpiryNotice({ locale: r.locale, recipientName: r.name, domain: domain.name, expiresAt: domain.expiresAt!, days: daysLeft, autoRenew: domain.autoRenew, domainId: domain.id, appUrl });
        const result = await queueEmail(tx, { to: r.email, ...email, category: "domains", customerId: domain.customerId, userId: r.userId, dedupeKey: `domain-expiry:${domain.id}:${expiry}:${step}:${r.userId}` });
        if (result.queued) queued++;
      }
    });
  }
  return { queued };
}
