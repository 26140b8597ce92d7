import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { type UpgradeChoice, UpgradeForm } from "@/components/services/changes/upgrade-form";
import { Alert, Card, EmptyState } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatCalendarDate, formatMoney } from "@/lib/format";
import { upgradeOptions } from "@/lib/services/upgrade";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("serviceChanges.upgrade");
  return { title: `${t("title")} · Portico` };
}

const dateOf = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export default async function ServiceUpgradePage({ params }: Props) {
  const actor = await requireCustomerActor("services.manage");
  const { id } = await params;
  const [view, t, tServices, locale] = await Promise.all([upgradeOptions(actor, id), getTranslations("serviceChanges"), getTranslations("services"), getLocale()]);
  if (!view) notFound();
  const { service, refusal } = view;
  const money = (minor: bigint) => formatMoney(minor, service.currency, locale);
  const choices: UpgradeChoice[] = view.options.map((o) => ({
    productId: o.productId,
    name: o.name,
    description: o.description,
    price: `${money(o.recurringMinor)} · ${service.billingCycle ? tServices(`cycles.${service.billingCycle}`) : ""}`,
    effect: o.netMinor > 0n ? "charge" : o.netMinor < 0n ? "credit" : "none",
    amount: money(o.netMinor < 0n ? -o.netMinor : o.netMinor),
    remainingDays: o.remainingDays,
  }));

  return (
    <div className="space-y-6">
      <Card title={t("upgrade.title")} description={t("upgrade.description")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted">{t("upgrade.current")}</dt>
          <dd data-testid="upgrade-current">{service.productName ?? service.name}</dd>
          <dt className="text-muted">{t("upgrade.currentPrice")}</dt>
          <dd>{service.recurringMinor !== null ? `${money(service.recurringMinor)}${service.billingCycle ? ` · ${tServices(`cycles.${service.billingCycle}`)}` : ""}` : "—"}</dd>
          {service.period ? (
            <>
              <dt className="text-muted">{t("upgrade.paidPeriod")}</dt>
              <dd>
                {formatCalendarDate(dateOf(service.period.start), locale)} – {formatCalendarDate(dateOf(service.period.end), locale)}
              </dd>
            </>
          ) : null}
        </dl>
      </Card>

      {refusal ? (
        <Alert tone="warning" title={t("upgrade.refusedTitle")} data-testid="upgrade-refusal">
          {t(`upgrade.refused.${refusal.key}`)}
          {refusal.invoice ? (
            <>
              {" "}
              <Link href={`/billing/invoices/${refusal.invoice.id}`} className="font-medium text-accent underline">
                {t("upgrade.openInvoice", { number: refusal.invoice.number ?? "—" })}
              </Link>
            </>
          ) : null}
        </Alert>
      ) : choices.length === 0 ? (
        <EmptyState title={t("upgrade.noOptions")} description={t("upgrade.noOptionsHint")} />
      ) : (
        <Card title={t("upgrade.optionsTitle")}>
          <UpgradeForm serviceId={service.id} choices={choices} />
        </Card>
      )}
    </div>
  );
}
