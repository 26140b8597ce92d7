import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/shell/client-messages";
import { Alert, Badge, Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table } from "@/components/ui";
import { getCustomerForStaff } from "@/lib/admin/customers";
import { requireStaffActor } from "@/lib/auth/session";
import { formatCalendarDate, formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { startImpersonationAction } from "../actions";
import { CustomerNoteForm } from "./note-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffCustomers");
  return { title: `${t("title")} · Portico` };
}

/** One customer for staff: details, contacts (with "open the portal as"), services, domains, invoices, tickets, notes and the audit trail. */
export default async function StaffCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffActor("staff.customers");
  const { id } = await params;
  const [customer, t, tService, tInvoice, tTicket, tDomain, locale] = await Promise.all([
    getCustomerForStaff(actor, id),
    getTranslations("staffCustomers"),
    getTranslations("staffServices.status"),
    getTranslations("staffBilling.status"),
    getTranslations("staffTickets.status"),
    getTranslations("sections.domains.status"),
    getLocale(),
  ]);
  if (!customer) notFound();
  const tz = actor.timeZone;
  const address = [customer.addressLine1, customer.addressLine2, [customer.postcode, customer.city].filter(Boolean).join(" "), customer.country].filter(Boolean).join(", ");

  return (
    <ClientMessages namespaces={["staffCustomers"]}>
      <div className="space-y-6">
        <PageHeader back={{ href: "/admin/customers", label: t("title") }} title={customer.name} description={t("contractLine", { contract: customer.contractNumber })} />
        {customer.pendingAccessRequests || customer.pendingProfileChanges ? (
          <Alert tone="info">
            {customer.pendingAccessRequests ? (
              <Link href="/admin/customers/access-requests" className="mr-4 underline">
                {t("pendingAccessRequests", { count: customer.pendingAccessRequests })}
              </Link>
            ) : null}
            {customer.pendingProfileChanges ? (
              <Link href="/admin/customers/profile-changes" className="underline">
                {t("pendingProfileChanges", { count: customer.pendingProfileChanges })}
              </Link>
            ) : null}
          </Alert>
        ) : null}

        <Card title={t("details.title")}>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="text-muted">{t("details.email")}</dt>
            <dd className="break-all">{customer.email}</dd>
            <dt className="text-muted">{t("details.phone")}</dt>
            <dd>{customer.phone ?? "—"}</dd>
            <dt className="text-muted">{t("details.address")}</dt>
            <dd>{address || "—"}</dd>
            <dt className="text-muted">{t("details.vatId")}</dt>
            <dd>{customer.vatId ?? "—"}</dd>
            <dt className="text-muted">{t("details.currency")}</dt>
            <dd>{customer.currency}</dd>
            <dt className="text-muted">{t("details.twoFactor")}</dt>
            <dd>{customer.requireTwoFactor ? t("details.required") : t("details.optional")}</dd>
            <dt className="text-muted">{t("details.since")}</dt>
            <dd>{formatDate(customer.createdAt, locale, tz)}</dd>
          </dl>
        </Card>

        <Card title={t("contacts.title", { count: customer.contacts.length })} bodyClassName="p-0 sm:p-0">
          {customer.contacts.length === 0 ? (
            <EmptyState title={t("contacts.empty")} />
          ) : (
            <Table caption={t("contacts.caption")}>
              <THead>
                <TR>
                  <TH>{t("contacts.name")}</TH>
                  <TH>{t("contacts.access")}</TH>
                  <TH>{t("contacts.lastLogin")}</TH>
                  {customer.mayImpersonate ? (
                    <TH>
                      <span className="sr-only">{t("contacts.actions")}</span>
                    </TH>
                  ) : null}
                </TR>
              </THead>
              <TBody>
                {customer.contacts.map((c) => (
                  <TR key={c.id} data-testid="staff-contact">
                    <TD>
                      <span className="font-medium">{c.name}</span>
                      <span className="block break-all text-xs text-muted">{c.email}</span>
                    </TD>
                    <TD className="text-sm">
                      <Badge tone={c.isOwner ? "info" : "neutral"}>{t(`contacts.presets.${c.preset}`)}</Badge>
                      <span className="ml-2 text-xs text-muted">{c.totpEnabledAt ? t("contacts.twoFactorOn") : t("contacts.twoFactorOff")}</span>
                      {c.disabledAt ? <Badge tone="danger">{t("contacts.disabled")}</Badge> : null}
                    </TD>
                    <TD className="whitespace-nowrap text-sm">{c.lastLoginAt ? formatDateTime(c.lastLoginAt, locale, tz) : t("contacts.never")}</TD>
                    {customer.mayImpersonate ? (
                      <TD>
                        {c.disabledAt ? null : (
                          <form action={startImpersonationAction}>
                            <input type="hidden" name="customerId" value={customer.id} />
                            <input type="hidden" name="userId" value={c.id} />
                            <button type="submit" className="rounded-md border border-border px-2 py-1 text-sm hover:bg-bg focus:outline-none focus-visible:ring-2 focus-visible:ring-accent" aria-label={t("contacts.impersonateNamed", { name: c.name })}>
                              {t("contacts.impersonate")}
                            </button>
                          </form>
                        )}
                      </TD>
                    ) : null}
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t("services.title", { count: customer._count.services })} bodyClassName="p-0 sm:p-0">
            {customer.services.length === 0 ? (
              <EmptyState title={t("services.empty")} />
            ) : (
              <ul className="divide-y divide-border text-sm">
                {customer.services.map((s) => (
                  <li key={s.id} className="flex items-center justify-between gap-3 px-4 py-2">
                    <Link href={`/admin/services/${s.id}`} className="min-w-0 truncate text-accent hover:underline">
                      {s.label ? `${s.name}: ${s.label}` : s.name}
                    </Link>
                    <Badge tone={s.status === "active" ? "success" : s.status === "suspended" ? "warning" : "neutral"}>{tService(s.status)}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t("domains.title", { count: customer._count.domains })} bodyClassName="p-0 sm:p-0">
            {customer.domains.length === 0 ? (
              <EmptyState title={t("domains.empty")} />
            ) : (
              <ul className="divide-y divide-border text-sm">
                {customer.domains.map((d) => (
                  <li key={d.id} className="flex items-center justify-between gap-3 px-4 py-2">
                    <Link href={`/admin/domains?q=${encodeURIComponent(d.name)}`} className="min-w-0 truncate text-accent hover:underline">
                      {d.name}
                    </Link>
                    <span className="whitespace-nowrap text-xs text-muted">{d.expiresAt ? formatCalendarDate(d.expiresAt, locale) : tDomain(d.status)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t("invoices.title", { count: customer._count.invoices })} bodyClassName="p-0 sm:p-0">
            {customer.invoices.length === 0 ? (
              <EmptyState title={t("invoices.empty")} />
            ) : (
              <ul className="divide-y divide-border text-sm">
                {customer.invoices.map((i) => (
                  <li key={i.id} className="flex items-center justify-between gap-3 px-4 py-2">
                    <Link href={`/admin/invoices/${i.id}`} className="text-accent hover:underline">
                      {i.number ?? "—"}
                    </Link>
                    <span className="flex items-center gap-2 whitespace-nowrap">
                      <span className="tabular-nums">{formatMoney(i.totalMinor, i.currency, locale)}</span>
                      <Badge tone={i.status === "paid" ? "success" : i.status === "unpaid" ? "warning" : "neutral"}>{tInvoice(i.status)}</Badge>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t("tickets.title", { count: customer._count.tickets })} bodyClassName="p-0 sm:p-0">
            {customer.tickets.length === 0 ? (
              <EmptyState title={t("tickets.empty")} />
            ) : (
              <ul className="divide-y divide-border text-sm">
                {customer.tickets.map((tk) => (
                  <li key={tk.number} className="flex items-center justify-between gap-3 px-4 py-2">
                    <Link href={`/admin/tickets/${tk.number}`} className="min-w-0 truncate text-accent hover:underline">
                      #{tk.number} {tk.subject}
                    </Link>
                    <Badge tone="neutral">{tTicket(tk.status)}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>

        <Card title={t("notes.title")} description={t("notes.description")}>
          <div className="space-y-4">
            <CustomerNoteForm customerId={customer.id} />
            {customer.notes.length === 0 ? (
              <p className="text-sm text-muted">{t("notes.empty")}</p>
            ) : (
              <ul className="space-y-3">
                {customer.notes.map((n) => (
                  <li key={n.id} className="rounded-md border border-border p-3 text-sm" data-testid="customer-note">
                    <p className="whitespace-pre-wrap break-words">{n.body}</p>
                    <p className="mt-1 text-xs text-muted">{t("notes.by", { name: n.author ?? t("notes.unknownAuthor"), date: formatDateTime(n.createdAt, locale, tz) })}</p>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Card>

        <Card title={t("audit.title")} bodyClassName="p-0 sm:p-0">
          {customer.audit.length === 0 ? (
            <EmptyState title={t("audit.empty")} />
          ) : (
            <Table caption={t("audit.caption")}>
              <THead>
                <TR>
                  <TH>{t("audit.when")}</TH>
                  <TH>{t("audit.who")}</TH>
                  <TH>{t("audit.what")}</TH>
                  <TH>{t("audit.from")}</TH>
                </TR>
              </THead>
              <TBody>
                {customer.audit.map((a) => (
                  <TR key={a.id} data-testid="staff-audit-row">
                    <TD className="whitespace-nowrap text-sm">{formatDateTime(a.createdAt, locale, tz)}</TD>
                    <TD className="text-sm">
                      {a.actor ?? t("audit.system")}
                      {a.impersonator ? <span className="block text-xs text-muted">{t("audit.impersonatedBy", { name: a.impersonator })}</span> : null}
                    </TD>
                    <TD className="font-mono text-xs">{a.action}</TD>
                    <TD className="text-xs text-muted">{a.ip ?? "—"}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
