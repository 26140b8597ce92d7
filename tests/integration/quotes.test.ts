// Quotes: staff write and send them, the customer accepts (one invoice with the quote's lines and
// totals, also when accepting five times at once) or declines; expired quotes cannot be accepted;
// the expiry job touches only sent quotes past validity and is idempotent; staff need staff.billing.
import { db } from "@/lib/db";
import { PermissionDenied } from "@/lib/auth/errors";
import { type QuoteDraftValues, quoteDraftSchema } from "@/lib/billing/quote-schemas";
import { customerForQuote, deleteQuoteDraft, getQuoteForStaff, listQuotesForStaff, saveQuoteDraft, searchCustomersForQuote, sendQuote } from "@/lib/billing/quote-staff";
import { acceptQuote, declineQuote, expireQuotes, getQuote, listQuotes } from "@/lib/billing/quotes";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

// Quotes of this file live in 2033 (send, accept and expiry take `now`), so invoice numbers of other
// files' years are untouched and the expiry job's cut-off is under the test's control.
const NOW = new Date("2033-06-10T10:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

let staff: StaffActor;
let agent: StaffActor;
let owner: CustomerActor;
let viewer: CustomerActor;
let customerId: string;

beforeAll(async () => {
  await db.taxRate.createMany({ data: [{ country: "SK", rateBp: 2300 }], skipDuplicates: true });
  const customer = await createCustomer(db, { name: unique("Quote Customer"), currency: "EUR", country: "SK" });
  customerId = customer.id;
  const ownerUser = await createUser(db);
  await addMember(db, ownerUser.id, customerId, { preset: "owner" });
  const viewerUser = await createUser(db);
  await addMember(db, viewerUser.id, customerId, { permissions: ["billing.view"] });
  owner = await customerActorFor(ownerUser.id, customerId);
  viewer = await customerActorFor(viewerUser.id, customerId);
  staff = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
  agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
});

const LINES: QuoteDraftValues["lines"] = [
  { description: "Migration of 12 websites", quantity: "2.5", unitPrice: "80.00", taxRate: "23" },
  { description: "SSL certificate (1 year)", quantity: "1", unitPrice: "19.99", taxRate: "23" },
  { description: "Domain transfer (outside scope)", quantity: "3", unitPrice: "8.3", taxRate: "0" },
];

/** A draft through the same schema the form uses, then optionally sent. */
async function quote(opts: { send?: boolean; validUntil?: string; lines?: QuoteDraftValues["lines"] } = {}) {
  const input = quoteDraftSchema.parse({ customerId, subject: unique("Website migration"), validUntil: opts.validUntil ?? "2033-06-30", notes: "Prices include setup.", lines: opts.lines ?? LINES });
  const { id } = await saveQuoteDraft(staff, input);
  if (opts.send) await sendQuote(staff, id, { now: NOW });
  return id;
}

describe("writing and sending a quote", () => {
  it("finds the customer by contract number or name, with its currency and default VAT rate", async () => {
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect((await searchCustomersForQuote(staff, customer.contractNumber)).map((c) => c.id)).toContain(customerId);
    expect((await searchCustomersForQuote(staff, customer.name.slice(0, 12).toLowerCase())).map((c) => c.id)).toContain(customerId);
    expect(await customerForQuote(staff, customerId)).toMatchObject({ currency: "EUR", defaultRateBp: 2300 });
  });

  it("computes totals on the server, numbers the quote when sent and emails the billing contacts", async () => {
    const id = await quote();
    const draft = await db.quote.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { position: "asc" } } } });
    // 2.5 × 80.00 = 200.00; 19.99; 3 × 8.30 = 24.90. VAT 23 % of 219.99 = 50.5977 → 50.60.
    expect(draft.lines.map((l) => [l.quantityMilli, l.unitPriceMinor, l.netMinor, l.taxRateBp])).toEqual([
      [2500, 8000n, 20000n, 2300],
      [1000, 1999n, 1999n, 2300],
      [3000, 830n, 2490n, 0],
    ]);
    expect(draft).toMatchObject({ status: "draft", number: null, currency: "EUR", subtotalMinor: 24489n, taxMinor: 5060n, totalMinor: 29549n });
    // A draft is the provider's: the customer cannot see or accept it.
    expect(await getQuote(owner, id)).toBeNull();
    await expect(acceptQuote(owner, id, { now: NOW })).rejects.toMatchObject({ key: "errors.notFound" });

    const sent = await sendQuote(staff, id, { now: NOW });
    expect(sent.number).toMatch(/^Q-2033-\d{6}$/);
    expect(sent.emailed).toBe(2); // the owner and the billing.view contact
    const emails = await db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `quote:${id}:sent:` } } });
    expect(emails).toHaveLength(2);
    expect(emails[0].subject).toContain(sent.number);
    await expect(sendQuote(staff, id, { now: NOW })).rejects.toMatchObject({ key: "errors.notDraft" });
    await expect(deleteQuoteDraft(staff, id)).rejects.toMatchObject({ key: "errors.notDraft" });
    expect(await db.auditEvent.count({ where: { targetId: id, action: { in: ["quotes.created", "quotes.sent"] } } })).toBe(2);

    const listed = await listQuotes(owner);
    expect(listed.items.find((q) => q.id === id)).toMatchObject({ number: sent.number, totalMinor: 29549n });
  });

  it("refuses an amount with more decimals than the currency has, next to the line's price", async () => {
    const input = quoteDraftSchema.parse({ customerId, subject: "Too precise", validUntil: "2033-06-30", lines: [{ description: "x", quantity: "1", unitPrice: "12.345", taxRate: "23" }] });
    await expect(saveQuoteDraft(staff, input)).rejects.toMatchObject({ fieldErrors: { "lines.0.unitPrice": "errors.amountDecimals" } });
  });

  it("edits a draft (lines replaced, totals recomputed) and deletes a draft", async () => {
    const id = await quote();
    const input = quoteDraftSchema.parse({ id, customerId, subject: "Changed", validUntil: "2033-07-15", lines: [{ description: "Only line", quantity: "1", unitPrice: "100", taxRate: "10" }] });
    await saveQuoteDraft(staff, input);
    expect(await db.quote.findUniqueOrThrow({ where: { id } })).toMatchObject({ subject: "Changed", subtotalMinor: 10000n, taxMinor: 1000n, totalMinor: 11000n });
    expect(await db.quoteLine.count({ where: { quoteId: id } })).toBe(1);
    await deleteQuoteDraft(staff, id);
    expect(await db.quote.count({ where: { id } })).toBe(0);
  });
});

