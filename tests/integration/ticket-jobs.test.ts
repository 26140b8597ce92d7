// The support jobs against a real Postgres: SLA escalation and auto-close of answered tickets, each
// run twice and by two workers at once without a second message, audit row or email, and a
// customer reply racing the auto-close wins.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/ticket-jobs
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import type { TicketStatus } from "@/lib/generated/prisma/client";
import { startBoss } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { registerTicketJobs } from "@/lib/jobs/ticket-jobs";
import { autoCloseAnsweredTickets, escalateOverdueTickets, renderEscalationEmail } from "@/lib/support/ticket-jobs";
import { addMember, createCustomerWithOwner, createTicket, createUser, ensureDepartment, unique } from "@/tests/helpers/factories";

// Test files of a jest worker share its database. The jobs act on every ticket, so this file's
// clock and tickets sit in 2001: nothing another file creates is overdue or old enough then.
const NOW = new Date("2001-06-15T12:00:00.000Z");
const OURS = new Date("2010-01-01T00:00:00.000Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const quiet = { error: () => {} };

beforeEach(async () => {
  // Leftovers of an earlier test here would be picked up by the next run and skew its counts.
  await db.ticket.deleteMany({ where: { createdAt: { lt: OURS } } });
});

async function ticketIn(departmentId: string, opts: { status?: TicketStatus; lastReplyAt?: Date; dueAt?: Date | null; assigneeId?: string; priority?: "urgent" | "normal" | "low" } = {}) {
  const { customer, owner } = await createCustomerWithOwner(db);
  const ticket = await createTicket(db, customer.id, {
    departmentId,
    status: opts.status ?? "customer_reply",
    priority: opts.priority,
    createdAt: at(-30 * DAY),
    lastReplyAt: opts.lastReplyAt ?? at(-2 * 60 * MINUTE),
  });
  await db.ticket.update({ where: { id: ticket.id }, data: { contactUserId: owner.id, dueAt: opts.dueAt ?? null, assigneeId: opts.assigneeId ?? null } });
  return { ticket, customer, owner };
}

const emailsFor = (ticketId: string, event: string) =>
  db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `ticket:${ticketId}:${event}:` } }, orderBy: { createdAt: "asc" } });
const systemMessages = (ticketId: string, body: string) => db.ticketMessage.findMany({ where: { ticketId, authorKind: "system", body } });
const auditRows = (ticketId: string, action: string) => db.auditEvent.findMany({ where: { targetId: ticketId, action } });

/** Resolves once `count` statements of this database wait for a lock (our claims behind a held row lock). */
async function waitForLockWaiters(count: number) {
  for (let i = 0; i < 500; i++) {
    const [{ waiting }] = await db.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${count} statements ever waited for the lock`);
}

/**
 * Starts `runs` while a transaction holds the ticket's row lock, waits until all of them block on
 * it, then lets `whileLocked` change the row (or not) and commits. This puts two workers, or a
 * worker and a customer reply, at the same row at the same moment, every time.
 */
async function raceOnRow<T>(ticketId: string, runs: (() => Promise<T>)[], whileLocked: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<unknown> = async () => {}) {
  const started = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "Ticket" WHERE id = ${ticketId}::uuid FOR UPDATE`;
      // Wrapped in an object: returning the bare promises would make the commit wait for them.
      const pending = { all: Promise.all(runs.map((run) => run())) };
      await waitForLockWaiters(runs.length);
      await whileLocked(tx);
      return pending;
    },
    { timeout: 20_000 },
  );
  return started.all;
}

