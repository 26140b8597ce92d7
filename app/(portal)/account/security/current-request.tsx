import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui";
import type { RequestInfo } from "@/lib/auth/login";
import { browserAndSystem } from "@/lib/auth/user-agent";
import { deviceText } from "./device-text";

/** The IP address and the browser of this very request, as a person reads them. */
export async function CurrentRequest({ request }: { request: RequestInfo }) {
  const t = await getTranslations("accountSecurity");
  const parts = browserAndSystem(request.userAgent);
  return (
    <Card id="this-request" title={t("thisRequest.title")} description={t("thisRequest.intro")}>
      <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-muted">{t("thisRequest.ip")}</dt>
        <dd className="font-mono" data-testid="current-ip">
          {request.ip}
        </dd>
        <dt className="text-muted">{t("thisRequest.browser")}</dt>
        <dd data-testid="current-browser">
          {parts.browser || parts.os ? deviceText(t, parts) : t("thisRequest.unknownBrowser")}
          {request.userAgent ? (
            <details className="mt-1 text-xs text-muted">
              <summary className="cursor-pointer">{t("thisRequest.raw")}</summary>
              <p className="mt-1 break-all font-mono">{request.userAgent}</p>
            </details>
          ) : null}
        </dd>
      </dl>
    </Card>
  );
}
