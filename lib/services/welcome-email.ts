import "server-only";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { customerRecipients, queueEmail } from "@/lib/notifications";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";

export type WelcomeEmailAccount = { product: string; domain: string; username: string; controlPanelUrl: string; webmailUrl: string };

/**
 * The welcome email of a new hosting account: product, domain, username, control-panel and
 * webmail links. The password is NOT in it: the outbox (EmailMessage) keeps every body as the
 * customer's email log, so a password there would be stored in plain text. It is sealed on the
 * service instead and shown once on the service page (getInitialPasswordOnce), which the email links to.
 */
export function renderServiceWelcomeEmail(input: { locale: string; recipientName: string; serviceId: string; account: WelcomeEmailAccount; appUrl: string }) {
  const { locale, t } = emailTranslator(input.locale);
  const url = `${input.appUrl.replace(/\/+$/, "")}/services/${input.serviceId}`;
  const values = { ...input.account, url };
  const blocks = [
    t("layout.greeting", { name: input.recipientName }),
    t("serviceWelcome.ready", values),
    t("serviceWelcome.details", values),
    t("serviceWelcome.password", values),
    t("layout.signature"),
  ];
  return { subject: t("serviceWelcome.subject", values), text: blocks.join("\n\n"), html: renderEmailHtml({ locale, blocks, links: [url, input.account.controlPanelUrl, input.account.webmailUrl] }) };
}

/** "Your control-panel password was reset": the new one is shown once in the portal. */
export function renderPasswordResetEmail(input: { locale: string; recipientName: string; serviceId: string; account: WelcomeEmailAccount; appUrl: string }) {
  const { locale, t } = emailTranslator(input.locale);
  const url = `${input.appUrl.replace(/\/+$/, "")}/services/${input.serviceId}`;
  const values = { ...input.account, url };
  const blocks = [t("layout.greeting", { name: input.recipientName }), t("serviceWelcome.reset.body", values), t("layout.signature")];
  return { subject: t("serviceWelcome.reset.subject", values), text: blocks.join("\n\n"), html: renderEmailHtml({ locale, blocks, links: [url] }) };
}

/**
 * Queues the welcome email to each contact who may see services (services.view) and receives
 * service email, in the transaction that records the finished create; `eventKey` (the job id)
 * makes a retried job queue it once.
 */
export async function queueServiceWelcomeEmails(
  tx: Prisma.TransactionClient,
  input: { customerId: string; serviceId: string; eventKey: string; account: WelcomeEmailAccount; kind?: "welcome" | "password_reset" },
): Promise<number> {
  const appUrl = getEnv().APP_URL;
  const kind = input.kind ?? "welcome";
  const render = kind === "welcome" ? renderServiceWelcomeEmail : renderPasswordResetEmail;
  let queued = 0;
  for (const r of await customerRecipients(tx, input.customerId, { permission: "services.view", category: "services" })) {
    const email = render({ locale: r.locale, recipientName: r.name, serviceId: input.serviceId, account: input.account, appUrl });
    const result = await queueEmail(tx, {
      to: r.email,
      ...email,
      category: "services",
      customerId: input.customerId,
      userId: r.userId,
      dedupeKey: `service:${input.serviceId}:${kind}:${input.eventKey}:${r.userId}`,
    });
    if (result.queued) queued++;
  }
  return queued;
}
