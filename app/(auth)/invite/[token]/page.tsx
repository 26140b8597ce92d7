import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { Alert, Button } from "@/components/ui";
import { inspectInvitation } from "@/lib/accounts/invitations";
import { AcceptExistingUserForm, AcceptNewUserForm } from "./accept-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountContacts");
  return { title: `${t("accept.title")} · Portico`, referrer: "no-referrer" };
}

/** An invitation link: the customer's name, then a new login (name and password) or the existing login's password. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t] = await Promise.all([params, getTranslations("accountContacts")]);
  const invitation = await inspectInvitation(decodeURIComponent(token));

  if (invitation.status !== "open")
    return (
      <>
        <h1 className="text-xl font-semibold text-fg">{t("accept.title")}</h1>
        <Alert tone="warning" className="mt-4" data-testid="invitation-unusable">
          {t(`accept.errors.${invitation.status}`)}
        </Alert>
        <p className="mt-4 text-sm text-muted">{t("accept.askAgain")}</p>
        <div className="mt-4 flex flex-wrap gap-2">
          <Button href="/login" variant="secondary">
            {t("accept.toLogin")}
          </Button>
          <Button href="/request-access" variant="secondary">
            {t("accept.requestAccess")}
          </Button>
        </div>
      </>
    );

  return (
    <>
      <h1 className="text-xl font-semibold text-fg">{t("accept.title")}</h1>
      <p className="mt-1 text-sm text-muted" data-testid="invitation-customer">
        {t("accept.intro", { customer: invitation.customerName })}
      </p>
      <p className="mt-2 text-sm">{t("accept.forEmail", { email: invitation.email })}</p>
      <ClientMessages namespaces={["accountContacts"]}>
        {invitation.hasLogin ? <AcceptExistingUserForm token={decodeURIComponent(token)} email={invitation.email} /> : <AcceptNewUserForm token={decodeURIComponent(token)} email={invitation.email} defaultName={invitation.name} />}
      </ClientMessages>
    </>
  );
}
