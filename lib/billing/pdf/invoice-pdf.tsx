import "server-only";
// The invoice, proforma or credit note as a PDF page layout (@react-pdf/renderer primitives).
// Pure: everything comes in through `data`, already read and authorised.
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatCalendarDate, formatCountry, formatDate, formatMoney } from "@/lib/format";
import type { AppLocale } from "@/i18n/locales";
import { PDF_FONT_FAMILY } from "./fonts";
import type { InvoicePdfData, PdfParty } from "./invoice-pdf-data";
import type { InvoicePdfTranslator } from "./translator";

const INK = "#1f2937";
const MUTED = "#6b7280";
const RULE = "#d1d5db";
const SHADE = "#f3f4f6";

const styles = StyleSheet.create({
  page: { fontFamily: PDF_FONT_FAMILY, fontSize: 9, color: INK, paddingTop: 36, paddingBottom: 56, paddingHorizontal: 40 },
  header: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start", marginBottom: 16 },
  providerName: { fontSize: 13, fontWeight: 700, maxWidth: 250 },
  titleBlock: { alignItems: "flex-end", maxWidth: 260 },
  title: { fontSize: 16, fontWeight: 700, textAlign: "right" },
  subtitle: { fontSize: 9, color: MUTED, textAlign: "right" },
  documentNumber: { fontSize: 11, fontWeight: 700, marginTop: 4, textAlign: "right" },
  draftBanner: { borderWidth: 1, borderColor: "#b91c1c", color: "#b91c1c", padding: 6, marginBottom: 12, fontWeight: 700, textAlign: "center" },
  stamp: { alignSelf: "flex-end", borderWidth: 1.5, borderColor: "#047857", color: "#047857", paddingVertical: 3, paddingHorizontal: 8, fontWeight: 700, fontSize: 11, marginTop: 6 },
  stampVoid: { borderColor: "#b91c1c", color: "#b91c1c" },
  watermark: { position: "absolute", top: 330, left: 0, right: 0, textAlign: "center", fontSize: 90, fontWeight: 700, color: "#fca5a5", opacity: 0.35, transform: "rotate(-30deg)" },
  parties: { flexDirection: "row", gap: 16, marginBottom: 14 },
  party: { flex: 1, borderWidth: 1, borderColor: RULE, padding: 8 },
  partyLabel: { fontSize: 7.5, color: MUTED, textTransform: "uppercase", marginBottom: 3 },
  partyName: { fontSize: 10, fontWeight: 700, marginBottom: 2 },
  details: { flexDirection: "row", gap: 16, marginBottom: 14, borderTopWidth: 1, borderBottomWidth: 1, borderColor: RULE, paddingVertical: 6 },
  detailColumn: { flex: 1 },
  detail: { flexDirection: "row", marginBottom: 2 },
  detailLabel: { width: "55%", color: MUTED, paddingRight: 6 },
  detailValue: { flex: 1, fontWeight: 700 },
  table: { marginBottom: 12 },
  tableHead: { flexDirection: "row", backgroundColor: SHADE, borderBottomWidth: 1, borderColor: RULE, fontWeight: 700, fontSize: 8 },
  tableRow: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: RULE, fontSize: 8.5 },
  cell: { paddingVertical: 4, paddingHorizontal: 3 },
  right: { textAlign: "right" },
  colDescription: { flex: 2.6 },
  colPeriod: { flex: 2.6 },
  colQuantity: { flex: 0.8 },
  colUnit: { flex: 1.5 },
  colRate: { flex: 0.8 },
  colNet: { flex: 1.6 },
  summary: { flexDirection: "row", gap: 16, marginBottom: 12 },
  breakdown: { flex: 1.2 },
  sectionTitle: { fontSize: 9, fontWeight: 700, marginBottom: 3 },
  totals: { flex: 1 },
  totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2 },
  grandTotal: { borderTopWidth: 1, borderColor: INK, marginTop: 2, paddingTop: 4, fontSize: 11, fontWeight: 700 },
  balance: { fontWeight: 700 },
  note: { marginBottom: 10, padding: 6, backgroundColor: SHADE },
  payment: { borderWidth: 1, borderColor: INK, padding: 8, marginBottom: 10 },
  paymentRow: { flexDirection: "row", marginBottom: 2 },
  paymentLabel: { width: 190, color: MUTED },
  paymentValue: { flex: 1, fontWeight: 700 },
  hint: { marginTop: 4, color: MUTED, fontSize: 8 },
  footer: { position: "absolute", bottom: 24, left: 40, right: 40, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: MUTED, borderTopWidth: 0.5, borderColor: RULE, paddingTop: 4 },
});

/** Text as stored may be decomposed (e + combining marks); the PDF shows and copies it composed. */
const nfc = (value: string) => value.normalize("NFC");

/**
 * The country as the address's last line, in the document's language. The provider's configured
 * address usually names its country already ("… | Slovakia"): then it is not printed twice.
 */
