import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import type { Actor } from "@/lib/auth/actor-types";
import { listOwnSessions } from "@/lib/auth/account-security";
import { formatDateTime } from "@/lib/format";
import { deviceText } from "./device-text";
import { SignOutOthersButton, SignOutSessionButton } from "./session-buttons";

/** The user's live sessions with "sign out" each and "sign out everywhere else". */
export async function Sessions({ actor, timeZone }: { actor: Actor; timeZone: string }) {
  const [sessions, t, locale] = await Promise.all([listOwnSessions(actor), getTranslations("accountSecurity"), getLocale()]);
  const others = sessions.filter((s) => !s.current);
  return (
    <Card id="sessions" title={t("sessions.title")} description={t("sessions.intro")}>
      <div className="space-y-4">
        <Table caption={t("sessions.title")} data-testid="sessions-table">
          <THead>
            <tr>
              <TH>{t("sessions.device")}</TH>
              <TH>{t("sessions.ip")}</TH>
              <TH>{t("sessions.signedIn")}</TH>
              <TH>{t("sessions.lastSeen")}</TH>
              <TH>
                <span className="sr-only">{t("sessions.actions")}</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {sessions.map((s) => {
              const device = deviceText(t, s);
              return (
                <TR key={s.id} data-testid="session-row" data-current={s.current ? "true" : undefined}>
                  <TD>
                    <div className="flex flex-wrap items-center gap-2">
                      <span>{device}</span>
                      {s.current ? <Badge tone="success">{t("sessions.thisDevice")}</Badge> : null}
                      {s.pendingSecondFactor ? <Badge tone="warning">{t("sessions.pending")}</Badge> : null}
                      {s.staffSupport ? <Badge tone="info">{t("sessions.staff")}</Badge> : null}
                    </div>
                  </TD>
                  <TD className="font-mono">{s.ip ?? "—"}</TD>
                  <TD>{formatDateTime(s.createdAt, locale, timeZone)}</TD>
                  <TD>{formatDateTime(s.lastSeenAt, locale, timeZone)}</TD>
                  <TD>{s.current ? null : <SignOutSessionButton sessionId={s.id} device={device} />}</TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
        {others.length > 0 ? <SignOutOthersButton /> : <p className="text-sm text-muted">{t("sessions.onlyThis")}</p>}
      </div>
    </Card>
  );
}
