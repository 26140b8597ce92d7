import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { type Env, getEnv } from "@/lib/env";
import { formatCalendarDate, formatMoney } from "@/lib/format";
import { todayIn } from "@/lib/format/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ProvisioningError, moduleFor as defaultModuleFor, type ProvisionedService, type ProvisioningModule } from "@/lib/integrations/provisioning";
import { customerRecipients, queueEmail } from "@/lib/notifications";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import { addDays, daysBetween, type IsoDate } from "./cycles";

// Dunning: what happens to an unpaid invoice around and after its due date.
//
//   reminder:-3 … reminder:0   "payment due on D"        (DUNNING_REMINDER_DAYS_BEFORE)
//   reminder:1, reminder:7      "overdue"                  (DUNNING_REMINDER_DAYS_AFTER)
//   suspend                     the invoice's active services are suspended ("overdue")
//   terminate                   the invoice's services are terminated
//   unsuspend                   (on payment) services suspended for being overdue come back
//
// Each step of an invoice happens once: its DunningEvent (invoiceId, step) row is the claim,
// inserted in the transaction that makes the step's effect (service state, emails in the outbox,
// audit row). A second run, or four workers at once, find the row taken and do nothing.
//
// Catch-up after the job was down (a decision, see planDunningSteps):
// * Reminders: only the latest step whose day has come is sent; missed earlier reminders are
//   skipped, not recorded. Three reminders at once is spam, and "due in 3 days" after the due
//   date is false. A reminder is also skipped when a suspension or termination day has come at or
//   after its own day: that notice says it all.
// * Escalations are never skipped, and they keep their order and spacing: the suspension happens
//   late rather than not at all, and a termination waits until the suspension notice has been out
//   for DUNNING_TERMINATE_AFTER_DAYS − DUNNING_SUSPEND_AFTER_DAYS days. Whatever the downtime, a
//   customer is never terminated without that much warning.
//
// Dates are calendar dates in UTC, like the renewal run: "overdue by 14 days" is about the
// invoice's due date (a `date` column), not about hours since some instant.

type Tx = Prisma.TransactionClient;
type Logger = Pick<Console, "warn" | "error">;

export type DunningConfig = {
  /** Days before the due date a reminder goes out (3 → "reminder:-3"). */
  reminderDaysBefore: number[];
  /** Days after the due date an overdue reminder goes out (1 → "reminder:1"). */
  reminderDaysAfter: number[];
  suspendAfterDays: number;
  terminateAfterDays: number;
};

export type DunningStep = `reminder:${number}` | "suspend" | "terminate" | "unsuspend";

export const OVERDUE_SUSPEND_REASON = "overdue";

const TX_OPTIONS = { timeout: 15_000, maxWait: 10_000 } as const;
const DUNNED_KINDS = ["proforma", "tax"] as const;

const isoDate = (d: Date): IsoDate => d.toISOString().slice(0, 10);
const dateOnly = (iso: IsoDate) => new Date(`${iso}T00:00:00.000Z`);
const dayList = (value: string) => value.split(",").map((v) => Number(v.trim())).filter((n) => Number.isInteger(n) && n >= 0);

export function dunningConfigFrom(env: Pick<Env, "DUNNING_REMINDER_DAYS_BEFORE" | "DUNNING_REMINDER_DAYS_AFTER" | "DUNNING_SUSPEND_AFTER_DAYS" | "DUNNING_TERMINATE_AFTER_DAYS">): DunningConfig {
  return {
    reminderDaysBefore: dayList(env.DUNNING_REMINDER_DAYS_BEFORE),
    reminderDaysAfter: dayList(env.DUNNING_REMINDER_DAYS_AFTER),
    suspendAfterDays: env.DUNNING_SUSPEND_AFTER_DAYS,
    terminateAfterDays: env.DUNNING_TERMINATE_AFTER_DAYS,
  };
}

/** Reminder days relative to the due date (negative: before it), ascending, without duplicates. */
function reminderOffsets(config: DunningConfig): number[] {
  // A Set keeps -0 and 0 as one, and -0 prints as "0": a reminder on the due date is "reminder:0".
  return [...new Set([...config.reminderDaysBefore.map((d) => -d), ...config.reminderDaysAfter])].sort((a, b) => a - b);
}

