import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { listVpnServices } from "@/lib/services/vpn-access";
import { VpnPasswordForm } from "./vpn-form";

/** The VPN password of each VPN access service; shown only with services.manage and a VPN service. */
export async function VpnPasswords({ actor }: { actor: CustomerActor }) {
  const [services, t] = await Promise.all([listVpnServices(actor), getTranslations("accountSecurity")]);
  if (services.length === 0) return null;
  return (
    <Card id="vpn" title={t("vpn.title")} description={t("vpn.intro")}>
      <div className="divide-y divide-border">
        {services.map((s) => (
          <section key={s.id} aria-label={s.label ?? s.name} className="space-y-3 py-4 first:pt-0 last:pb-0" data-testid="vpn-service">
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="text-sm font-semibold">{s.name}</h3>
              {s.label ? <span className="text-sm text-muted">{s.label}</span> : null}
              {s.status === "suspended" ? <Badge tone="warning">{t("vpn.suspended")}</Badge> : null}
              {s.status === "pending" ? <Badge tone="neutral">{t("vpn.pending")}</Badge> : null}
            </div>
            {s.username ? <p className="font-mono text-sm">{t("vpn.username", { username: s.username })}</p> : null}
            {s.status === "active" ? <VpnPasswordForm serviceId={s.id} /> : null}
          </section>
        ))}
      </div>
    </Card>
  );
}
