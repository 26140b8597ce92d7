import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { AnnouncementForm } from "../../kb-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.admin.announcementForm");
  return { title: `${t("titleNew")} · Portico` };
}

export default async function NewAnnouncementPage() {
  await requireStaffActor("staff.tickets");
  const t = await getTranslations("kb.admin");
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("announcementForm.titleNew")} back={{ href: "/admin/kb/announcements", label: t("backToList") }} />
      <Card>
        <AnnouncementForm isNew defaults={{ locale: "", title: "", body: "", published: false }} />
      </Card>
    </div>
  );
}
