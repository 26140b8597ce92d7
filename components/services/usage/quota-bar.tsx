import { cn } from "@/components/ui";

/** How much of a quota is used: green, amber from 80 %, red from 95 %; without a quota only the amount. */
export function QuotaBar({ label, used, limit, percent, percentLabel, unlimitedLabel, testId }: { label: string; used: string; limit: string | null; percent: number | null; percentLabel: string | null; unlimitedLabel: string; testId?: string }) {
  const tone = percent === null ? "bg-accent" : percent >= 95 ? "bg-danger" : percent >= 80 ? "bg-warning" : "bg-success";
  return (
    <div className="space-y-1" data-testid={testId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-fg">{label}</span>
        <span className="text-muted">{limit === null ? `${used} · ${unlimitedLabel}` : `${used} / ${limit}${percentLabel === null ? "" : ` (${percentLabel})`}`}</span>
      </div>
      {percent !== null ? (
        <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(100, percent)} className="h-2.5 w-full overflow-hidden rounded-full bg-surface-muted">
          <div className={cn("h-full rounded-full", tone)} style={{ width: `${Math.min(100, percent)}%` }} />
        </div>
      ) : null}
    </div>
  );
}
