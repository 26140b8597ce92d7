import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import type { InvoiceKind, InvoiceStatus } from "@/lib/generated/prisma/client";
import { assertStaffBilling } from "./admin-access";
import type { RequestInfo } from "./admin-invoices";
import { type BankRow, type BankRowError, parseBankCsv } from "./bank-import";
import { PaymentError, applyIncomingPayment } from "./payments";

// Bank statement import: the statement is parsed (bank-import.ts), each row matched to an invoice
// by its payment reference, and matched rows booked as bank transfers. The browser sends the file's
// text for the preview and again for booking; both parse and match on the server, so nothing the
// preview showed is trusted. Booking is idempotent per bank transaction (Payment method+externalId).

export type UnmatchedReason = "noReference" | "unknownReference" | "currencyMismatch" | "notPayable";

export type MatchedInvoice = { id: string; number: string | null; kind: InvoiceKind; status: InvoiceStatus; currency: string; balanceMinor: bigint; customerName: string; contractNumber: string };

export type ImportRow = BankRow &
  (
    | { match: "matched"; invoice: MatchedInvoice; alreadyBooked: boolean; /** Part (or all) of it will go to the customer's credit. */ toCreditMinor: bigint }
    | { match: "unmatched"; reason: UnmatchedReason; invoice: MatchedInvoice | null }
  );

export type ImportPreview = { rows: ImportRow[]; errors: BankRowError[]; matched: number; unmatched: number; alreadyBooked: number };

async function matchRows(rows: BankRow[]): Promise<ImportRow[]> {
  const references = [...new Set(rows.map((r) => r.reference).filter(Boolean))];
  const [invoices, booked] = await Promise.all([
    references.length
      ? db.invoice.findMany({
          where: { paymentReference: { in: references } },
          select: { id: true, number: true, kind: true, status: true, currency: true, totalMinor: true, amountPaidMinor: true, paymentReference: true, customer: { select: { name: true, contractNumber: true } } },
        })
      : [],
    db.payment.findMany({ where: { method: "bank_transfer", externalId: { in: rows.map((r) => r.externalId) } }, select: { externalId: true } }),
  ]);
  const bookedIds = new Set(booked.map((b) => b.externalId));
  // What earlier rows of this file will already have paid, so the preview shows the rest going to credit.
  const pending = new Map<string, bigint>();
  return rows.map((row): ImportRow => {
    if (!row.reference) return { ...row, match: "unmatched", reason: "noReference", invoice: null };
    const found = invoices.find((i) => i.paymentReference === row.reference);
    if (!found) return { ...row, match: "unmatched", reason: "unknownReference", invoice: null };
    const open = found.status === "unpaid" ? found.totalMinor - found.amountPaidMinor : 0n;
    const invoice: MatchedInvoice = {
      id: found.id,
      number: found.number,
      kind: found.kind,
      status: found.status,
      currency: found.currency,
      balanceMinor: open,
      customerName: found.customer.name,
      contractNumber: found.customer.contractNumber,
    };
    if (found.kind === "credit_note" || found.status === "draft") return { ...row, match: "unmatched", reason: "notPayable", invoice };
    if (found.currency !== row.currency) return { ...row, match: "unmatched", reason: "currencyMismatch", invoice };
    const alreadyBooked = bookedIds.has(row.externalId);
    const left = alreadyBooked ? 0n : open - (pending.get(found.id) ?? 0n);
    const applied = alreadyBooked ? 0n : row.amountMinor < left ? row.amountMinor : left > 0n ? left : 0n;
    if (!alreadyBooked) pending.set(found.id, (pending.get(found.id) ?? 0n) + applied);
    return { ...row, match: "matched", invoice, alreadyBooked, toCreditMinor: alreadyBooked ? 0n : row.amountMinor - applied };
  });
}

/** Parses and matches a statement without booking anything. */
export async function previewBankImport(actor: Actor, csv: string): Promise<ImportPreview> {
  assertStaffBilling(actor);
  const parsed = parseBankCsv(csv);
  const rows = await matchRows(parsed.rows);
  const matched = rows.filter((r) => r.match === "matched");
  return {
    rows,
    errors: parsed.errors,
    matched: matched.filter((r) => !r.alreadyBooked).length,
    unmatched: rows.length - matched.length,
    alreadyBooked: matched.filter((r) => r.alreadyBooked).length,
  };
}

export type BookedRow = { line: number; invoiceNumber: string | null; amountMinor: bigint; currency: string } & (
  | { outcome: "booked"; appliedMinor: bigint; creditedMinor: bigint; invoicePaid: boolean }
  | { outcome: "duplicate" }
  | { outcome: "failed"; error: string }
);

export type ImportResult = { booked: number; duplicates: number; failed: number; unmatched: number; errors: BankRowError[]; rows: BookedRow[]; unmatchedRows: ImportRow[] };

/**
 * Books every matched row of the statement as a bank transfer (each in its own transaction, so one
 * bad row does not undo the others). A row booked before — this file imported again, or the same
 * transaction recorded by hand with its id — is reported as a duplicate and changes nothing.
 */
export async function bookBankImport(actor: Actor, csv: string, info: RequestInfo = {}, opts: { now?: Date } = {}): Promise<ImportResult> {
  assertStaffBilling(actor);
  const parsed = parseBankCsv(csv);
  const rows = await matchRows(parsed.rows);
  const results: BookedRow[] = [];
  for (const row of rows) {
    if (row.match !== "matched") continue;
    const base = { line: row.line, invoiceNumber: row.invoice.number, amountMinor: row.amountMinor, currency: row.currency };
    try {
      const result = await applyIncomingPayment({
        invoiceId: row.invoice.id,
        method: "bank_transfer",
        amountMinor: row.amountMinor,
        currency: row.currency,
        externalId: row.externalId,
        reference: row.reference,
        note: row.counterparty || null,
        recordedByUserId: actor.userId,
        receivedAt: new Date(`${row.date}T12:00:00.000Z`),
        now: opts.now,
      });
      results.push(result.duplicate ? { ...base, outcome: "duplicate" } : { ...base, outcome: "booked", appliedMinor: result.appliedMinor, creditedMinor: result.creditedMinor, invoicePaid: result.invoicePaid });
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error;
      results.push({ ...base, outcome: "failed", error: error.key });
    }
  }
  const unmatchedRows = rows.filter((r) => r.match === "unmatched");
  const summary = {
    booked: results.filter((r) => r.outcome === "booked").length,
    duplicates: results.filter((r) => r.outcome === "duplicate").length,
    failed: results.filter((r) => r.outcome === "failed").length,
    unmatched: unmatchedRows.length,
  };
  await recordAuditEvent({
    action: "billing.bank_import.booked",
    actorUserId: actor.userId,
    targetType: "bank_import",
    ip: info.ip,
    userAgent: info.userAgent,
    data: { ...summary, rowErrors: parsed.errors.length },
  });
  return { ...summary, errors: parsed.errors, rows: results, unmatchedRows };
}
