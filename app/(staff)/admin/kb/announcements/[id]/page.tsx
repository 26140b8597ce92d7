import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { Card, PageHeader } from "@/components/ui";
import { getAnnouncementForStaff } from "@/lib/announcements/queries";
import type { AnnouncementInput } from "@/lib/announcements/schemas";
import { requireStaffActor } from "@/lib/auth/session";
import { deleteAnnouncementAction } from "../../actions";
import { DeleteButton } from "../../form-kit";
import { AnnouncementForm } from "../../kb-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.admin.announcementForm");
  return { title: `${t("titleEdit")} · Portico` };
}

export default async function EditAnnouncementPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffActor("staff.tickets");
  const { id } = await params;
  const [t, announcement] = await Promise.all([getTranslations("kb.admin"), getAnnouncementForStaff(actor, id)]);
  if (!announcement) notFound();
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={t("announcementForm.titleEdit")} description={announcement.title} back={{ href: "/admin/kb/announcements", label: t("backToList") }} />
      <Card>
        <AnnouncementForm
          isNew={false}
          defaults={{
            id: announcement.id,
            locale: (announcement.locale ?? "") as AnnouncementInput["locale"],
            title: announcement.title,
            body: announcement.body,
            published: announcement.publishedAt !== null,
          }}
        />
      </Card>
      <Card>
        <DeleteButton id={announcement.id} name={announcement.title} action={deleteAnnouncementAction} afterHref="/admin/kb/announcements" />
      </Card>
      <Card title={t("preview")}>
        <Markdown source={announcement.body} />
      </Card>
    </div>
  );
}
