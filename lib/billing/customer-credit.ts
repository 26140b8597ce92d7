import "server-only";
import { db } from "@/lib/db";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import type { CreditEntryKind, InvoiceKind } from "@/lib/generated/prisma/client";
import { creditBalances } from "./payments";
import { CUSTOMER_VISIBLE } from "./queries";

export const CREDIT_LEDGER_PAGE_SIZE = 25;

export type CreditLedgerEntry = {
  id: string;
  createdAt: Date;
  kind: CreditEntryKind;
  currency: string;
  amountMinor: bigint;
  note: string | null;
  /** The invoice the movement belongs to, when the customer can open it. */
  invoice: { id: string; number: string | null; kind: InvoiceKind } | null;
};

/** The customer's credit per currency (never added across currencies). */
export async function getCreditBalances(actor: Actor) {
  return creditBalances(customerScope(actor, "billing.view"));
}

/** The credit ledger of the actor's customer, newest first, one page. */
export async function listCreditLedger(actor: Actor, opts: { page?: number } = {}) {
  const customerId = customerScope(actor, "billing.view");
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const where = { customerId };
  const [rows, total] = await Promise.all([
    db.creditEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * CREDIT_LEDGER_PAGE_SIZE,
      take: CREDIT_LEDGER_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        kind: true,
        currency: true,
        amountMinor: true,
        note: true,
        invoice: { select: { id: true, number: true, kind: true, status: true, customerId: true } },
      },
    }),
    db.creditEntry.count({ where }),
  ]);
  const items: CreditLedgerEntry[] = rows.map(({ invoice, ...row }) => ({
    ...row,
    invoice: invoice && invoice.customerId === customerId && CUSTOMER_VISIBLE.includes(invoice.status) ? { id: invoice.id, number: invoice.number, kind: invoice.kind } : null,
  }));
  return { items, total, page, pageSize: CREDIT_LEDGER_PAGE_SIZE };
}