function countryLine(party: PdfParty, locale: AppLocale): string | null {
  const name = formatCountry(party.country, locale);
  const named = [name, formatCountry(party.country, "en"), party.country].map((n) => n.toLowerCase());
  const last = party.addressLines.at(-1)?.toLowerCase();
  return last && named.includes(last) ? null : name;
}

function PartyBox({ label, party, locale, t }: { label: string; party: PdfParty; locale: AppLocale; t: InvoicePdfTranslator }) {
  return (
    <View style={styles.party}>
      <Text style={styles.partyLabel}>{label}</Text>
      <Text style={styles.partyName}>{nfc(party.name)}</Text>
      {party.addressLines.map((line, i) => (
        <Text key={i}>{nfc(line)}</Text>
      ))}
      {countryLine(party, locale) ? <Text>{countryLine(party, locale)}</Text> : null}
      {party.companyId ? <Text>{t("companyId", { id: party.companyId })}</Text> : null}
      {party.vatId ? <Text>{t("vatId", { id: party.vatId })}</Text> : null}
      {party.contractNumber ? <Text>{t("contractNumber", { number: party.contractNumber })}</Text> : null}
    </View>
  );
}

function TotalRow({ label, value, style }: { label: string; value: string; style?: (typeof styles)[keyof typeof styles] }) {
  return (
    <View style={style ? [styles.totalRow, style] : styles.totalRow}>
      <Text>{label}</Text>
      <Text>{value}</Text>
    </View>
  );
}

