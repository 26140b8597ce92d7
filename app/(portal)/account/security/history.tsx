import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, EmptyState, Pagination, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import type { Actor } from "@/lib/auth/actor-types";
import { loginHistory } from "@/lib/auth/account-security";
import { formatDateTime } from "@/lib/format";
import { deviceText } from "./device-text";

/** Sign-ins to the user's login (success and failure) of the last 90 days, newest first, paginated. */
export async function LoginHistory({ actor, timeZone, page }: { actor: Actor; timeZone: string; page: number }) {
  const [history, t, locale] = await Promise.all([loginHistory(actor, page), getTranslations("accountSecurity"), getLocale()]);
  return (
    <Card id="login-history" title={t("history.title")} description={t("history.intro")}>
      {history.rows.length === 0 ? (
        <EmptyState title={t("history.empty")} />
      ) : (
        <>
          <Table caption={t("history.title")} data-testid="login-history">
            <THead>
              <tr>
                <TH>{t("history.time")}</TH>
                <TH>{t("history.result")}</TH>
                <TH>{t("history.ip")}</TH>
                <TH>{t("history.browser")}</TH>
              </tr>
            </THead>
            <TBody>
              {history.rows.map((row) => (
                <TR key={row.id} data-testid="login-history-row">
                  <TD>{formatDateTime(row.at, locale, timeZone)}</TD>
                  <TD>{row.succeeded ? <Badge tone="success">{t("history.success")}</Badge> : <Badge tone="danger">{t("history.failure")}</Badge>}</TD>
                  <TD className="font-mono">{row.ip}</TD>
                  <TD>{deviceText(t, row)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <Pagination page={history.page} pageCount={history.pageCount} pathname="/account/security" />
        </>
      )}
    </Card>
  );
}
