// Network status against a real Postgres: a customer sees the issues touching their own services
// first; posting one emails exactly the affected customers' contacts who may see services and did
// not switch announcements off, in their language, once; only staff.settings may manage issues.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/network
import { db } from "@/lib/db";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { KbError } from "@/lib/kb/commands";
import { deleteNetworkIssue, postNetworkStatusUpdate, saveNetworkIssue } from "@/lib/network/commands";
import { notifyAffectedCustomers } from "@/lib/network/notify";
import { currentNetworkIssues, listNetworkIssues, listNetworkIssuesForStaff } from "@/lib/network/queries";
import type { NetworkIssueInput } from "@/lib/network/schemas";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomerWithOwner, createService, createUser, unique } from "@/tests/helpers/factories";

const HOUR = 3_600_000;

async function server(label: string) {
  return db.server.create({ data: { name: label, hostname: `${unique(label)}.test.portico.example`, location: "Test DC" } });
}

/** A service of `customerId` running on `serverId`. */
async function serviceOn(customerId: string, serverId: string, opts: { status?: "active" | "cancelled"; name?: string } = {}) {
  const s = await createService(db, customerId, { kind: "vps", status: opts.status ?? "active", name: opts.name ?? "VPS Basic" });
  await db.service.update({ where: { id: s.id }, data: { serverId } });
  return s;
}

type Seeded = { kind: "maintenance" | "incident"; status: NetworkIssueInput["status"]; startsIn: number; endsIn?: number; servers: string[] };

/** An issue written directly (times relative to now, in hours), for the ordering tests. */
async function seedIssue(title: string, i: Seeded) {
  return db.networkIssue.create({
    data: {
      kind: i.kind,
      title,
      body: "Details.",
      status: i.status,
      startsAt: new Date(Date.now() + i.startsIn * HOUR),
      endsAt: i.endsIn === undefined ? null : new Date(Date.now() + i.endsIn * HOUR),
      servers: { connect: i.servers.map((id) => ({ id })) },
    },
  });
}

let s1: { id: string; hostname: string };
let s2: { id: string; hostname: string };
let s3: { id: string; hostname: string };
let aCustomerId: string;
let aOwner: CustomerActor;
let aBilling: CustomerActor;
let admin: StaffActor;
let agent: StaffActor;
let emails: { aOwner: string; aTech: string; aBilling: string; bOwner: string; cOwner: string };

beforeAll(async () => {
  [s1, s2, s3] = [await server("s1"), await server("s2"), await server("s3")];
  const a = await createCustomerWithOwner(db);
  const b = await createCustomerWithOwner(db);
  const c = await createCustomerWithOwner(db);
  aCustomerId = a.customer.id;
  await db.user.update({ where: { id: a.owner.id }, data: { locale: "vi", timeZone: "Asia/Ho_Chi_Minh" } });
  await db.user.update({ where: { id: b.owner.id }, data: { locale: "sk", timeZone: "Europe/Bratislava" } });
  const tech = await createUser(db);
  const bill = await createUser(db);
  await addMember(db, tech.id, a.customer.id, { preset: "technical" });
  await addMember(db, bill.id, a.customer.id, { preset: "billing" });
  // The technical contact may see services but switched announcements off.
  await db.notificationPreference.create({ data: { userId: tech.id, category: "announcements", enabled: false } });

  await serviceOn(a.customer.id, s1.id, { name: "Web Hosting Pro" });
  await serviceOn(a.customer.id, s3.id, { status: "cancelled" });
  await serviceOn(b.customer.id, s2.id);
  await serviceOn(c.customer.id, s3.id, { status: "cancelled" });

  aOwner = await customerActorFor(a.owner.id, a.customer.id);
  aBilling = await customerActorFor(bill.id, a.customer.id);
  admin = await staffActorFor((await createUser(db, { staffRole: "administrator", timeZone: "Europe/Bratislava" })).id);
  agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
  emails = { aOwner: a.owner.email, aTech: tech.email, aBilling: bill.email, bOwner: b.owner.email, cOwner: c.owner.email };
});

afterAll(async () => {
  await db.$disconnect();
});

