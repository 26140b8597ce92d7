import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert, Button, Card, PageHeader } from "@/components/ui";
import { inspectEmailChange } from "@/lib/accounts/email-change";
import { requireCustomerActor } from "@/lib/auth/session";
import { ConfirmEmailForm } from "./confirm-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountProfile");
  return { title: `${t("confirm.title")} · Portico` };
}

// Opening the link only shows it: the change needs a click, because mail scanners open links too.
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const [actor, { token }, t] = await Promise.all([requireCustomerActor(), params, getTranslations("accountProfile")]);
  const link = await inspectEmailChange(actor, token);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageHeader title={t("confirm.title")} back={{ href: "/account/profile", label: t("title") }} />
      <Card>
        {link.state === "ready" ? (
          <ConfirmEmailForm token={token} newEmail={link.newEmail} />
        ) : (
          <div className="space-y-4">
            <Alert tone="warning" data-testid="confirm-email-state">
              {t(`confirm.${link.state}`)}
            </Alert>
            <Button href="/account/profile" variant="secondary">
              {t("confirm.back")}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
