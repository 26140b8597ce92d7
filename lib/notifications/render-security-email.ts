import "server-only";
import { emailTranslator } from "./email-translator";
import { safeTimeZone } from "@/i18n/locales";
import en from "@/messages/en/email.json";
import { renderEmailHtml } from "./render-email-html";

export type SecurityEventKind =
  | "new_login"
  | "2fa_enabled"
  | "2fa_disabled"
  | "password_changed"
  // Issue 7 (lib/auth/security-emails.ts): the other security changes.
  | "password_changed_sessions_kept"
  | "password_reset"
  | "recovery_codes_regenerated"
  | "session_signed_out"
  | "sessions_signed_out"
  | "security_key_added"
  | "security_key_removed";

const MESSAGE_KEY = {
  new_login: "newLogin",
  "2fa_enabled": "twoFactorEnabled",
  "2fa_disabled": "twoFactorDisabled",
  password_changed: "passwordChanged",
  password_changed_sessions_kept: "passwordChangedSessionsKept",
  password_reset: "passwordReset",
  recovery_codes_regenerated: "recoveryCodesRegenerated",
  session_signed_out: "sessionSignedOut",
  sessions_signed_out: "sessionsSignedOut",
  security_key_added: "securityKeyAdded",
  security_key_removed: "securityKeyRemoved",
} as const satisfies Record<SecurityEventKind, keyof typeof en.email.security>;

export type SecurityEmailInput = {
  kind: SecurityEventKind;
  recipient: { name: string; email: string; locale: string; timeZone: string };
  at: Date;
  ip?: string | null;
  userAgent?: string | null;
  /** Public base URL, for the link to the security page. */
  appUrl: string;
};

export type RenderedEmail = { subject: string; text: string; html: string };

/** A security notice in the recipient's language, with the time in their time zone. */
export function renderSecurityEmail(input: SecurityEmailInput): RenderedEmail {
  // Emails are rendered outside a request (worker, transactions), so no request-bound next-intl API here.
  const { locale, t } = emailTranslator(input.recipient.locale);
  const key = MESSAGE_KEY[input.kind];
  const time = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: safeTimeZone(input.recipient.timeZone),
    timeZoneName: "short",
  }).format(input.at);
  const securityUrl = `${input.appUrl.replace(/\/+$/, "")}/account/security`;

  const details = [
    t("security.details.time", { time }),
    input.ip ? t("security.details.ip", { ip: input.ip }) : null,
    input.userAgent ? t("security.details.device", { device: input.userAgent.slice(0, 200) }) : null,
  ].filter((line): line is string => line !== null);

  const blocks = [
    t("layout.greeting", { name: input.recipient.name }),
    t(`security.${key}.body`, { email: input.recipient.email }),
    details.join("\n"),
    t(`security.${key}.ifYou`),
    t("security.ifNotYou", { url: securityUrl }),
    t("layout.signature"),
  ];
  const footer = t("layout.securityFooter");

  return {
    subject: t(`security.${key}.subject`),
    text: [...blocks, "--", footer].join("\n\n"),
    html: renderEmailHtml({ locale, blocks, footer, links: [securityUrl] }),
  };
}
