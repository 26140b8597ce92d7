import type { Metadata } from "next";
import Form from "next/form";
import { getTranslations } from "next-intl/server";
import { Alert, Button, Card, FormField, Input, PageHeader } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { domainSearchSchema } from "@/lib/domains/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sections.domainSearch");
  return { title: `${t("title")} · Portico` };
}

/** A GET form (`?q=`), so a search can be bookmarked and the dashboard's search box can land here. */
export default async function DomainSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireCustomerActor("domains.view");
  const raw = (await searchParams).q;
  const submitted = typeof raw === "string" ? raw : undefined;
  const parsed = submitted === undefined ? null : domainSearchSchema.safeParse({ q: submitted });
  const error = parsed && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const t = await getTranslations("sections");

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/domains", label: t("domains.back") }}
        title={t("domainSearch.title")}
        description={t("domainSearch.description")}
      />
      <Card>
        <Form action="/domains/search" className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <FormField
            id="domain-search"
            label={t("domainSearch.label")}
            hint={t("domainSearch.hint")}
            error={error === "required" || error === "invalid" ? t(`domainSearch.errors.${error}`) : undefined}
            className="flex-1"
          >
            <Input
              name="q"
              type="search"
              defaultValue={submitted}
              placeholder={t("domainSearch.placeholder")}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={300}
            />
          </FormField>
          <Button type="submit" className="sm:mt-6">
            {t("domainSearch.submit")}
          </Button>
        </Form>
      </Card>
      {parsed?.success ? (
        <Alert tone="info" title={t("domainSearch.youSearched", { name: parsed.data.q })}>
          {t("domainSearch.comingSoon")}
        </Alert>
      ) : null}
    </div>
  );
}
