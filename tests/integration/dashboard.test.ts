// The customer dashboard's panel data per preset, with two customers: each sees only their own
// rows, a panel without its permission is not loaded at all, and the number of SQL statements per
// dashboard does not grow with the amount of data.
import { db } from "@/lib/db";

import type pg from "pg";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { getDashboard } from "@/lib/dashboard/queries";
import { customerActorFor } from "@/tests/helpers/actors";
import {
  addMember,
  createCustomer,
  createCustomerWithOwner,
  createDomain,
  createInvoice,
  createService,
  createTicket,
  createUser,
  daysFromNow,
} from "@/tests/helpers/factories";

// 20:00 UTC on June 10th is already June 11th in Ho Chi Minh City (UTC+7).
const NOW = new Date("2026-06-10T20:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const a = await createCustomerWithOwner(db);
  const b = await createCustomerWithOwner(db);
  const billing = await createUser(db);
  const technical = await createUser(db, { timeZone: "Asia/Ho_Chi_Minh" });
  await addMember(db, billing.id, a.customer.id, { preset: "billing" });
  await addMember(db, technical.id, a.customer.id, { preset: "technical" });

  // Customer A
  for (const [kind, status] of [
    ["hosting", "active"],
    ["hosting", "active"],
    ["vps", "active"],
    ["housing", "active"],
    ["voip", "active"],
    ["dedicated", "suspended"],
    ["vps", "cancelled"],
  ] as const) {
    await createService(db, a.customer.id, { kind, status });
  }
  const soonest = await createDomain(db, a.customer.id, { status: "active", expiresAt: daysFromNow(10) });
  await createDomain(db, a.customer.id, { status: "active", expiresAt: daysFromNow(100) });
  await createDomain(db, a.customer.id, { status: "active", expiresAt: daysFromNow(400) });
  await createDomain(db, a.customer.id, { status: "expired", expiresAt: daysFromNow(2) });
  const answered = [];
  for (let i = 0; i < 6; i++) {
    answered.push(await createTicket(db, a.customer.id, { status: "answered", subject: `A answered ${i}`, lastReplyAt: daysFromNow(-i) }));
  }
  await createTicket(db, a.customer.id, { status: "open" });
  await createTicket(db, a.customer.id, { status: "closed" });
  await createInvoice(db, a.customer.id, { status: "unpaid", currency: "EUR", totalMinor: 10_000, dueDate: day("2026-06-20") });
  await createInvoice(db, a.customer.id, { status: "unpaid", currency: "EUR", totalMinor: 5_050, dueDate: day("2026-06-01") });
  await createInvoice(db, a.customer.id, { status: "unpaid", currency: "VND", totalMinor: 1_250_000, dueDate: day("2026-05-15") });
  // Due "today" in UTC, but already yesterday for a user in Ho Chi Minh City.
  await createInvoice(db, a.customer.id, { status: "unpaid", currency: "EUR", totalMinor: 700, dueDate: day("2026-06-10") });
  await createInvoice(db, a.customer.id, { status: "paid", currency: "EUR", totalMinor: 99_999, dueDate: day("2026-05-01") });
  await createInvoice(db, a.customer.id, { status: "draft", currency: "EUR", totalMinor: 88_888, dueDate: day("2026-05-01") });
  await createInvoice(db, a.customer.id, { status: "cancelled", currency: "EUR", totalMinor: 77_777, dueDate: day("2026-05-01") });

  // Customer B: plenty of everything, all of it "more urgent" than A's, none of it A's business.
  for (const kind of ["hosting", "vps", "dedicated", "housing", "voip", "hosting"] as const) await createService(db, b.customer.id, { kind, status: "active" });
  const bDomain = await createDomain(db, b.customer.id, { status: "active", expiresAt: daysFromNow(1) });
  const bTicket = await createTicket(db, b.customer.id, { status: "answered", subject: "B answered", lastReplyAt: daysFromNow(1) });
  const bInvoice = await createInvoice(db, b.customer.id, { status: "unpaid", currency: "EUR", totalMinor: 123_456, dueDate: day("2026-01-01") });

  return {
    a: a.customer,
    b: b.customer,
    soonest,
    answered,
    bDomain,
    bTicket,
    bInvoice,
    actors: {
      ownerA: await customerActorFor(a.owner.id, a.customer.id),
      billingA: await customerActorFor(billing.id, a.customer.id),
      technicalA: await customerActorFor(technical.id, a.customer.id),
      ownerB: await customerActorFor(b.owner.id, b.customer.id),
    },
  };
}

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const kinds = (byKind: { kind: string; count: number }[]) => Object.fromEntries(byKind.map((k) => [k.kind, k.count]));

