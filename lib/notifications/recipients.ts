import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CustomerPermission } from "@/lib/auth/permissions";
import { parseCustomerPermissions } from "@/lib/auth/permissions";

/** Categories a user may switch off (issue "Account"); security mail is always sent. */
export const OPTIONAL_EMAIL_CATEGORIES = ["billing", "support", "services", "domains", "announcements"] as const;
export type OptionalEmailCategory = (typeof OPTIONAL_EMAIL_CATEGORIES)[number];

export type EmailRecipient = { userId: string; email: string; name: string; locale: string; timeZone: string };

/**
 * The customer's contacts who may see what the email is about (`permission`) and have not switched
 * `category` off — the same permission check as the pages (DESIGN.md §4). Disabled users get nothing.
 */
export async function customerRecipients(
  tx: Prisma.TransactionClient,
  customerId: string,
  opts: { permission: CustomerPermission; category: OptionalEmailCategory },
): Promise<EmailRecipient[]> {
  const memberships = await tx.membership.findMany({
    where: { customerId, user: { disabledAt: null } },
    orderBy: { createdAt: "asc" },
    select: {
      permissions: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          locale: true,
          timeZone: true,
          notificationPreferences: { where: { category: opts.category }, select: { enabled: true } },
        },
      },
    },
  });
  return memberships
    .filter((m) => parseCustomerPermissions(m.permissions).includes(opts.permission))
    .filter((m) => m.user.notificationPreferences[0]?.enabled !== false)
    .map(({ user }) => ({ userId: user.id, email: user.email, name: user.name, locale: user.locale, timeZone: user.timeZone }));
}
