import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, Button, Card, EmptyState, FormField, Input, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { getUsageImportService, searchUsageImportServices } from "@/lib/services/usage-import";
import { CALL_COLUMNS, IMPORT_EXAMPLES, TRAFFIC_COLUMNS, usageImportParamsSchema } from "@/lib/services/usage-schemas";
import { UsageImportForm } from "./usage-import-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffServices.usageImport");
  return { title: `${t("title")} · Portico` };
}

/** Staff upload call records (VoIP) or hourly traffic (housing) for one service. */
export default async function UsageImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor("staff.services");
  const params = usageImportParamsSchema.parse(await searchParams);
  const [t, selected, results] = await Promise.all([
    getTranslations("staffServices"),
    params.service ? getUsageImportService(actor, params.service) : null,
    searchUsageImportServices(actor, params.q),
  ]);
  const kind = selected?.kind === "voip" ? "calls" : "traffic";
  const columns = kind === "calls" ? CALL_COLUMNS : TRAFFIC_COLUMNS;
  const qs = (service: string) => `/admin/services/usage-import?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), service }).toString()}`;

  return (
    <div className="space-y-6">
      <PageHeader back={{ href: "/admin/services", label: t("list.title") }} title={t("usageImport.title")} description={t("usageImport.description")} />

      <Card title={t("usageImport.chooseTitle")}>
        <form method="get" action="/admin/services/usage-import" role="search" aria-label={t("usageImport.searchLabel")} className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-end">
          <FormField id="usage-q" label={t("usageImport.search")} hint={t("usageImport.searchHint")} className="sm:flex-1">
            <Input name="q" type="search" defaultValue={params.q ?? ""} maxLength={100} />
          </FormField>
          <Button type="submit">{t("usageImport.searchButton")}</Button>
        </form>
        {results.length === 0 ? (
          <EmptyState title={t("usageImport.noServices")} description={t("usageImport.noServicesHint")} />
        ) : (
          <ul className="divide-y divide-border rounded-md border border-border" aria-label={t("usageImport.resultsLabel")}>
            {results.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <div className="min-w-0">
                  <Link href={qs(s.id)} className="font-medium text-accent hover:underline" aria-current={selected?.id === s.id ? "true" : undefined} data-testid="usage-import-service">
                    {s.name}
                  </Link>
                  <span className="block text-xs text-muted">
                    {s.customer.name} · {s.customer.contractNumber}
                    {s.label ? ` · ${s.label}` : ""}
                  </span>
                </div>
                <Badge tone={selected?.id === s.id ? "info" : "neutral"}>{t(`kind.${s.kind}`)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>

      {params.service && !selected ? <EmptyState title={t("usageImport.errors.serviceNotFound")} /> : null}

      {selected ? (
        <Card title={t("usageImport.uploadTitle", { name: selected.name })} description={t(`usageImport.kinds.${kind}`)}>
          <div className="space-y-4">
            <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="text-muted">{t("usageImport.customer")}</dt>
              <dd>
                {selected.customer.name} ({selected.customer.contractNumber})
              </dd>
              <dt className="text-muted">{t("usageImport.service")}</dt>
              <dd>
                <Link href={`/admin/services/${selected.id}`} className="text-accent hover:underline">
                  {selected.name}
                </Link>
                {selected.label ? ` · ${selected.label}` : ""}
              </dd>
              {kind === "traffic" ? (
                <>
                  <dt className="text-muted">{t("usageImport.addresses")}</dt>
                  <dd className="font-mono text-xs">{selected.addresses.length ? selected.addresses.join(", ") : t("usageImport.noAddresses")}</dd>
                </>
              ) : null}
            </dl>
            <div className="rounded-md bg-surface-muted p-3 text-sm">
              <p className="mb-1 font-medium">{t("usageImport.formatTitle")}</p>
              <p className="mb-2 text-muted">{t(`usageImport.format.${kind}`)}</p>
              <code className="block overflow-x-auto whitespace-pre font-mono text-xs">{columns.join(",")}</code>
              <code className="block overflow-x-auto whitespace-pre font-mono text-xs text-muted">{IMPORT_EXAMPLES[kind]}</code>
            </div>
            <UsageImportForm serviceId={selected.id} kind={kind} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
