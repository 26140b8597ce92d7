import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui";

/** The domain page's way to the contacts page (every reader of the domain may see them). */
export async function DomainContactsLink({ domainId }: { domainId: string }) {
  const t = await getTranslations("domainContacts");
  return (
    <Button href={`/domains/${domainId}/contacts`} variant="secondary" data-testid="domain-contacts-link">
      {t("link")}
    </Button>
  );
}
