"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { suggestArticlesAction } from "@/app/(portal)/support/kb/actions";

type Suggestion = { slug: string; title: string };

const DEBOUNCE_MS = 300;
const MIN_LENGTH = 3;

/** Knowledge-base articles matching what the customer is typing, so the answer may come before the ticket. */
export function KbSuggestions({ text }: { text: string }) {
  const t = useTranslations("support.new");
  const [items, setItems] = useState<Suggestion[]>([]);
  const query = text.trim();

  useEffect(() => {
    if (query.length < MIN_LENGTH) return;
    let current = true;
    const timer = setTimeout(() => {
      suggestArticlesAction(query)
        .then((found) => {
          if (current) setItems(found);
        })
        .catch(() => {
          // Suggestions are a help, not a step: a failed lookup just shows none.
          if (current) setItems([]);
        });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const visible = query.length >= MIN_LENGTH ? items : [];
  return (
    <div aria-live="polite" data-testid="kb-suggestions">
      {visible.length ? (
        <div className="rounded-md border border-border bg-surface-muted p-3 text-sm">
          <p className="font-medium">{t("suggestionsTitle")}</p>
          <ul className="mt-2 space-y-1">
            {visible.map((s) => (
              <li key={s.slug}>
                <Link href={`/support/kb/${encodeURIComponent(s.slug)}`} target="_blank" className="text-link hover:underline">
                  {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
