import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";
import type { ProvisioningJobStatus, ProvisioningState, ServiceStatus } from "@/lib/generated/prisma/enums";

// Status and provisioning badges of the staff service pages (list and detail). Messages: "staffServices".

const STATUS_TONES: Record<ServiceStatus, Tone> = { pending: "info", active: "success", suspended: "warning", cancelled: "neutral", terminated: "neutral" };
const PROVISIONING_TONES: Record<ProvisioningState, Tone> = { none: "neutral", queued: "info", running: "info", retrying: "warning", failed: "danger", done: "success" };
const JOB_TONES: Record<ProvisioningJobStatus, Tone> = { queued: "info", running: "info", retrying: "warning", failed: "danger", done: "success", done_manually: "success" };

export const jobStatusTone = (status: ProvisioningJobStatus): Tone => JOB_TONES[status];

export function ServiceStatusBadge({ status }: { status: ServiceStatus }) {
  const t = useTranslations("staffServices.status");
  return <Badge tone={STATUS_TONES[status]}>{t(status)}</Badge>;
}

/** Nothing for a service no module call ever touched ("none"); the state of the last call otherwise. */
export function ProvisioningBadge({ state }: { state: ProvisioningState }) {
  const t = useTranslations("staffServices.provisioning");
  if (state === "none") return null;
  return (
    <Badge tone={PROVISIONING_TONES[state]} data-testid="provisioning-badge">
      {t(state)}
    </Badge>
  );
}
