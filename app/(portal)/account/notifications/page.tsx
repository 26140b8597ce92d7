import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui";
import { getNotificationPreferences } from "@/lib/accounts/notification-preferences";
import { requireCustomerActor } from "@/lib/auth/session";
import { NotificationPreferencesForm } from "./preferences-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountMail");
  return { title: `${t("notifications.title")} · Portico` };
}

export default async function NotificationsPage() {
  const actor = await requireCustomerActor();
  const [preferences, t] = await Promise.all([getNotificationPreferences(actor), getTranslations("accountMail")]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("notifications.title")} description={t("notifications.intro")} />
      <NotificationPreferencesForm preferences={preferences} />
    </div>
  );
}
