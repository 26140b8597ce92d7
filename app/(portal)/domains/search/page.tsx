import type { Metadata } from "next";
import Form from "next/form";
import { getLocale, getTranslations } from "next-intl/server";
import { AddRegistrationButton } from "@/components/domains/domain-order-controls";
import { Alert, Badge, Button, Card, FormField, Input, PageHeader, TBody, TD, TH, THead, TR, Table, type Tone } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatMoney } from "@/lib/format";
import { domainSearchSchema } from "@/lib/domains/schemas";
import { type SearchResult, searchDomains } from "@/lib/domains/search";
import { formatCalendarDate } from "@/lib/format";
import type { RdapLookupResult } from "@/lib/integrations/registrar/rdap";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.domainSearch");
  return { title: `${t("title")} · Portico` };
}

/** A GET form (`?q=`), so a search can be bookmarked and the dashboard's search box can land here. */
export default async function DomainSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("domains.view");
  const raw = (await searchParams).q;
  const submitted = typeof raw === "string" ? raw : undefined;
  const parsed = submitted === undefined ? null : domainSearchSchema.safeParse({ q: submitted });
  const error = parsed && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const [t, tOrders, locale] = await Promise.all([getTranslations("sections"), getTranslations("domainOrders"), getLocale()]);
  const canOrder = can(actor, "orders.place");
  const outcome = parsed?.success ? await searchDomains(actor, parsed.data.q) : null;

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/domains", label: t("domains.back") }}
        title={t("domainSearch.title")}
        description={t("domainSearch.description")}
      />
      <Card>
        <Form action="/domains/search" className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <FormField
            id="domain-search"
            label={t("domainSearch.label")}
            hint={t("domainSearch.hint")}
            error={error === "required" || error === "invalid" ? t(`domainSearch.errors.${error}`) : undefined}
            className="flex-1"
          >
            <Input
              name="q"
              type="search"
              defaultValue={submitted}
              placeholder={t("domainSearch.placeholder")}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={300}
            />
          </FormField>
          <Button type="submit" className="sm:mt-6">
            {t("domainSearch.submit")}
          </Button>
        </Form>
      </Card>
      {outcome?.kind === "unavailable" ? <Alert tone="warning">{t("domainSearch.unavailable")}</Alert> : null}
      {outcome?.kind === "invalid" ? <Alert tone="warning">{t("domainSearch.invalidName")}</Alert> : null}
      {outcome?.kind === "results" && outcome.rdap && outcome.exact ? <RdapCard rdap={outcome.rdap} name={outcome.exact.unicode ?? outcome.exact.name} locale={locale} t={t} /> : null}
      {outcome?.kind === "results" ? (
        <Card title={t("domainSearch.results", { name: parsed?.success ? parsed.data.q : "" })} description={t("domainSearch.ordering")}>
          <Table caption={t("domainSearch.tableCaption")}>
            <THead>
              <TR>
                <TH>{t("domainSearch.domain")}</TH>
                <TH>{t("domainSearch.availability")}</TH>
                <TH>{t("domainSearch.price")}</TH>
                {canOrder ? <TH>{tOrders("add.column")}</TH> : null}
              </TR>
            </THead>
            <TBody>
              {[...(outcome.exact ? [outcome.exact] : []), ...outcome.suggestions].map((result) => (
                <ResultRow key={result.name} result={result} exact={result === outcome.exact} currency={outcome.currency} locale={locale} t={t} order={canOrder ? tOrders : null} />
              ))}
            </TBody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}

const TONES: Record<string, Tone> = { available: "success", premium: "info", taken: "neutral", reserved: "warning", invalid: "danger", unsupported: "neutral" };

type Translate = Awaited<ReturnType<typeof getTranslations<"sections">>>;

type TranslateOrders = Awaited<ReturnType<typeof getTranslations<"domainOrders">>>;

/** One name: its state, its price and, for someone who may order, "add to cart" (free) or "transfer" (taken). */
function ResultRow({ result, exact, currency, locale, t, order }: { result: SearchResult; exact: boolean; currency: string; locale: string; t: Translate; order: TranslateOrders | null }) {
  const a = result.availability;
  const state = a.available ? (a.premium ? "premium" : "available") : a.reason;
  const money = (minor: bigint) => formatMoney(minor, currency, locale);
  let price: string;
  if (a.available && a.premium) price = a.currency === currency ? t("domainSearch.premiumPrice", { price: money(a.premiumPriceMinor) }) : t("domainSearch.notPriced");
  else if (a.available) price = result.prices.register === null ? t("domainSearch.notPriced") : `${t("domainSearch.perYear", { price: money(result.prices.register) })}${result.prices.renew !== null && result.prices.renew !== result.prices.register ? ` · ${t("domainSearch.renewsAt", { price: money(result.prices.renew) })}` : ""}`;
  else if (a.reason === "taken" && result.prices.transfer !== null) price = t("domainSearch.transferFor", { price: money(result.prices.transfer) });
  else price = "—";
  return (
    <TR data-testid="domain-result" className={exact ? "font-medium" : undefined}>
      <TD className="break-all">
        {result.unicode ?? result.name}
        {result.unicode ? <span className="block text-xs text-muted">{result.name}</span> : null}
      </TD>
      <TD>
        <Badge tone={TONES[state] ?? "neutral"}>{t(`domainSearch.status.${state}`)}</Badge>
      </TD>
      <TD>{price}</TD>
      {order ? (
        <TD>
          {a.available && !a.premium && result.prices.register !== null ? (
            <AddRegistrationButton name={result.name} label={result.unicode ?? result.name} />
          ) : !a.available && a.reason === "taken" && result.prices.transfer !== null ? (
            <Button href={`/domains/transfer?name=${encodeURIComponent(result.name)}`} size="sm" variant="secondary" aria-label={order("add.transferNamed", { name: result.unicode ?? result.name })} data-testid="transfer-link">
              {order("add.transfer")}
            </Button>
          ) : null}
        </TD>
      ) : null}
    </TR>
  );
}

/** What the registry's RDAP service says about a taken name, or why it cannot say. */
function RdapCard({ rdap, name, locale, t }: { rdap: RdapLookupResult; name: string; locale: string; t: Translate }) {
  if (rdap.kind !== "registered") {
    const key = rdap.kind === "not_found" ? "notFound" : rdap.kind === "unsupported_tld" ? "unsupported" : "unavailable";
    return (
      <Alert tone={key === "unavailable" ? "warning" : "info"} title={t("domainSearch.rdap.title", { name })} data-testid="rdap-result">
        {t(`domainSearch.rdap.${key}`)}
      </Alert>
    );
  }
  const date = (d: Date | undefined) => (d ? formatCalendarDate(d, locale) : t("domainSearch.rdap.unknown"));
  return (
    <Card title={t("domainSearch.rdap.title", { name })} description={t("domainSearch.rdap.transferHint")} data-testid="rdap-result">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-muted">{t("domainSearch.rdap.registrar")}</dt>
        <dd>{rdap.registrar ?? t("domainSearch.rdap.unknown")}</dd>
        <dt className="text-muted">{t("domainSearch.rdap.registered")}</dt>
        <dd>{date(rdap.events.registration)}</dd>
        <dt className="text-muted">{t("domainSearch.rdap.expires")}</dt>
        <dd>{date(rdap.events.expiration)}</dd>
        <dt className="text-muted">{t("domainSearch.rdap.nameservers")}</dt>
        <dd className="break-all font-mono">{rdap.nameservers.length ? rdap.nameservers.join(", ") : t("domainSearch.rdap.unknown")}</dd>
        <dt className="text-muted">{t("domainSearch.rdap.status")}</dt>
        <dd>{rdap.status.length ? rdap.status.join(", ") : t("domainSearch.rdap.unknown")}</dd>
        <dt className="text-muted">{t("domainSearch.rdap.dnssec")}</dt>
        <dd>{rdap.dnssec === null ? t("domainSearch.rdap.unknown") : rdap.dnssec ? t("domainSearch.rdap.dnssecOn") : t("domainSearch.rdap.dnssecOff")}</dd>
      </dl>
    </Card>
  );
}
