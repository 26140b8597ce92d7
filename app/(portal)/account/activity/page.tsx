import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Button, buttonClasses, Card, EmptyState, FormField, Input, PageHeader, Select } from "@/components/ui";
import { activityUsers, listActivity } from "@/lib/accounts/activity";
import { ACTION_GROUP_KEYS, activityQuery, parseActivityFilters } from "@/lib/accounts/activity-schemas";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { safeTimeZone } from "@/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountActivity");
  return { title: `${t("title")} · Portico` };
}

/** The customer's audit log (account.manage): filters in the query string, keyset pages, CSV export. */
export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomerActor("account.manage");
  const filters = parseActivityFilters(await searchParams);
  const [{ rows, next }, users, t, locale] = await Promise.all([listActivity(actor, filters), activityUsers(actor), getTranslations("accountActivity"), getLocale()]);
  const tz = safeTimeZone(actor.timeZone);
  const { before, ...query } = filters;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("intro", { timeZone: tz })}
        actions={
          // A plain link: the CSV is a file download, not a page.
          <a href={`/account/activity/export${activityQuery(query)}`} className={buttonClasses("secondary")} download data-testid="export-csv">
            {t("export")}
          </a>
        }
      />

      <Card>
        <form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" data-testid="activity-filters">
          <FormField id="filter-group" label={t("filters.group")}>
            <Select name="group" defaultValue={filters.group ?? ""}>
              <option value="">{t("filters.all")}</option>
              {ACTION_GROUP_KEYS.map((group) => (
                <option key={group} value={group}>
                  {t(`groups.${group}`)}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField id="filter-user" label={t("filters.user")}>
            <Select name="user" defaultValue={filters.user ?? ""}>
              <option value="">{t("filters.everyone")}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.staff ? t("staffName", { name: u.name }) : u.name}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField id="filter-from" label={t("filters.from")}>
            <Input type="date" name="from" defaultValue={filters.from ?? ""} />
          </FormField>
          <FormField id="filter-to" label={t("filters.to")}>
            <Input type="date" name="to" defaultValue={filters.to ?? ""} />
          </FormField>
          <div className="flex gap-2">
            <Button type="submit">{t("filters.apply")}</Button>
            <Button href="/account/activity" variant="ghost">
              {t("filters.reset")}
            </Button>
          </div>
        </form>
      </Card>

      {rows.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ol className="space-y-3" data-testid="activity-list">
          {rows.map((row) => (
            <li key={row.id} className="rounded-lg border border-border bg-surface px-4 py-3 shadow-sm" data-testid="activity-row" data-action={row.action}>
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <p className="font-medium">
                  {row.label ? t(`actions.${row.label}` as "actions.login") : <span className="font-mono text-sm">{row.action}</span>}
                </p>
                <time dateTime={row.createdAt.toISOString()} className="text-sm text-muted">
                  {formatDateTime(row.createdAt, locale, tz)}
                </time>
              </div>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
                <span>
                  {row.actor ? (row.actor.staff ? t("staffName", { name: row.actor.name }) : row.actor.name) : t("system")}
                </span>
                {row.impersonator ? <Badge tone="warning">{t("impersonatedBy", { name: row.impersonator })}</Badge> : null}
                {row.ip ? <span className="font-mono">{t("from", { ip: row.ip })}</span> : null}
                {row.label ? <span className="font-mono text-xs">{row.action}</span> : null}
              </p>
              {row.changes.length ? (
                <ul className="mt-2 space-y-0.5 text-sm" data-testid="activity-changes">
                  {row.changes.map((c) => (
                    <li key={c.field} className="break-words">
                      <span className="text-muted">{t.has(`fields.${c.field}` as "fields.name") ? t(`fields.${c.field}` as "fields.name") : c.field}:</span> {c.from} → <strong>{c.to}</strong>
                    </li>
                  ))}
                </ul>
              ) : null}
              {row.details.length ? (
                <p className="mt-1 break-words text-xs text-muted">{row.details.map((d) => `${d.key}: ${d.value}`).join(" · ")}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      <nav className="flex flex-wrap justify-between gap-2" aria-label={t("pages")}>
        {before ? (
          <Link href={`/account/activity${activityQuery(query)}`} className="text-sm text-accent hover:underline">
            {t("newest")}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link href={`/account/activity${activityQuery(query, next)}`} className="text-sm text-accent hover:underline" data-testid="older">
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
