// Customer billing over HTTP against the built app, and through the lib functions the pages use:
// another customer's invoice page, ledger and payment answer "not found" exactly like a missing
// id and change nothing; the pay-with-credit action books min(credit, balance) whatever amount the
// client posts along.
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { PermissionDenied } from "@/lib/auth/errors";
import { listCreditLedger } from "@/lib/billing/customer-credit";
import { payInvoiceWithCredit } from "@/lib/billing/payments";
import { getInvoiceDetail, listInvoices } from "@/lib/billing/queries";
import { customerActorFor } from "@/tests/helpers/actors";
import { BASE_URL, get, sessionCookie } from "@/tests/helpers/http-login";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomerWithOwner, createUser, unique } from "@/tests/helpers/factories";

const DIST = process.env.NEXT_DIST_DIR || ".next";

type Party = Awaited<ReturnType<typeof createCustomerWithOwner>> & { cookie: string };

async function party(): Promise<Party> {
  const p = await createCustomerWithOwner(db);
  return { ...p, cookie: await sessionCookie(p.owner.email, DEFAULT_TEST_PASSWORD) };
}

/** An issued, unpaid proforma with one line (amounts as issueInvoice would store them). */
async function unpaidInvoice(customerId: string, totalMinor: bigint) {
  const number = unique("PF-SEC");
  return db.invoice.create({
    data: {
      customerId,
      kind: "proforma",
      number,
      status: "unpaid",
      currency: "EUR",
      subtotalMinor: totalMinor,
      taxMinor: 0n,
      totalMinor,
      issuedAt: new Date(),
      dueDate: new Date(Date.now() + 7 * 86_400_000),
      paymentReference: String(Math.floor(Math.random() * 9e9) + 1e9),
      lines: { create: [{ position: 1, description: `Hosting for ${number}`, unitPriceMinor: totalMinor, netMinor: totalMinor, taxRateBp: 0 }] },
    },
  });
}

/** What must not change when someone else tries to pay: the invoice, its payments, the customer's credit. */
async function snapshot(customerId: string, invoiceId: string) {
  return {
    invoice: await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { status: true, amountPaidMinor: true, paidAt: true } }),
    payments: await db.payment.count({ where: { customerId } }),
    credit: await db.creditEntry.findMany({ where: { customerId }, orderBy: { id: "asc" }, select: { id: true, amountMinor: true } }),
    derived: await db.invoice.count({ where: { sourceInvoiceId: invoiceId } }),
  };
}

