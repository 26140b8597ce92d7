// The staff help desk against a real Postgres: the queue (filters, order, counts, a fixed number of
// statements), department scope per staff role, the ticket page's data, canned replies and the
// support PIN (shown to the customer, only checked by staff, audited and throttled).
import { db } from "@/lib/db";
import type { Actor, StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import type { TicketPriority, TicketStatus } from "@/lib/generated/prisma/client";
import { CannedReplyError, cannedRepliesForTicket, createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from "@/lib/support/canned-replies";
import { getTicketThread } from "@/lib/support/queries";
import { type StaffQueueParams, staffQueueParamsSchema } from "@/lib/support/schemas";
import { staffQueue, staffTicketDetail, staffTicketFormOptions } from "@/lib/support/staff-queries";
import { SUPPORT_PIN_CHECK_LIMIT, SupportPinError, checkSupportPin, getSupportPin, regenerateSupportPin } from "@/lib/support/support-pin";
import { TicketError, replyToTicket, updateTicket } from "@/lib/support/tickets";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import {
  addMember,
  createCustomerWithOwner,
  createInvoice,
  createService,
  createTicket,
  createUser,
  dateFromToday,
  ensureDepartment,
  unique,
} from "@/tests/helpers/factories";

const NOW = new Date();
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

const staff = async (role: "administrator" | "support_agent" | "billing_clerk") => staffActorFor((await createUser(db, { staffRole: role, name: `Staff ${unique()}` })).id);
const params = (overrides: Partial<StaffQueueParams> = {}): StaffQueueParams => ({ ...staffQueueParamsSchema.parse({}), ...overrides });

type TicketSpec = { status?: TicketStatus; priority?: TicketPriority; dueAt?: Date | null; lastReplyAt?: Date; assigneeId?: string | null; subject?: string };

async function ticket(customerId: string, departmentId: string, spec: TicketSpec = {}) {
  const created = await createTicket(db, customerId, { departmentId, status: spec.status, priority: spec.priority, subject: spec.subject, lastReplyAt: spec.lastReplyAt ?? minutes(-30) });
  return db.ticket.update({ where: { id: created.id }, data: { dueAt: spec.dueAt ?? null, assigneeId: spec.assigneeId ?? null } });
}

const numbers = (items: { number: string }[]) => items.map((i) => i.number);

describe("queue", () => {
  let admin: StaffActor;
  let agent: StaffActor;
  let slug: string;
  let contract: string;
  const t: Record<"breached" | "soon" | "later" | "answered" | "closed" | "onHold", string> = { breached: "", soon: "", later: "", answered: "", closed: "", onHold: "" };

  beforeAll(async () => {
    admin = await staff("administrator");
    agent = await staff("support_agent");
    slug = unique("queue");
    const department = await ensureDepartment(db, slug, `Queue ${slug}`);
    const { customer } = await createCustomerWithOwner(db);
    contract = customer.contractNumber;
    const d = department.id;
    t.soon = (await ticket(customer.id, d, { status: "open", priority: "urgent", dueAt: minutes(30), assigneeId: admin.userId })).number;
    t.breached = (await ticket(customer.id, d, { status: "customer_reply", dueAt: minutes(-10) })).number;
    t.later = (await ticket(customer.id, d, { status: "in_progress", priority: "low", dueAt: minutes(300), assigneeId: agent.userId })).number;
    t.answered = (await ticket(customer.id, d, { status: "answered", lastReplyAt: minutes(-60) })).number;
    t.closed = (await ticket(customer.id, d, { status: "closed", lastReplyAt: minutes(-90) })).number;
    t.onHold = (await ticket(customer.id, d, { status: "on_hold", lastReplyAt: minutes(-120), subject: "Printer on fire" })).number;
  });

  const run = (overrides: Partial<StaffQueueParams>, actor: Actor = admin, pageSize?: number) => staffQueue(actor, params({ department: slug, ...overrides }), { now: NOW, pageSize });

  it("shows active tickets by due time, those without one last by latest activity, and flags breached ones", async () => {
    const queue = await run({});
    expect(numbers(queue.items)).toEqual([t.breached, t.soon, t.later, t.answered, t.onHold]);
    expect(queue.total).toBe(5);
    expect(queue.items.map((i) => [i.breached, i.dueSoon])).toEqual([
      [true, false],
      [false, true],
      [false, false],
      [false, false],
      [false, false],
    ]);
    const first = queue.items[1];
    expect(first).toMatchObject({ contractNumber: contract, department: { slug }, assignee: { id: admin.userId }, priority: "urgent", status: "open" });
  });

  it("filters by status, priority, assignee and SLA", async () => {
    expect(numbers((await run({ status: "closed" })).items)).toEqual([t.closed]);
    expect((await run({ status: "all" })).total).toBe(6);
    expect(numbers((await run({ priority: "urgent" })).items)).toEqual([t.soon]);
    expect(numbers((await run({ assignee: "mine" })).items)).toEqual([t.soon]);
    expect(numbers((await run({ assignee: "mine" }, agent)).items)).toEqual([t.later]);
    expect(numbers((await run({ assignee: agent.userId })).items)).toEqual([t.later]);
    expect(numbers((await run({ assignee: "none" })).items)).toEqual([t.breached, t.answered, t.onHold]);
    expect(numbers((await run({ sla: "breached" })).items)).toEqual([t.breached]);
    expect(numbers((await run({ sla: "due_soon" })).items)).toEqual([t.soon]);
  });

  it("searches subject, ticket number and contract number", async () => {
    expect(numbers((await run({ q: "printer" })).items)).toEqual([t.onHold]);
    expect(numbers((await run({ q: t.later, status: "all" })).items)).toEqual([t.later]);
    expect((await run({ q: contract.toLowerCase() })).total).toBe(5);
    expect((await run({ q: "no such thing" })).total).toBe(0);
  });

  it("pages through the same order", async () => {
    const second = await run({ page: 2 }, admin, 2);
    expect(numbers(second.items)).toEqual([t.later, t.answered]);
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
  });

  it("counts active tickets per department, whatever the filters", async () => {
    const queue = await run({ priority: "low", sla: "breached" });
    expect(queue.countsByDepartment.find((d) => d.slug === slug)?.count).toBe(5);
  });

  it("an unknown department matches nothing rather than everything", async () => {
    const queue = await staffQueue(admin, params({ department: "no-such-department" }), { now: NOW });
    expect(queue.items).toEqual([]);
    expect(queue.total).toBe(0);
  });

  it("sends the same number of statements however many tickets there are", async () => {
    const holder = globalThis as unknown as { portico: { pool: { on(event: "acquire", listener: () => void): void; off(event: "acquire", listener: () => void): void } } };
    const count = async (fn: () => Promise<unknown>) => {
      let n = 0;
      const listener = () => n++;
      holder.portico.pool.on("acquire", listener);
      try {
        await fn();
      } finally {
        holder.portico.pool.off("acquire", listener);
      }
      return n;
    };
    const views: Partial<StaffQueueParams>[] = [{}, { status: "all" }, { assignee: "mine", sla: "breached" }, { q: "printer" }];
    const measure = async () => {
      const out: number[] = [];
      for (const view of views) out.push(await count(() => run(view)));
      return out;
    };
    const before = await measure();
    const { customer } = await createCustomerWithOwner(db);
    const department = await db.department.findUniqueOrThrow({ where: { slug } });
    for (let i = 0; i < 30; i++) await ticket(customer.id, department.id, { status: "open", dueAt: minutes(60 + i), assigneeId: i % 2 ? agent.userId : null });
    expect(await measure()).toEqual(before);
    // Departments, the page and the grouped counts; a plain count only under other filters, a customer lookup only when searching.
    expect(before).toEqual([3, 4, 4, 5]);
  });
});

describe("department scope by staff role", () => {
  let clerk: StaffActor;
  let agent: StaffActor;
  let technicalTicket: string;
  let billingTicket: string;
  let contract: string;
  let technicalId: string;
  let salesId: string;

  beforeAll(async () => {
    clerk = await staff("billing_clerk");
    agent = await staff("support_agent");
    const technical = await ensureDepartment(db, "technical");
    const sales = await ensureDepartment(db, "sales-billing");
    technicalId = technical.id;
    salesId = sales.id;
    const { customer } = await createCustomerWithOwner(db);
    contract = customer.contractNumber;
    technicalTicket = (await ticket(customer.id, technical.id, { status: "open", dueAt: minutes(10) })).number;
    billingTicket = (await ticket(customer.id, sales.id, { status: "open", dueAt: minutes(20) })).number;
  });

  it("a billing clerk sees only Sales & Billing tickets in the queue and its counts", async () => {
    const queue = await staffQueue(clerk, params({ q: contract, status: "all" }), { now: NOW });
    expect(numbers(queue.items)).toEqual([billingTicket]);
    expect(queue.countsByDepartment.map((d) => d.slug)).toEqual(["sales-billing"]);
    const everything = await staffQueue(clerk, params({ status: "all" }), { now: NOW, pageSize: 100 });
    expect(everything.items.every((i) => i.department.slug === "sales-billing")).toBe(true);
    expect((await staffQueue(clerk, params({ department: "technical" }), { now: NOW })).total).toBe(0);
  });

  it("a billing clerk cannot open a Technical ticket, and its recent tickets leave them out", async () => {
    expect(await staffTicketDetail(clerk, technicalTicket)).toBeNull();
    expect(await staffTicketFormOptions(clerk, technicalTicket)).toBeNull();
    const detail = await staffTicketDetail(clerk, billingTicket);
    expect(detail?.number).toBe(billingTicket);
    expect(numbers(detail!.side.recentTickets)).toEqual([]);
    const options = await staffTicketFormOptions(clerk, billingTicket);
    expect(options?.departments.map((d) => d.slug)).toEqual(["sales-billing"]);
  });

  it("a billing clerk cannot update a Technical ticket or move a ticket to Technical", async () => {
    const input = { number: technicalTicket, departmentId: technicalId, priority: "urgent" as const, status: "open" as const, assigneeId: null, serviceId: null };
    await expect(updateTicket(clerk, input)).rejects.toBeInstanceOf(TicketError);
    await expect(updateTicket(clerk, { ...input, number: billingTicket })).rejects.toBeInstanceOf(PermissionDenied);
    const unchanged = await db.ticket.findUniqueOrThrow({ where: { number: billingTicket }, select: { departmentId: true, priority: true } });
    expect(unchanged).toEqual({ departmentId: salesId, priority: "normal" });
  });

  it("a support agent handles every department", async () => {
    const queue = await staffQueue(agent, params({ q: contract }), { now: NOW });
    expect(numbers(queue.items)).toEqual([technicalTicket, billingTicket]);
    await updateTicket(agent, { number: billingTicket, departmentId: technicalId, priority: "urgent", status: "open", assigneeId: agent.userId, serviceId: null });
    const moved = await db.ticket.findUniqueOrThrow({ where: { number: billingTicket }, select: { departmentId: true, priority: true, assigneeId: true } });
    expect(moved).toEqual({ departmentId: technicalId, priority: "urgent", assigneeId: agent.userId });
    // Now a Technical ticket: gone from the clerk's view.
    expect(await staffTicketDetail(clerk, billingTicket)).toBeNull();
  });

  it("offers as assignees only staff who handle the ticket's department", async () => {
    const options = await staffTicketFormOptions(agent, technicalTicket);
    const ids = options!.assignees.map((a) => a.id);
    expect(ids).toContain(agent.userId);
    expect(ids).not.toContain(clerk.userId);
  });
});

describe("customers calling staff functions", () => {
  it("are refused with PermissionDenied", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    const actor = await customerActorFor(owner.id, customer.id);
    const ticketRow = await createTicket(db, customer.id);
    await expect(staffQueue(actor, params())).rejects.toBeInstanceOf(PermissionDenied);
    await expect(staffTicketDetail(actor, ticketRow.number)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(staffTicketFormOptions(actor, ticketRow.number)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(checkSupportPin(actor, { customerId: customer.id, pin: "000000" })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(listCannedReplies(actor)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(createCannedReply(actor, { title: "x", body: "y", departmentId: "" })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await db.auditEvent.count({ where: { customerId: customer.id, action: "support.pin.checked" } })).toBe(0);
  });
});

describe("ticket page data", () => {
  it("has the whole thread with internal notes, and the customer's services, invoices and other tickets", async () => {
    const agent = await staff("support_agent");
    const { customer, owner } = await createCustomerWithOwner(db);
    const technical = await ensureDepartment(db, "technical");
    const current = await ticket(customer.id, technical.id, { status: "open", dueAt: minutes(-5) });
    await db.ticket.update({ where: { id: current.id }, data: { contactUserId: owner.id } });
    const others = [];
    for (let i = 0; i < 6; i++) others.push(await ticket(customer.id, technical.id, { status: "closed", lastReplyAt: minutes(-1000 - i) }));
    const service = await createService(db, customer.id, { name: "VPS Large", status: "active" });
    await createInvoice(db, customer.id, { status: "unpaid", currency: "EUR", totalMinor: 1_000, dueDate: dateFromToday(-3) });
    await createInvoice(db, customer.id, { status: "unpaid", currency: "EUR", totalMinor: 2_500, dueDate: dateFromToday(10) });
    await createInvoice(db, customer.id, { status: "paid", currency: "EUR", totalMinor: 9_999 });

    await replyToTicket(await customerActorFor(owner.id, customer.id), { number: current.number, body: "It is broken." });
    await replyToTicket(agent, { number: current.number, body: "Customer is on the old plan — check billing first.", internal: true, status: "answered" });

    const detail = await staffTicketDetail(agent, current.number, { now: NOW });
    expect(detail).not.toBeNull();
    expect(detail!.messages.map((m) => [m.authorKind, m.internal])).toEqual([
      ["customer", false],
      ["staff", true],
    ]);
    expect(detail!.contactUser?.id).toBe(owner.id);
    expect(detail!.side.services).toEqual([expect.objectContaining({ id: service.id, name: "VPS Large", status: "active" })]);
    expect(detail!.side.invoices).toEqual([{ currency: "EUR", unpaidCount: 2, unpaidMinor: BigInt(3_500), overdueCount: 1, overdueMinor: BigInt(1_000) }]);
    expect(numbers(detail!.side.recentTickets)).toEqual(others.slice(0, 5).map((o) => o.number));

    // The customer's own view never contains the note.
    const thread = await getTicketThread(await customerActorFor(owner.id, customer.id), current.number);
    expect(thread!.messages.map((m) => m.body)).toEqual(["It is broken."]);
  });

  it("answers null for a malformed or unknown number", async () => {
    const agent = await staff("support_agent");
    expect(await staffTicketDetail(agent, "../etc/passwd")).toBeNull();
    expect(await staffTicketDetail(agent, "T-0")).toBeNull();
  });
});

describe("support PIN", () => {
  it("every person of the customer sees the same six-digit PIN; staff never do", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    const accountant = await createUser(db);
    await addMember(db, accountant.id, customer.id, { preset: "billing" });
    const first = await getSupportPin(await customerActorFor(owner.id, customer.id));
    expect(first.pin).toMatch(/^\d{6}$/);
    expect((await getSupportPin(await customerActorFor(accountant.id, customer.id))).pin).toBe(first.pin);
    await expect(getSupportPin(await staff("administrator"))).rejects.toBeInstanceOf(PermissionDenied);
    const row = await db.customer.findUniqueOrThrow({ where: { id: customer.id }, select: { supportPinEnc: true } });
    expect(row.supportPinEnc).not.toContain(first.pin);
  });

  it("staff learn whether a PIN matches; each check is audited without the PIN", async () => {
    const agent = await staff("support_agent");
    const { customer, owner } = await createCustomerWithOwner(db);
    const { pin } = await getSupportPin(await customerActorFor(owner.id, customer.id));
    const wrong = pin === "135792" ? "246801" : "135792";
    expect(await checkSupportPin(agent, { customerId: customer.id, pin })).toEqual({ matches: true });
    expect(await checkSupportPin(agent, { customerId: customer.id, pin: wrong })).toEqual({ matches: false });
    const rows = await db.auditEvent.findMany({ where: { action: "support.pin.checked", customerId: customer.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.actorUserId, r.data])).toEqual([
      [agent.userId, { matches: true }],
      [agent.userId, { matches: false }],
    ]);
    expect(JSON.stringify(rows.map((r) => r.data))).not.toContain(pin);
  });

  it("a PIN sealed with a key that is gone is replaced by a new one, not a broken page; staff cannot match the old one", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    // As if ENCRYPTION_KEY had changed since the PIN was stored: a well-formed value no key here opens.
    const unreadable = "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAA";
    await db.customer.update({ where: { id: customer.id }, data: { supportPinEnc: unreadable } });
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await checkSupportPin(await staff("support_agent"), { customerId: customer.id, pin: "123456" })).toEqual({ matches: false });
      const fresh = await getSupportPin(await customerActorFor(owner.id, customer.id));
      expect(fresh.pin).toMatch(/^\d{6}$/);
      expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id }, select: { supportPinEnc: true } })).supportPinEnc).not.toBe(unreadable);
      expect((await getSupportPin(await customerActorFor(owner.id, customer.id))).pin).toBe(fresh.pin);
    } finally {
      warn.mockRestore();
    }
  });

  it("nothing matches before the customer's PIN exists", async () => {
    const { customer } = await createCustomerWithOwner(db);
    expect(await checkSupportPin(await staff("support_agent"), { customerId: customer.id, pin: "123456" })).toEqual({ matches: false });
  });

  it(`refuses a staff member after ${SUPPORT_PIN_CHECK_LIMIT} checks of one customer, others may still check`, async () => {
    const agent = await staff("support_agent");
    const { customer, owner } = await createCustomerWithOwner(db);
    const { pin } = await getSupportPin(await customerActorFor(owner.id, customer.id));
    for (let i = 0; i < SUPPORT_PIN_CHECK_LIMIT; i++) await checkSupportPin(agent, { customerId: customer.id, pin: "000000" });
    const refused = checkSupportPin(agent, { customerId: customer.id, pin });
    await expect(refused).rejects.toBeInstanceOf(SupportPinError);
    await expect(checkSupportPin(agent, { customerId: customer.id, pin })).rejects.toMatchObject({ key: "errors.tooManyChecks" });
    expect(await db.auditEvent.count({ where: { action: "support.pin.checked", customerId: customer.id } })).toBe(SUPPORT_PIN_CHECK_LIMIT);
    expect(await db.auditEvent.count({ where: { action: "support.pin.throttled", customerId: customer.id, actorUserId: agent.userId } })).toBe(2);
    expect(await checkSupportPin(await staff("support_agent"), { customerId: customer.id, pin })).toEqual({ matches: true });
  });

  it("regenerating needs account.manage, changes the PIN and is audited", async () => {
    const { customer, owner } = await createCustomerWithOwner(db);
    const tech = await createUser(db);
    await addMember(db, tech.id, customer.id, { preset: "technical" });
    const ownerActor = await customerActorFor(owner.id, customer.id);
    const before = await getSupportPin(ownerActor);
    await expect(regenerateSupportPin(await customerActorFor(tech.id, customer.id))).rejects.toBeInstanceOf(PermissionDenied);
    expect((await getSupportPin(ownerActor)).pin).toBe(before.pin);

    const after = await regenerateSupportPin(ownerActor, { ip: "203.0.113.7", userAgent: "jest" });
    expect(after.pin).toMatch(/^\d{6}$/);
    expect(after.pin).not.toBe(before.pin);
    expect((await getSupportPin(ownerActor)).pin).toBe(after.pin);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "support.pin.regenerated", customerId: customer.id } });
    expect(audit).toMatchObject({ actorUserId: owner.id, ip: "203.0.113.7" });
    expect(JSON.stringify(audit.data)).not.toContain(after.pin);

    const agent = await staff("support_agent");
    expect(await checkSupportPin(agent, { customerId: customer.id, pin: before.pin })).toEqual({ matches: false });
    expect(await checkSupportPin(agent, { customerId: customer.id, pin: after.pin })).toEqual({ matches: true });
  });
});

