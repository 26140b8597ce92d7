import Link from "next/link";
import { useTranslations } from "next-intl";
import { cn } from "./cn";

type SearchParams = Record<string, string | string[] | undefined>;

type PaginationProps = {
  /** 1-based current page. */
  page: number;
  pageCount: number;
  /** The page's path, e.g. "/billing/invoices". */
  pathname: string;
  /** The current search params; kept in the links (filters), with `page` replaced. */
  searchParams?: SearchParams;
  className?: string;
};

/** Builds `pathname?…&page=n`, keeping other params; page 1 drops the param. */
export function pageHref(pathname: string, page: number, searchParams: SearchParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (key === "page" || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Parses `?page=` safely: anything that is not a positive integer is page 1. */
export function parsePage(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  const n = raw && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

/** Previous / next links with "page x of y"; renders nothing when there is one page. */
export function Pagination({ page, pageCount, pathname, searchParams, className }: PaginationProps) {
  const t = useTranslations("common.pagination");
  if (pageCount <= 1) return null;
  const linkClass =
    "inline-flex h-9 items-center rounded-md border border-border bg-surface px-3 text-sm font-medium text-fg hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring";
  const disabledClass = "inline-flex h-9 items-center rounded-md border border-border px-3 text-sm text-muted opacity-50";
  return (
    <nav aria-label={t("label")} className={cn("mt-4 flex items-center justify-between gap-2", className)}>
      {page > 1 ? (
        <Link className={linkClass} href={pageHref(pathname, page - 1, searchParams)} rel="prev">
          {t("previous")}
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          {t("previous")}
        </span>
      )}
      <p className="text-sm text-muted" aria-current="page">
        {t("pageOf", { page, pageCount })}
      </p>
      {page < pageCount ? (
        <Link className={linkClass} href={pageHref(pathname, page + 1, searchParams)} rel="next">
          {t("next")}
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          {t("next")}
        </span>
      )}
    </nav>
  );
}
