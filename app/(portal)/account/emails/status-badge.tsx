import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";

const TONES: Record<string, Tone> = { queued: "info", sending: "info", sent: "success", delivered_builtin: "success", failed: "danger" };

export function EmailStatusBadge({ status }: { status: string }) {
  const t = useTranslations("accountMail.status");
  return <Badge tone={TONES[status] ?? "neutral"}>{t.has(status) ? t(status) : status}</Badge>;
}