describe("canned replies", () => {
  it("are offered per department plus the global ones, with placeholders filled in as plain text", async () => {
    const admin = await staff("administrator");
    const clerk = await staff("billing_clerk");
    const technical = await ensureDepartment(db, "technical");
    const sales = await ensureDepartment(db, "sales-billing");
    const tag = unique("canned");
    const global = await createCannedReply(admin, { title: `${tag} global`, body: "Hello {{contact.name}} ({{customer.contract}}), re {{ticket.number}} — {{staff.name}} {{unknown.thing}}", departmentId: "" });
    const tech = await createCannedReply(admin, { title: `${tag} technical`, body: "Reboot it.", departmentId: technical.id });
    const sale = await createCannedReply(clerk, { title: `${tag} billing`, body: "Invoice for {{customer.name}}.", departmentId: sales.id });

    const context = { customer: { name: "*Acme* Ltd", contract: "C-1001" }, contact: { name: "Jana" }, ticket: { number: "T-1", subject: "Bill" }, staff: { name: clerk.name } };
    const offered = (await cannedRepliesForTicket(clerk, sales.id, context)).filter((r) => r.title.startsWith(tag));
    expect(offered.map((r) => r.title)).toEqual([`${tag} billing`, `${tag} global`]);
    expect(offered[0].body).toBe("Invoice for \\*Acme\\* Ltd.");
    expect(offered[1].body).toBe(`Hello Jana (C-1001), re T-1 — ${clerk.name} {{unknown.thing}}`);
    expect(await cannedRepliesForTicket(clerk, technical.id, context)).toEqual([]);

    const listed = (await listCannedReplies(clerk)).filter((r) => r.title.startsWith(tag));
    expect(listed.map((r) => [r.title, r.editable])).toEqual([
      [`${tag} billing`, true],
      [`${tag} global`, false],
    ]);

    await expect(createCannedReply(clerk, { title: "x", body: "y", departmentId: "" })).rejects.toMatchObject({ key: "errors.globalNotAllowed" });
    await expect(createCannedReply(clerk, { title: "x", body: "y", departmentId: technical.id })).rejects.toBeInstanceOf(CannedReplyError);
    await expect(deleteCannedReply(clerk, tech.id)).rejects.toMatchObject({ key: "errors.notFound" });
    await expect(updateCannedReply(clerk, { id: global.id, title: "hijack", body: "y", departmentId: sales.id })).rejects.toMatchObject({ key: "errors.notFound" });

    await updateCannedReply(clerk, { id: sale.id, title: `${tag} billing v2`, body: "Paid.", departmentId: sales.id });
    await deleteCannedReply(admin, tech.id);
    expect(await db.cannedReply.findUnique({ where: { id: tech.id } })).toBeNull();
    const actions = await db.auditEvent.findMany({ where: { targetType: "canned_reply", targetId: { in: [global.id, tech.id, sale.id] } }, select: { action: true, targetId: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["support.canned_reply.created", "support.canned_reply.created", "support.canned_reply.created", "support.canned_reply.deleted", "support.canned_reply.updated"]);
  });
});
