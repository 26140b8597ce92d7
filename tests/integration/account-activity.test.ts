// The activity log (lib/accounts/activity.ts, account.manage): the customer's audit events only,
// who (contact, staff by name, impersonation), a label per action, old → new values, filters by
// group, user and days in the user's time zone, keyset pages, and the CSV with the same filters;
// secrets in event data never come out. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/account-activity
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { ACTIVITY_CSV_HEADER, activityCsv, activityUsers, listActivity } from "@/lib/accounts/activity";
import { parseActivityFilters } from "@/lib/accounts/activity-schemas";
import { updateCompany } from "@/lib/accounts/profile";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser } from "@/tests/helpers/factories";

let customerId: string;
let owner: CustomerActor;
let tech: CustomerActor;
let other: CustomerActor;
let staffId: string;

const at = (iso: string) => new Date(iso);
const noFilters = parseActivityFilters({});

async function readCsv(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

beforeAll(async () => {
  const customer = await createCustomer(db, { country: "SK" });
  const otherCustomer = await createCustomer(db);
  customerId = customer.id;
  const [o, t, x, s] = await Promise.all([
    createUser(db, { name: "Olga Owner", timeZone: "Asia/Ho_Chi_Minh" }),
    createUser(db, { name: "Tom Tech" }),
    createUser(db),
    createUser(db, { name: "Sam Staff", staffRole: "administrator" }),
  ]);
  staffId = s.id;
  await addMember(db, o.id, customer.id, { preset: "owner" });
  await addMember(db, t.id, customer.id, { preset: "technical" });
  await addMember(db, x.id, otherCustomer.id, { preset: "owner" });
  [owner, tech, other] = await Promise.all([customerActorFor(o.id, customer.id), customerActorFor(t.id, customer.id), customerActorFor(x.id, otherCustomer.id)]);

  await db.auditEvent.createMany({
    data: [
      { action: "auth.login.succeeded", actorUserId: o.id, customerId, ip: "198.51.100.1", createdAt: at("2026-11-01T01:00:00Z"), data: {} },
      // 23:30 UTC on Nov 1 is Nov 2 in Ho Chi Minh City (UTC+7).
      { action: "domains.epp_code.revealed", actorUserId: t.id, customerId, ip: "198.51.100.2", createdAt: at("2026-11-01T23:30:00Z"), data: { name: "acme.sk", authCode: "EPP-SECRET-1", nested: { password: "hunter2", keep: "yes" } } },
      { action: "billing.payment.recorded", actorUserId: s.id, customerId, ip: "198.51.100.3", createdAt: at("2026-11-03T10:00:00Z"), data: { amount: "10.00", token: "tok_secret" } },
      { action: "support.ticket.opened", actorUserId: t.id, customerId, ip: "198.51.100.4", createdAt: at("2026-11-04T10:00:00Z"), data: { number: "T-1", impersonatorUserId: s.id, impersonatorName: "Sam Staff" } },
      { action: "mystery.unknown_action", actorUserId: null, customerId, createdAt: at("2026-11-05T10:00:00Z"), data: { totp: "123456" } },
      { action: "auth.login.succeeded", actorUserId: x.id, customerId: otherCustomer.id, ip: "192.0.2.99", createdAt: at("2026-11-03T10:00:00Z"), data: {} },
    ],
  });
  // A real change through the profile: old → new values.
  await updateCompany(owner, { country: "SK", email: "acct@acme.example", phone: "", addressLine1: "Obchodná 5", addressLine2: "", city: "Bratislava", postcode: "81106" }, { ip: "198.51.100.9" });
});

afterAll(async () => {
  await db.$disconnect();
});

describe("listActivity", () => {
  it("shows the customer's events newest first with who, what, when and from where", async () => {
    const { rows, next } = await listActivity(owner, noFilters);
    expect(next).toBeNull();
    expect(rows.map((r) => r.action)).toEqual(["account.profile.updated", "mystery.unknown_action", "support.ticket.opened", "billing.payment.recorded", "domains.epp_code.revealed", "auth.login.succeeded"]);
    const [profile, unknown, ticket, payment, domain, login] = rows;
    expect(profile).toMatchObject({ label: "companyUpdated", actor: { name: "Olga Owner", staff: false }, ip: "198.51.100.9" });
    expect(profile.changes).toEqual(expect.arrayContaining([{ field: "addressLine1", from: "Hlavná 1", to: "Obchodná 5" }, { field: "postcode", from: "811 01", to: "811 06" }]));
    expect(unknown).toMatchObject({ label: null, actor: null, details: [] });
    expect(ticket).toMatchObject({ label: "ticket", actor: { name: "Tom Tech", staff: false }, impersonator: "Sam Staff", details: [{ key: "number", value: "T-1" }] });
    expect(payment).toMatchObject({ label: "payment", actor: { name: "Sam Staff", staff: true }, details: [{ key: "amount", value: "10.00" }] });
    expect(domain).toMatchObject({ label: "domain", ip: "198.51.100.2" });
    expect(login).toMatchObject({ label: "loginSucceeded", ip: "198.51.100.1" });
  });

  it("never shows a secret from event data", async () => {
    const text = JSON.stringify((await listActivity(owner, noFilters)).rows);
    for (const secret of ["EPP-SECRET-1", "hunter2", "tok_secret", "123456", "authCode", "password", "totp"]) expect([secret, text.includes(secret)]).toEqual([secret, false]);
    expect(text).toContain("acme.sk");
    expect(text).toContain('\\"keep\\":\\"yes\\"');
  });

  it("filters by group, by user and by days in the user's time zone", async () => {
    const actions = async (raw: Record<string, string>) => (await listActivity(owner, parseActivityFilters(raw))).rows.map((r) => r.action);
    expect(await actions({ group: "domains" })).toEqual(["domains.epp_code.revealed"]);
    expect(await actions({ group: "billing" })).toEqual(["billing.payment.recorded"]);
    expect(await actions({ group: "profile" })).toEqual(["account.profile.updated"]);
    expect(await actions({ group: "security" })).toEqual(["auth.login.succeeded"]);
    expect(await actions({ user: tech.userId })).toEqual(["support.ticket.opened", "domains.epp_code.revealed"]);
    expect(await actions({ user: staffId })).toEqual(["billing.payment.recorded"]);
    // Owner's zone is UTC+7: Nov 2 there runs from Nov 1 17:00 UTC.
    expect(await actions({ from: "2026-11-02", to: "2026-11-03" })).toEqual(["billing.payment.recorded", "domains.epp_code.revealed"]);
    expect(await actions({ to: "2026-11-01" })).toEqual(["auth.login.succeeded"]);
  });

  it("pages by keyset without gaps or repeats", async () => {
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await listActivity(owner, { ...noFilters, before }, { pageSize: 2 });
      seen.push(...page.rows.map((r) => r.id));
      before = page.next ?? undefined;
      pages++;
    } while (before);
    expect(pages).toBe(3);
    const all = (await listActivity(owner, noFilters)).rows.map((r) => r.id);
    expect(seen).toEqual(all);
  });

  it("needs account.manage and shows only the actor's own customer", async () => {
    await expect(listActivity(tech, noFilters)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(activityUsers(tech)).rejects.toBeInstanceOf(PermissionDenied);
    expect(() => activityCsv(tech, noFilters, (l, a) => a)).toThrow(PermissionDenied);
    const others = (await listActivity(other, noFilters)).rows;
    expect(others.map((r) => r.ip)).toEqual(["192.0.2.99"]);
  });

  it("offers the customer's contacts and the staff who acted as user filters", async () => {
    expect((await activityUsers(owner)).map((u) => [u.name, u.staff])).toEqual([
      ["Olga Owner", false],
      ["Sam Staff", true],
      ["Tom Tech", false],
    ]);
  });
});

describe("activityCsv", () => {
  it("exports the filtered rows with times in the user's zone, in batches, without secrets", async () => {
    const { filename, stream } = activityCsv(owner, parseActivityFilters({ from: "2026-11-01", to: "2026-11-30" }), (label, action) => (label ? `L:${label}` : action), { batchSize: 2 });
    expect(filename).toMatch(/^activity-[A-Za-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readCsv(stream)).trim().split("\r\n");
    expect(lines[0]).toBe(ACTIVITY_CSV_HEADER.join(","));
    expect(lines).toHaveLength(1 + 5);
    expect(lines[1]).toBe("2026-11-05 17:00:00,Asia/Ho_Chi_Minh,,no,,mystery.unknown_action,mystery.unknown_action,,,");
    expect(lines.find((l) => l.includes("support.ticket.opened"))).toBe("2026-11-04 17:00:00,Asia/Ho_Chi_Minh,Tom Tech,no,Sam Staff,support.ticket.opened,L:ticket,198.51.100.4,,number: T-1");
    expect(lines.find((l) => l.includes("billing.payment"))).toContain("Sam Staff,yes,");
    const text = lines.join("\n");
    for (const secret of ["EPP-SECRET-1", "hunter2", "tok_secret", "123456"]) expect(text).not.toContain(secret);
  });

  it("uses the same group filter as the page", async () => {
    const { stream } = activityCsv(owner, parseActivityFilters({ group: "profile" }), (l, a) => a);
    const lines = (await readCsv(stream)).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("addressLine1: Hlavná 1 → Obchodná 5");
  });
});