describe("escalateOverdueTickets", () => {
  async function staffWorld() {
    const technical = await ensureDepartment(db, "technical");
    const admin = await createUser(db, { staffRole: "administrator", name: "Admin" });
    const agent = await createUser(db, { staffRole: "support_agent", name: "Agent", locale: "sk", timeZone: "Asia/Ho_Chi_Minh" });
    const clerk = await createUser(db, { staffRole: "billing_clerk", name: "Clerk" });
    const assignedClerk = await createUser(db, { staffRole: "billing_clerk", name: "Assigned clerk" });
    const disabledAgent = await createUser(db, { staffRole: "support_agent" });
    await db.user.update({ where: { id: disabledAgent.id }, data: { disabledAt: at(-DAY) } });
    return { technical, admin, agent, clerk, assignedClerk, disabledAgent };
  }

  it("marks the ticket, writes an internal message and an audit row, and emails the assignee and the department's staff", async () => {
    const world = await staffWorld();
    const dueAt = at(-5 * MINUTE);
    const { ticket, owner, customer } = await ticketIn(world.technical.id, { dueAt, assigneeId: world.assignedClerk.id, priority: "urgent" });
    const colleague = await createUser(db);
    await addMember(db, colleague.id, customer.id, { preset: "technical" });

    expect(await escalateOverdueTickets({ now: NOW })).toEqual({ escalated: 1, failed: 0 });

    expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ escalatedDueAt: dueAt, escalatedAt: NOW, status: "customer_reply", dueAt });
    const [message, ...moreMessages] = await systemMessages(ticket.id, "escalated");
    expect(moreMessages).toHaveLength(0);
    expect(message).toMatchObject({ internal: true, authorUserId: null, createdAt: NOW });
    const [audit, ...moreAudits] = await auditRows(ticket.id, "support.ticket.escalated");
    expect(moreAudits).toHaveLength(0);
    expect(audit).toMatchObject({ actorUserId: null, customerId: customer.id, targetType: "ticket" });

    const emails = await emailsFor(ticket.id, "escalated");
    const recipients = new Set(emails.map((e) => e.userId));
    expect(recipients.size).toBe(emails.length);
    // The assignee, even from a role that does not handle Technical; everyone handling all departments.
    for (const user of [world.assignedClerk, world.admin, world.agent]) expect(recipients).toContain(user.id);
    // Not a billing clerk (Sales & Billing only), not disabled staff, not the customer's contacts.
    for (const user of [world.clerk, world.disabledAgent, owner, colleague]) expect(recipients).not.toContain(user.id);
    expect(emails.every((e) => e.category === "support" && e.customerId === null && e.dedupeKey === `ticket:${ticket.id}:escalated:${dueAt.toISOString()}:${e.userId}`)).toBe(true);

    // In the recipient's language and time zone (due 11:55 UTC is 18:55 in Ho Chi Minh City).
    const slovak = emails.find((e) => e.userId === world.agent.id)!;
    expect(slovak.subject).toContain("Prekročené SLA");
    expect(slovak.subject).toContain(ticket.number);
    expect(slovak.textBody).toContain("Naliehavá");
    expect(slovak.textBody).toContain("Technical");
    expect(slovak.textBody).toContain("18:55");
    expect(slovak.textBody).toContain(`/admin/tickets/${ticket.number}`);
  });

  it("does nothing more when run again", async () => {
    const { technical } = await staffWorld();
    const { ticket } = await ticketIn(technical.id, { dueAt: at(-MINUTE) });
    expect((await escalateOverdueTickets({ now: NOW })).escalated).toBe(1);
    const emails = (await emailsFor(ticket.id, "escalated")).length;
    expect(emails).toBeGreaterThan(0);

    expect(await escalateOverdueTickets({ now: at(10 * MINUTE) })).toEqual({ escalated: 0, failed: 0 });
    expect(await systemMessages(ticket.id, "escalated")).toHaveLength(1);
    expect(await auditRows(ticket.id, "support.ticket.escalated")).toHaveLength(1);
    expect(await emailsFor(ticket.id, "escalated")).toHaveLength(emails);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).escalatedAt).toEqual(NOW);
  });

  it("escalates once when two workers reach the same ticket at the same moment", async () => {
    const { technical } = await staffWorld();
    const { ticket } = await ticketIn(technical.id, { dueAt: at(-MINUTE) });
    const results = await raceOnRow(ticket.id, [() => escalateOverdueTickets({ now: NOW }), () => escalateOverdueTickets({ now: NOW })]);
    expect(results.map((r) => r.escalated).sort()).toEqual([0, 1]);
    expect(await systemMessages(ticket.id, "escalated")).toHaveLength(1);
    expect(await auditRows(ticket.id, "support.ticket.escalated")).toHaveLength(1);
    const emails = await emailsFor(ticket.id, "escalated");
    expect(new Set(emails.map((e) => e.userId)).size).toBe(emails.length);
  });

  it("shares a batch of tickets between two concurrent runs without double effects", async () => {
    const { technical } = await staffWorld();
    const tickets = await Promise.all([1, 2, 3, 4, 5].map((i) => ticketIn(technical.id, { dueAt: at(-i * MINUTE) })));
    const [a, b] = await Promise.all([escalateOverdueTickets({ now: NOW, batchSize: 2 }), escalateOverdueTickets({ now: NOW, batchSize: 2 })]);
    expect(a.escalated + b.escalated).toBe(5);
    for (const { ticket } of tickets) {
      expect(await systemMessages(ticket.id, "escalated")).toHaveLength(1);
      expect(await auditRows(ticket.id, "support.ticket.escalated")).toHaveLength(1);
    }
  });

  it("escalates again for a later due time, after a customer reply moved it", async () => {
    const { technical, admin } = await staffWorld();
    const firstDue = at(-MINUTE);
    const { ticket } = await ticketIn(technical.id, { dueAt: firstDue });
    await escalateOverdueTickets({ now: NOW });

    // The customer writes again: the ticket is back in the queue with a new due time.
    const secondDue = at(60 * MINUTE);
    await db.ticket.update({ where: { id: ticket.id }, data: { status: "customer_reply", dueAt: secondDue, lastReplyAt: at(5 * MINUTE), escalatedAt: null } });
    expect((await escalateOverdueTickets({ now: at(30 * MINUTE) })).escalated).toBe(0);

    expect((await escalateOverdueTickets({ now: at(61 * MINUTE) })).escalated).toBe(1);
    expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ escalatedDueAt: secondDue, escalatedAt: at(61 * MINUTE) });
    expect(await systemMessages(ticket.id, "escalated")).toHaveLength(2);
    expect(await auditRows(ticket.id, "support.ticket.escalated")).toHaveLength(2);
    const adminEmails = (await emailsFor(ticket.id, "escalated")).filter((e) => e.userId === admin.id);
    expect(adminEmails.map((e) => e.dedupeKey)).toEqual([
      `ticket:${ticket.id}:escalated:${firstDue.toISOString()}:${admin.id}`,
      `ticket:${ticket.id}:escalated:${secondDue.toISOString()}:${admin.id}`,
    ]);
  });

  it("leaves tickets alone that are not waiting on staff or not yet due", async () => {
    const { technical } = await staffWorld();
    const paused = await Promise.all((["on_hold", "answered", "closed"] as const).map((status) => ticketIn(technical.id, { status, dueAt: at(-DAY) })));
    const notYet = await ticketIn(technical.id, { status: "open", dueAt: at(MINUTE) });
    const noClock = await ticketIn(technical.id, { status: "in_progress", dueAt: null });

    expect(await escalateOverdueTickets({ now: NOW })).toEqual({ escalated: 0, failed: 0 });
    for (const { ticket } of [...paused, notYet, noClock]) {
      expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).escalatedAt).toBeNull();
      expect(await systemMessages(ticket.id, "escalated")).toHaveLength(0);
      expect(await emailsFor(ticket.id, "escalated")).toHaveLength(0);
    }
  });

  it("escalates in_progress and open tickets too", async () => {
    const { technical } = await staffWorld();
    const open = await ticketIn(technical.id, { status: "open", dueAt: at(-MINUTE) });
    const inProgress = await ticketIn(technical.id, { status: "in_progress", dueAt: at(-MINUTE) });
    expect((await escalateOverdueTickets({ now: NOW })).escalated).toBe(2);
    for (const { ticket } of [open, inProgress]) expect(await systemMessages(ticket.id, "escalated")).toHaveLength(1);
  });
});