const reminderStep = (offset: number): DunningStep => `reminder:${offset}`;
const reminderOffsetOf = (step: string) => (step.startsWith("reminder:") ? Number(step.slice("reminder:".length)) : null);

/** No termination sooner than this many days after the suspension notice. */
const terminationGraceDays = (config: DunningConfig) => Math.max(0, config.terminateAfterDays - config.suspendAfterDays);

/** The day the invoice's services get (or got) terminated, given when they were suspended. */
function terminationDate(dueDate: IsoDate, suspendedOn: IsoDate, config: DunningConfig): IsoDate {
  const byDue = addDays(dueDate, config.terminateAfterDays);
  const byGrace = addDays(suspendedOn, terminationGraceDays(config));
  return byDue > byGrace ? byDue : byGrace;
}

/**
 * The steps an invoice is due for today, in order. `done` maps the steps already taken to the
 * calendar day they were taken on. Pure, so the catch-up rules above are tested directly.
 */
export function planDunningSteps(input: { dueDate: IsoDate; today: IsoDate; issuedOn: IsoDate | null; done: ReadonlyMap<string, IsoDate>; config: DunningConfig }): DunningStep[] {
  const { dueDate, today, issuedOn, done, config } = input;
  const overdue = daysBetween(dueDate, today);
  const steps: DunningStep[] = [];

  const offsets = reminderOffsets(config);
  const latest = offsets.filter((o) => o <= overdue).pop();
  if (latest !== undefined) {
    const supersededByEscalation = [config.suspendAfterDays, config.terminateAfterDays].some((day) => day >= latest && day <= overdue);
    // Read from the steps taken, not the configured days, so a changed setting never re-sends.
    const laterReminderSent = [...done.keys()].some((step) => (reminderOffsetOf(step) ?? -Infinity) >= latest);
    // The "new invoice" email of an invoice issued on or after the reminder's day said it already.
    const issuedSinceReminderDay = latest < 0 && issuedOn !== null && issuedOn >= addDays(dueDate, latest);
    if (!supersededByEscalation && !laterReminderSent && !issuedSinceReminderDay) steps.push(reminderStep(latest));
  }

  let suspendedOn = done.get("suspend");
  if (overdue >= config.suspendAfterDays && !suspendedOn) {
    steps.push("suspend");
    suspendedOn = today;
  }
  if (overdue >= config.terminateAfterDays && !done.has("terminate") && suspendedOn && today >= terminationDate(dueDate, suspendedOn, config)) {
    steps.push("terminate");
  }
  return steps;
}

export type DunningRunResult = { reminders: number; suspensions: number; terminations: number; failed: number };

export type DunningOptions = {
  now?: Date;
  log?: Logger;
  /** Overrides the DUNNING_* settings (tests). */
  config?: Partial<DunningConfig>;
  batchSize?: number;
  /** Chooses the server module of a service (tests pass a failing one). */
  moduleFor?: (service: ProvisionedService) => ProvisioningModule;
};

/**
 * One dunning pass over the unpaid invoices (proformas and tax invoices; credit notes are not
 * asked to be paid). Each step runs in its own transaction; a failed step is logged and retried by
 * the next run (its claim rolled back with it), and the invoice's later steps wait for it.
 */
