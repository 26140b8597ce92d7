// Quotes over HTTP against the built app, and through the lib functions the pages use: another
// customer's quote page, accept and decline answer "not found" exactly like a missing id and change
// nothing; a draft is the provider's; a contact without billing.pay cannot accept or decline; staff
// without staff.billing get nothing.
import fs from "node:fs";
import { db } from "@/lib/db";
import { PermissionDenied } from "@/lib/auth/errors";
import { acceptQuote, declineQuote, getQuote, listQuotes } from "@/lib/billing/quotes";
import { customerActorFor } from "@/tests/helpers/actors";
import { BASE_URL, get, sessionCookie, verifiedSessionCookie } from "@/tests/helpers/http-login";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomerWithOwner, createUser, unique } from "@/tests/helpers/factories";

const DIST = process.env.NEXT_DIST_DIR || ".next";
const MISSING = "00000000-0000-4000-8000-000000000000";

type Party = Awaited<ReturnType<typeof createCustomerWithOwner>> & { cookie: string };

async function party(): Promise<Party> {
  const p = await createCustomerWithOwner(db);
  return { ...p, cookie: await sessionCookie(p.owner.email, DEFAULT_TEST_PASSWORD) };
}

const validUntil = () => new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 31));

/** A quote as sendQuote leaves it (or a draft), with one line. */
async function quote(customerId: string, status: "draft" | "sent") {
  const number = status === "sent" ? unique("Q-SEC") : null;
  return db.quote.create({
    data: {
      customerId,
      number,
      subject: `Offer ${unique("s")}`,
      status,
      currency: "EUR",
      subtotalMinor: 10_000n,
      taxMinor: 2_300n,
      totalMinor: 12_300n,
      validUntil: validUntil(),
      sentAt: status === "sent" ? new Date() : null,
      lines: { create: [{ position: 0, description: "Private line of the quote", quantityMilli: 1000, unitPriceMinor: 10_000n, netMinor: 10_000n, taxRateBp: 2300 }] },
    },
  });
}

/** What must not change when someone else answers the quote. */
async function snapshot(quoteId: string, customerIds: string[]) {
  return {
    quote: await db.quote.findUniqueOrThrow({ where: { id: quoteId }, select: { status: true, invoiceId: true, acceptedAt: true, declinedAt: true, number: true, sentAt: true } }),
    invoices: await db.invoice.count({ where: { customerId: { in: customerIds } } }),
    audit: await db.auditEvent.count({ where: { targetId: quoteId } }),
    emails: await db.emailMessage.count({ where: { customerId: { in: customerIds } } }),
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
let viewOnly: { cookie: string; userId: string };
let technical: { cookie: string };
let sent: { id: string; number: string | null; subject: string };
let draft: { id: string; subject: string };

beforeAll(async () => {
  mine = await party();
  theirs = await party();
  const viewer = await createUser(db);
  await addMember(db, viewer.id, mine.customer.id, { permissions: ["billing.view"] });
  viewOnly = { userId: viewer.id, cookie: await sessionCookie(viewer.email, DEFAULT_TEST_PASSWORD) };
  const tech = await createUser(db);
  await addMember(db, tech.id, mine.customer.id, { preset: "technical" });
  technical = { cookie: await sessionCookie(tech.email, DEFAULT_TEST_PASSWORD) };
  sent = await quote(mine.customer.id, "sent");
  draft = await quote(mine.customer.id, "draft");
});

describe("quote pages", () => {
  it("show the owner's sent quote to its customer only; another customer, a missing id and a draft are 404", async () => {
    const own = await get(`/billing/quotes/${sent.id}`, mine.cookie);
    expect(own.status).toBe(200);
    const ownHtml = await own.text();
    expect(ownHtml).toContain("Private line of the quote");
    expect(ownHtml).toContain('data-testid="quote-answer"');

    for (const [cookie, path] of [
      [theirs.cookie, `/billing/quotes/${sent.id}`],
      [mine.cookie, `/billing/quotes/${MISSING}`],
      [mine.cookie, `/billing/quotes/not-a-uuid`],
      [mine.cookie, `/billing/quotes/${draft.id}`],
      [technical.cookie, `/billing/quotes/${sent.id}`],
      [technical.cookie, "/billing/quotes"],
    ] as const) {
      const res = await get(path, cookie);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).not.toContain("Private line of the quote");
    }
    const theirList = await get("/billing/quotes", theirs.cookie);
    expect(theirList.status).toBe(200);
    expect(await theirList.text()).not.toContain(sent.subject);
  });

  it("the lib reads answer null for another customer's quote and a draft, and lists neither", async () => {
    const them = await customerActorFor(theirs.owner.id, theirs.customer.id);
    const me = await customerActorFor(mine.owner.id, mine.customer.id);
    expect(await getQuote(them, sent.id)).toBeNull();
    expect(await getQuote(me, draft.id)).toBeNull();
    expect((await listQuotes(them)).items.map((q) => q.id)).not.toContain(sent.id);
    expect((await listQuotes(me)).items.map((q) => q.id)).not.toContain(draft.id);
  });
});

describe("accepting and declining another customer's quote", () => {
  it("over HTTP: both actions answer not found and nothing changes", async () => {
    const before = await snapshot(sent.id, [mine.customer.id, theirs.customer.id]);
    const accept = await callAction(actionId("acceptQuoteAction", "billing/quotes/actions"), `/billing/quotes/${sent.id}`, theirs.cookie, [{ id: sent.id }]);
    expect(accept.status).toBeLessThan(500);
    expect(accept.body).toContain("errors.notFound");
    const decline = await callAction(actionId("declineQuoteAction", "billing/quotes/actions"), `/billing/quotes/${sent.id}`, theirs.cookie, [{ id: sent.id, reason: "not mine" }]);
    expect(decline.status).toBeLessThan(500);
    expect(decline.body).toContain("errors.notFound");
    expect(await snapshot(sent.id, [mine.customer.id, theirs.customer.id])).toEqual(before);
  });

  it("through the lib: not found, exactly like a missing id, and nothing changes", async () => {
    const them = await customerActorFor(theirs.owner.id, theirs.customer.id);
    const before = await snapshot(sent.id, [mine.customer.id, theirs.customer.id]);
    for (const id of [sent.id, MISSING, draft.id]) {
      await expect(acceptQuote(them, id)).rejects.toMatchObject({ key: "errors.notFound" });
      await expect(declineQuote(them, { id })).rejects.toMatchObject({ key: "errors.notFound" });
    }
    expect(await snapshot(sent.id, [mine.customer.id, theirs.customer.id])).toEqual(before);
  });

  it("the owner cannot accept their own draft either", async () => {
    const me = await customerActorFor(mine.owner.id, mine.customer.id);
    await expect(acceptQuote(me, draft.id)).rejects.toMatchObject({ key: "errors.notFound" });
    expect(await db.quote.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "draft", invoiceId: null });
  });
});

