import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, periodFor } from "./cycles";
import { issueInvoice } from "./issue";
import { queueInvoiceIssuedEmails } from "./invoice-emails";
import { taxTreatment, treatmentRate } from "./tax";

type Tx = Prisma.TransactionClient;
type Logger = Pick<Console, "warn" | "error">;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dateOnly = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Thrown inside a service's transaction when its period was billed meanwhile: roll back, skip. */
class AlreadyBilled extends Error {}

export type BillingRunResult = { invoices: number; skipped: number; failed: number };

/**
 * Creates the renewal invoices due within `daysAhead` days: one invoice per service and period,
 * each in its own transaction with its number and its email (outbox). The (service, period start)
 * primary key of ServiceBillingPeriod is what makes a second run, or eight workers at once,
 * create nothing new: a transaction that loses the race on that key rolls its invoice back.
 */
export async function runRenewalBilling(
  opts: { now?: Date; daysAhead?: number; batchSize?: number; concurrency?: number; log?: Logger } = {},
): Promise<BillingRunResult> {
  const env = getEnv();
  const now = opts.now ?? new Date();
  const horizon = dateOnly(addDays(isoDate(now), opts.daysAhead ?? env.BILLING_RENEWAL_DAYS_AHEAD));
  const batchSize = opts.batchSize ?? 500;
  const concurrency = opts.concurrency ?? 4;
  const log = opts.log ?? console;
  const rates = Object.fromEntries((await db.taxRate.findMany()).map((r) => [r.country, r.rateBp]));
  const result: BillingRunResult = { invoices: 0, skipped: 0, failed: 0 };

  let after: string | undefined;
  for (;;) {
    // Services due within the horizon; those whose current period is billed already are skipped
    // without a transaction, which keeps a repeated run cheap.
    const due = await db.service.findMany({
      where: {
        status: { in: ["active", "suspended"] },
        productId: { not: null },
        billingCycle: { not: null },
        recurringMinor: { not: null },
        nextDueDate: { lte: horizon },
        // A cancelled service is not billed for periods starting on or after its first day without service.
        OR: [{ cancelAt: null }, { cancelAt: { gt: db.service.fields.nextDueDate } }],
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        nextDueDate: true,
        billingCycle: true,
        recurringMinor: true,
        billingAnchorDay: true,
        label: true,
        product: { select: { name: true } },
        customer: { select: { id: true, currency: true, country: true, vatId: true } },
        billedPeriods: { select: { periodStart: true } },
      },
    });
    if (due.length === 0) break;
    after = due[due.length - 1].id;
    const todo = due.filter((service) => !service.billedPeriods.some((p) => isoDate(p.periodStart) === isoDate(service.nextDueDate!)));
    result.skipped += due.length - todo.length;
    // A few services at once: each transaction waits on the database most of its time, and holds
    // the numbering lock only from taking its number to its commit.
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const service = todo[next++];
        const start = isoDate(service.nextDueDate!);
        try {
          await db.$transaction((tx) => billServicePeriod(tx, service, start, rates, env.BILLING_PROVIDER_COUNTRY, now), { timeout: 15_000, maxWait: 10_000 });
          result.invoices++;
        } catch (error) {
          if (error instanceof AlreadyBilled) result.skipped++;
          else {
            result.failed++;
            log.error(`[billing] service ${service.id}: renewal invoice failed:`, error);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    if (due.length < batchSize) break;
  }
  return result;
}

type DueService = {
  id: string;
  billingCycle: Prisma.ServiceGetPayload<object>["billingCycle"];
  recurringMinor: bigint | null;
  billingAnchorDay: number | null;
  label: string | null;
  product: { name: string } | null;
  customer: { id: string; currency: string; country: string; vatId: string | null };
};

async function billServicePeriod(tx: Tx, service: DueService, start: string, rates: Record<string, number>, providerCountry: string, now: Date) {
  // The anchor keeps a service started on the 31st on month ends after a short month.
  const period = periodFor(start, service.billingCycle!, service.billingAnchorDay ?? undefined);
  const treatment = taxTreatment({ providerCountry, customerCountry: service.customer.country, customerVatId: service.customer.vatId, isBusiness: Boolean(service.customer.vatId) });
  const invoiceId = randomUUID();
  await tx.invoice.create({
    data: {
      id: invoiceId,
      customerId: service.customer.id,
      currency: service.customer.currency,
      totalMinor: 0n,
      dueDate: dateOnly(start),
      lines: {
        create: {
          position: 0,
          description: `${service.product?.name ?? "Service"}${service.label ? ` (${service.label})` : ""}`,
          serviceId: service.id,
          periodStart: dateOnly(period.start),
          periodEnd: dateOnly(period.end),
          unitPriceMinor: service.recurringMinor!,
          netMinor: service.recurringMinor!,
          taxRateBp: treatmentRate(treatment, rates),
        },
      },
    },
  });
  // The claim: a concurrent run holding the same (service, period) makes this insert wait, then do
  // nothing. It also re-reads the service under a share lock, so a cancellation committed since the
  // list was read (it locks the service row) stops the invoice: the period starts on or after cancelAt.
  const claimed = await tx.$executeRaw`
    INSERT INTO "ServiceBillingPeriod" ("serviceId", "periodStart", "invoiceId")
    SELECT s."id", ${start}::date, ${invoiceId}::uuid FROM "Service" s
    WHERE s."id" = ${service.id}::uuid AND (s."cancelAt" IS NULL OR s."cancelAt" > ${start}::date)
    FOR SHARE
    ON CONFLICT DO NOTHING`;
  if (claimed === 0) throw new AlreadyBilled();
  const issued = await issueInvoice(invoiceId, { tx, now });
  await queueInvoiceIssuedEmails(tx, issued.id);
}