describe("the customer's list", () => {
  const ids: Record<string, string> = {};
  const only = (items: { id: string }[]) => items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0]).filter(Boolean);

  beforeAll(async () => {
    ids.otherNow = (await seedIssue("other now", { kind: "incident", status: "investigating", startsIn: -1, servers: [s2.id] })).id;
    ids.mineNow = (await seedIssue("mine now", { kind: "incident", status: "identified", startsIn: -3, servers: [s1.id, s2.id] })).id;
    ids.cancelledNow = (await seedIssue("cancelled service now", { kind: "incident", status: "monitoring", startsIn: -0.5, servers: [s3.id] })).id;
    ids.otherSoon = (await seedIssue("other soon", { kind: "maintenance", status: "scheduled", startsIn: 24, endsIn: 26, servers: [s2.id] })).id;
    ids.mineLater = (await seedIssue("mine later", { kind: "maintenance", status: "scheduled", startsIn: 48, endsIn: 50, servers: [s1.id] })).id;
    ids.minePast = (await seedIssue("mine past", { kind: "incident", status: "resolved", startsIn: -50, endsIn: -49, servers: [s1.id] })).id;
    ids.otherPast = (await seedIssue("other past", { kind: "maintenance", status: "completed", startsIn: -20, endsIn: -19, servers: [s2.id] })).id;
    // Its window is over though nobody closed it: it is past, not current.
    ids.overrun = (await seedIssue("overrun", { kind: "maintenance", status: "in_progress", startsIn: -10, endsIn: -9, servers: [s2.id] })).id;
  });

  it("puts the issues touching the customer's live services first in every part", async () => {
    const list = await listNetworkIssues(aOwner, { pageSize: 500 });
    expect(list.personalised).toBe(true);
    expect(only(list.current)).toEqual(["mineNow", "cancelledNow", "otherNow"]);
    expect(only(list.upcoming)).toEqual(["mineLater", "otherSoon"]);
    expect(only(list.past.items)).toEqual(["minePast", "overrun", "otherPast"]);
    expect(list.current.find((i) => i.id === ids.mineNow)).toMatchObject({ affectsYou: true, servers: expect.arrayContaining([expect.objectContaining({ hostname: s1.hostname })]) });
    expect(list.current.find((i) => i.id === ids.cancelledNow)?.affectsYou).toBe(false);
  });

  it("does not personalise for a contact who may not see services", async () => {
    const list = await listNetworkIssues(aBilling, { pageSize: 500 });
    expect(list.personalised).toBe(false);
    expect(only(list.current)).toEqual(["cancelledNow", "otherNow", "mineNow"]);
    expect(list.current.every((i) => !i.affectsYou)).toBe(true);
  });

  it("gives the dashboard the current ones, own first", async () => {
    const { items, total } = await currentNetworkIssues(aOwner, { limit: 500 });
    expect(only(items)).toEqual(["mineNow", "cancelledNow", "otherNow"]);
    expect(items[0]).toMatchObject({ title: "mine now", affectsYou: true });
    expect(total).toBeGreaterThanOrEqual(3);
    const limited = await currentNetworkIssues(aOwner, { limit: 1 });
    expect(limited.items).toHaveLength(1);
    expect(limited.total).toBe(total);
  });

  it("is readable by staff too, without personalisation", async () => {
    const list = await listNetworkIssues(agent, { pageSize: 500 });
    expect(list.personalised).toBe(false);
    expect(only(list.current)).toEqual(["cancelledNow", "otherNow", "mineNow"]);
  });
});

describe("posting an issue", () => {
  const input = (overrides: Partial<NetworkIssueInput> = {}): NetworkIssueInput => ({
    kind: "maintenance",
    title: "Router firmware upgrade",
    body: "Short interruptions are expected.",
    status: "scheduled",
    startsAt: "2026-12-01T09:00",
    endsAt: "2026-12-01T11:30",
    serverIds: [s1.id, s2.id],
    notify: true,
    ...overrides,
  });
  const sentFor = (issueId: string) => db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `network:${issueId}:` } }, orderBy: { toAddress: "asc" } });

  it("emails only the affected customers' contacts who may see services and want announcements", async () => {
    const { id, queued } = await saveNetworkIssue(admin, input());
    const sent = await sentFor(id);
    expect(queued).toBe(2);
    expect(sent.map((m) => m.toAddress).sort()).toEqual([emails.aOwner, emails.bOwner].sort());
    expect(sent.map((m) => m.toAddress)).not.toContain(emails.aTech);
    expect(sent.map((m) => m.toAddress)).not.toContain(emails.aBilling);
    expect(sent.map((m) => m.toAddress)).not.toContain(emails.cOwner);
    expect(sent.every((m) => m.category === "announcements" && m.status === "queued")).toBe(true);

    const vi = sent.find((m) => m.toAddress === emails.aOwner)!;
    expect(vi.subject).toBe("Bảo trì theo kế hoạch: Router firmware upgrade");
    expect(vi.customerId).toBe(aCustomerId);
    expect(vi.dedupeKey).toBe(`network:${id}:posted:${aOwner.userId}`);
    // The owner's services on the affected servers, and the time in Ho Chi Minh City (09:00 Bratislava = 15:00 there).
    expect(vi.textBody).toContain("Web Hosting Pro");
    expect(vi.textBody).toMatch(/15:00/);
    expect(vi.htmlBody).toContain("/support/network-status");
    const sk = sent.find((m) => m.toAddress === emails.bOwner)!;
    expect(sk.subject).toBe("Plánovaná údržba: Router firmware upgrade");

    // Times were typed on the administrator's wall clock (Bratislava, UTC+1 in December).
    const issue = await db.networkIssue.findUniqueOrThrow({ where: { id } });
    expect(issue.startsAt.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(issue.notifiedAt).toBeInstanceOf(Date);
    const audit = (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(audit).toEqual(["network.issue.posted", "network.issue.notified"]);
  });

  it("emails each person once, however often it is posted; later, only the newly affected", async () => {
    const { id } = await saveNetworkIssue(admin, input({ title: "Storage migration" }));
    const before = (await sentFor(id)).length;
    const again = await saveNetworkIssue(admin, input({ id, title: "Storage migration" }));
    expect(again.queued).toBe(0);
    expect(await db.$transaction((tx) => notifyAffectedCustomers(tx, id))).toEqual({ queued: 0, alreadySent: before });

    // A new customer moves onto an affected server: the next post reaches only them.
    const d = await createCustomerWithOwner(db);
    await serviceOn(d.customer.id, s2.id);
    const third = await saveNetworkIssue(admin, input({ id, title: "Storage migration" }));
    expect(third.queued).toBe(1);
    expect((await sentFor(id)).map((m) => m.toAddress)).toContain(d.owner.email);
    expect((await sentFor(id)).length).toBe(before + 1);
  });

  it("sends nothing without `notify`, and nothing for servers nobody uses", async () => {
    const quiet = await saveNetworkIssue(admin, input({ notify: false }));
    expect(quiet.queued).toBe(0);
    expect(await sentFor(quiet.id)).toEqual([]);
    expect((await db.networkIssue.findUniqueOrThrow({ where: { id: quiet.id } })).notifiedAt).toBeNull();
    const unused = await saveNetworkIssue(admin, input({ serverIds: [s3.id] }));
    expect(unused.queued).toBe(0);
  });

  it("refuses unknown servers", async () => {
    await expect(saveNetworkIssue(admin, input({ serverIds: ["00000000-0000-4000-8000-000000000000"] }))).rejects.toMatchObject({ key: "errors.invalidChoice", field: "serverIds" });
  });
});

