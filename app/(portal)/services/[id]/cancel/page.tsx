import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { CancelForm, type TimingChoice, WithdrawCancellation } from "@/components/services/changes/cancel-form";
import { Alert, Badge, Card } from "@/components/ui";
import { requireCustomerActor } from "@/lib/auth/session";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { type CancellationView, getCancellationState } from "@/lib/services/cancellation";
import { CANCELLATION_TIMINGS } from "@/lib/services/cancellation-schemas";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("serviceChanges.cancel");
  return { title: `${t("title")} · Portico` };
}

export default async function ServiceCancelPage({ params }: Props) {
  const actor = await requireCustomerActor("services.manage");
  const { id } = await params;
  const [state, t, locale, timeZone] = await Promise.all([getCancellationState(actor, id), getTranslations("serviceChanges"), getLocale(), getTimeZone()]);
  if (!state) notFound();
  const choices: TimingChoice[] = CANCELLATION_TIMINGS.flatMap((timing) => {
    const date = state.effectiveOn[timing];
    return date ? [{ timing, endsOn: formatCalendarDate(date, locale, "long") }] : [];
  });

  const requestDetails = (request: CancellationView) => (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      <dt className="text-muted">{t("cancel.status")}</dt>
      <dd>
        <Badge tone={request.status === "requested" ? "warning" : "info"}>{t(`cancel.statuses.${request.status}`)}</Badge>
      </dd>
      <dt className="text-muted">{t("cancel.when")}</dt>
      <dd>{t(`cancel.timing.${request.timing}`)}</dd>
      <dt className="text-muted">{t("cancel.stopsOn")}</dt>
      <dd data-testid="cancellation-ends">{formatCalendarDate(request.effectiveOn, locale, "long")}</dd>
      <dt className="text-muted">{t("cancel.requestedAt")}</dt>
      <dd>{formatDate(request.createdAt, locale, timeZone)}</dd>
      <dt className="text-muted">{t("cancel.reason")}</dt>
      <dd className="break-words whitespace-pre-line">{request.reason}</dd>
      {request.staffNote ? (
        <>
          <dt className="text-muted">{t("cancel.staffNote")}</dt>
          <dd className="break-words whitespace-pre-line">{request.staffNote}</dd>
        </>
      ) : null}
    </dl>
  );

  return (
    <div className="space-y-6">
      {state.open ? (
        <Card id="cancellation-open" title={t("cancel.openTitle")} description={t("cancel.openHint")} footer={<WithdrawCancellation requestId={state.open.id} />}>
          {requestDetails(state.open)}
        </Card>
      ) : state.approved ? (
        <Card id="cancellation-approved" title={t("cancel.approvedTitle")} description={t("cancel.approvedHint")}>
          {requestDetails(state.approved)}
        </Card>
      ) : state.canRequest && choices.length > 0 ? (
        <Card title={t("cancel.title")} description={t("cancel.description")}>
          <CancelForm serviceId={state.service.id} choices={choices} />
        </Card>
      ) : (
        <Alert tone="info" data-testid="cancel-unavailable">
          {state.service.cancelAt ? t("cancel.alreadyEnding", { date: formatCalendarDate(state.service.cancelAt, locale, "long") }) : t("cancel.notCancellable")}
        </Alert>
      )}
    </div>
  );
}
