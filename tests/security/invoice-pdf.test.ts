// Invoice PDFs over HTTP against the built app: only the customer's people with billing.view get
// their customer's issued documents, only staff with staff.billing get the staff download; every
// other request is a 404 (or a redirect to sign in) that carries no PDF bytes.
import { db } from "@/lib/db";
import { issueInvoice } from "@/lib/billing/issue";
import { BASE_URL, get, sessionCookie, verifiedSessionCookie } from "@/tests/helpers/http-login";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomerWithOwner, createUser } from "@/tests/helpers/factories";

const NOW = new Date("2037-05-04T10:00:00Z");
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

async function draft(customerId: string, description: string) {
  return db.invoice.create({
    data: {
      customerId,
      currency: "EUR",
      totalMinor: 0n,
      dueDate: new Date("2037-05-18T00:00:00Z"),
      lines: { create: [{ position: 1, description, unitPriceMinor: 2_500n, netMinor: 2_500n, taxRateBp: 2300 }] },
    },
  });
}

let mine: { id: string; number: string | null };
let myDraft: { id: string };
let theirs: { id: string };
const cookies = { owner: "", technical: "", billing: "", other: "", clerk: "", agent: "" };

beforeAll(async () => {
  const me = await createCustomerWithOwner(db);
  const them = await createCustomerWithOwner(db);
  const technical = await createUser(db);
  await addMember(db, technical.id, me.customer.id, { preset: "technical" });
  const billing = await createUser(db);
  await addMember(db, billing.id, me.customer.id, { preset: "billing" });
  const clerk = await createUser(db, { staffRole: "billing_clerk", totpSecret: "JBSWY3DPEHPK3PXP" });
  const agent = await createUser(db, { staffRole: "support_agent", totpSecret: "JBSWY3DPEHPK3PXP" });

  mine = await issueInvoice((await draft(me.customer.id, "Web hosting")).id, { now: NOW, useProforma: true });
  myDraft = await draft(me.customer.id, "Not issued yet");
  theirs = await issueInvoice((await draft(them.customer.id, "Their VPS")).id, { now: NOW, useProforma: true });

  cookies.owner = await sessionCookie(me.owner.email, DEFAULT_TEST_PASSWORD);
  cookies.technical = await sessionCookie(technical.email, DEFAULT_TEST_PASSWORD);
  cookies.billing = await sessionCookie(billing.email, DEFAULT_TEST_PASSWORD);
  cookies.other = await sessionCookie(them.owner.email, DEFAULT_TEST_PASSWORD);
  cookies.clerk = await verifiedSessionCookie(clerk.email);
  cookies.agent = await verifiedSessionCookie(agent.email);
});

const portalUrl = (id: string) => `/billing/invoices/${id}/pdf`;
const staffUrl = (id: string) => `/admin/invoices/${id}/pdf`;

async function bodyOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}
const isPdf = (body: Buffer) => body.subarray(0, 5).toString("latin1") === "%PDF-";

async function expectPdf(url: string, cookie: string) {
  const res = await get(url, cookie);
  expect([url, res.status]).toEqual([url, 200]);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.pdf"$/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  expect(isPdf(await bodyOf(res))).toBe(true);
  return res;
}

/** A 404, or a redirect away (middleware), and never a byte of a PDF. */
async function expectNoPdf(url: string, cookie: string | undefined, allowed: number[]) {
  const res = await get(url, cookie);
  expect([url, allowed.includes(res.status)]).toEqual([url, true]);
  expect(res.headers.get("content-type") ?? "").not.toContain("application/pdf");
  expect(isPdf(await bodyOf(res))).toBe(false);
  return res;
}

const REDIRECTS = [302, 303, 307, 308];

describe("the customer's invoice PDF", () => {
  it("is served to the owner and to a billing contact, named after the invoice number", async () => {
    const res = await expectPdf(portalUrl(mine.id), cookies.owner);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${mine.number}.pdf"`);
    await expectPdf(portalUrl(mine.id), cookies.billing);
  });

  it("answers 404 for another customer's invoice, a draft, a malformed or unknown id, and a contact without billing.view", async () => {
    for (const [who, id] of [
      ["other", mine.id],
      ["owner", theirs.id],
      ["owner", myDraft.id],
      ["owner", "not-a-uuid"],
      ["owner", "%2e%2e%2f%2e%2e%2fetc%2fpasswd"],
      ["owner", UNKNOWN],
      ["technical", mine.id],
      ["billing", myDraft.id],
    ] as const) {
      await expectNoPdf(portalUrl(id), cookies[who], [404]);
    }
  });

  it("sends anonymous visitors to sign in, and gives staff nothing", async () => {
    const anonymous = await expectNoPdf(portalUrl(mine.id), undefined, REDIRECTS);
    expect(new URL(anonymous.headers.get("location")!, BASE_URL()).pathname).toBe("/login");
    await expectNoPdf(portalUrl(mine.id), cookies.clerk, [404, ...REDIRECTS]);
  });
});

describe("the staff invoice PDF", () => {
  it("is served to staff with staff.billing, drafts and any customer's documents included", async () => {
    await expectPdf(staffUrl(myDraft.id), cookies.clerk);
    await expectPdf(staffUrl(theirs.id), cookies.clerk);
  });

  it("refuses staff without staff.billing, customers, bad ids and anonymous visitors", async () => {
    await expectNoPdf(staffUrl(mine.id), cookies.agent, [404]);
    await expectNoPdf(staffUrl("not-a-uuid"), cookies.clerk, [404]);
    await expectNoPdf(staffUrl(UNKNOWN), cookies.clerk, [404]);
    for (const who of ["owner", "billing"] as const) await expectNoPdf(staffUrl(mine.id), cookies[who], [404, ...REDIRECTS]);
    const anonymous = await expectNoPdf(staffUrl(myDraft.id), undefined, REDIRECTS);
    expect(new URL(anonymous.headers.get("location")!, BASE_URL()).pathname).toBe("/login");
  });
});
