import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ServiceTabsNav } from "@/components/services/overview/service-tabs-nav";
import { PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { getServiceFrame } from "@/lib/services/service-page";
import { ServiceStatusBadge } from "../service-status-badge";

/** Every page of one service: its name and status, and the tabs this user may open. Another customer's service is a 404 here already. */
export default async function ServiceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const actor = await requireCustomerActor("services.view");
  const { id } = await params;
  const [frame, t] = await Promise.all([getServiceFrame(actor, id), getTranslations("sections.services")]);
  if (!frame) notFound();
  return (
    <div className="min-w-0">
      <PageHeader
        back={{ href: "/services", label: t("back") }}
        title={frame.name}
        description={frame.label ?? undefined}
        actions={<ServiceStatusBadge status={frame.status} />}
        className="mb-4"
      />
      <ServiceTabsNav tabs={frame.tabs} />
      {children}
    </div>
  );
}