describe("owner", () => {
  it("sees every panel with the customer's own data", async () => {
    const d = await getDashboard(world.actors.ownerA, NOW);
    expect(d.customer).toMatchObject({ name: world.a.name, contractNumber: world.a.contractNumber, email: world.a.email });
    expect(d.customer.addressLines).toEqual(["Hlavná 1", "811 01 Bratislava"]);

    expect(d.services?.total).toBe(5);
    expect(kinds(d.services!.byKind)).toEqual({ hosting: 2, vps: 1, dedicated: 0, housing: 1, voip: 1 });

    expect(d.domains?.activeCount).toBe(3);
    expect(d.domains?.nextExpiry).toMatchObject({ id: world.soonest.id, name: world.soonest.name });

    expect(d.tickets?.awaitingReplyCount).toBe(6);
    expect(d.tickets?.newest.map((t) => t.subject)).toEqual(["A answered 0", "A answered 1", "A answered 2", "A answered 3", "A answered 4"]);

    // UTC owner: 2026-06-10 is today, so not overdue yet.
    expect(d.invoices?.unpaidCount).toBe(4);
    expect(d.invoices?.unpaid).toEqual([
      { currency: "EUR", totalMinor: BigInt(15_750), count: 3 },
      { currency: "VND", totalMinor: BigInt(1_250_000), count: 1 },
    ]);
    expect(d.invoices?.overdueCount).toBe(2);
    expect(d.invoices?.overdue).toEqual([
      { currency: "EUR", totalMinor: BigInt(5_050), count: 1 },
      { currency: "VND", totalMinor: BigInt(1_250_000), count: 1 },
    ]);
    expect(d.invoices?.dueFirst.map((i) => [i.currency, i.balanceMinor, i.overdue])).toEqual([
      ["VND", BigInt(1_250_000), true],
      ["EUR", BigInt(5_050), true],
      ["EUR", BigInt(700), false],
      ["EUR", BigInt(10_000), false],
    ]);
    expect(d.domainSearch).toBe(true);
  });

  it("counts a partly paid invoice with what is still to pay", async () => {
    const invoice = await createInvoice(db, world.a.id, { status: "unpaid", currency: "EUR", totalMinor: 9_000, dueDate: new Date("2026-06-30T00:00:00Z") });
    await db.invoice.update({ where: { id: invoice.id }, data: { amountPaidMinor: BigInt(6_000) } });
    try {
      const d = await getDashboard(world.actors.ownerA, NOW);
      expect(d.invoices?.unpaid.find((g) => g.currency === "EUR")?.totalMinor).toBe(BigInt(15_750 + 3_000));
      expect(d.invoices?.dueFirst.find((i) => i.id === invoice.id)?.balanceMinor).toBe(BigInt(3_000));
    } finally {
      await db.invoice.delete({ where: { id: invoice.id } });
    }
  });

  it("never counts another customer's rows", async () => {
    const d = await getDashboard(world.actors.ownerA, NOW);
    expect(d.domains?.nextExpiry?.id).not.toBe(world.bDomain.id);
    expect(d.tickets?.newest.map((t) => t.number)).not.toContain(world.bTicket.number);
    expect(d.invoices?.dueFirst.map((i) => i.id)).not.toContain(world.bInvoice.id);

    const b = await getDashboard(world.actors.ownerB, NOW);
    expect(b.customer.name).toBe(world.b.name);
    expect(b.services?.total).toBe(6);
    expect(b.domains).toEqual({ activeCount: 1, nextExpiry: expect.objectContaining({ id: world.bDomain.id }) });
    expect(b.tickets?.awaitingReplyCount).toBe(1);
    expect(b.tickets?.newest.map((t) => t.number)).toEqual([world.bTicket.number]);
    expect(b.invoices?.unpaid).toEqual([{ currency: "EUR", totalMinor: BigInt(123_456), count: 1 }]);
    expect(b.invoices?.overdueCount).toBe(1);
  });
});

