import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activateDomainItemsForInvoice } from "@/lib/domains/domain-orders";
import { activateOrderForInvoice } from "@/lib/services/activate-order";
import { applyPaidUpgrades } from "@/lib/services/upgrade-apply";
import { releaseOverdueSuspensions } from "./dunning";

/**
 * What follows an invoice being paid in full, in the payment's transaction: each service billed on
 * it moves its next due date past the paid period (so the renewal run bills the next one), and
 * services that dunning suspended for this invoice are unsuspended; an order paid by it starts
 * provisioning (and the registration, transfer or renewal of its domains), and a package upgrade charged on it is applied.
 */
export async function afterInvoicePaid(tx: Prisma.TransactionClient, invoiceId: string, now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Service" s SET "nextDueDate" = l."periodEnd" + 1
    FROM "InvoiceLine" l
    WHERE l."invoiceId" = ${invoiceId}::uuid AND l."serviceId" = s."id" AND l."periodEnd" IS NOT NULL
      AND (s."nextDueDate" IS NULL OR s."nextDueDate" <= l."periodEnd")`;
  await releaseOverdueSuspensions(tx, invoiceId, now);
  await activateOrderForInvoice(tx, invoiceId, now);
  await activateDomainItemsForInvoice(tx, invoiceId, now);
  await applyPaidUpgrades(tx, invoiceId, now);
}
