import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { cache } from "react";
import { Markdown } from "@/components/markdown";
import { Alert, Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor-types";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { getArticle } from "@/lib/kb/queries";
import { VoteButtons } from "../vote-buttons";

// Metadata and the page need the same article: load it once per request.
const loadArticle = cache(async (slug: string) => {
  const actor = await requireCustomerActor();
  return { actor, article: await getArticle(actor, slug, await getLocale()) };
});

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { article } = await loadArticle((await params).slug);
  return { title: `${article?.title ?? "404"} · Portico` };
}

export default async function KbArticlePage({ params }: Props) {
  const { actor, article } = await loadArticle((await params).slug);
  // Drafts, unknown slugs and slugs without an English or own-language version all look the same.
  if (!article) notFound();
  const [t, locale, timeZone] = await Promise.all([getTranslations("kb"), getLocale(), getTimeZone()]);
  return (
    <article lang={article.locale}>
      <PageHeader
        title={article.title}
        back={{ href: `/support/kb?category=${article.category.slug}`, label: article.category.name }}
        description={t("article.updated", { date: formatDate(article.updatedAt, locale, timeZone) })}
      />
      {article.fallback ? (
        <Alert tone="info" className="mb-4" lang={locale}>
          {t("article.fallbackNotice")}
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card>
          <Markdown source={article.body} className="text-base" />
        </Card>
        <aside className="space-y-4" lang={locale}>
          <Card>
            <VoteButtons articleId={article.id} initial={{ helpfulYes: article.helpfulYes, helpfulNo: article.helpfulNo, myVote: article.myVote }} />
          </Card>
          {can(actor, "tickets.create") ? (
            <p className="text-sm text-muted">
              {t("portal.needHelp")}{" "}
              <Link href="/support/tickets/new" className="font-medium text-accent hover:underline">
                {t("portal.openTicket")}
              </Link>
            </p>
          ) : null}
        </aside>
      </div>
    </article>
  );
}
