"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { cn } from "@/components/ui";

const MINUTE_MS = 60_000;
const REFRESH_MS = 30_000;
/** Below this a due time counts as "soon" (the queue's filter uses the same hour). */
const SOON_MINUTES = 60;

type Unit = "minute" | "hour" | "day";

/** Whole minutes below two hours, whole hours below two days, days after that. */
function largestUnit(minutes: number): [number, Unit] {
  if (minutes < 120) return [minutes, "minute"];
  if (minutes < 48 * 60) return [Math.round(minutes / 60), "hour"];
  return [Math.round(minutes / 1440), "day"];
}

// One formatter per locale (and unit): the queue renders dozens of countdowns per page.
const unitFormats = new Map<string, Intl.NumberFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function unitFormat(locale: string, unit: Unit): Intl.NumberFormat {
  const key = `${locale}|${unit}`;
  let format = unitFormats.get(key);
  if (!format) unitFormats.set(key, (format = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" })));
  return format;
}
function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: "always" })));
  return format;
}

type SlaCountdownProps = {
  /** ISO timestamp staff must answer by. */
  dueAt: string;
  /** The server's clock when the page was made, so the first render matches on both sides. */
  now: string;
  /** The due time written out in the user's time zone, shown as a tooltip. */
  absolute?: string;
  className?: string;
};

/**
 * Time left to answer ("Due in 25 minutes"), or how late the answer is ("Overdue by 12 min", in
 * red and with the word, so it does not rely on colour). Refreshes every 30 seconds; the text is
 * not a live region, so screen readers are not interrupted twice a minute.
 */
export function SlaCountdown({ dueAt, now, absolute, className }: SlaCountdownProps) {
  const t = useTranslations("staffTickets.sla");
  const locale = useLocale();
  const [nowMs, setNowMs] = useState(() => Date.parse(now));

  useEffect(() => {
    const tick = () => setNowMs(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, REFRESH_MS);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, []);

  const diffMs = Date.parse(dueAt) - nowMs;
  const overdue = diffMs < 0;
  // Left: round up ("1 minute" until it is due); late: round down, but never "0 min late".
  const minutes = overdue ? Math.max(1, Math.floor(-diffMs / MINUTE_MS)) : Math.ceil(diffMs / MINUTE_MS);
  const [value, unit] = largestUnit(minutes);
  const text = overdue
    ? t("overdueBy", { duration: unitFormat(locale, unit).format(value) })
    : t("dueIn", { relative: relativeFormat(locale).format(value, unit) });
  const soon = !overdue && minutes <= SOON_MINUTES;

  return (
    <time
      dateTime={dueAt}
      title={absolute}
      data-state={overdue ? "overdue" : soon ? "soon" : "ok"}
      className={cn("whitespace-nowrap tabular-nums", overdue ? "font-semibold text-danger" : soon ? "font-medium text-warning" : "text-fg", className)}
    >
      {overdue ? <span aria-hidden="true">⚠ </span> : null}
      {text}
    </time>
  );
}