describe("a contact without billing.pay", () => {
  it("sees the quote but no accept button, and cannot accept or decline it", async () => {
    const page = await get(`/billing/quotes/${sent.id}`, viewOnly.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Private line of the quote");
    expect(html).toContain('data-testid="quote-answer-forbidden"');
    expect(html).not.toContain('data-testid="quote-answer"');

    const before = await snapshot(sent.id, [mine.customer.id]);
    const accept = await callAction(actionId("acceptQuoteAction", "billing/quotes/actions"), `/billing/quotes/${sent.id}`, viewOnly.cookie, [{ id: sent.id }]);
    expect(accept.body).toContain("errors.forbidden");
    const decline = await callAction(actionId("declineQuoteAction", "billing/quotes/actions"), `/billing/quotes/${sent.id}`, viewOnly.cookie, [{ id: sent.id }]);
    expect(decline.body).toContain("errors.forbidden");
    const viewer = await customerActorFor(viewOnly.userId, mine.customer.id);
    await expect(acceptQuote(viewer, sent.id)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(declineQuote(viewer, { id: sent.id })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await snapshot(sent.id, [mine.customer.id])).toEqual(before);
  });
});

describe("staff quote pages and actions", () => {
  it("a support agent (no staff.billing) gets 404 on the pages and forbidden from the actions; a customer is sent away", async () => {
    const agent = await createUser(db, { staffRole: "support_agent", totpSecret: "JBSWY3DPEHPK3PXP" });
    const agentCookie = await verifiedSessionCookie(agent.email);
    for (const path of ["/admin/quotes", "/admin/quotes/new", `/admin/quotes/${draft.id}`]) {
      const res = await get(path, agentCookie);
      expect([path, res.status]).toEqual([path, 404]);
    }
    const customerVisit = await get("/admin/quotes", mine.cookie);
    expect([302, 303, 307, 308]).toContain(customerVisit.status);

    const before = await snapshot(draft.id, [mine.customer.id]);
    for (const name of ["sendQuoteAction", "deleteQuoteDraftAction"]) {
      const asAgent = await callAction(actionId(name, "admin/quotes/actions"), "/admin/quotes", agentCookie, [{ id: draft.id }]);
      expect(asAgent.body).toContain("errors.forbidden");
      // A customer's post to /admin never reaches the action: middleware sends it to /dashboard.
      const asCustomer = await callAction(actionId(name, "admin/quotes/actions"), "/admin/quotes", mine.cookie, [{ id: draft.id }]);
      expect([302, 303, 307, 308]).toContain(asCustomer.status);
    }
    expect(await snapshot(draft.id, [mine.customer.id])).toEqual(before);

    const clerk = await createUser(db, { staffRole: "billing_clerk", totpSecret: "JBSWY3DPEHPK3PXP" });
    const clerkPage = await get(`/admin/quotes/${draft.id}`, await verifiedSessionCookie(clerk.email));
    expect(clerkPage.status).toBe(200);
    expect(await clerkPage.text()).toContain(draft.subject);
  });
});
