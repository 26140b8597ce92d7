import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Button, Card, EmptyState, Input, PageHeader, Pagination } from "@/components/ui";
import { type CustomerActor, can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { type KbArticleListItem, type KbCategorySummary, listArticles, listCategories, searchArticles } from "@/lib/kb/queries";
import { type KbListParams, kbListParamsSchema } from "@/lib/kb/schemas";
import { FaqList } from "./faq-list";
import { HelpNav } from "./help-nav";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kb.portal");
  return { title: `${t("title")} · Portico` };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** How many articles a category shows on the overview before "All articles…". */
const OVERVIEW_ARTICLES = 5;
/** A FAQ shows its answers in place; this many on the overview. */
const OVERVIEW_FAQ = 30;

export default async function KnowledgeBasePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomerActor();
  const query = await searchParams;
  const params = kbListParamsSchema.parse(query);
  const [t, locale] = await Promise.all([getTranslations("kb.portal"), getLocale()]);

  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <HelpNav current="kb" showTickets={can(actor, "tickets.view")} />
      <form role="search" method="get" action="/support/kb" className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1 space-y-1.5">
          <label htmlFor="kb-q" className="block text-sm font-medium text-fg">
            {t("searchLabel")}
          </label>
          <Input id="kb-q" name="q" type="search" defaultValue={params.q} maxLength={200} placeholder={t("searchPlaceholder")} autoComplete="off" />
        </div>
        <Button type="submit">{t("searchButton")}</Button>
      </form>
      {params.q ? (
        <SearchResults actor={actor} params={params} locale={locale} query={query} />
      ) : params.category ? (
        <CategoryArticles actor={actor} slug={params.category} page={params.page} locale={locale} query={query} />
      ) : (
        <Overview actor={actor} locale={locale} />
      )}
      {can(actor, "tickets.create") ? (
        <p className="mt-8 text-sm text-muted">
          {t("needHelp")}{" "}
          <Link href="/support/tickets/new" className="font-medium text-accent hover:underline">
            {t("openTicket")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

async function SearchResults({ actor, params, locale, query }: { actor: CustomerActor; params: KbListParams; locale: string; query: SearchParams }) {
  const t = await getTranslations("kb.portal");
  const result = await searchArticles(actor, params.q, locale, params.page);
  return (
    <section aria-labelledby="kb-results-title">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="kb-results-title" className="text-lg font-semibold">
          {t("resultsTitle", { q: params.q })}
        </h2>
        <Link href="/support/kb" className="text-sm text-accent hover:underline">
          {t("backToCategories")}
        </Link>
      </div>
      {result.items.length === 0 ? (
        <EmptyState title={t("noResults", { q: params.q })} description={t("noResultsHint")} />
      ) : (
        <>
          <p className="mb-3 text-sm text-muted" role="status">
            {t("resultsCount", { count: result.total })}
          </p>
          <ol className="space-y-3" aria-label={t("resultsCaption")}>
            {result.items.map((hit) => (
              <li key={hit.id} className="rounded-md border border-border bg-surface p-4">
                <Link href={`/support/kb/${hit.slug}`} className="font-medium text-accent hover:underline" lang={hit.locale}>
                  {hit.title}
                </Link>
                {hit.fallback ? (
                  <Badge className="ml-2" lang="en">
                    {t("inEnglish")}
                  </Badge>
                ) : null}
                {/* ts_headline output, rendered as text: the highlighted words become <mark>, nothing else is markup. */}
                <p className="mt-1 text-sm text-muted" lang={hit.locale}>
                  {hit.snippet.map((part, i) =>
                    part.hit ? (
                      <mark key={i} className="rounded bg-warning-soft px-0.5 text-fg">
                        {part.text}
                      </mark>
                    ) : (
                      <span key={i}>{part.text}</span>
                    ),
                  )}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/support/kb" searchParams={query} />
    </section>
  );
}

function ArticleLinks({ items, fallbackLabel }: { items: KbArticleListItem[]; fallbackLabel: string }) {
  return (
    <ul className="space-y-2 text-sm">
      {items.map((item) => (
        <li key={item.id}>
          <Link href={`/support/kb/${item.slug}`} className="text-accent hover:underline" lang={item.locale}>
            {item.title}
          </Link>
          {item.fallback ? (
            <Badge className="ml-2" lang="en">
              {fallbackLabel}
            </Badge>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

async function Overview({ actor, locale }: { actor: CustomerActor; locale: string }) {
  const t = await getTranslations("kb.portal");
  const categories = (await listCategories(actor, locale)).filter((c) => c.articleCount > 0);
  if (categories.length === 0) return <EmptyState title={t("emptyTitle")} description={t("emptyHint")} />;
  const lists = await Promise.all(
    categories.map((c) => listArticles(actor, c.slug, locale, c.isFaq ? { pageSize: OVERVIEW_FAQ, withBody: true } : { pageSize: OVERVIEW_ARTICLES })),
  );
  const faqs = categories.flatMap((c, i) => (c.isFaq && lists[i] ? [{ category: c, items: lists[i].items }] : []));
  const others = categories.flatMap((c, i) => (!c.isFaq && lists[i] ? [{ category: c, items: lists[i].items }] : []));
  return (
    <div className="space-y-8">
      {others.length > 0 ? (
        <div className="grid gap-4 md:grid-cols-2">
          {others.map(({ category, items }) => (
            <CategoryCard key={category.id} category={category} items={items} />
          ))}
        </div>
      ) : null}
      {faqs.map(({ category, items }) => (
        <section key={category.id} aria-labelledby={`faq-${category.slug}`}>
          <h2 id={`faq-${category.slug}`} className="mb-3 text-lg font-semibold">
            {category.name}
          </h2>
          <FaqList items={items} />
          {category.articleCount > items.length ? (
            <Link href={`/support/kb?category=${category.slug}`} className="mt-2 inline-block text-sm text-accent hover:underline">
              {t("showAll", { category: category.name, count: category.articleCount })}
            </Link>
          ) : null}
        </section>
      ))}
    </div>
  );
}

async function CategoryCard({ category, items }: { category: KbCategorySummary; items: KbArticleListItem[] }) {
  const t = await getTranslations("kb.portal");
  return (
    <Card
      id={`category-${category.slug}`}
      title={category.name}
      description={t("articleCount", { count: category.articleCount })}
      footer={
        category.articleCount > items.length ? (
          <Link href={`/support/kb?category=${category.slug}`} className="text-sm text-accent hover:underline">
            {t("showAll", { category: category.name, count: category.articleCount })}
          </Link>
        ) : undefined
      }
    >
      <ArticleLinks items={items} fallbackLabel={t("inEnglish")} />
    </Card>
  );
}

async function CategoryArticles({ actor, slug, page, locale, query }: { actor: CustomerActor; slug: string; page: number; locale: string; query: SearchParams }) {
  const t = await getTranslations("kb.portal");
  const categories = await listCategories(actor, locale);
  const category = categories.find((c) => c.slug === slug);
  if (!category) notFound();
  const result = await listArticles(actor, slug, locale, { page, withBody: category.isFaq });
  if (!result) notFound();
  return (
    <section aria-labelledby="kb-category-title">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="kb-category-title" className="text-lg font-semibold">
          {category.name}
        </h2>
        <Link href="/support/kb" className="text-sm text-accent hover:underline">
          {t("backToCategories")}
        </Link>
      </div>
      {result.items.length === 0 ? (
        <EmptyState title={t("categoryEmpty")} />
      ) : category.isFaq ? (
        <FaqList items={result.items} />
      ) : (
        <Card>
          <ArticleLinks items={result.items} fallbackLabel={t("inEnglish")} />
        </Card>
      )}
      <Pagination page={result.page} pageCount={Math.ceil(result.total / result.pageSize)} pathname="/support/kb" searchParams={query} />
    </section>
  );
}
