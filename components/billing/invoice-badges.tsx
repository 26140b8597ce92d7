import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";
import type { InvoiceKind, InvoiceStatus } from "@/lib/generated/prisma/enums";

const TONES: Record<InvoiceStatus, Tone> = {
  draft: "neutral",
  unpaid: "warning",
  paid: "success",
  cancelled: "neutral",
  refunded: "info",
};

/** An unpaid invoice past its due date shows as "Overdue". */
export function InvoiceStatusBadge({ status, overdue }: { status: InvoiceStatus; overdue: boolean }) {
  const t = useTranslations("billing.status");
  return overdue ? <Badge tone="danger">{t("overdue")}</Badge> : <Badge tone={TONES[status]}>{t(status)}</Badge>;
}

/** A proforma is a payment request, not a tax document; credit notes stand out. */
export function InvoiceKindLabel({ kind }: { kind: InvoiceKind }) {
  const t = useTranslations("billing.kind");
  return <Badge tone={kind === "credit_note" ? "info" : "neutral"}>{t(kind)}</Badge>;
}
