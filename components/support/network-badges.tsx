import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";
import type { NetworkIssueKind, NetworkIssueStatus } from "@/lib/generated/prisma/enums";

const STATUS_TONE: Record<NetworkIssueStatus, Tone> = {
  scheduled: "info",
  investigating: "danger",
  identified: "warning",
  monitoring: "info",
  in_progress: "warning",
  resolved: "success",
  completed: "success",
};

export function NetworkKindBadge({ kind }: { kind: NetworkIssueKind }) {
  const t = useTranslations("kb.network.kind");
  return <Badge tone={kind === "incident" ? "danger" : "neutral"}>{t(kind)}</Badge>;
}

export function NetworkStatusBadge({ status }: { status: NetworkIssueStatus }) {
  const t = useTranslations("kb.network.status");
  return <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>;
}

export function AffectsYouBadge() {
  const t = useTranslations("kb.network");
  return <Badge tone="warning">{t("affectsYou")}</Badge>;
}
