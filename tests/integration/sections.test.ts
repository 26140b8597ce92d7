// The portal sections' queries: each customer sees only their own rows, another customer's object
// is "not found" (null), and a contact without the section's permission is refused.
import { db } from "@/lib/db";

import { PermissionDenied } from "@/lib/auth/errors";
import { getService, listServices } from "@/lib/services/queries";
import { getDomain, listDomains } from "@/lib/domains/queries";
import { getInvoice, getUnpaidTotals, listInvoices } from "@/lib/billing/queries";
import { getTicketByNumber, listTickets } from "@/lib/support/queries";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomerWithOwner, createDomain, createInvoice, createService, createTicket, createUser, dateFromToday, ensureDepartment, unique } from "@/tests/helpers/factories";

type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const a = await createCustomerWithOwner(db);
  const b = await createCustomerWithOwner(db);
  const billingUser = await createUser(db);
  const technicalUser = await createUser(db);
  const noTicketsUser = await createUser(db);
  await addMember(db, billingUser.id, a.customer.id, { preset: "billing" });
  await addMember(db, technicalUser.id, a.customer.id, { preset: "technical" });
  await addMember(db, noTicketsUser.id, a.customer.id, { permissions: ["services.view"], isOwner: false });
  const staffUser = await createUser(db, { staffRole: "administrator" });

  const actors = {
    ownerA: await customerActorFor(a.owner.id, a.customer.id),
    ownerB: await customerActorFor(b.owner.id, b.customer.id),
    billingA: await customerActorFor(billingUser.id, a.customer.id),
    technicalA: await customerActorFor(technicalUser.id, a.customer.id),
    noTicketsA: await customerActorFor(noTicketsUser.id, a.customer.id),
    staff: await staffActorFor(staffUser.id),
  };
  return { a: a.customer, b: b.customer, actors };
}

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const OTHER_CUSTOMERS_UUID = "00000000-0000-4000-8000-000000000000";

