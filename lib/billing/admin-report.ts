import "server-only";
import type { Actor } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import { currencyDigits, minorToDecimalString } from "@/lib/format/money";
import { assertStaffBilling } from "./admin-access";

// The revenue report (/admin/invoices/report): per calendar month (UTC) and currency, never added
// across currencies.
// - invoiced: tax invoices issued that month (cancelled ones excluded; proformas are payment
//   requests, not revenue), net, VAT and gross;
// - credit notes issued that month (negative amounts, as on the documents);
// - payments received: money in by card, bank transfer or recorded by staff (paying with account
//   credit is not new money, so it is left out);
// - refunds: money given back on those payments, to the card or bank, or turned into credit.

export type RevenueRow = {
  month: number;
  currency: string;
  invoicedCount: number;
  invoicedNetMinor: bigint;
  invoicedTaxMinor: bigint;
  invoicedGrossMinor: bigint;
  creditNoteCount: number;
  creditNetMinor: bigint;
  creditTaxMinor: bigint;
  creditGrossMinor: bigint;
  receivedMinor: bigint;
  refundedMinor: bigint;
};

/** `totals` has one row per currency for the whole year (month 0). */
export type RevenueReport = { year: number; years: number[]; rows: RevenueRow[]; totals: RevenueRow[] };

type DocRow = { month: number; currency: string; kind: "tax" | "credit_note"; count: number; net: bigint; tax: bigint; gross: bigint };
type MoneyRow = { month: number; currency: string; received: bigint; refunded: bigint };

const emptyRow = (month: number, currency: string): RevenueRow => ({
  month,
  currency,
  invoicedCount: 0,
  invoicedNetMinor: 0n,
  invoicedTaxMinor: 0n,
  invoicedGrossMinor: 0n,
  creditNoteCount: 0,
  creditNetMinor: 0n,
  creditTaxMinor: 0n,
  creditGrossMinor: 0n,
  receivedMinor: 0n,
  refundedMinor: 0n,
});

/** One year of the report, month by month, each currency on its own row. */
export async function revenueReport(actor: Actor, year: number, opts: { now?: Date } = {}): Promise<RevenueReport> {
  assertStaffBilling(actor);
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const [docs, money, yearRows] = await Promise.all([
    db.$queryRaw<DocRow[]>`
      SELECT EXTRACT(MONTH FROM "issuedAt")::int AS "month", "currency", "kind"::text AS "kind", COUNT(*)::int AS "count",
             COALESCE(SUM("subtotalMinor"), 0)::bigint AS "net", COALESCE(SUM("taxMinor"), 0)::bigint AS "tax", COALESCE(SUM("totalMinor"), 0)::bigint AS "gross"
      FROM "Invoice"
      WHERE "issuedAt" >= ${from} AND "issuedAt" < ${to}
        AND ("kind" = 'credit_note' OR ("kind" = 'tax' AND "status" NOT IN ('draft', 'cancelled')))
      GROUP BY 1, 2, 3`,
    db.$queryRaw<MoneyRow[]>`
      SELECT EXTRACT(MONTH FROM "receivedAt")::int AS "month", "currency",
             COALESCE(SUM(CASE WHEN "amountMinor" > 0 THEN "amountMinor" ELSE 0 END), 0)::bigint AS "received",
             COALESCE(SUM(CASE WHEN "amountMinor" < 0 THEN -"amountMinor" ELSE 0 END), 0)::bigint AS "refunded"
      FROM "Payment"
      WHERE "receivedAt" >= ${from} AND "receivedAt" < ${to} AND "method" <> 'credit'
      GROUP BY 1, 2`,
    db.$queryRaw<{ year: number }[]>`
      SELECT DISTINCT EXTRACT(YEAR FROM "issuedAt")::int AS "year" FROM "Invoice" WHERE "issuedAt" IS NOT NULL
      UNION SELECT DISTINCT EXTRACT(YEAR FROM "receivedAt")::int FROM "Payment"`,
  ]);

  const byKey = new Map<string, RevenueRow>();
  const row = (month: number, currency: string) => {
    const key = `${String(month).padStart(2, "0")}|${currency}`;
    let r = byKey.get(key);
    if (!r) byKey.set(key, (r = emptyRow(month, currency)));
    return r;
  };
  for (const d of docs) {
    const r = row(d.month, d.currency);
    if (d.kind === "tax") {
      r.invoicedCount += d.count;
      r.invoicedNetMinor += d.net;
      r.invoicedTaxMinor += d.tax;
      r.invoicedGrossMinor += d.gross;
    } else {
      r.creditNoteCount += d.count;
      r.creditNetMinor += d.net;
      r.creditTaxMinor += d.tax;
      r.creditGrossMinor += d.gross;
    }
  }
  for (const m of money) {
    const r = row(m.month, m.currency);
    r.receivedMinor += m.received;
    r.refundedMinor += m.refunded;
  }
  const rows = [...byKey.values()].sort((a, b) => a.month - b.month || a.currency.localeCompare(b.currency));

  const totalsByCurrency = new Map<string, RevenueRow>();
  for (const r of rows) {
    let t = totalsByCurrency.get(r.currency);
    if (!t) totalsByCurrency.set(r.currency, (t = emptyRow(0, r.currency)));
    t.invoicedCount += r.invoicedCount;
    t.invoicedNetMinor += r.invoicedNetMinor;
    t.invoicedTaxMinor += r.invoicedTaxMinor;
    t.invoicedGrossMinor += r.invoicedGrossMinor;
    t.creditNoteCount += r.creditNoteCount;
    t.creditNetMinor += r.creditNetMinor;
    t.creditTaxMinor += r.creditTaxMinor;
    t.creditGrossMinor += r.creditGrossMinor;
    t.receivedMinor += r.receivedMinor;
    t.refundedMinor += r.refundedMinor;
  }
  const currentYear = (opts.now ?? new Date()).getUTCFullYear();
  const years = [...new Set([currentYear, year, ...yearRows.map((y) => y.year)])].sort((a, b) => b - a);
  return { year, years, rows, totals: [...totalsByCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}

const CSV_COLUMNS = [
  "month",
  "currency",
  "invoiced_count",
  "invoiced_net",
  "invoiced_vat",
  "invoiced_gross",
  "credit_notes_count",
  "credit_notes_net",
  "credit_notes_vat",
  "credit_notes_gross",
  "payments_received",
  "refunds",
] as const;

/** The report as CSV: plain decimal amounts (a dot, the currency's decimals), one line per month and currency. */
export function revenueReportCsv(report: RevenueReport): string {
  const amount = (minor: bigint, currency: string) => minorToDecimalString(minor, currencyDigits(currency));
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of report.rows) {
    lines.push(
      [
        `${report.year}-${String(r.month).padStart(2, "0")}`,
        r.currency,
        r.invoicedCount,
        amount(r.invoicedNetMinor, r.currency),
        amount(r.invoicedTaxMinor, r.currency),
        amount(r.invoicedGrossMinor, r.currency),
        r.creditNoteCount,
        amount(r.creditNetMinor, r.currency),
        amount(r.creditTaxMinor, r.currency),
        amount(r.creditGrossMinor, r.currency),
        amount(r.receivedMinor, r.currency),
        amount(r.refundedMinor, r.currency),
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