describe("status updates", () => {
  it("move the issue along; closing it ends it now and moves it to the past", async () => {
    const { id } = await saveNetworkIssue(admin, {
      kind: "incident",
      title: "Packet loss upstream",
      body: "Investigating.",
      status: "investigating",
      startsAt: "2026-01-01T10:00",
      endsAt: "",
      serverIds: [s1.id],
      notify: false,
    });
    await postNetworkStatusUpdate(admin, { issueId: id, status: "monitoring", body: "A fix is in place." });
    await expect(postNetworkStatusUpdate(admin, { issueId: id, status: "completed", body: "Wrong kind." })).rejects.toBeInstanceOf(KbError);
    expect((await listNetworkIssues(aOwner, { pageSize: 500 })).current.find((i) => i.id === id)).toMatchObject({ status: "monitoring", affectsYou: true });
    await postNetworkStatusUpdate(admin, { issueId: id, status: "resolved", body: "Fixed." });
    const issue = await db.networkIssue.findUniqueOrThrow({ where: { id }, include: { updates: true } });
    expect(issue.status).toBe("resolved");
    expect(issue.endsAt).toBeInstanceOf(Date);
    expect(issue.updates.map((u) => u.status).sort()).toEqual(["monitoring", "resolved"]);
    const list = await listNetworkIssues(aOwner, { pageSize: 500 });
    expect(list.current.some((i) => i.id === id)).toBe(false);
    expect(list.past.items.find((i) => i.id === id)?.updates.map((u) => u.status)).toEqual(["resolved", "monitoring"]);
  });
});

describe("who may manage", () => {
  const input: NetworkIssueInput = {
    kind: "incident",
    title: "Permission test",
    body: "Body.",
    status: "investigating",
    startsAt: "2026-01-01T10:00",
    endsAt: "",
    serverIds: [],
    notify: true,
  };

  it("a support agent (no staff.settings) and customers get PermissionDenied and change nothing", async () => {
    const before = await db.networkIssue.count();
    for (const actor of [agent, aOwner, aBilling]) {
      await expect(saveNetworkIssue(actor, input)).rejects.toThrow(PermissionDenied);
      await expect(listNetworkIssuesForStaff(actor)).rejects.toThrow(PermissionDenied);
    }
    const { id } = await saveNetworkIssue(admin, input);
    for (const actor of [agent, aOwner]) {
      await expect(postNetworkStatusUpdate(actor, { issueId: id, status: "resolved", body: "No." })).rejects.toThrow(PermissionDenied);
      await expect(deleteNetworkIssue(actor, id)).rejects.toThrow(PermissionDenied);
    }
    expect(await db.networkIssue.count()).toBe(before + 1);
    await deleteNetworkIssue(admin, id);
    expect(await db.networkIssue.count({ where: { id } })).toBe(0);
    expect((await db.auditEvent.findMany({ where: { targetId: id } })).map((e) => e.action)).toContain("network.issue.deleted");
  });
});
