// The forms of /account/notifications and /account/emails, shared by the client and the server
// actions. Messages are keys under the "accountMail" namespace.
import { z } from "zod";

/**
 * The categories a user may switch off, in the page's order: the same list as
 * lib/notifications/recipients.ts OPTIONAL_EMAIL_CATEGORIES (server-only; a test keeps them equal).
 * "announcements" covers announcements and planned maintenance. Security email is always sent.
 */
export const NOTIFICATION_CATEGORIES = ["billing", "support", "services", "domains", "announcements"] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** Switching these off could hide an unpaid invoice or a domain about to expire: the page warns. */
export const RISKY_WHEN_OFF: readonly NotificationCategory[] = ["billing", "domains"];

export const notificationPreferencesSchema = z.object({
  billing: z.boolean(),
  support: z.boolean(),
  services: z.boolean(),
  domains: z.boolean(),
  announcements: z.boolean(),
}) satisfies z.ZodType<Record<NotificationCategory, boolean>>;
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesSchema>;

export const resendEmailSchema = z.object({ id: z.guid({ message: "errors.notFound" }) });
export type ResendEmailInput = z.infer<typeof resendEmailSchema>;
