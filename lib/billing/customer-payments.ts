import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { type CustomerActor, can, customerScope } from "@/lib/auth/actor-types";
import { cardPaymentsEnabled } from "./card-checkout";
import type { InvoiceDetail } from "./queries";
import type { DefaultPaymentMethod } from "./schemas";

export type BankDetails = { bankName: string | null; iban: string; swift: string | null };

/** The provider's bank account for transfers; null when no IBAN is configured (no bank transfer then). */
export function bankDetails(): BankDetails | null {
  const env = getEnv();
  if (!env.BILLING_BANK_IBAN) return null;
  return { bankName: env.BILLING_BANK_NAME ?? null, iban: env.BILLING_BANK_IBAN, swift: env.BILLING_BANK_SWIFT ?? null };
}

export type PayOptions = {
  invoiceId: string;
  currency: string;
  balanceMinor: bigint;
  /** The methods on offer, the customer's default first. */
  methods: DefaultPaymentMethod[];
  credit: { availableMinor: bigint; coversMinor: bigint; coversAll: boolean };
  bank: (BankDetails & { reference: string | null }) | null;
};

/**
 * How the actor may pay this invoice, or null when there is nothing to pay or they may not pay
 * (no billing.pay). Amounts are what the server will book; the browser only ever sends the id.
 */
export async function getPayOptions(actor: CustomerActor, invoice: InvoiceDetail): Promise<PayOptions | null> {
  if (!can(actor, "billing.pay")) return null;
  const customerId = customerScope(actor, "billing.pay");
  if (invoice.status !== "unpaid" || invoice.kind === "credit_note" || invoice.balanceMinor <= 0n) return null;
  const [customer, credit] = await Promise.all([
    db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { defaultPaymentMethod: true } }),
    db.creditEntry.aggregate({ where: { customerId, currency: invoice.currency }, _sum: { amountMinor: true } }),
  ]);
  const available = credit._sum.amountMinor ?? 0n;
  const covers = available <= 0n ? 0n : available < invoice.balanceMinor ? available : invoice.balanceMinor;
  const bank = bankDetails();
  const offered: DefaultPaymentMethod[] = [];
  if (cardPaymentsEnabled()) offered.push("card");
  if (bank) offered.push("bank_transfer");
  if (covers > 0n) offered.push("credit");
  const preferred = customer.defaultPaymentMethod;
  const methods = [...offered.filter((m) => m === preferred), ...offered.filter((m) => m !== preferred)];
  return {
    invoiceId: invoice.id,
    currency: invoice.currency,
    balanceMinor: invoice.balanceMinor,
    methods,
    credit: { availableMinor: available > 0n ? available : 0n, coversMinor: covers, coversAll: covers > 0n && covers >= invoice.balanceMinor },
    bank: bank && { ...bank, reference: invoice.paymentReference },
  };
}
