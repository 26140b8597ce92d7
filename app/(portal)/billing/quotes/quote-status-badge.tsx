import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";
import type { QuoteStatus } from "@/lib/generated/prisma/enums";

const TONES: Record<QuoteStatus, Tone> = {
  draft: "neutral",
  sent: "info",
  accepted: "success",
  declined: "neutral",
  expired: "warning",
};

/** The quote's effective status (a sent quote past its validity already reads "Expired"). */
export function QuoteStatusBadge({ status }: { status: QuoteStatus }) {
  const t = useTranslations("quotes.status");
  return (
    <Badge tone={TONES[status]} data-status={status}>
      {t(status)}
    </Badge>
  );
}
