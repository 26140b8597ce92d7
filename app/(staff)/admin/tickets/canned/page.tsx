import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { requireStaffActor } from "@/lib/auth/session";
import { listCannedReplies } from "@/lib/support/canned-replies";
import { CANNED_PLACEHOLDERS } from "@/lib/support/canned-reply-schemas";
import { staffTicketDepartments } from "@/lib/support/staff-queries";
import { CannedReplyForm, DeleteCannedReplyButton, EditCannedReply } from "./canned-reply-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staffTickets.canned");
  return { title: `${t("title")} · Portico` };
}

export default async function CannedRepliesPage() {
  const actor = await requireStaffActor("staff.tickets");
  const [replies, departments, t] = await Promise.all([listCannedReplies(actor), staffTicketDepartments(actor), getTranslations("staffTickets.canned")]);
  const mayCreateGlobal = actor.ticketDepartments === null;

  return (
    <div className="space-y-6">
      <PageHeader back={{ href: "/admin/tickets", label: t("back") }} title={t("title")} description={t("description")} />

      <Card id="canned-placeholders" title={t("placeholdersTitle")} description={t("placeholdersHint")}>
        <ul className="flex flex-wrap gap-2 text-sm">
          {CANNED_PLACEHOLDERS.map((p) => (
            <li key={p}>
              <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs">{`{{${p}}}`}</code> <span className="text-muted">{t(`placeholders.${p.replace(".", "_")}`)}</span>
            </li>
          ))}
        </ul>
      </Card>

      <Card id="canned-new" title={t("newTitle")}>
        <CannedReplyForm departments={departments} allowGlobal={mayCreateGlobal} />
      </Card>

      <section aria-labelledby="canned-list-title" className="space-y-3">
        <h2 id="canned-list-title" className="text-lg font-semibold">
          {t("listTitle", { count: replies.length })}
        </h2>
        {replies.length === 0 ? (
          <EmptyState title={t("empty")} description={t("emptyHint")} />
        ) : (
          <ul className="space-y-3">
            {replies.map((reply) => (
              <li key={reply.id} data-testid="canned-reply" className="rounded-lg border border-border bg-surface p-4">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="font-medium break-words">{reply.title}</h3>
                    <Badge tone={reply.departmentName ? "info" : "neutral"} className="mt-1">
                      {reply.departmentName ?? t("allDepartments")}
                    </Badge>
                  </div>
                  {reply.editable ? <DeleteCannedReplyButton id={reply.id} title={reply.title} /> : null}
                </div>
                <pre className="mt-3 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded-md bg-surface-muted p-3 font-sans text-sm">{reply.body}</pre>
                {reply.editable ? (
                  <EditCannedReply
                    departments={departments}
                    allowGlobal={mayCreateGlobal}
                    values={{ id: reply.id, title: reply.title, body: reply.body, departmentId: reply.departmentId ?? "" }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