export function InvoicePdf({ data, locale, t }: { data: InvoicePdfData; locale: AppLocale; t: InvoicePdfTranslator }) {
  const money = (minor: bigint) => formatMoney(minor, data.currency, locale);
  // Issue and supply dates are UTC calendar days, like the year of the document's number.
  const day = (value: Date) => formatDate(value, locale, "UTC");
  const calendarDay = (value: Date) => formatCalendarDate(value, locale);
  const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 });
  const rate = (bp: number) => percent.format(bp / 10_000);
  const isDraft = data.status === "draft";
  const details: [string, string][] = [
    [t("details.number"), data.number ?? t("details.notIssued")],
    [t("details.issueDate"), data.issuedAt ? day(data.issuedAt) : t("details.notIssued")],
  ];
  if (data.kind !== "credit_note") details.push([t("details.dueDate"), calendarDay(data.dueDate)]);
  if (data.taxableSupplyDate) details.push([t("details.supplyDate"), day(data.taxableSupplyDate)]);
  if (data.paymentReference && data.kind !== "credit_note") details.push([t("details.paymentReference"), data.paymentReference]);
  if (data.sourceNumber) details.push([t(data.kind === "credit_note" ? "details.correctsInvoice" : "details.proforma"), data.sourceNumber]);
  details.push([t("details.currency"), data.currency]);
  // A credit note is settled by being issued: "paid" on it would only confuse.
  const stamp = data.kind !== "credit_note" && (data.status === "paid" || data.status === "cancelled" || data.status === "refunded") ? data.status : null;

  return (
    <Document title={data.number ? `${t(`title.${data.kind}`)} ${data.number}` : t(`title.${data.kind}`)} author={data.provider.name} creator={data.provider.name} producer={data.provider.name} language={locale}>
      <Page size="A4" style={styles.page}>
        {isDraft ? (
          <Text style={styles.watermark} fixed>
            {t("draftWatermark")}
          </Text>
        ) : null}

        <View style={styles.header}>
          <Text style={styles.providerName}>{nfc(data.provider.name)}</Text>
          <View style={styles.titleBlock}>
            <Text style={styles.title}>{t(`title.${data.kind}`)}</Text>
            <Text style={styles.subtitle}>{t(`subtitle.${data.kind}`)}</Text>
            <Text style={styles.documentNumber}>{data.number ?? t("details.notIssued")}</Text>
            {stamp ? <Text style={stamp === "paid" ? styles.stamp : [styles.stamp, styles.stampVoid]}>{t(`stamp.${stamp}`)}</Text> : null}
          </View>
        </View>

        {isDraft ? <Text style={styles.draftBanner}>{t("draftBanner")}</Text> : null}

        <View style={styles.parties}>
          <PartyBox label={t("supplier")} party={data.provider} locale={locale} t={t} />
          <PartyBox label={t("customer")} party={data.customer} locale={locale} t={t} />
        </View>

        <View style={styles.details}>
          {[details.slice(0, Math.ceil(details.length / 2)), details.slice(Math.ceil(details.length / 2))].map((column, c) => (
            <View key={c} style={styles.detailColumn}>
              {column.map(([label, value]) => (
                <View key={label} style={styles.detail}>
                  <Text style={styles.detailLabel}>{label}</Text>
                  <Text style={styles.detailValue}>{value}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>

        <View style={styles.table}>
          <View style={styles.tableHead} fixed>
            <Text style={[styles.cell, styles.colDescription]}>{t("lines.description")}</Text>
            <Text style={[styles.cell, styles.colPeriod]}>{t("lines.period")}</Text>
            <Text style={[styles.cell, styles.colQuantity, styles.right]}>{t("lines.quantity")}</Text>
            <Text style={[styles.cell, styles.colUnit, styles.right]}>{t("lines.unitPrice")}</Text>
            <Text style={[styles.cell, styles.colRate, styles.right]}>{t("lines.vatRate")}</Text>
            <Text style={[styles.cell, styles.colNet, styles.right]}>{t("lines.net")}</Text>
          </View>
          {data.lines.map((line, i) => (
            <View key={i} style={styles.tableRow} wrap={false}>
              <Text style={[styles.cell, styles.colDescription]}>{nfc(line.description)}</Text>
              <Text style={[styles.cell, styles.colPeriod]}>
                {line.periodStart && line.periodEnd ? t("lines.periodRange", { start: calendarDay(line.periodStart), end: calendarDay(line.periodEnd) }) : ""}
              </Text>
              <Text style={[styles.cell, styles.colQuantity, styles.right]}>{quantity.format(line.quantityMilli / 1000)}</Text>
              <Text style={[styles.cell, styles.colUnit, styles.right]}>{money(line.unitPriceMinor)}</Text>
              <Text style={[styles.cell, styles.colRate, styles.right]}>{rate(line.taxRateBp)}</Text>
              <Text style={[styles.cell, styles.colNet, styles.right]}>{money(line.netMinor)}</Text>
            </View>
          ))}
        </View>

        <View style={styles.summary} wrap={false}>
          <View style={styles.breakdown}>
            <Text style={styles.sectionTitle}>{t("breakdown.title")}</Text>
            <View style={styles.tableHead}>
              <Text style={[styles.cell, { flex: 1 }]}>{t("breakdown.rate")}</Text>
              <Text style={[styles.cell, { flex: 2 }, styles.right]}>{t("breakdown.base")}</Text>
              <Text style={[styles.cell, { flex: 2 }, styles.right]}>{t("breakdown.vat")}</Text>
            </View>
            {data.byRate.map((r) => (
              <View key={r.rateBp} style={styles.tableRow}>
                <Text style={[styles.cell, { flex: 1 }]}>{rate(r.rateBp)}</Text>
                <Text style={[styles.cell, { flex: 2 }, styles.right]}>{money(r.netMinor)}</Text>
                <Text style={[styles.cell, { flex: 2 }, styles.right]}>{money(r.taxMinor)}</Text>
              </View>
            ))}
          </View>
          <View style={styles.totals}>
            <TotalRow label={t("totals.subtotal")} value={money(data.subtotalMinor)} />
            <TotalRow label={t("totals.vat")} value={money(data.taxMinor)} />
            <TotalRow label={t(data.kind === "credit_note" ? "totals.credited" : "totals.total")} value={money(data.totalMinor)} style={styles.grandTotal} />
            {data.kind !== "credit_note" && !isDraft ? (
              <>
                <TotalRow label={t("totals.paid")} value={money(data.amountPaidMinor)} />
                <TotalRow label={t("totals.balance")} value={money(data.balanceMinor > 0n ? data.balanceMinor : 0n)} style={styles.balance} />
              </>
            ) : null}
          </View>
        </View>

        {data.legalNoteKey ? <Text style={styles.note}>{t(`legalNote.${data.legalNoteKey}`)}</Text> : null}

        {data.notes ? (
          <View style={styles.note}>
            <Text style={styles.sectionTitle}>{t("notes")}</Text>
            <Text>{nfc(data.notes)}</Text>
          </View>
        ) : null}

        {data.payable ? (
          <View style={styles.payment} wrap={false}>
            <Text style={styles.sectionTitle}>{t("payment.title")}</Text>
            {data.bank?.name ? <PaymentRow label={t("payment.bank")} value={nfc(data.bank.name)} /> : null}
            {data.bank ? <PaymentRow label={t("payment.iban")} value={data.bank.iban} /> : null}
            {data.bank?.swift ? <PaymentRow label={t("payment.swift")} value={data.bank.swift} /> : null}
            <PaymentRow label={t("payment.amount")} value={money(data.balanceMinor)} />
            {data.paymentReference ? <PaymentRow label={t("payment.reference")} value={data.paymentReference} /> : null}
            <Text style={styles.hint}>{t("payment.dueBy", { date: calendarDay(data.dueDate) })}</Text>
            {data.paymentReference ? <Text style={styles.hint}>{t("payment.quoteReference")}</Text> : null}
          </View>
        ) : null}

        <View style={styles.footer} fixed>
          <Text style={{ maxWidth: 400 }}>{t("footer.issuedBy", { provider: nfc(data.provider.name) })}</Text>
          <Text render={({ pageNumber, totalPages }) => t("footer.page", { page: pageNumber, pages: totalPages })} />
        </View>
      </Page>
    </Document>
  );
}

function PaymentRow({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.paymentRow}>
      <Text style={styles.paymentLabel}>{label}</Text>
      <Text style={styles.paymentValue}>{value}</Text>
    </View>
  );
}
