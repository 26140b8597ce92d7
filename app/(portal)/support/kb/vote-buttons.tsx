"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui";
import { voteAction } from "./actions";

type Tally = { helpfulYes: number; helpfulNo: number; myVote: boolean | null };

/** "Was this helpful?" Yes / No as toggle buttons (aria-pressed); the reader may change their answer. */
export function VoteButtons({ articleId, initial }: { articleId: string; initial: Tally }) {
  const t = useTranslations("kb");
  const headingId = useId();
  const [tally, setTally] = useState<Tally>(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const vote = (helpful: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await voteAction({ articleId, helpful });
      if (result.ok) setTally(result.data);
      else setError(result.error ?? "errors.generic");
    });

  const total = tally.helpfulYes + tally.helpfulNo;
  return (
    <div role="group" aria-labelledby={headingId} className="space-y-3">
      <p id={headingId} className="text-sm font-medium text-fg">
        {t("article.helpfulQuestion")}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant={tally.myVote === true ? "primary" : "secondary"} aria-pressed={tally.myVote === true} disabled={pending} onClick={() => vote(true)}>
          {t("article.yes")}
        </Button>
        <Button variant={tally.myVote === false ? "primary" : "secondary"} aria-pressed={tally.myVote === false} disabled={pending} onClick={() => vote(false)}>
          {t("article.no")}
        </Button>
      </div>
      <div aria-live="polite" className="space-y-1 text-sm text-muted">
        {tally.myVote !== null ? <p>{t("article.thanks")}</p> : null}
        {total > 0 ? <p>{t("article.tally", { helpful: tally.helpfulYes, total })}</p> : null}
      </div>
      {error ? <Alert tone="danger">{t(error)}</Alert> : null}
    </div>
  );
}
