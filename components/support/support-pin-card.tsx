import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { Card } from "@/components/ui";
import { formatDate } from "@/lib/format";
import { RegenerateSupportPinButton } from "./support-pin-regenerate";

type SupportPinCardProps = {
  /** From getSupportPin(actor) (lib/support/support-pin.ts). */
  pin: string;
  updatedAt: Date;
  /** can(actor, "account.manage"): only then is the regenerate button shown (the action checks again). */
  mayRegenerate: boolean;
  /** The viewer's time zone, for the "changed on" date. */
  timeZone: string;
  id?: string;
  className?: string;
};

/**
 * The customer's support PIN for phone and chat, with a regenerate button for account managers.
 * Every person of the customer sees it; staff never do (they can only check a PIN a caller gives).
 */
export async function SupportPinCard({ pin, updatedAt, mayRegenerate, timeZone, id = "support-pin-card", className }: SupportPinCardProps) {
  const [t, locale] = await Promise.all([getTranslations("support.customerPin"), getLocale()]);
  return (
    <Card id={id} title={t("title")} description={t("description")} className={className}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="sr-only">{t("pinLabel")}</p>
          <p className="font-mono text-3xl font-semibold tracking-[0.3em] text-fg" data-testid="support-pin-value">
            {pin}
          </p>
          <p className="mt-1 text-xs text-muted">{t("changed", { date: formatDate(updatedAt, locale, timeZone) })}</p>
        </div>
        {mayRegenerate ? (
          <ClientMessages namespaces={["support"]}>
            <RegenerateSupportPinButton />
          </ClientMessages>
        ) : null}
      </div>
    </Card>
  );
}