/** The id of a server action in the build's manifest, by its exported name and file. */
function actionId(exportedName: string, fileHint: string): string {
  const manifest = JSON.parse(fs.readFileSync(`${DIST}/server/server-reference-manifest.json`, "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const found = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName && (a.filename ?? "").includes(fileHint));
  if (!found) throw new Error(`server action ${exportedName} (${fileHint}) not in ${DIST}'s manifest`);
  return found[0];
}

/** Calls a server action the way the browser does, with whatever arguments an attacker chooses. */
async function callAction(id: string, page: string, cookie: string, args: unknown[]) {
  const res = await fetch(`${BASE_URL()}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: BASE_URL(), cookie },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: await res.text() };
}

let mine: Party;
let theirs: Party;
let myInvoice: { id: string; number: string | null };
let theirInvoice: { id: string; number: string | null };
const ledgerNote = `A's private credit note ${randomUUID()}`;

beforeAll(async () => {
  [mine, theirs] = await Promise.all([party(), party()]);
  myInvoice = await unpaidInvoice(mine.customer.id, 10_000n);
  theirInvoice = await unpaidInvoice(theirs.customer.id, 8_000n);
  await db.creditEntry.create({ data: { customerId: mine.customer.id, currency: "EUR", amountMinor: 4_000n, kind: "adjustment", note: ledgerNote, invoiceId: myInvoice.id } });
  await db.creditEntry.create({ data: { customerId: theirs.customer.id, currency: "EUR", amountMinor: 50_000n, kind: "adjustment", note: "B's credit" } });
});

describe("another customer's billing", () => {
  it("their invoice page answers 404 exactly like a missing id, and shows nothing of it", async () => {
    const own = await get(`/billing/invoices/${myInvoice.id}`, mine.cookie);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(myInvoice.number!);

    const foreign = await get(`/billing/invoices/${myInvoice.id}`, theirs.cookie);
    const missing = await get(`/billing/invoices/${randomUUID()}`, theirs.cookie);
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    const body = await foreign.text();
    expect(body).not.toContain(myInvoice.number!);
    expect(body).not.toContain(`Hosting for ${myInvoice.number}`);
    expect((await get(`/billing/invoices/${myInvoice.id}?paid=1`, theirs.cookie)).status).toBe(404);
  });

  it("their lists and ledger never show my invoices or credit entries", async () => {
    for (const url of ["/billing/invoices?status=all", "/billing/credit", "/billing"]) {
      const res = await get(url, theirs.cookie);
      expect([url, res.status]).toEqual([url, 200]);
      const body = await res.text();
      expect(body).not.toContain(myInvoice.number!);
      expect(body).not.toContain(ledgerNote);
    }
    // My own ledger shows the entry (so the check above can fail).
    expect(await (await get("/billing/credit", mine.cookie)).text()).toContain(ledgerNote);

    const theirActor = await customerActorFor(theirs.owner.id, theirs.customer.id);
    await expect(getInvoiceDetail(theirActor, myInvoice.id)).resolves.toBeNull();
    expect((await listInvoices(theirActor, { status: "all" })).items.map((i) => i.id)).not.toContain(myInvoice.id);
    const ledger = await listCreditLedger(theirActor);
    expect(ledger.items.map((e) => e.note)).not.toContain(ledgerNote);
    expect(ledger.items.every((e) => e.invoice === null || e.invoice.id !== myInvoice.id)).toBe(true);
  });

  it("paying their invoice with my credit, through the lib or the action, is 'not found' and changes nothing", async () => {
    const before = { theirs: await snapshot(theirs.customer.id, theirInvoice.id), mine: await snapshot(mine.customer.id, myInvoice.id) };
    const myActor = await customerActorFor(mine.owner.id, mine.customer.id);
    await expect(payInvoiceWithCredit(myActor, theirInvoice.id)).rejects.toMatchObject({ name: "PaymentError", key: "errors.notFound" });

    const pay = actionId("payWithCreditAction", "billing/actions");
    const res = await callAction(pay, `/billing/invoices/${myInvoice.id}`, mine.cookie, [{ invoiceId: theirInvoice.id, amountMinor: "8000" }]);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toContain("errors.notFound");
    expect({ theirs: await snapshot(theirs.customer.id, theirInvoice.id), mine: await snapshot(mine.customer.id, myInvoice.id) }).toEqual(before);
  });

  it("a contact without billing.pay cannot pay through the action", async () => {
    const viewer = await createUser(db);
    await addMember(db, viewer.id, mine.customer.id, { permissions: ["billing.view"], isOwner: false });
    const cookie = await sessionCookie(viewer.email, DEFAULT_TEST_PASSWORD);
    const before = await snapshot(mine.customer.id, myInvoice.id);
    const res = await callAction(actionId("payWithCreditAction", "billing/actions"), `/billing/invoices/${myInvoice.id}`, cookie, [{ invoiceId: myInvoice.id }]);
    expect(res.body).toContain("errors.forbidden");
    expect(await snapshot(mine.customer.id, myInvoice.id)).toEqual(before);
    await expect(payInvoiceWithCredit(await customerActorFor(viewer.id, mine.customer.id), myInvoice.id)).rejects.toBeInstanceOf(PermissionDenied);
  });
});

describe("the amount of a credit payment is the server's", () => {
  it("an amount posted with the form is ignored: the booking is min(credit, balance)", async () => {
    // Credit 4 000, balance 10 000: the client asks for 1 and then for 10 000; 4 000 is booked.
    const pay = actionId("payWithCreditAction", "billing/actions");
    const res = await callAction(pay, `/billing/invoices/${myInvoice.id}`, mine.cookie, [{ invoiceId: myInvoice.id, amountMinor: "1", amount: 1 }]);
    expect(res.status).toBe(200);
    const payments = await db.payment.findMany({ where: { invoiceId: myInvoice.id }, select: { method: true, amountMinor: true } });
    expect(payments).toEqual([{ method: "credit", amountMinor: 4_000n }]);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: myInvoice.id }, select: { status: true, amountPaidMinor: true } })).toEqual({ status: "unpaid", amountPaidMinor: 4_000n });
    const credit = await db.creditEntry.aggregate({ where: { customerId: mine.customer.id, currency: "EUR" }, _sum: { amountMinor: true } });
    expect(credit._sum.amountMinor).toBe(0n);

    // No credit left: asking to pay 10 000 books nothing.
    const again = await callAction(pay, `/billing/invoices/${myInvoice.id}`, mine.cookie, [{ invoiceId: myInvoice.id, amountMinor: "10000" }]);
    expect(again.body).toContain("errors.noCredit");
    expect(await db.payment.count({ where: { invoiceId: myInvoice.id } })).toBe(1);
  });
});
