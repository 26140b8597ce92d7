import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, can } from "@/lib/auth/actor-types";
import type { CustomerPermission } from "@/lib/auth/permissions";
import type { RequestInfo } from "@/lib/auth/login";
import { NOTIFICATION_CATEGORIES, type NotificationCategory, type NotificationPreferencesInput } from "./mail-schemas";

/**
 * The permission each category's emails need (the same ones their senders pass to
 * customerRecipients): without it a contact gets none of them, whatever the preference says.
 */
export const CATEGORY_PERMISSION: Record<NotificationCategory, CustomerPermission> = {
  billing: "billing.view",
  support: "tickets.view",
  services: "services.view",
  domains: "domains.view",
  announcements: "services.view",
};

export type NotificationPreferenceView = {
  category: NotificationCategory;
  enabled: boolean;
  /** False when the user's permissions for the active customer keep these emails away anyway. */
  receivesWithPermissions: boolean;
};

/** The user's own preferences (every category on unless switched off). */
export async function getNotificationPreferences(actor: CustomerActor): Promise<NotificationPreferenceView[]> {
  const rows = await db.notificationPreference.findMany({ where: { userId: actor.userId }, select: { category: true, enabled: true } });
  const stored = new Map(rows.map((r) => [r.category, r.enabled]));
  return NOTIFICATION_CATEGORIES.map((category) => ({
    category,
    enabled: stored.get(category) ?? true,
    receivesWithPermissions: can(actor, CATEGORY_PERMISSION[category]),
  }));
}

/**
 * Stores the user's choices (for themselves only: preferences are per user, across their
 * customers) and audits what changed. Returns the categories that changed.
 */
export async function saveNotificationPreferences(actor: CustomerActor, input: NotificationPreferencesInput, info?: RequestInfo): Promise<NotificationCategory[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.notificationPreference.findMany({ where: { userId: actor.userId }, select: { category: true, enabled: true } });
    const before = new Map(rows.map((r) => [r.category, r.enabled]));
    const changed = NOTIFICATION_CATEGORIES.filter((c) => (before.get(c) ?? true) !== input[c]);
    for (const category of changed) {
      await tx.notificationPreference.upsert({
        where: { userId_category: { userId: actor.userId, category } },
        create: { userId: actor.userId, category, enabled: input[category] },
        update: { enabled: input[category] },
      });
    }
    if (changed.length) {
      await recordAuditEvent(
        {
          action: "account.notifications.changed",
          actorUserId: actor.userId,
          customerId: actor.customerId,
          targetType: "User",
          targetId: actor.userId,
          ip: info?.ip,
          userAgent: info?.userAgent,
          data: Object.fromEntries(changed.map((c) => [c, { from: before.get(c) ?? true, to: input[c] }])),
        },
        tx,
      );
    }
    return changed;
  });
}
