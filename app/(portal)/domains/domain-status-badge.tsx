import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";
import type { DomainStatus } from "@/lib/generated/prisma/enums";

const TONES: Record<DomainStatus, Tone> = {
  pending_registration: "info",
  pending_transfer: "info",
  active: "success",
  expired: "danger",
  deleted: "neutral",
  transferred_away: "neutral",
  cancelled: "neutral",
};

export function DomainStatusBadge({ status }: { status: DomainStatus }) {
  const t = useTranslations("sections.domains.status");
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