describe("billing preset", () => {
  it("sees invoices and tickets, no services, no domains, no domain search", async () => {
    const d = await getDashboard(world.actors.billingA, NOW);
    expect(d.customer.name).toBe(world.a.name);
    expect(d.services).toBeNull();
    expect(d.domains).toBeNull();
    expect(d.domainSearch).toBe(false);
    expect(d.tickets?.awaitingReplyCount).toBe(6);
    expect(d.invoices?.unpaidCount).toBe(4);
    expect(d.invoices?.overdueCount).toBe(2);
  });
});

describe("technical preset", () => {
  it("sees services, domains and tickets, and no invoices", async () => {
    const d = await getDashboard(world.actors.technicalA, NOW);
    expect(d.invoices).toBeNull();
    expect(d.services?.total).toBe(5);
    expect(d.domains?.activeCount).toBe(3);
    expect(d.tickets?.awaitingReplyCount).toBe(6);
    expect(d.domainSearch).toBe(true);
  });
});

describe("overdue in the user's time zone", () => {
  it("counts an invoice due 'today' in UTC as overdue where it is already tomorrow", async () => {
    const saigon: CustomerActor = { ...world.actors.ownerA, timeZone: "Asia/Ho_Chi_Minh" };
    const d = await getDashboard(saigon, NOW);
    expect(d.invoices?.overdueCount).toBe(3);
    expect(d.invoices?.overdue).toContainEqual({ currency: "EUR", totalMinor: BigInt(5_750), count: 2 });
    expect(d.invoices?.dueFirst.find((i) => i.balanceMinor === BigInt(700))?.overdue).toBe(true);
  });
});

describe("empty customer", () => {
  it("has every panel, empty", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    const d = await getDashboard(await customerActorFor(owner.id, customer.id), NOW);
    expect(d.services).toEqual({ byKind: expect.any(Array), total: 0 });
    expect(d.domains).toEqual({ activeCount: 0, nextExpiry: null });
    expect(d.tickets).toEqual({ awaitingReplyCount: 0, newest: [] });
    expect(d.invoices).toEqual({ unpaid: [], overdue: [], unpaidCount: 0, overdueCount: 0, dueFirst: [] });
  });
});

describe("query count", () => {
  /** Counts statements sent on this file's pg pool (lib/db keeps it on globalThis). */
  async function countStatements(run: () => Promise<unknown>): Promise<number> {
    const pool = (globalThis as unknown as { portico: { pool: pg.Pool } }).portico.pool;
    let count = 0;
    const wrapped = new WeakSet<object>();
    const wrap = (client: pg.PoolClient) => {
      if (wrapped.has(client)) return;
      wrapped.add(client);
      const original = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        if (counting) count++;
        return original(...args);
      };
    };
    let counting = false;
    pool.on("connect", wrap);
    pool.on("acquire", wrap);
    try {
      counting = true;
      await run();
      counting = false;
      return count;
    } finally {
      pool.off("connect", wrap);
      pool.off("acquire", wrap);
    }
  }

  it("does not grow with the amount of data", async () => {
    const customer = await createCustomer(db);
    const owner = await createUser(db);
    await addMember(db, owner.id, customer.id, { preset: "owner" });
    const actor = await customerActorFor(owner.id, customer.id);
    await createService(db, customer.id);
    await createDomain(db, customer.id);
    await createTicket(db, customer.id, { status: "answered" });
    await createInvoice(db, customer.id, { status: "unpaid", dueDate: day("2026-01-01") });

    const small = await countStatements(() => getDashboard(actor, NOW));

    await db.service.createMany({ data: Array.from({ length: 40 }, (_, i) => ({ customerId: customer.id, kind: i % 2 ? "vps" : "voip", name: `s${i}`, status: "active" })) });
    await db.domain.createMany({ data: Array.from({ length: 40 }, (_, i) => ({ customerId: customer.id, name: `bulk-${customer.id}-${i}.test`, status: "active", expiresAt: daysFromNow(i + 5) })) });
    for (let i = 0; i < 15; i++) await createTicket(db, customer.id, { status: "answered" });
    await db.invoice.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({ customerId: customer.id, status: "unpaid", currency: i % 2 ? "EUR" : "USD", totalMinor: BigInt(100 + i), dueDate: day("2026-02-01") })),
    });

    const large = await countStatements(() => getDashboard(actor, NOW));
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
    // customer, services, domains ×2, tickets ×2, invoices ×3
    expect(large).toBeLessThanOrEqual(9);
  });
});
