import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui";
import type { TicketPriority, TicketStatus } from "@/lib/generated/prisma/enums";

// "Answered" means the ball is in the customer's court, so it is the one that asks for attention.
const STATUS_TONES: Record<TicketStatus, Tone> = {
  open: "info",
  answered: "warning",
  customer_reply: "info",
  in_progress: "info",
  on_hold: "neutral",
  closed: "neutral",
};

const PRIORITY_TONES: Record<TicketPriority, Tone> = { urgent: "danger", normal: "neutral", low: "neutral" };

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const t = useTranslations("sections.tickets.status");
  return <Badge tone={STATUS_TONES[status]}>{t(status)}</Badge>;
}

export function TicketPriorityBadge({ priority }: { priority: TicketPriority }) {
  const t = useTranslations("sections.tickets.priority");
  return <Badge tone={PRIORITY_TONES[priority]}>{t(priority)}</Badge>;
}
