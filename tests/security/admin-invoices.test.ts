// Staff invoices (/admin/invoices) refuse everyone without `staff.billing`: a support agent and a
// customer (an owner holds every customer permission, none of staff's). Each lib function throws
// PermissionDenied; each server action answers "forbidden"; each page is a 404 for such staff and
// sends customers to /dashboard; the CSV download answers 404 — and nothing in the database
// changes. A billing clerk and an administrator (both with staff.billing) pass every check, so the
// refusals are not an artefact of the test set-up.
//
// Runs in-process: the session is a real Session row resolved by lib/auth (only next-auth's cookie
// reading is replaced), so it needs a database but no running app:
//   TEST_DB_PREFIX=<yours> npx jest --testMatch '<rootDir>/tests/security/admin-invoices.test.ts'
// (and in `npm run test:e2e`, which runs every file of tests/security).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { type Actor, can } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import * as bankImport from "@/lib/billing/admin-bank-import";
import * as invoices from "@/lib/billing/admin-invoices";
import * as queries from "@/lib/billing/admin-queries";
import * as report from "@/lib/billing/admin-report";
import { adminInvoiceListParamsSchema, type DraftInput } from "@/lib/billing/admin-schemas";
import { issueInvoice } from "@/lib/billing/issue";
import { applyIncomingPayment } from "@/lib/billing/payments";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { createCustomerWithOwner, createUser } from "@/tests/helpers/factories";
import * as actions from "@/app/(staff)/admin/invoices/actions";
import InvoicesPage from "@/app/(staff)/admin/invoices/page";
import NewDraftPage from "@/app/(staff)/admin/invoices/new/page";
import InvoicePage from "@/app/(staff)/admin/invoices/[id]/page";
import CreditPage from "@/app/(staff)/admin/invoices/credit/page";
import ReportPage from "@/app/(staff)/admin/invoices/report/page";
import ImportPage from "@/app/(staff)/admin/invoices/import/page";
import { GET as reportCsv } from "@/app/(staff)/admin/invoices/report/csv/route";

// next-auth reads the session cookie from the request; here the test says which session it is.
const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.51", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

type Persona = { label: string; userId: string; sessionId: string; actor: Actor };

let clerk: Persona;
let admin: Persona;
let refused: Persona[];
let customerId: string;
let draftId: string;
let unpaid: { id: string; paymentReference: string | null };
let paidPaymentId: string;

async function signedIn(label: string, userId: string, actor: Actor): Promise<Persona> {
  const sessionId = randomUUID();
  const now = new Date();
  await db.session.create({ data: { id: sessionId, userId, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now, reauthenticatedAt: now } });
  return { label, userId, sessionId, actor };
}

async function staffPersona(role: "administrator" | "billing_clerk" | "support_agent"): Promise<Persona> {
  const user = await createUser(db, { staffRole: role, totpSecret: "JBSWY3DPEHPK3PXP" });
  return signedIn(role, user.id, await staffActorFor(user.id));
}

const draftInput = (over: Partial<DraftInput> = {}): DraftInput => ({
  invoiceId: "",
  customerId,
  currency: "EUR",
  dueDate: "2046-02-01",
  notes: "",
  lines: [{ description: "Sneaky line", periodStart: "", periodEnd: "", quantity: "1", unitPrice: "99.00", vatRate: "0" }],
  ...over,
});
const paymentInput = () => ({ invoiceId: unpaid.id, currency: "EUR" as const, method: "manual" as const, amount: "5.00", receivedOn: "2026-01-01", reference: "", transactionId: "", note: "" });
const refundInput = () => ({ paymentId: paidPaymentId, currency: "EUR" as const, amount: "1.00", destination: "credit" as const, reason: "Sneaky refund" });
const creditInput = () => ({ customerId, currency: "EUR" as const, amount: "500.00", note: "Sneaky credit" });
const csv = () => `2026-01-02,5.00,EUR,${unpaid.paymentReference},Sneaky,SEC-TX-1\n`;