export async function runDunning(opts: DunningOptions = {}): Promise<DunningRunResult> {
  const now = opts.now ?? new Date();
  const log = opts.log ?? console;
  const config = { ...dunningConfigFrom(getEnv()), ...opts.config };
  const batchSize = opts.batchSize ?? 500;
  const today = todayIn("UTC", now);
  const horizon = dateOnly(addDays(today, Math.max(0, ...config.reminderDaysBefore)));
  const ctx: StepContext = { now, today, config, moduleFor: opts.moduleFor ?? defaultModuleFor, log };
  const result: DunningRunResult = { reminders: 0, suspensions: 0, terminations: 0, failed: 0 };

  let after: string | undefined;
  for (;;) {
    const invoices = await db.invoice.findMany({
      where: {
        status: "unpaid",
        kind: { in: [...DUNNED_KINDS] },
        number: { not: null },
        dueDate: { lte: horizon },
        // A terminated invoice has nothing left to do: keeps old debts out of every run.
        dunningEvents: { none: { step: "terminate" } },
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, dueDate: true, issuedAt: true, dunningEvents: { select: { step: true, createdAt: true } } },
    });
    if (invoices.length === 0) break;
    after = invoices[invoices.length - 1].id;

    for (const invoice of invoices) {
      const dueDate = isoDate(invoice.dueDate);
      const steps = planDunningSteps({
        dueDate,
        today,
        issuedOn: invoice.issuedAt ? todayIn("UTC", invoice.issuedAt) : null,
        done: new Map(invoice.dunningEvents.map((e) => [e.step, todayIn("UTC", e.createdAt)])),
        config,
      });
      for (const step of steps) {
        try {
          const taken = await db.$transaction((tx) => takeStep(tx, invoice.id, dueDate, step, ctx), TX_OPTIONS);
          if (!taken) continue;
          if (step === "suspend") result.suspensions++;
          else if (step === "terminate") result.terminations++;
          else result.reminders++;
        } catch (error) {
          result.failed++;
          log.error(`[dunning] invoice ${invoice.id}: step ${step} failed, retried next run:`, error);
          break;
        }
      }
    }
    if (invoices.length < batchSize) break;
  }
  return result;
}

type StepContext = {
  now: Date;
  today: IsoDate;
  config: DunningConfig;
  moduleFor: (service: ProvisionedService) => ProvisioningModule;
  log: Logger;
};

type DunnedService = { id: string; name: string; label: string | null; kind: string; serverId: string | null; status: string };

const serviceSelect = { id: true, name: true, label: true, kind: true, serverId: true, status: true } as const;

