import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert, Card, PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { CONTACT_ROLES, COUNTRY_CODES, type ContactFormFields } from "@/lib/domains/contact-schemas";
import { getDomainContacts } from "@/lib/domains/contacts";
import { formatCountry } from "@/lib/format/regions";
import { DomainContactsForm } from "./contacts-form";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("domainContacts");
  return { title: `${t("link")} · Portico` };
}

/** A domain's registrant, admin, tech and billing contacts: the form for domains.manage on an active domain, read-only otherwise. */
export default async function DomainContactsPage({ params }: Props) {
  const actor = await requireCustomerActor("domains.view");
  const { id } = await params;
  const [view, t, locale] = await Promise.all([getDomainContacts(actor, id), getTranslations("domainContacts"), getLocale()]);
  if (!view) notFound();

  const collator = new Intl.Collator(locale);
  const countries = COUNTRY_CODES.map((code) => ({ code, name: formatCountry(code, locale) })).sort((a, b) => collator.compare(a.name, b.name));
  const countryName = (code: string) => formatCountry(code, locale);

  return (
    <div className="space-y-6">
      <PageHeader back={{ href: `/domains/${view.domain.id}`, label: view.domain.name }} title={t("title", { domain: view.domain.name })} description={t("description")} />
      {view.pending ? (
        <Alert tone="info" data-testid="contacts-pending">
          {t("pending")}
        </Alert>
      ) : null}
      {view.canEdit ? (
        <DomainContactsForm
          domainId={view.domain.id}
          saveId={randomUUID()}
          contacts={view.contacts}
          sameAsRegistrant={view.sameAsRegistrant}
          stored={view.stored}
          countries={countries}
        />
      ) : (
        <>
          <Alert tone="neutral" data-testid="contacts-read-only">
            {view.domain.status === "active" ? t("readOnly") : t("notActive")}
          </Alert>
          <div className="grid gap-4 lg:grid-cols-2">
            {CONTACT_ROLES.map((role) => (
              <Card key={role} title={t(`roles.${role}`)} headingLevel={2}>
                {role !== "registrant" && view.sameAsRegistrant[role] ? (
                  <p className="text-sm text-muted">{t("sameAsRegistrant")}</p>
                ) : (
                  <ContactDetails contact={view.contacts[role]} countryName={countryName} labels={(field) => t(`fields.${field}`)} none={t("none")} />
                )}
              </Card>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function ContactDetails({ contact, countryName, labels, none }: { contact: ContactFormFields; countryName: (code: string) => string; labels: (field: keyof ContactFormFields) => string; none: string }) {
  const rows: [keyof ContactFormFields, string][] = [
    ["name", contact.name],
    ["organization", contact.organization],
    ["email", contact.email],
    ["phone", contact.phone],
    ["street", contact.street],
    ["city", contact.city],
    ["postcode", contact.postcode],
    ["country", contact.country ? countryName(contact.country) : ""],
  ];
  return (
    <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[9rem_1fr]">
      {rows.map(([field, value]) => (
        <div key={field} className="contents">
          <dt className="text-muted">{labels(field)}</dt>
          <dd className="min-w-0 break-words">{value || none}</dd>
        </div>
      ))}
    </dl>
  );
}
