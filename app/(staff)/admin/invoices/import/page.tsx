import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { BankImportForm } from "./bank-import-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffBilling.import");
  return { title: `${t("title")} · Portico` };
}

/** Bank statement import: upload, preview the matches, then book the matched payments. */
export default async function BankImportPage() {
  await requireStaffActor("staff.billing");
  const t = await getTranslations("staffBilling.import");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} back={{ href: "/admin/invoices", label: t("back") }} />
      <Card title={t("formatTitle")}>
        <div className="space-y-2 text-sm">
          <p>{t("formatColumns")}</p>
          <p className="text-muted">{t("formatRules")}</p>
          <pre className="overflow-x-auto rounded-md bg-surface-muted p-2 font-mono text-xs">
            {"date;amount;currency;reference;counterparty;transaction id\n10.03.2026;123,00;EUR;1260000042;Acme s.r.o.;TX-8812"}
          </pre>
        </div>
      </Card>
      <BankImportForm />
    </div>
  );
}