/** The services billed on the invoice, once each, in id order (the order rows are locked in everywhere). */
function servicesOf(lines: { service: DunnedService | null }[]): DunnedService[] {
  const byId = new Map<string, DunnedService>();
  for (const line of lines) if (line.service) byId.set(line.service.id, line.service);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Claims and takes one step. The invoice row lock comes first (as in a payment), so a payment
 * arriving meanwhile either commits before (the invoice is paid: nothing to do) or after (it then
 * sees the suspension and lifts it). Returns false when there was nothing (more) to do.
 */
async function takeStep(tx: Tx, invoiceId: string, plannedDueDate: IsoDate, step: DunningStep, ctx: StepContext): Promise<boolean> {
  await tx.$executeRaw`SELECT 1 FROM "Invoice" WHERE "id" = ${invoiceId}::uuid FOR UPDATE`;
  const invoice = await tx.invoice.findUnique({
    where: { id: invoiceId },
    select: {
      id: true,
      customerId: true,
      number: true,
      status: true,
      currency: true,
      totalMinor: true,
      amountPaidMinor: true,
      dueDate: true,
      lines: { where: { serviceId: { not: null } }, select: { service: { select: serviceSelect } } },
      dunningEvents: { where: { step: "suspend" }, select: { createdAt: true } },
    },
  });
  // Paid, cancelled or given a new due date since the plan was made: the next run plans again.
  if (!invoice || invoice.status !== "unpaid" || !invoice.number || isoDate(invoice.dueDate) !== plannedDueDate) return false;

  const claim = await tx.dunningEvent.createMany({ data: [{ invoiceId, step, createdAt: ctx.now }], skipDuplicates: true });
  if (claim.count === 0) return false;

  const services = servicesOf(invoice.lines);
  const dueDate = isoDate(invoice.dueDate);
  const suspendedOn = invoice.dunningEvents[0] ? todayIn("UTC", invoice.dunningEvents[0].createdAt) : null;
  const doc = { id: invoice.id, number: invoice.number, balanceMinor: invoice.totalMinor - invoice.amountPaidMinor, currency: invoice.currency, dueDate };

  // The built-in module only writes Postgres, so it runs here, in the step's transaction. A module
  // driving a real control panel (issue 5) must not: the step would queue a provisioning job
  // (with retries) in this transaction instead, and the job calls the panel.
  const changed: DunnedService[] = [];
  let email: DunningEmail | null = null;
  if (step === "suspend") {
    for (const service of services.filter((s) => s.status === "active")) {
      const outcome = await ctx.moduleFor(service).suspend(service, OVERDUE_SUSPEND_REASON, { tx, now: ctx.now });
      if (outcome.changed) changed.push(service);
    }
    if (changed.length) email = { kind: "suspended", services: changed, date: terminationDate(dueDate, ctx.today, ctx.config) };
  } else if (step === "terminate") {
    for (const service of services.filter((s) => s.status === "active" || s.status === "suspended")) {
      const outcome = await ctx.moduleFor(service).terminate(service, { tx, now: ctx.now });
      if (outcome.changed) changed.push(service);
    }
    if (changed.length) email = { kind: "terminated", services: changed };
  } else {
    const offset = reminderOffsetOf(step) ?? 0;
    const live = services.filter((s) => s.status === "active" || s.status === "suspended");
    const warning: DunningEmail["warning"] =
      offset <= 0 || live.length === 0
        ? undefined
        : suspendedOn
          ? { kind: "terminate", date: terminationDate(dueDate, suspendedOn, ctx.config) }
          : { kind: "suspend", date: addDays(dueDate, ctx.config.suspendAfterDays) };
    email = { kind: offset <= 0 ? "before" : "after", services: [], warning };
  }

  await recordAuditEvent(
    {
      // One action per kind of step ("reminder" whatever its day), so the activity log can name it; the day is in `step`.
      action: `billing.dunning.${step.startsWith("reminder:") ? "reminder" : step}`,
      customerId: invoice.customerId,
      targetType: "invoice",
      targetId: invoice.id,
      data: { number: invoice.number, step, dueDate, overdueDays: daysBetween(dueDate, ctx.today), services: changed.map((s) => s.id) },
    },
    tx,
  );
  if (email) await queueDunningEmails(tx, invoice.customerId, doc, step, email);
  return true;
}

/**
 * Called in the payment's transaction when the invoice becomes paid (lib/billing/after-paid.ts):
 * its services that dunning suspended ("overdue") come back, unless another unpaid invoice of the
 * same service is itself past the suspension day. A suspension by staff for another reason
 * (abuse, …) stays, and a terminated service stays terminated.
 */
export async function releaseOverdueSuspensions(tx: Tx, invoiceId: string, now: Date): Promise<void> {
  const config = dunningConfigFrom(getEnv());
  const today = todayIn("UTC", now);
  // Locked in id order, like the dunning steps, so the two never deadlock on services.
  const suspended = await tx.$queryRaw<DunnedService[]>`
    SELECT "id"::text AS "id", "name", "label", "kind"::text AS "kind", "serverId"::text AS "serverId", "status"::text AS "status"
    FROM "Service"
    WHERE "id" IN (SELECT "serviceId" FROM "InvoiceLine" WHERE "invoiceId" = ${invoiceId}::uuid AND "serviceId" IS NOT NULL)
      AND "status" = 'suspended' AND "suspendReason" = ${OVERDUE_SUSPEND_REASON} AND "terminatedAt" IS NULL
    ORDER BY "id"
    FOR UPDATE`;
  if (suspended.length === 0) return;

  const stillOverdue = await tx.invoiceLine.findMany({
    where: {
      serviceId: { in: suspended.map((s) => s.id) },
      invoiceId: { not: invoiceId },
      invoice: { status: "unpaid", kind: { in: [...DUNNED_KINDS] }, dueDate: { lte: dateOnly(addDays(today, -config.suspendAfterDays)) } },
    },
    select: { serviceId: true },
  });
  const held = new Set(stillOverdue.map((l) => l.serviceId));

  const restored: DunnedService[] = [];
  for (const service of suspended.filter((s) => !held.has(s.id))) {
    try {
      const outcome = await defaultModuleFor(service).unsuspend(service, { tx, now });
      if (outcome.changed) restored.push(service);
    } catch (error) {
      // A refusal must not undo the payment: the service stays suspended for staff to look at.
      if (!(error instanceof ProvisioningError)) throw error;
      console.warn(`[dunning] invoice ${invoiceId}: could not unsuspend service ${service.id}:`, error.message);
    }
  }
  if (restored.length === 0) return;

  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { id: true, customerId: true, number: true, currency: true, totalMinor: true, dueDate: true } });
  await tx.dunningEvent.createMany({ data: [{ invoiceId, step: "unsuspend", createdAt: now }], skipDuplicates: true });
  await recordAuditEvent(
    {
      action: "billing.dunning.unsuspend",
      customerId: invoice.customerId,
      targetType: "invoice",
      targetId: invoice.id,
      data: { number: invoice.number, step: "unsuspend", services: restored.map((s) => s.id), kept: [...held] },
    },
    tx,
  );
  if (invoice.number) {
    const doc = { id: invoice.id, number: invoice.number, balanceMinor: 0n, currency: invoice.currency, dueDate: isoDate(invoice.dueDate) };
    await queueDunningEmails(tx, invoice.customerId, doc, "unsuspend", { kind: "restored", services: restored });
  }
}

