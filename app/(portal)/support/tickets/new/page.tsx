import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { newTicketOptions } from "@/lib/support/queries";
import { NewTicketForm } from "./new-ticket-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support.new");
  return { title: `${t("title")} · Portico` };
}

export default async function NewTicketPage() {
  const actor = await requireCustomerActor("tickets.create");
  const [options, t] = await Promise.all([newTicketOptions(actor), getTranslations("support.new")]);
  return (
    <div>
      <PageHeader back={{ href: "/support/tickets", label: t("back") }} title={t("title")} description={t("description")} />
      <NewTicketForm options={options} />
    </div>
  );
}