describe("services", () => {
  let mine: { id: string }[];
  let theirs: { id: string };
  beforeAll(async () => {
    mine = [
      await createService(db, world.a.id, { kind: "hosting", status: "active" }),
      await createService(db, world.a.id, { kind: "vps", status: "suspended", label: "db server" }),
      await createService(db, world.a.id, { kind: "voip", status: "cancelled", nextDueDate: null }),
    ];
    theirs = await createService(db, world.b.id);
  });

  it("the owner sees their own services and never another customer's", async () => {
    const page = await listServices(world.actors.ownerA, { page: 1 });
    expect(ids(page.items)).toEqual(ids(mine));
    expect(page.total).toBe(3);
    expect(page.items.map((s) => s.id)).not.toContain(theirs.id);
    const other = await listServices(world.actors.ownerB, { page: 1 });
    expect(ids(other.items)).toEqual([theirs.id]);
  });

  it("returns only the fields the page needs", async () => {
    const { items } = await listServices(world.actors.ownerA, {});
    expect(Object.keys(items[0]).sort()).toEqual(["id", "kind", "label", "name", "nextDueDate", "status"]);
  });

  it("filters by status", async () => {
    const page = await listServices(world.actors.ownerA, { status: "suspended", page: 1 });
    expect(page.items.map((s) => s.label)).toEqual(["db server"]);
    expect(page.total).toBe(1);
  });

  it("gets its own service; another customer's id, an unknown id or a malformed id is not found", async () => {
    await expect(getService(world.actors.ownerA, mine[0].id)).resolves.toMatchObject({ id: mine[0].id, kind: "hosting", status: "active" });
    await expect(getService(world.actors.ownerA, theirs.id)).resolves.toBeNull();
    await expect(getService(world.actors.ownerA, OTHER_CUSTOMERS_UUID)).resolves.toBeNull();
    await expect(getService(world.actors.ownerA, "not-a-uuid' OR 1=1 --")).resolves.toBeNull();
  });

  it("the Technical preset may look; the Billing preset and staff are refused", async () => {
    await expect(listServices(world.actors.technicalA, {})).resolves.toMatchObject({ total: 3 });
    await expect(listServices(world.actors.billingA, {})).rejects.toBeInstanceOf(PermissionDenied);
    await expect(getService(world.actors.billingA, mine[0].id)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(listServices(world.actors.staff, {})).rejects.toBeInstanceOf(PermissionDenied);
  });
});

describe("pagination", () => {
  it("pages by 20 with the total count", async () => {
    const c = await createCustomerWithOwner(db);
    for (let i = 0; i < 25; i++) await createService(db, c.customer.id);
    const actor = await customerActorFor(c.owner.id, c.customer.id);
    const first = await listServices(actor, { page: 1 });
    const second = await listServices(actor, { page: 2 });
    expect(first).toMatchObject({ total: 25, page: 1, pageSize: 20 });
    expect(first.items).toHaveLength(20);
    expect(second.items).toHaveLength(5);
    expect(new Set([...ids(first.items), ...ids(second.items)]).size).toBe(25);
    await expect(listServices(actor, { page: 3 })).resolves.toMatchObject({ items: [], total: 25 });
  });
});

describe("domains", () => {
  let active: { id: string }, pending: { id: string }, expired: { id: string }, theirs: { id: string };
  let deleted: { id: string }, away: { id: string }, failed: { id: string }, registering: { id: string }, requested: { id: string }, retrying: { id: string };
  const TRANSFER_ASKED = new Date("2030-03-04T05:06:07Z");
  const RETRY_AT = new Date("2030-03-05T00:00:00Z");
  beforeAll(async () => {
    active = await createDomain(db, world.a.id, { name: `${unique("lst")}-shop.test`, status: "active", autoRenew: false });
    pending = await createDomain(db, world.a.id, { status: "pending_transfer", expiresAt: null });
    expired = await createDomain(db, world.a.id, { status: "expired", expiresAt: new Date(Date.now() - 86_400_000) });
    theirs = await createDomain(db, world.b.id, { name: `${unique("lst")}-shop.test`, status: "active" });
  });

  it("the owner sees their own domains per filter and never another customer's", async () => {
    const all = await listDomains(world.actors.ownerA, { filter: "all", page: 1 });
    expect(ids(all.items)).toEqual(ids([active, pending, expired]));
    expect(all.items.map((d) => d.id)).not.toContain(theirs.id);
    expect(ids((await listDomains(world.actors.ownerA, { filter: "active" })).items)).toEqual([active.id]);
    expect(ids((await listDomains(world.actors.ownerA, { filter: "pending" })).items)).toEqual([pending.id]);
    expect(ids((await listDomains(world.actors.ownerA, { filter: "expired" })).items)).toEqual([expired.id]);
    expect(ids((await listDomains(world.actors.ownerB, { filter: "all" })).items)).toEqual([theirs.id]);
  });

  it("lists the soonest expiry first and domains without a date last", async () => {
    const { items } = await listDomains(world.actors.ownerA, { filter: "all" });
    expect(items.map((d) => d.id)).toEqual([expired.id, active.id, pending.id]);
  });

  it("gets its own domain; another customer's or a malformed id is not found", async () => {
    await expect(getDomain(world.actors.ownerA, active.id)).resolves.toMatchObject({ id: active.id, autoRenew: false });
    await expect(getDomain(world.actors.ownerA, theirs.id)).resolves.toBeNull();
    await expect(getDomain(world.actors.ownerA, "../etc/passwd")).resolves.toBeNull();
  });

  it("the Technical preset may look; the Billing preset is refused", async () => {
    await expect(getDomain(world.actors.technicalA, active.id)).resolves.not.toBeNull();
    await expect(listDomains(world.actors.billingA, {})).rejects.toBeInstanceOf(PermissionDenied);
    await expect(getDomain(world.actors.billingA, active.id)).rejects.toBeInstanceOf(PermissionDenied);
  });

  describe("with every status", () => {
    let owner: Awaited<ReturnType<typeof customerActorFor>>;
    beforeAll(async () => {
      const c = await createCustomerWithOwner(db);
      owner = await customerActorFor(c.owner.id, c.customer.id);
      const tag = unique("st").replace(/[^a-z0-9]/g, "");
      deleted = await createDomain(db, c.customer.id, { name: `${tag}-gone.test`, status: "deleted" });
      away = await createDomain(db, c.customer.id, { name: `${tag}-moved.test`, status: "transferred_away" });
      failed = await db.domain.create({ data: { customerId: c.customer.id, name: `${tag}-nope.test`, status: "cancelled", failureReason: "wrong_auth_code" } });
      registering = await createDomain(db, c.customer.id, { name: `${tag}-new.test`, status: "pending_registration", expiresAt: null });
      requested = await db.domain.create({ data: { customerId: c.customer.id, name: `${tag}-incoming.test`, status: "pending_transfer", transferRequestedAt: TRANSFER_ASKED } });
      retrying = await createDomain(db, c.customer.id, { name: `${tag}-flaky.test`, status: "pending_registration", expiresAt: null });
      await db.registrarJob.create({ data: { domainId: retrying.id, operation: "register", status: "retrying", attempts: 2, lastError: "sandbox registry: unavailable", runAfter: RETRY_AT } });
    });

    it("filters deleted, transferred away and failed; all shows every one", async () => {
      expect(ids((await listDomains(owner, { filter: "deleted" })).items)).toEqual([deleted.id]);
      expect(ids((await listDomains(owner, { filter: "transferred_away" })).items)).toEqual([away.id]);
      expect(ids((await listDomains(owner, { filter: "failed" })).items)).toEqual([failed.id]);
      expect(ids((await listDomains(owner, { filter: "pending" })).items)).toEqual(ids([registering, requested, retrying]));
      expect((await listDomains(owner, { filter: "all" })).total).toBe(6);
      expect((await listDomains(owner, { filter: "active" })).total).toBe(0);
    });

    it("says what is happening to a pending domain and why a failed one did not happen", async () => {
      const progress = Object.fromEntries((await listDomains(owner, { filter: "all" })).items.map((d) => [d.id, d.progress]));
      expect(progress[registering.id]).toEqual({ kind: "registering" });
      expect(progress[requested.id]).toEqual({ kind: "transfer_requested", at: TRANSFER_ASKED });
      expect(progress[retrying.id]).toEqual({ kind: "retrying", at: RETRY_AT });
      expect(progress[failed.id]).toEqual({ kind: "failed", reason: "wrong_auth_code" });
      expect(progress[deleted.id]).toBeNull();
      expect(progress[away.id]).toBeNull();
    });
  });

  describe("the name search", () => {
    it("finds a part of the name in any case, within the filter, and never another customer's", async () => {
      const found = await listDomains(world.actors.ownerA, { filter: "all", q: "-SHOP" });
      expect(ids(found.items)).toEqual([active.id]);
      expect(found.total).toBe(1);
      await expect(listDomains(world.actors.ownerA, { filter: "expired", q: "shop" })).resolves.toMatchObject({ items: [], total: 0 });
      await expect(listDomains(world.actors.ownerA, { filter: "all", q: "no-such-name" })).resolves.toMatchObject({ items: [], total: 0 });
      expect(ids((await listDomains(world.actors.ownerB, { filter: "all", q: "shop" })).items)).toEqual([theirs.id]);
    });

    it("pages search results by 20 with the count, and finds an IDN by what was typed", async () => {
      const c = await createCustomerWithOwner(db);
      const owner = await customerActorFor(c.owner.id, c.customer.id);
      const tag = unique("pg").replace(/[^a-z0-9]/g, "");
      await db.domain.createMany({
        data: Array.from({ length: 45 }, (_, i) => ({ customerId: c.customer.id, name: `${tag}-${i % 3 === 0 ? "blue" : "red"}-${String(i).padStart(2, "0")}.test`, status: "active" as const, expiresAt: new Date(Date.UTC(2031, 0, 1 + i)) })),
      });
      await db.domain.create({ data: { customerId: c.customer.id, name: `xn--bcher-kva.${tag}.test`, status: "active" } });
      const first = await listDomains(owner, { filter: "active", q: "red", page: 1 });
      const second = await listDomains(owner, { filter: "active", q: "red", page: 2 });
      expect(first).toMatchObject({ total: 30, page: 1, pageSize: 20 });
      expect(first.items).toHaveLength(20);
      expect(second.items).toHaveLength(10);
      expect([...first.items, ...second.items].every((d) => d.name.includes("-red-"))).toBe(true);
      expect(first.items[0].name).toBe(`${tag}-red-01.test`);
      expect((await listDomains(owner, { filter: "active", q: "bücher" })).items.map((d) => d.name)).toEqual([`xn--bcher-kva.${tag}.test`]);
    });
  });
});

describe("invoices", () => {
  let overdue: { id: string }, dueToday: { id: string }, dueLater: { id: string }, usd: { id: string };
  let paid: { id: string }, cancelled: { id: string }, draft: { id: string }, theirs: { id: string };
  beforeAll(async () => {
    overdue = await createInvoice(db, world.a.id, { totalMinor: BigInt(1500), dueDate: dateFromToday(-3) });
    dueToday = await createInvoice(db, world.a.id, { totalMinor: BigInt(2500), dueDate: dateFromToday(0) });
    dueLater = await createInvoice(db, world.a.id, { totalMinor: BigInt(10000), dueDate: dateFromToday(10) });
    usd = await createInvoice(db, world.a.id, { currency: "USD", totalMinor: BigInt(999), dueDate: dateFromToday(-40) });
    paid = await createInvoice(db, world.a.id, { status: "paid", paidAt: new Date(), dueDate: dateFromToday(-30) });
    cancelled = await createInvoice(db, world.a.id, { status: "cancelled", dueDate: dateFromToday(-60) });
    draft = await createInvoice(db, world.a.id, { status: "draft", number: null, issuedAt: null });
    theirs = await createInvoice(db, world.b.id, { totalMinor: BigInt(1000), dueDate: dateFromToday(-5) });
  });

  it("the owner sees their own unpaid invoices, oldest due first, with overdue marked", async () => {
    const page = await listInvoices(world.actors.ownerA, { status: "unpaid", page: 1 });
    expect(page.items.map((i) => i.id)).toEqual([usd.id, overdue.id, dueToday.id, dueLater.id]);
    expect(page.items.map((i) => i.overdue)).toEqual([true, true, false, false]);
    expect(page.total).toBe(4);
  });

  it("paid and all tabs; drafts are never shown, nor another customer's invoices", async () => {
    expect(ids((await listInvoices(world.actors.ownerA, { status: "paid" })).items)).toEqual([paid.id]);
    const all = await listInvoices(world.actors.ownerA, { status: "all" });
    expect(ids(all.items)).toEqual(ids([overdue, dueToday, dueLater, usd, paid, cancelled]));
    expect(all.items.map((i) => i.id)).not.toContain(draft.id);
    expect(all.items.map((i) => i.id)).not.toContain(theirs.id);
    expect(ids((await listInvoices(world.actors.ownerB, { status: "all" })).items)).toEqual([theirs.id]);
  });

  it("gets its own invoice; another customer's, a draft or a malformed id is not found", async () => {
    await expect(getInvoice(world.actors.ownerA, overdue.id)).resolves.toMatchObject({ id: overdue.id, overdue: true, totalMinor: BigInt(1500) });
    await expect(getInvoice(world.actors.ownerA, theirs.id)).resolves.toBeNull();
    await expect(getInvoice(world.actors.ownerA, draft.id)).resolves.toBeNull();
    await expect(getInvoice(world.actors.ownerA, "1")).resolves.toBeNull();
  });

  it("totals what is unpaid and overdue per currency", async () => {
    await expect(getUnpaidTotals(world.actors.ownerA)).resolves.toEqual([
      { currency: "EUR", count: 3, totalMinor: BigInt(14000), overdueCount: 1, overdueMinor: BigInt(1500) },
      { currency: "USD", count: 1, totalMinor: BigInt(999), overdueCount: 1, overdueMinor: BigInt(999) },
    ]);
    await expect(getUnpaidTotals(world.actors.ownerB)).resolves.toEqual([
      { currency: "EUR", count: 1, totalMinor: BigInt(1000), overdueCount: 1, overdueMinor: BigInt(1000) },
    ]);
  });

  it("the Billing preset may look; the Technical preset and staff are refused", async () => {
    await expect(listInvoices(world.actors.billingA, { status: "all" })).resolves.toMatchObject({ total: 6 });
    await expect(listInvoices(world.actors.technicalA, {})).rejects.toBeInstanceOf(PermissionDenied);
    await expect(getInvoice(world.actors.technicalA, overdue.id)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(getUnpaidTotals(world.actors.technicalA)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(listInvoices(world.actors.staff, {})).rejects.toBeInstanceOf(PermissionDenied);
  });
});

describe("tickets", () => {
  let open: { number: string }, answered: { number: string }, closed: { number: string }, theirs: { number: string };
  beforeAll(async () => {
    const billingDept = await ensureDepartment(db, "billing", "Billing");
    open = await createTicket(db, world.a.id, { status: "open", priority: "urgent", lastReplyAt: new Date(Date.now() - 3_000) });
    answered = await createTicket(db, world.a.id, { status: "answered", departmentId: billingDept.id, lastReplyAt: new Date(Date.now() - 2_000) });
    closed = await createTicket(db, world.a.id, { status: "closed", lastReplyAt: new Date(Date.now() - 1_000) });
    theirs = await createTicket(db, world.b.id);
  });
  const numbers = (rows: { number: string }[]) => rows.map((r) => r.number);

  it("the owner sees their own tickets per status group, most recent first, never another customer's", async () => {
    const all = await listTickets(world.actors.ownerA, { status: "all", page: 1 });
    expect(numbers(all.items)).toEqual(numbers([closed, answered, open]));
    expect(numbers((await listTickets(world.actors.ownerA, { status: "active" })).items)).toEqual(numbers([answered, open]));
    expect(numbers((await listTickets(world.actors.ownerA, { status: "open" })).items)).toEqual([open.number]);
    expect(numbers((await listTickets(world.actors.ownerA, { status: "answered" })).items)).toEqual([answered.number]);
    expect(numbers((await listTickets(world.actors.ownerA, { status: "closed" })).items)).toEqual([closed.number]);
    expect(numbers((await listTickets(world.actors.ownerB, {})).items)).toEqual([theirs.number]);
  });

  it("gets its own ticket by number with its department; another customer's number is not found", async () => {
    await expect(getTicketByNumber(world.actors.ownerA, answered.number)).resolves.toMatchObject({
      number: answered.number,
      status: "answered",
      priority: "normal",
      departmentName: "Billing",
    });
    await expect(getTicketByNumber(world.actors.ownerA, theirs.number)).resolves.toBeNull();
    await expect(getTicketByNumber(world.actors.ownerA, "%")).resolves.toBeNull();
  });

  it("both presets may look; a contact without tickets.view is refused", async () => {
    await expect(listTickets(world.actors.billingA, {})).resolves.toMatchObject({ total: 3 });
    await expect(getTicketByNumber(world.actors.technicalA, open.number)).resolves.not.toBeNull();
    await expect(listTickets(world.actors.noTicketsA, {})).rejects.toBeInstanceOf(PermissionDenied);
    await expect(getTicketByNumber(world.actors.noTicketsA, open.number)).rejects.toBeInstanceOf(PermissionDenied);
  });
});