// ───────────── Emails ─────────────

export type DunningEmailKind = "before" | "after" | "suspended" | "terminated" | "restored";

type DunningEmail = {
  kind: DunningEmailKind;
  services: { name: string; label: string | null }[];
  /** After-due reminders: when the services will be suspended or terminated. */
  warning?: { kind: "suspend" | "terminate"; date: IsoDate };
  /** Suspension notice: the termination date. */
  date?: IsoDate;
};

type DunnedDocument = { id: string; number: string; balanceMinor: bigint; currency: string; dueDate: IsoDate };

export function renderDunningEmail(input: { locale: string; recipientName: string; invoice: DunnedDocument; email: DunningEmail; appUrl: string }) {
  const { locale, t } = emailTranslator(input.locale);
  const { invoice, email } = input;
  const url = `${input.appUrl.replace(/\/+$/, "")}/billing/invoices/${invoice.id}`;
  const day = (iso: IsoDate) => formatCalendarDate(dateOnly(iso), locale, "long");
  const values = { number: invoice.number, amount: formatMoney(invoice.balanceMinor, invoice.currency, locale), due: day(invoice.dueDate) };
  const serviceList = email.services.map((s) => `• ${s.name}${s.label ? ` (${s.label})` : ""}`).join("\n");

  const blocks = [t("layout.greeting", { name: input.recipientName })];
  switch (email.kind) {
    case "before":
    case "after":
      blocks.push(t(`dunning.${email.kind}.body`, values));
      if (email.warning) blocks.push(t(email.warning.kind === "suspend" ? "dunning.warnSuspend" : "dunning.warnTerminate", { date: day(email.warning.date) }));
      break;
    case "suspended":
      blocks.push(t("dunning.suspended.body", values), serviceList, t("dunning.suspended.after", { date: day(email.date ?? invoice.dueDate) }));
      break;
    case "terminated":
      blocks.push(t("dunning.terminated.body", values), serviceList, t("dunning.terminated.after"));
      break;
    case "restored":
      blocks.push(t("dunning.restored.body", values), serviceList);
      break;
  }
  blocks.push(t(email.kind === "restored" ? "dunning.linkPaid" : "dunning.link", { url }), t("layout.signature"));
  return {
    subject: t(`dunning.${email.kind}.subject`, values),
    text: blocks.join("\n\n"),
    html: renderEmailHtml({ locale, blocks, links: [url] }),
  };
}

/** To the contacts who may see invoices and receive billing email, each in their language, once per step. */
async function queueDunningEmails(tx: Tx, customerId: string, invoice: DunnedDocument, step: DunningStep, email: DunningEmail): Promise<void> {
  const appUrl = getEnv().APP_URL;
  for (const r of await customerRecipients(tx, customerId, { permission: "billing.view", category: "billing" })) {
    const rendered = renderDunningEmail({ locale: r.locale, recipientName: r.name, invoice, email, appUrl });
    await queueEmail(tx, { to: r.email, ...rendered, category: "billing", customerId, userId: r.userId, dedupeKey: `dunning:${invoice.id}:${step}:${r.userId}` });
  }
}
