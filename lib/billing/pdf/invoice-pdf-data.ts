import "server-only";
// Everything an invoice PDF prints, read from the stored invoice and the provider configuration,
// as plain values. No authorisation here: callers (lib/billing/pdf/download.ts) check first.
import { getEnv } from "@/lib/env";
import { db } from "@/lib/db";
import type { InvoiceKind, InvoiceStatus } from "@/lib/generated/prisma/client";
import { type LegalNoteKey, type RateBreakdown, invoiceTotals, taxTreatment } from "../tax";

export type PdfParty = {
  name: string;
  addressLines: string[];
  country: string;
  vatId: string | null;
  companyId: string | null;
  contractNumber: string | null;
};

export type PdfLine = {
  description: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  quantityMilli: number;
  unitPriceMinor: bigint;
  taxRateBp: number;
  netMinor: bigint;
};

export type PdfBank = { name: string | null; iban: string; swift: string | null };

export type InvoicePdfData = {
  kind: InvoiceKind;
  status: InvoiceStatus;
  number: string | null;
  currency: string;
  issuedAt: Date | null;
  dueDate: Date;
  /** Tax invoices only: when the supply is taxed (the payment date, else the issue date). */
  taxableSupplyDate: Date | null;
  paymentReference: string | null;
  /** A credit note: the invoice it corrects; a tax invoice: the proforma it was issued for. */
  sourceNumber: string | null;
  notes: string | null;
  provider: PdfParty;
  customer: PdfParty;
  lines: PdfLine[];
  byRate: RateBreakdown[];
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
  amountPaidMinor: bigint;
  balanceMinor: bigint;
  legalNoteKey: LegalNoteKey | null;
  /** Unpaid with a balance left: the document prints payment instructions. */
  payable: boolean;
  /** The provider's account for bank transfers, when one is configured. */
  bank: PdfBank | null;
};

const invoiceInclude = {
  customer: { select: { name: true, contractNumber: true, addressLine1: true, addressLine2: true, city: true, postcode: true, country: true, vatId: true } },
  lines: { orderBy: { position: "asc" as const } },
  sourceInvoice: { select: { number: true } },
};

const present = (values: (string | null | undefined)[]) => values.map((v) => v?.trim() ?? "").filter((v) => v !== "");

/**
 * Rates and totals as the document prints them. An issued document's stored totals are the truth
 * (they were computed once, when it was issued); a draft has none yet, so they come from its lines.
 * A credit note's VAT was split from gross amounts, so the per-rate VAT recomputed from its lines
 * can differ from the stored VAT by a minor unit: that difference goes to the highest rate, so the
 * breakdown always adds up to the VAT the document states.
 */
function documentTotals(
  invoice: { status: InvoiceStatus; subtotalMinor: bigint; taxMinor: bigint; totalMinor: bigint },
  lines: PdfLine[],
) {
  const computed = invoiceTotals(lines.map((l) => ({ netMinor: l.netMinor, rateBp: l.taxRateBp })));
  if (invoice.status === "draft") {
    return { byRate: computed.byRate, subtotalMinor: computed.netMinor, taxMinor: computed.taxMinor, totalMinor: computed.grossMinor };
  }
  const byRate = computed.byRate.map((r) => ({ ...r }));
  const difference = invoice.taxMinor - computed.taxMinor;
  const adjustable = byRate.find((r) => r.rateBp > 0);
  if (difference !== 0n && adjustable) adjustable.taxMinor += difference;
  return { byRate, subtotalMinor: invoice.subtotalMinor, taxMinor: invoice.taxMinor, totalMinor: invoice.totalMinor };
}

/** The invoice as its PDF prints it, or null when there is no invoice with this id. Unauthorised: check first. */
export async function unsafeLoadInvoicePdfData(invoiceId: string): Promise<InvoicePdfData | null> {
  const invoice = await db.invoice.findUnique({ where: { id: invoiceId }, include: invoiceInclude });
  if (!invoice) return null;
  const env = getEnv();
  const { customer } = invoice;

  const lines: PdfLine[] = invoice.lines.map((l) => ({
    description: l.description,
    periodStart: l.periodStart,
    periodEnd: l.periodEnd,
    quantityMilli: l.quantityMilli,
    unitPriceMinor: l.unitPriceMinor,
    taxRateBp: l.taxRateBp,
    netMinor: l.netMinor,
  }));
  const totals = documentTotals(invoice, lines);
  const balanceMinor = invoice.kind === "credit_note" ? 0n : totals.totalMinor - invoice.amountPaidMinor;

  // The legal note goes with the 0 % the treatment gave the lines (the billing run treats a
  // customer with a VAT ID as a business); a domestic invoice never carries one.
  let legalNoteKey: LegalNoteKey | null = null;
  try {
    legalNoteKey = taxTreatment({
      providerCountry: env.BILLING_PROVIDER_COUNTRY,
      customerCountry: customer.country,
      customerVatId: customer.vatId,
      isBusiness: Boolean(customer.vatId),
    }).legalNoteKey;
  } catch {
    // A malformed stored country prints no note rather than no document.
    legalNoteKey = null;
  }
  if (!lines.some((l) => l.taxRateBp === 0)) legalNoteKey = null;

  const payable = invoice.status === "unpaid" && invoice.kind !== "credit_note" && balanceMinor > 0n;

  return {
    kind: invoice.kind,
    status: invoice.status,
    number: invoice.number,
    currency: invoice.currency,
    issuedAt: invoice.issuedAt,
    dueDate: invoice.dueDate,
    taxableSupplyDate: invoice.kind === "tax" ? (invoice.paidAt ?? invoice.issuedAt) : null,
    paymentReference: invoice.paymentReference,
    sourceNumber: invoice.kind === "proforma" ? null : (invoice.sourceInvoice?.number ?? null),
    notes: invoice.notes?.trim() || null,
    provider: {
      name: env.BILLING_PROVIDER_NAME,
      addressLines: present(env.BILLING_PROVIDER_ADDRESS.split("|")),
      country: env.BILLING_PROVIDER_COUNTRY,
      vatId: env.BILLING_PROVIDER_VAT_ID?.trim() || null,
      companyId: env.BILLING_PROVIDER_COMPANY_ID?.trim() || null,
      contractNumber: null,
    },
    customer: {
      name: customer.name,
      addressLines: present([customer.addressLine1, customer.addressLine2, present([customer.postcode, customer.city]).join(" ")]),
      country: customer.country,
      vatId: customer.vatId?.trim() || null,
      companyId: null,
      contractNumber: customer.contractNumber,
    },
    lines,
    ...totals,
    amountPaidMinor: invoice.amountPaidMinor,
    balanceMinor,
    legalNoteKey,
    payable,
    bank: env.BILLING_BANK_IBAN ? { name: env.BILLING_BANK_NAME?.trim() || null, iban: env.BILLING_BANK_IBAN, swift: env.BILLING_BANK_SWIFT ?? null } : null,
  };
}
