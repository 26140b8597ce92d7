import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert, Badge, Card, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { getTldForStaff, registrarChoices } from "@/lib/domains/tld-catalog";
import { tldPriceGridFrom } from "@/lib/domains/tld-catalog-schemas";
import { TldActiveToggle, TldSettingsForm } from "../tld-forms";
import { TldPriceGridForm } from "../tld-price-grid-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tldCatalog");
  return { title: `${t("settings.title")} · Portico` };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TldPage({ params, searchParams }: Props) {
  const actor = await requireStaffActor("staff.catalog");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [t, tld, registrars] = await Promise.all([getTranslations("tldCatalog"), getTldForStaff(actor, id), registrarChoices(actor)]);
  if (!tld) notFound();

  return (
    <div className="space-y-6">
      <PageHeader
        title={`.${tld.name}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={tld.active ? "success" : "neutral"}>{tld.active ? t("status.active") : t("status.inactive")}</Badge>
            {tld.unicode ? <span>.{tld.unicode}</span> : null}
            <span className="font-mono">{tld.registrar}</span>
          </span>
        }
        back={{ href: "/admin/catalog/tlds", label: t("list.title") }}
      />
      {query.created === "1" ? <Alert tone="success">{t("create.created")}</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card id="tld-settings" title={t("settings.title")}>
          <TldSettingsForm defaults={{ id: tld.id, registrar: tld.registrar, maxYears: tld.maxYears, position: tld.position }} registrars={registrars} />
        </Card>
        <aside>
          <Card id="tld-lifecycle" title={t("lifecycle.title")}>
            <TldActiveToggle id={tld.id} name={`.${tld.name}`} active={tld.active} domainCount={tld.domainCount} />
          </Card>
        </aside>
      </div>

      <Card id="tld-prices" title={t("prices.title")} description={t("prices.description")}>
        {/* The key remounts the grid when the longest term changes, so its rows follow the settings. */}
        <TldPriceGridForm key={tld.maxYears} defaults={{ tldId: tld.id, prices: tldPriceGridFrom(tld.prices, tld.maxYears) }} />
      </Card>
    </div>
  );
}
