// Demo invoices as real documents: lines with the customer's VAT treatment, issued as proformas with
// real numbers and payment references in the order they were issued, paid ones settled by a bank
// payment (so they have their tax invoice), cancelled ones issued then cancelled, drafts left as drafts.
import type { InvoiceStatus, Prisma } from "@/lib/generated/prisma/client";
import { issueInvoice } from "@/lib/billing/issue";
import { divRoundHalfUp } from "@/lib/billing/money";
import { applyIncomingPayment } from "@/lib/billing/payments";
import { invoiceTotals, taxTreatment, treatmentRate } from "@/lib/billing/tax";
import { DEMO_VAT_RATES } from "./seed-billing";

type Tx = Prisma.TransactionClient;

export type DemoInvoiceSpec = {
  customer: { id: string; currency: string; country: string; vatId: string | null };
  status: InvoiceStatus;
  /** What the customer pays (gross), in minor units; the net line amount is derived from it. */
  grossMinor: bigint;
  issuedAt: Date | null;
  dueDate: Date;
  paidAt: Date | null;
};

/** The seed's provider is Slovak (the default BILLING_PROVIDER_COUNTRY). */
const PROVIDER_COUNTRY = "SK";

export async function seedDemoInvoices(tx: Tx, specs: DemoInvoiceSpec[], now: Date): Promise<void> {
  const ordered = [...specs].sort((a, b) => (a.issuedAt ?? now).getTime() - (b.issuedAt ?? now).getTime());
  for (const [index, spec] of ordered.entries()) {
    const { customer } = spec;
    const treatment = taxTreatment({ providerCountry: PROVIDER_COUNTRY, customerCountry: customer.country, customerVatId: customer.vatId, isBusiness: Boolean(customer.vatId) });
    const rateBp = treatmentRate(treatment, DEMO_VAT_RATES);
    const netMinor = divRoundHalfUp(spec.grossMinor * 10_000n, BigInt(10_000 + rateBp));
    const totals = invoiceTotals([{ netMinor, rateBp }]);
    const month = (spec.issuedAt ?? now).toISOString().slice(0, 7);
    const draft = await tx.invoice.create({
      data: {
        customerId: customer.id,
        currency: customer.currency,
        subtotalMinor: totals.netMinor,
        taxMinor: totals.taxMinor,
        totalMinor: totals.grossMinor,
        dueDate: spec.dueDate,
        createdAt: spec.issuedAt ?? now,
        lines: { create: { position: 0, description: `Hosting and server services ${month}`, unitPriceMinor: netMinor, netMinor, taxRateBp: rateBp } },
      },
      select: { id: true },
    });
    if (spec.status === "draft") continue;
    const issuedAt = spec.issuedAt ?? now;
    const issued = await issueInvoice(draft.id, { tx, now: issuedAt, useProforma: true });
    if (spec.status === "paid" || spec.status === "refunded") {
      await applyIncomingPayment(
        { invoiceId: issued.id, method: "bank_transfer", amountMinor: issued.totalMinor, currency: issued.currency, externalId: `demo-bank-${index + 1}`, reference: issued.paymentReference, now: spec.paidAt ?? issuedAt },
        { tx },
      );
    } else if (spec.status === "cancelled") {
      await tx.invoice.update({ where: { id: issued.id }, data: { status: "cancelled", cancelledAt: issuedAt } });
    }
  }
}