describe("accepting", () => {
  it("makes one issued invoice with the quote's lines and totals, emails it and links it", async () => {
    const id = await quote({ send: true });
    const { invoiceId, alreadyAccepted } = await acceptQuote(owner, id, { now: NOW });
    expect(alreadyAccepted).toBe(false);
    const [q, invoice] = await Promise.all([
      db.quote.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { position: "asc" } } } }),
      db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: { orderBy: { position: "asc" } } } }),
    ]);
    expect(q).toMatchObject({ status: "accepted", invoiceId, acceptedAt: NOW });
    expect(invoice).toMatchObject({ customerId, status: "unpaid", currency: "EUR", subtotalMinor: q.subtotalMinor, taxMinor: q.taxMinor, totalMinor: q.totalMinor });
    expect(invoice.number).toMatch(/^(PF|INV)-2033-\d{6}$/);
    const strip = (l: { description: string; quantityMilli: number; unitPriceMinor: bigint; netMinor: bigint; taxRateBp: number }) => [l.description, l.quantityMilli, l.unitPriceMinor, l.netMinor, l.taxRateBp];
    expect(invoice.lines.map(strip)).toEqual(q.lines.map(strip));
    expect(await db.emailMessage.count({ where: { dedupeKey: { startsWith: `invoice:${invoiceId}:issued:` } } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "quotes.accepted", targetId: id } })).toBe(1);
    // The customer page shows the invoice; accepting again answers with the same invoice.
    expect(await getQuote(owner, id, { now: NOW })).toMatchObject({ status: "accepted", invoice: { id: invoiceId } });
    await expect(acceptQuote(owner, id, { now: NOW })).resolves.toEqual({ invoiceId, alreadyAccepted: true });
    await expect(declineQuote(owner, { id }, { now: NOW })).rejects.toMatchObject({ key: "errors.alreadyAccepted" });
    expect((await getQuoteForStaff(staff, id))?.invoice?.id).toBe(invoiceId);
  });

  it("five accepts at once make one invoice, and all of them answer with it", async () => {
    const id = await quote({ send: true });
    const results = await Promise.all(Array.from({ length: 5 }, () => acceptQuote(owner, id, { now: NOW })));
    const invoiceIds = new Set(results.map((r) => r.invoiceId));
    expect(invoiceIds.size).toBe(1);
    expect(results.filter((r) => !r.alreadyAccepted)).toHaveLength(1);
    expect(await db.invoice.count({ where: { id: { in: [...invoiceIds] } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "quotes.accepted", targetId: id } })).toBe(1);
    const quoteRow = await db.quote.findUniqueOrThrow({ where: { id } });
    expect(quoteRow.invoiceId).toBe([...invoiceIds][0]);
  });

  it("a contact with billing.view only sees the quote but cannot accept or decline it", async () => {
    const id = await quote({ send: true });
    expect(await getQuote(viewer, id)).not.toBeNull();
    await expect(acceptQuote(viewer, id, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(declineQuote(viewer, { id }, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await db.quote.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", invoiceId: null });
  });
});

describe("declining and expiry", () => {
  it("declines with a reason staff can read; a declined quote cannot be accepted", async () => {
    const id = await quote({ send: true });
    await declineQuote(owner, { id, reason: "Too expensive for us this year" }, { now: NOW });
    expect(await db.quote.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "declined", declinedAt: NOW, invoiceId: null });
    await expect(acceptQuote(owner, id, { now: NOW })).rejects.toMatchObject({ key: "errors.alreadyDeclined" });
    expect(await getQuoteForStaff(staff, id)).toMatchObject({ status: "declined", declineReason: "Too expensive for us this year" });
  });

  it("a sent quote past its validity shows as expired before the job runs and cannot be accepted", async () => {
    const id = await quote({ send: true });
    await db.quote.update({ where: { id }, data: { validUntil: day("2033-06-09") } });
    const invoicesBefore = await db.invoice.count({ where: { customerId } });
    expect((await getQuote(owner, id, { now: NOW }))?.status).toBe("expired");
    expect((await getQuoteForStaff(staff, id, { now: NOW }))?.status).toBe("expired");
    expect((await listQuotes(owner, { now: NOW })).items.find((q) => q.id === id)?.status).toBe("expired");
    await expect(acceptQuote(owner, id, { now: NOW })).rejects.toMatchObject({ key: "errors.expired" });
    await expect(declineQuote(owner, { id }, { now: NOW })).rejects.toMatchObject({ key: "errors.expired" });
    expect(await db.quote.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", invoiceId: null });
    expect(await db.invoice.count({ where: { customerId } })).toBe(invoicesBefore);
    // Valid through its last day: a quote valid until today can still be accepted.
    const lastDay = await quote({ send: true });
    await db.quote.update({ where: { id: lastDay }, data: { validUntil: day("2033-06-10") } });
    await expect(acceptQuote(owner, lastDay, { now: NOW })).resolves.toMatchObject({ alreadyAccepted: false });
  });

  it("the job expires only sent quotes past validity, and a second run changes nothing", async () => {
    const past = await quote({ send: true });
    const today = await quote({ send: true });
    const acceptedPast = await quote({ send: true });
    await acceptQuote(owner, acceptedPast, { now: NOW });
    const draftPast = await quote();
    await db.quote.updateMany({ where: { id: { in: [past, acceptedPast, draftPast] } }, data: { validUntil: day("2033-06-07") } });
    await db.quote.update({ where: { id: today }, data: { validUntil: day("2033-06-10") } });

    await expireQuotes({ now: NOW });
    const statuses = async () => Object.fromEntries((await db.quote.findMany({ where: { id: { in: [past, today, acceptedPast, draftPast] } }, select: { id: true, status: true, updatedAt: true } })).map((q) => [q.id, q]));
    const first = await statuses();
    expect([first[past].status, first[today].status, first[acceptedPast].status, first[draftPast].status]).toEqual(["expired", "sent", "accepted", "draft"]);
    expect(await db.auditEvent.count({ where: { action: "quotes.expired", targetId: past } })).toBe(1);

    await expireQuotes({ now: NOW });
    expect(await statuses()).toEqual(first);
    expect(await db.auditEvent.count({ where: { action: "quotes.expired", targetId: past } })).toBe(1);
    await expect(acceptQuote(owner, past, { now: NOW })).rejects.toMatchObject({ key: "errors.expired" });
  });
});

describe("staff permission", () => {
  it("staff without staff.billing are refused everything, and nothing is written", async () => {
    const id = await quote();
    const input = quoteDraftSchema.parse({ customerId, subject: "Not allowed", validUntil: "2033-06-30", lines: LINES });
    const before = await db.quote.count({ where: { customerId } });
    for (const attempt of [
      () => listQuotesForStaff(agent, { q: "", status: "all", page: 1 }),
      () => getQuoteForStaff(agent, id),
      () => searchCustomersForQuote(agent, "C"),
      () => customerForQuote(agent, customerId),
      () => saveQuoteDraft(agent, input),
      () => sendQuote(agent, id, { now: NOW }),
      () => deleteQuoteDraft(agent, id),
    ]) {
      await expect(attempt()).rejects.toBeInstanceOf(PermissionDenied);
    }
    expect(await db.quote.count({ where: { customerId } })).toBe(before);
    expect(await db.quote.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "draft", number: null });
  });

  it("the staff list filters by status (expired includes sent past validity) and searches by number and subject", async () => {
    const id = await quote({ send: true });
    const row = await db.quote.findUniqueOrThrow({ where: { id } });
    const byNumber = await listQuotesForStaff(staff, { q: row.number!, status: "all", page: 1 });
    expect(byNumber.items.map((q) => q.id)).toEqual([id]);
    expect((await listQuotesForStaff(staff, { q: row.subject, status: "draft", page: 1 })).items).toHaveLength(0);
    await db.quote.update({ where: { id }, data: { validUntil: day("2020-01-01") } });
    expect((await listQuotesForStaff(staff, { q: row.subject, status: "expired", page: 1 })).items.map((q) => q.status)).toEqual(["expired"]);
    expect((await listQuotesForStaff(staff, { q: row.subject, status: "sent", page: 1 })).items).toHaveLength(0);
  });
});