describe("renderEscalationEmail", () => {
  it("falls back to English and UTC for an unknown locale or time zone", () => {
    const email = renderEscalationEmail({
      locale: "xx",
      timeZone: "Mars/Olympus",
      recipientName: "Ana",
      ticket: { number: "T-1", subject: "Server down", priority: "low", departmentName: "Technical" },
      dueAt: NOW,
      appUrl: "https://portal.example.test/",
    });
    expect(email.subject).toBe("SLA breached: Server down [T-1]");
    expect(email.text).toContain("Hello Ana,");
    expect(email.text).toContain("(Technical, Low)");
    expect(email.text).toContain("https://portal.example.test/admin/tickets/T-1");
    expect(email.html).toContain('<a href="https://portal.example.test/admin/tickets/T-1"');
  });
});

describe("autoCloseAnsweredTickets", () => {
  async function department(autoCloseAfterDays: number | null) {
    const created = await ensureDepartment(db, unique("dept"));
    return db.department.update({ where: { id: created.id }, data: { autoCloseAfterDays } });
  }

  it("closes answered tickets past their department's limit, with a public message, an audit row and one notice", async () => {
    const threeDays = await department(3);
    const never = await department(null);
    const due = await ticketIn(threeDays.id, { status: "answered", lastReplyAt: at(-3 * DAY - MINUTE) });
    const exactly = await ticketIn(threeDays.id, { status: "answered", lastReplyAt: at(-3 * DAY) });
    const recent = await ticketIn(threeDays.id, { status: "answered", lastReplyAt: at(-3 * DAY + MINUTE) });
    const waitingOnUs = await ticketIn(threeDays.id, { status: "customer_reply", lastReplyAt: at(-10 * DAY), dueAt: at(-9 * DAY) });
    const onHold = await ticketIn(threeDays.id, { status: "on_hold", lastReplyAt: at(-10 * DAY) });
    const neverCloses = await ticketIn(never.id, { status: "answered", lastReplyAt: at(-400 * DAY) });

    expect(await autoCloseAnsweredTickets({ now: NOW })).toEqual({ closed: 2, failed: 0 });

    for (const { ticket, owner, customer } of [due, exactly]) {
      expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "closed", closedAt: NOW, dueAt: null, lastReplyAt: ticket.lastReplyAt });
      const [message, ...more] = await systemMessages(ticket.id, "auto_closed");
      expect(more).toHaveLength(0);
      expect(message).toMatchObject({ internal: false, authorUserId: null, createdAt: NOW });
      expect(await auditRows(ticket.id, "support.ticket.auto_closed")).toEqual([expect.objectContaining({ customerId: customer.id, actorUserId: null, data: expect.objectContaining({ afterDays: 3 }) })]);
      const emails = await emailsFor(ticket.id, "auto_closed");
      expect(emails).toHaveLength(1);
      expect(emails[0]).toMatchObject({ userId: owner.id, toAddress: owner.email, customerId: customer.id, category: "support", dedupeKey: `ticket:${ticket.id}:auto_closed:${message.id}:${owner.id}` });
      expect(emails[0].subject).toContain("Ticket closed");
    }
    for (const { ticket } of [recent, waitingOnUs, onHold, neverCloses]) {
      const row = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
      expect(row.status).not.toBe("closed");
      expect(row.closedAt).toBeNull();
      expect(await systemMessages(ticket.id, "auto_closed")).toHaveLength(0);
      expect(await emailsFor(ticket.id, "auto_closed")).toHaveLength(0);
    }
  });

  it("does nothing more when run again", async () => {
    const fiveDays = await department(5);
    const { ticket } = await ticketIn(fiveDays.id, { status: "answered", lastReplyAt: at(-6 * DAY) });
    expect((await autoCloseAnsweredTickets({ now: NOW })).closed).toBe(1);
    expect(await autoCloseAnsweredTickets({ now: at(DAY) })).toEqual({ closed: 0, failed: 0 });
    expect(await systemMessages(ticket.id, "auto_closed")).toHaveLength(1);
    expect(await auditRows(ticket.id, "support.ticket.auto_closed")).toHaveLength(1);
    expect(await emailsFor(ticket.id, "auto_closed")).toHaveLength(1);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).closedAt).toEqual(NOW);
  });

  it("closes once when two workers reach the same ticket at the same moment", async () => {
    const fiveDays = await department(5);
    const { ticket } = await ticketIn(fiveDays.id, { status: "answered", lastReplyAt: at(-6 * DAY) });
    const results = await raceOnRow(ticket.id, [() => autoCloseAnsweredTickets({ now: NOW }), () => autoCloseAnsweredTickets({ now: NOW })]);
    expect(results.map((r) => r.closed).sort()).toEqual([0, 1]);
    expect(await systemMessages(ticket.id, "auto_closed")).toHaveLength(1);
    expect(await auditRows(ticket.id, "support.ticket.auto_closed")).toHaveLength(1);
    expect(await emailsFor(ticket.id, "auto_closed")).toHaveLength(1);
  });

  it("does not overwrite a customer reply that lands between finding the ticket and closing it", async () => {
    const fiveDays = await department(5);
    const { ticket } = await ticketIn(fiveDays.id, { status: "answered", lastReplyAt: at(-6 * DAY) });
    const [result] = await raceOnRow(ticket.id, [() => autoCloseAnsweredTickets({ now: NOW })], (tx) =>
      tx.ticket.update({ where: { id: ticket.id }, data: { status: "customer_reply", lastReplyAt: at(-MINUTE), dueAt: at(60 * MINUTE) } }),
    );
    expect(result.closed).toBe(0);
    expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "customer_reply", closedAt: null, dueAt: at(60 * MINUTE) });
    expect(await systemMessages(ticket.id, "auto_closed")).toHaveLength(0);
    expect(await auditRows(ticket.id, "support.ticket.auto_closed")).toHaveLength(0);
    expect(await emailsFor(ticket.id, "auto_closed")).toHaveLength(0);
  });

  it("keeps going past a ticket that fails, and reports it", async () => {
    const fiveDays = await department(5);
    const broken = await ticketIn(fiveDays.id, { status: "answered", lastReplyAt: at(-7 * DAY) });
    const fine = await ticketIn(fiveDays.id, { status: "answered", lastReplyAt: at(-6 * DAY) });
    // An address queueEmail refuses makes the notice, and so that ticket's whole transaction, fail.
    await db.user.update({ where: { id: broken.owner.id }, data: { email: `${unique("broken")} at example.test` } });

    expect(await autoCloseAnsweredTickets({ now: NOW, batchSize: 1, log: quiet })).toEqual({ closed: 1, failed: 1 });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: broken.ticket.id } })).status).toBe("answered");
    expect(await systemMessages(broken.ticket.id, "auto_closed")).toHaveLength(0);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: fine.ticket.id } })).status).toBe("closed");
  });
});

describe("registerTicketJobs", () => {
  let boss: PgBoss | undefined;
  afterAll(async () => {
    if (!boss) return;
    await boss.unschedule(QUEUES.supportEscalate);
    await boss.unschedule(QUEUES.supportAutoClose);
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
  });

  it("creates both queues and their schedules", async () => {
    boss = await startBoss({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2, log: { info: () => {}, warn: () => {}, error: () => {} } });
    await registerTicketJobs(boss, { log: { info: () => {}, warn: () => {}, error: () => {} } });
    const schedules = await boss.getSchedules();
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: QUEUES.supportEscalate, cron: "* * * * *" }),
        expect.objectContaining({ name: QUEUES.supportAutoClose, cron: "*/15 * * * *" }),
      ]),
    );
    for (const name of [QUEUES.supportEscalate, QUEUES.supportAutoClose]) expect(await boss.getQueue(name)).toMatchObject({ name, policy: "short" });
  });
});
