import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";
import type { InvoiceKind, InvoiceStatus } from "@/lib/generated/prisma/enums";

const STATUS_TONES: Record<InvoiceStatus, Tone> = { draft: "neutral", unpaid: "warning", paid: "success", cancelled: "neutral", refunded: "info" };

/** The status, with "overdue" (derived from the due date) in place of "unpaid" when it applies. */
export function InvoiceStatusBadge({ status, overdue }: { status: InvoiceStatus; overdue?: boolean }) {
  const t = useTranslations("staffBilling.status");
  if (overdue && status === "unpaid") return <Badge tone="danger">{t("overdue")}</Badge>;
  return <Badge tone={STATUS_TONES[status]}>{t(status)}</Badge>;
}

/** The kind of an issued document; a draft has none yet. */
export function InvoiceKindLabel({ kind, status }: { kind: InvoiceKind; status: InvoiceStatus }) {
  const t = useTranslations("staffBilling.kind");
  return <span>{status === "draft" ? t("draft") : t(kind)}</span>;
}