/** Everything staff billing writes for the test customer, to compare before and after. */
async function billingState() {
  const [invoiceRows, lines, payments, credit, emails, audits] = await Promise.all([
    db.invoice.findMany({ where: { customerId }, orderBy: { id: "asc" }, select: { id: true, status: true, number: true, totalMinor: true, amountPaidMinor: true, dueDate: true, cancelledAt: true } }),
    db.invoiceLine.count({ where: { invoice: { customerId } } }),
    db.payment.count({ where: { customerId } }),
    db.creditEntry.count({ where: { customerId } }),
    db.emailMessage.count({ where: { customerId } }),
    db.auditEvent.count({ where: { OR: [{ customerId }, { action: "billing.bank_import.booked" }] } }),
  ]);
  return { invoiceRows, lines, payments, credit, emails, audits };
}

function digestOf(error: unknown): string {
  return typeof error === "object" && error && "digest" in error ? String((error as { digest: unknown }).digest) : String(error);
}

async function pageOutcome(render: () => Promise<unknown>): Promise<string> {
  try {
    await render();
    return "rendered";
  } catch (error) {
    const digest = digestOf(error);
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
    if (digest.startsWith("NEXT_REDIRECT;")) return `redirect ${digest.split(";")[2]}`;
    return "past the check";
  }
}

/** Every lib function of the staff invoices that takes an actor, with valid input. */
function dataCalls(actor: Actor): [name: string, call: () => Promise<unknown>][] {
  return [
    ["listInvoicesForStaff", () => queries.listInvoicesForStaff(actor, adminInvoiceListParamsSchema.parse({}))],
    ["searchCustomersForStaff", () => queries.searchCustomersForStaff(actor, "Customer")],
    ["getDraftCustomer", () => queries.getDraftCustomer(actor, customerId)],
    ["getInvoiceForStaff", () => queries.getInvoiceForStaff(actor, unpaid.id)],
    ["getCustomerCreditForStaff", () => queries.getCustomerCreditForStaff(actor, customerId)],
    ["revenueReport", () => report.revenueReport(actor, 2026)],
    ["createDraft", () => invoices.createDraft(actor, draftInput())],
    ["saveDraft", () => invoices.saveDraft(actor, draftInput({ invoiceId: draftId }))],
    ["deleteDraft", () => invoices.deleteDraft(actor, draftId)],
    ["issueDraft", () => invoices.issueDraft(actor, draftId)],
    ["cancelInvoice", () => invoices.cancelInvoice(actor, unpaid.id)],
    ["recordPayment", () => invoices.recordPayment(actor, paymentInput())],
    ["refundPaymentForStaff", () => invoices.refundPaymentForStaff(actor, refundInput())],
    ["resendInvoice", () => invoices.resendInvoice(actor, unpaid.id)],
    ["adjustCustomerCredit", () => invoices.adjustCustomerCredit(actor, creditInput())],
    ["previewBankImport", () => bankImport.previewBankImport(actor, csv())],
    ["bookBankImport", () => bankImport.bookBankImport(actor, csv())],
  ];
}

/** Every server action of /admin/invoices with input its schema accepts. */
function actionCalls(): [name: string, call: () => Promise<unknown>][] {
  return [
    ["createDraftAction", () => actions.createDraftAction(draftInput())],
    ["saveDraftAction", () => actions.saveDraftAction(draftInput({ invoiceId: draftId }))],
    ["deleteDraftAction", () => actions.deleteDraftAction({ invoiceId: draftId })],
    ["issueDraftAction", () => actions.issueDraftAction({ invoiceId: draftId })],
    ["cancelInvoiceAction", () => actions.cancelInvoiceAction({ invoiceId: unpaid.id })],
    ["resendInvoiceAction", () => actions.resendInvoiceAction({ invoiceId: unpaid.id })],
    ["recordPaymentAction", () => actions.recordPaymentAction(paymentInput())],
    ["refundPaymentAction", () => actions.refundPaymentAction(refundInput())],
    ["adjustCreditAction", () => actions.adjustCreditAction(creditInput())],
    ["previewBankImportAction", () => actions.previewBankImportAction({ csv: csv() })],
    ["bookBankImportAction", () => actions.bookBankImportAction({ csv: csv() })],
  ];
}

