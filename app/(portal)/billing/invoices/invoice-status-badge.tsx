import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";
import type { InvoiceStatus } from "@/lib/generated/prisma/enums";

const TONES: Record<InvoiceStatus, Tone> = {
  draft: "neutral",
  unpaid: "warning",
  paid: "success",
  cancelled: "neutral",
  refunded: "info",
};

/** An unpaid invoice past its due date shows as "Overdue". */
export function InvoiceStatusBadge({ status, overdue }: { status: InvoiceStatus; overdue: boolean }) {
  const t = useTranslations("sections.invoices.status");
  return overdue ? <Badge tone="danger">{t("overdue")}</Badge> : <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
