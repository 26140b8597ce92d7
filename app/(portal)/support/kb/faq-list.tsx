import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { Badge } from "@/components/ui";
import type { KbArticleListItem } from "@/lib/kb/queries";

/**
 * A FAQ category: each question is a native <details>, so it opens with the keyboard and without
 * scripts; the answer is the article's Markdown.
 */
export async function FaqList({ items }: { items: KbArticleListItem[] }) {
  const t = await getTranslations("kb.portal");
  return (
    <div className="divide-y divide-border rounded-md border border-border">
      {items.map((item) => (
        <details key={item.id} className="group">
          <summary className="flex cursor-pointer list-none items-start justify-between gap-3 px-4 py-3 text-sm font-medium text-fg hover:bg-surface-muted focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring [&::-webkit-details-marker]:hidden">
            <span>
              {item.title}
              {item.fallback ? (
                <Badge className="ml-2" lang="en">
                  {t("inEnglish")}
                </Badge>
              ) : null}
            </span>
            <span aria-hidden="true" className="mt-0.5 shrink-0 text-muted transition-transform group-open:rotate-180">
              ▾
            </span>
          </summary>
          <div className="space-y-3 px-4 pb-4" lang={item.locale}>
            <Markdown source={item.body ?? ""} />
            <Link href={`/support/kb/${item.slug}`} className="inline-block text-sm text-accent hover:underline">
              {t("openArticle", { title: item.title })}
            </Link>
          </div>
        </details>
      ))}
    </div>
  );
}