function pageRenders(): [name: string, render: () => Promise<unknown>][] {
  const none = Promise.resolve({});
  return [
    ["/admin/invoices", () => InvoicesPage({ searchParams: none })],
    ["/admin/invoices/new", () => NewDraftPage({ searchParams: Promise.resolve({ q: "Customer" }) })],
    ["/admin/invoices/new?customer", () => NewDraftPage({ searchParams: Promise.resolve({ customer: customerId }) })],
    ["/admin/invoices/[id] (draft)", () => InvoicePage({ params: Promise.resolve({ id: draftId }) })],
    ["/admin/invoices/[id] (issued)", () => InvoicePage({ params: Promise.resolve({ id: unpaid.id }) })],
    ["/admin/invoices/credit", () => CreditPage({ searchParams: Promise.resolve({ q: "Customer" }) })],
    ["/admin/invoices/credit?customer", () => CreditPage({ searchParams: Promise.resolve({ customer: customerId }) })],
    ["/admin/invoices/report", () => ReportPage({ searchParams: none })],
    ["/admin/invoices/import", () => ImportPage()],
  ];
}

const csvStatus = async () => (await reportCsv(new Request("http://127.0.0.1/admin/invoices/report/csv?year=2026"))).status;

// A describe of its own, so the set-up runs before the shared after-env hook closes the pool.
describe("staff invoices", () => {
  beforeAll(async () => {
    [clerk, admin] = await Promise.all([staffPersona("billing_clerk"), staffPersona("administrator")]);
    const { customer, owner } = await createCustomerWithOwner(db);
    customerId = customer.id;
    refused = await Promise.all([staffPersona("support_agent"), signedIn("customer owner", owner.id, await customerActorFor(owner.id, customer.id))]);

    const line = { position: 1, description: "Hosting", unitPriceMinor: 1000n, netMinor: 1000n, taxRateBp: 0 };
    draftId = (await db.invoice.create({ data: { customerId, currency: "EUR", totalMinor: 1000n, dueDate: new Date("2046-02-01T00:00:00Z"), lines: { create: line } } })).id;
    const forUnpaid = await db.invoice.create({ data: { customerId, currency: "EUR", totalMinor: 0n, dueDate: new Date("2046-02-01T00:00:00Z"), lines: { create: line } } });
    unpaid = await issueInvoice(forUnpaid.id, { useProforma: true });
    const forPaid = await db.invoice.create({ data: { customerId, currency: "EUR", totalMinor: 0n, dueDate: new Date("2046-02-01T00:00:00Z"), lines: { create: line } } });
    await issueInvoice(forPaid.id, { useProforma: false });
    paidPaymentId = (await applyIncomingPayment({ invoiceId: forPaid.id, method: "bank_transfer", amountMinor: 1000n, currency: "EUR", externalId: `SEC-${randomUUID()}` })).paymentId;
  });

  afterEach(() => {
    mockSessionId.current = null;
  });

  it("refuses the personas without staff.billing and lets the others in", () => {
    expect(refused.map((p) => [p.label, can(p.actor, "staff.billing")])).toEqual([
      ["support_agent", false],
      ["customer owner", false],
    ]);
    expect([can(clerk.actor, "staff.billing"), can(admin.actor, "staff.billing")]).toEqual([true, true]);
  });

  it("covers every function of the admin billing modules that takes an actor", () => {
    const exported = [queries, invoices, report, bankImport]
      .flatMap((mod) => Object.entries(mod))
      .filter(([name, value]) => typeof value === "function" && !/^[A-Z]/.test(name) && !/Unsafe$/.test(name) && !["isOverdue", "revenueReportCsv"].includes(name))
      .map(([name]) => name)
      .sort();
    expect([...new Set(dataCalls(admin.actor).map(([name]) => name))].sort()).toEqual(exported);
  });

  it("covers every server action of /admin/invoices", () => {
    expect(actionCalls().map(([name]) => name).sort()).toEqual(Object.keys(actions).sort());
  });

  describe.each(["support_agent", "customer owner"])("%s", (label) => {
    const persona = () => refused.find((p) => p.label === label)!;

    it("is refused by every data function, and nothing changes", async () => {
      const before = await billingState();
      for (const [name, call] of dataCalls(persona().actor)) {
        const outcome = await call().then(
          () => "allowed",
          (error: unknown) => (error instanceof PermissionDenied ? "denied" : `other: ${String(error)}`),
        );
        expect([name, outcome]).toEqual([name, "denied"]);
      }
      expect(await billingState()).toEqual(before);
    });

    it("is answered 'forbidden' by every server action, and nothing changes", async () => {
      mockSessionId.current = persona().sessionId;
      const before = await billingState();
      for (const [name, call] of actionCalls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
      expect(await billingState()).toEqual(before);
    });

    it("cannot open any page or download the report", async () => {
      mockSessionId.current = persona().sessionId;
      const expected = persona().actor.kind === "staff" ? "404" : "redirect /dashboard";
      for (const [name, render] of pageRenders()) expect([name, await pageOutcome(render)]).toEqual([name, expected]);
      expect(await csvStatus()).toBe(404);
    });
  });

  it("without a session: pages go to sign-in, actions do nothing, the download answers 401", async () => {
    const before = await billingState();
    expect(await pageOutcome(() => InvoicesPage({ searchParams: Promise.resolve({}) }))).toBe("redirect /login");
    await expect(actions.recordPaymentAction(paymentInput())).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;/) });
    expect(await csvStatus()).toBe(401);
    expect(await billingState()).toEqual(before);
  });

  describe.each(["billing_clerk", "administrator"])("%s (staff.billing)", (label) => {
    const persona = () => (label === "administrator" ? admin : clerk);

    it("gets past the permission check of every page, and downloads the report", async () => {
      mockSessionId.current = persona().sessionId;
      // The pages go on to next-intl, which has no request here: anything but a 404 or a redirect
      // means requireStaffActor let them through.
      for (const [name, render] of pageRenders()) expect([name, await pageOutcome(render)]).toEqual([name, expect.stringMatching(/^(rendered|past the check)$/)]);
      expect(await csvStatus()).toBe(200);
    });

    it("reads through every data function", async () => {
      await expect(queries.getInvoiceForStaff(persona().actor, unpaid.id)).resolves.toMatchObject({ id: unpaid.id });
      await expect(queries.listInvoicesForStaff(persona().actor, adminInvoiceListParamsSchema.parse({ customer: customerId }))).resolves.toMatchObject({ total: 3 });
      await expect(bankImport.previewBankImport(persona().actor, csv())).resolves.toMatchObject({ matched: 1 });
    });
  });

  it("a billing clerk and an administrator run the actions, which change the invoices", async () => {
    mockSessionId.current = clerk.sessionId;
    const created = await actions.createDraftAction(draftInput());
    expect(created).toEqual({ ok: true, data: { id: expect.any(String) } });
    const newId = (created as { data: { id: string } }).data.id;
    mockSessionId.current = admin.sessionId;
    expect(await actions.issueDraftAction({ invoiceId: newId })).toEqual({ ok: true, data: { number: expect.stringMatching(/^(PF|INV)-/), emailed: 1 } });
    mockSessionId.current = clerk.sessionId;
    expect(await actions.recordPaymentAction({ ...paymentInput(), invoiceId: newId, amount: "100.00" })).toMatchObject({ ok: true, data: { appliedMinor: 9900n, creditedMinor: 100n, invoicePaid: true } });
    // Refusals about the data, not the person, still apply to them.
    expect(await actions.cancelInvoiceAction({ invoiceId: newId })).toEqual({ ok: false, error: "errors.paidRefundInstead" });
    expect(await actions.recordPaymentAction({ ...paymentInput(), amount: "5.001" })).toEqual({ ok: false, error: "errors.invalidForm", fieldErrors: { amount: "errors.amountDecimals" } });
    mockSessionId.current = admin.sessionId;
    expect(await actions.adjustCreditAction({ ...creditInput(), amount: "-1000.00" })).toEqual({ ok: false, error: "errors.creditBelowZero" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: newId } })).toMatchObject({ status: "paid", amountPaidMinor: 9900n });
    expect(await db.auditEvent.count({ where: { targetId: newId, actorUserId: { in: [clerk.userId, admin.userId] } } })).toBe(3);
  });
});
