import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/auth/crypto";
import { loginWithPassword } from "@/lib/auth/login";
import { presetOf } from "@/lib/auth/permissions";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seed } from "@/prisma/seed";

const DAY_MS = 24 * 60 * 60 * 1000;
const info = { ip: "10.77.0.1", userAgent: "jest seed test" };

async function customerByContract(contractNumber: string) {
  return db.customer.findUniqueOrThrow({
    where: { contractNumber },
    include: {
      services: true,
      domains: true,
      invoices: true,
      tickets: { include: { department: true } },
      memberships: { include: { user: { select: { email: true } } } },
    },
  });
}

async function tableCounts() {
  const [users, customers, memberships, services, domains, invoices, tickets, departments, staffRoles] = await Promise.all([
    db.user.count(),
    db.customer.count(),
    db.membership.count(),
    db.service.count(),
    db.domain.count(),
    db.invoice.count(),
    db.ticket.count(),
    db.department.count(),
    db.staffRole.count(),
  ]);
  return { users, customers, memberships, services, domains, invoices, tickets, departments, staffRoles };
}

beforeAll(async () => {
  const result = await seed(db);
  expect(result.created).toBe(true);
});

describe("demo seed", () => {
  it("creates the customer personas with the right memberships and presets", async () => {
    const expected: Record<string, [contract: string, preset: string, isOwner: boolean][]> = {
      "owner@demo.portico.test": [["C-1001", "owner", true]],
      "billing@demo.portico.test": [["C-1001", "billing", false]],
      "tech@demo.portico.test": [["C-1001", "technical", false]],
      "other@demo.portico.test": [["C-1002", "owner", true]],
      "multi@demo.portico.test": [
        ["C-1001", "billing", false],
        ["C-1003", "billing", false],
      ],
    };
    for (const [email, memberships] of Object.entries(expected)) {
      const user = await db.user.findUniqueOrThrow({
        where: { email },
        include: { memberships: { include: { customer: true }, orderBy: { createdAt: "asc" } } },
      });
      expect(user.name).not.toBe("");
      expect(user.staffRoleId).toBeNull();
      expect(user.memberships.map((m) => [m.customer.contractNumber, presetOf(m.permissions), m.isOwner])).toEqual(memberships);
    }
  });

  it("lets every demo login sign in with the demo password; staff must pass TOTP", async () => {
    const owner = await loginWithPassword("owner@demo.portico.test", DEMO_PASSWORD, info);
    if (!owner.ok) throw new Error(owner.reason);
    const state = await resolveSessionState(owner.sessionId);
    expect(state.status).toBe("active");
    if (state.status === "active" && state.actor.kind === "customer") expect(state.actor.contractNumber).toBe("C-1001");

    const other = await loginWithPassword("other@demo.portico.test", DEMO_PASSWORD, info);
    if (!other.ok) throw new Error(other.reason);
    const otherState = await resolveSessionState(other.sessionId);
    if (otherState.status !== "active" || otherState.actor.kind !== "customer") throw new Error(otherState.status);
    expect(otherState.actor.contractNumber).toBe("C-1002");
    expect(otherState.actor.memberships).toHaveLength(1);

    const admin = await loginWithPassword("admin@demo.portico.test", DEMO_PASSWORD, info);
    if (!admin.ok) throw new Error(admin.reason);
    expect(admin.stage).toBe("password");
  });

  it("enrols both staff users in TOTP with the demo secret", async () => {
    for (const [email, role] of [
      ["admin@demo.portico.test", "administrator"],
      ["agent@demo.portico.test", "support_agent"],
    ] as const) {
      const user = await db.user.findUniqueOrThrow({ where: { email }, include: { staffRole: true, memberships: true } });
      expect(user.staffRole?.key).toBe(role);
      expect(user.memberships).toHaveLength(0);
      expect(user.totpEnabledAt).not.toBeNull();
      expect(user.totpSecretEnc).not.toContain(DEMO_TOTP_SECRET);
      expect(decryptSecret(user.totpSecretEnc!)).toBe(DEMO_TOTP_SECRET);
    }
    expect(await db.staffRole.count({ where: { key: { in: ["administrator", "support_agent", "billing_clerk"] } } })).toBe(3);
  });

  it("gives Acme Studio every kind of service, domain state, invoice state and ticket status", async () => {
    const acme = await customerByContract("C-1001");
    expect(acme.name).toBe("Acme Studio");
    expect(acme.currency).toBe("EUR");

    const activeKinds = new Set(acme.services.filter((s) => s.status === "active").map((s) => s.kind));
    for (const kind of ["hosting", "vps", "voip", "housing"] as const) expect(activeKinds).toContain(kind);
    expect(acme.services.some((s) => s.status === "cancelled")).toBe(true);

    expect(acme.domains.length).toBeGreaterThanOrEqual(4);
    expect(acme.domains.length).toBeLessThanOrEqual(6);
    const now = Date.now();
    expect(acme.domains.some((d) => d.status === "active" && d.expiresAt && Math.round((d.expiresAt.getTime() - now) / DAY_MS) === 20)).toBe(true);
    expect(acme.domains.some((d) => d.status === "expired")).toBe(true);
    expect(acme.domains.some((d) => d.status === "pending_transfer")).toBe(true);

    expect(acme.invoices.every((i) => i.currency === "EUR")).toBe(true);
    const today = new Date(new Date().toISOString().slice(0, 10));
    expect(acme.invoices.some((i) => i.status === "paid" && i.paidAt)).toBe(true);
    expect(acme.invoices.some((i) => i.status === "unpaid" && i.dueDate >= today)).toBe(true);
    expect(acme.invoices.some((i) => i.status === "unpaid" && i.dueDate < today)).toBe(true);

    expect(new Set(acme.tickets.map((t) => t.status))).toEqual(new Set(["open", "answered", "customer_reply", "in_progress", "on_hold", "closed"]));
    expect(new Set(acme.tickets.map((t) => t.department.slug))).toEqual(new Set(["technical", "sales-billing"]));
  });

  it("creates the two support departments", async () => {
    const departments = await db.department.findMany({ where: { slug: { in: ["technical", "sales-billing"] } }, orderBy: { slug: "asc" } });
    expect(departments.map((d) => [d.slug, d.name])).toEqual([
      ["sales-billing", "Sales & Billing"],
      ["technical", "Technical"],
    ]);
  });

  it("gives the desks their calendars and SLA targets: Technical 24/7, Sales & Billing office hours in Ho Chi Minh City", async () => {
    const technical = await db.department.findUniqueOrThrow({ where: { slug: "technical" }, include: { calendar: true, slaPolicies: true } });
    const sales = await db.department.findUniqueOrThrow({ where: { slug: "sales-billing" }, include: { calendar: true, slaPolicies: true } });
    expect(technical.calendar?.alwaysOpen).toBe(true);
    expect(Object.fromEntries(technical.slaPolicies.map((p) => [p.priority, p.firstResponseMinutes]))).toEqual({ urgent: 30, normal: 60, low: 120 });
    expect(sales.calendar).toMatchObject({ alwaysOpen: false, timeZone: "Asia/Ho_Chi_Minh" });
    expect(sales.calendar?.weeklyHours).toEqual(expect.arrayContaining([{ day: 1, start: "08:00", end: "17:00" }, { day: 6, start: "08:00", end: "11:30" }]));
    expect(sales.calendar?.holidays).toContain("2026-09-02");
    expect(Math.max(...sales.slaPolicies.map((p) => p.firstResponseMinutes))).toBe(240);
  });

  it("prices the catalog in every currency and ties each demo service to its product and monthly price", async () => {
    const prices = await db.price.findMany({ where: { product: { slug: "vps-m" } } });
    expect(new Set(prices.map((p) => p.currency))).toEqual(new Set(["EUR", "USD", "HUF", "VND"]));
    expect(prices.find((p) => p.currency === "EUR" && p.cycle === "annual")?.amountMinor).toBe(24_000n);
    const acme = await customerByContract("C-1001");
    const vps = acme.services.find((s) => s.name.startsWith("VPS M"));
    expect(vps).toMatchObject({ billingCycle: "monthly", recurringMinor: 2_400n });
    expect(acme.services.every((s) => s.productId !== null)).toBe(true);
    expect(await db.taxRate.findUnique({ where: { country: "SK" } })).toMatchObject({ rateBp: 2300 });
  });

  it("gives every demo ticket a conversation, and every customer a support PIN", async () => {
    const tickets = await db.ticket.findMany({ where: { customer: { contractNumber: { in: ["C-1001", "C-1002", "C-1003", "C-1004", "C-1005"] } } }, include: { messages: true } });
    expect(tickets.length).toBeGreaterThan(10);
    for (const ticket of tickets) expect([ticket.number, ticket.messages.length > 0]).toEqual([ticket.number, true]);
    const waiting = tickets.filter((t) => ["open", "customer_reply", "in_progress"].includes(t.status));
    expect(waiting.every((t) => t.dueAt !== null)).toBe(true);
    expect(tickets.filter((t) => ["answered", "on_hold", "closed"].includes(t.status)).every((t) => t.dueAt === null)).toBe(true);
    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" } });
    expect(decryptSecret(acme.supportPinEnc!)).toMatch(/^\d{6}$/);
  });

  it("keeps Beta Shop apart from Acme Studio", async () => {
    const [acme, beta] = await Promise.all([customerByContract("C-1001"), customerByContract("C-1002")]);
    expect(beta.currency).toBe("VND");
    expect(beta.memberships.map((m) => m.user.email)).toEqual(["other@demo.portico.test"]);
    const acmeUsers = new Set(acme.memberships.map((m) => m.userId));
    expect(beta.memberships.filter((m) => acmeUsers.has(m.userId))).toHaveLength(0);
    expect(beta.services.length).toBeGreaterThan(0);
    expect(beta.domains.length).toBeGreaterThan(0);
    expect(beta.tickets.length).toBeGreaterThan(0);
    expect(beta.invoices.length).toBeGreaterThan(0);
    expect(beta.invoices.every((i) => i.currency === "VND" && i.totalMinor % 1000n === 0n)).toBe(true);
    const acmeDomains = new Set(acme.domains.map((d) => d.name));
    expect(beta.domains.filter((d) => acmeDomains.has(d.name))).toHaveLength(0);
  });

  it("does nothing on a second run", async () => {
    const before = await tableCounts();
    const result = await seed(db);
    expect(result.created).toBe(false);
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses to run with NODE_ENV=production", async () => {
    const env = process.env as Record<string, string | undefined>;
    const previous = env.NODE_ENV;
    env.NODE_ENV = "production";
    try {
      await expect(seed(db)).rejects.toThrow(/production/);
    } finally {
      env.NODE_ENV = previous;
    }
  });
});
