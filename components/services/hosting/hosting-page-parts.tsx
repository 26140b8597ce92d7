import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui";
import type { HostingService } from "@/lib/services/hosting";
import { HOSTING_PAGE_SIZE } from "@/lib/services/hosting-schemas";

// Server-side pieces the hosting tool pages share. The tab bar and the page's h1 come from the
// service layout (app/(portal)/services/[id]/layout.tsx); these pages render only their cards.

export type HostingPageProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function hostingMetadata(key: "backups" | "ftp" | "databases" | "email" | "subdomains" | "mailbox"): Promise<Metadata> {
  const t = await getTranslations("hosting.meta");
  return { title: `${t(key)} · Portico` };
}

/** 512 MB, 1.5 GB: sizes the panel reports in MB, in the user's locale. */
export function formatMb(mb: number, locale: string): string {
  if (mb >= 1024) return new Intl.NumberFormat(locale, { style: "unit", unit: "gigabyte", maximumFractionDigits: 1 }).format(mb / 1024);
  return new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 0 }).format(mb);
}

/** One page of a list the panel returns whole; a page past the end shows the last one. */
export function pageOf<T>(items: T[], page: number): { items: T[]; page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(items.length / HOSTING_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  return { items: items.slice((current - 1) * HOSTING_PAGE_SIZE, current * HOSTING_PAGE_SIZE), page: current, pageCount };
}

/** Why the page shows lists without forms (suspended, or no services.manage), and a panel that did not answer. */
export async function HostingNotices({ service, errorKey }: { service: HostingService; errorKey: string | null }) {
  const t = await getTranslations("hosting");
  return (
    <>
      {service.suspended ? (
        <Alert tone="warning" title={t("notices.suspendedTitle")}>
          {t("notices.suspended")}
        </Alert>
      ) : !service.canManage ? (
        <Alert tone="info">{t("notices.readOnly")}</Alert>
      ) : null}
      {errorKey ? <Alert tone="danger">{t.has(errorKey) ? t(errorKey) : t("errors.generic")}</Alert> : null}
    </>
  );
}

/** "3 of 10 used" or "3 (no limit)". */
export async function UsageCount({ count, limit }: { count: number; limit: number | null }) {
  const t = await getTranslations("hosting.common");
  return <span className="text-sm text-muted">{limit === null ? t("usedUnlimited", { count }) : t("used", { count, limit })}</span>;
}

/** Previous / next for a second list on a page, under its own query parameter (`param`). */
export async function ListPager({ page, pageCount, pathname, searchParams, param }: { page: number; pageCount: number; pathname: string; searchParams: Record<string, string | string[] | undefined>; param: string }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("common.pagination");
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(searchParams)) {
      if (key === param || value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    }
    if (n > 1) params.set(param, String(n));
    const q = params.toString();
    return q ? `${pathname}?${q}` : pathname;
  };
  const link = "inline-flex h-9 items-center rounded-md border border-border bg-surface px-3 text-sm font-medium text-fg hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring";
  const off = "inline-flex h-9 items-center rounded-md border border-border px-3 text-sm text-muted opacity-50";
  return (
    <nav aria-label={t("label")} className="mt-4 flex items-center justify-between gap-2">
      {page > 1 ? (
        <a className={link} href={href(page - 1)} rel="prev">
          {t("previous")}
        </a>
      ) : (
        <span className={off} aria-disabled="true">
          {t("previous")}
        </span>
      )}
      <p className="text-sm text-muted" aria-current="page">
        {t("pageOf", { page, pageCount })}
      </p>
      {page < pageCount ? (
        <a className={link} href={href(page + 1)} rel="next">
          {t("next")}
        </a>
      ) : (
        <span className={off} aria-disabled="true">
          {t("next")}
        </span>
      )}
    </nav>
  );
}
