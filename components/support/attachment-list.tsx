import { useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui";

export type AttachmentListItem = { id: string; fileName: string; size: number };

type AttachmentListProps = {
  /** The download route without the id, e.g. `/support/tickets/T-100001/attachments`. */
  baseHref: string;
  attachments: readonly AttachmentListItem[];
  className?: string;
};

const KIB = 1024;
const MIB = 1024 * 1024;

/** "512 byte", "3.4 kB", "10 MB" in the user's language (binary units, as the 10 MB limit). */
export function formatFileSize(bytes: number, locale: string): string {
  const [value, unit] = bytes >= MIB ? [bytes / MIB, "megabyte"] : bytes >= KIB ? [bytes / KIB, "kilobyte"] : [bytes, "byte"];
  // Rounded up, so a file just over the limit never shows as "10 MB".
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: unit === "byte" ? 0 : 1, roundingMode: "ceil" }).format(value);
}

/**
 * Download links of a message's files. Plain <a> on purpose: next/link would prefetch the route
 * handler, that is, download every file as soon as the link scrolls into view.
 */
export function AttachmentList({ baseHref, attachments, className }: AttachmentListProps) {
  const t = useTranslations("attachments");
  const locale = useLocale();
  if (attachments.length === 0) return null;
  return (
    <ul aria-label={t("listLabel")} className={cn("flex flex-wrap gap-2", className)}>
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <a
            href={`${baseHref}/${encodeURIComponent(attachment.id)}`}
            download={attachment.fileName}
            className="inline-flex max-w-full items-center gap-2 rounded-md border border-border bg-surface px-3 py-1.5 text-sm text-fg shadow-sm hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          >
            <PaperclipIcon />
            <span className="sr-only">{t("download")}: </span>
            <span className="truncate">{attachment.fileName}</span>
            <span className="shrink-0 text-xs text-muted">{formatFileSize(attachment.size, locale)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function PaperclipIcon() {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-4 shrink-0 text-muted">
      <path strokeLinecap="round" strokeLinejoin="round" d="M15.2 9.3 9.6 14.9a3.5 3.5 0 0 1-5-5l6.1-6a2.3 2.3 0 0 1 3.3 3.3l-6 6a1.2 1.2 0 0 1-1.7-1.7l5.4-5.4" />
    </svg>
  );
}
