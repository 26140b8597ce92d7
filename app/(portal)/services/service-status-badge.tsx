import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";
import type { ServiceStatus } from "@/lib/generated/prisma/enums";

const TONES: Record<ServiceStatus, Tone> = {
  pending: "info",
  active: "success",
  suspended: "warning",
  cancelled: "neutral",
  terminated: "neutral",
};

export function ServiceStatusBadge({ status }: { status: ServiceStatus }) {
  const t = useTranslations("sections.services.status");
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
