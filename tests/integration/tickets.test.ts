// Ticket lifecycle through lib/support: opening, replies on both sides, internal notes, close,
// reopen, rating — with the SLA clock, the emails and the permission checks of each step.
import { db } from "@/lib/db";
import { PermissionDenied } from "@/lib/auth/errors";
import { getTicketThread, listTickets } from "@/lib/support/queries";
import { TicketError, closeTicket, openTicket, rateTicket, reopenTicket, replyToTicket, updateTicket } from "@/lib/support/tickets";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomerWithOwner, createDomain, createService, createSupportDepartment, createUser } from "@/tests/helpers/factories";

const MINUTE = 60_000;

async function buildWorld() {
  const a = await createCustomerWithOwner(db);
  const b = await createCustomerWithOwner(db);
  const billing = await createUser(db, { name: "Bea Billing" });
  const tech = await createUser(db, { name: "Tom Tech" });
  const viewer = await createUser(db);
  const outsider = await createUser(db);
  await addMember(db, billing.id, a.customer.id, { preset: "billing" });
  await addMember(db, tech.id, a.customer.id, { preset: "technical" });
  await addMember(db, viewer.id, a.customer.id, { permissions: ["tickets.view"] });
  await addMember(db, outsider.id, a.customer.id, { permissions: ["services.view"] });
  // The tech contact switched support email off; the billing contact did not.
  await db.notificationPreference.create({ data: { userId: tech.id, category: "support", enabled: false } });
  const agentUser = await createUser(db, { staffRole: "support_agent", name: "Agnes Agent" });
  const clerkUser = await createUser(db, { staffRole: "billing_clerk" });
  const technical = await createSupportDepartment(db);
  // Business hours Mon–Fri 08:00–17:00 in Ho Chi Minh City, like the seeded Sales & Billing desk.
  const office = await createSupportDepartment(db, {
    slug: "sales-billing",
    calendar: { timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: false, weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "17:00" })).concat([{ day: 6, start: "08:00", end: "11:30" }]) },
  }).catch(async () => db.department.findUniqueOrThrow({ where: { slug: "sales-billing" } }));
  const service = await createService(db, a.customer.id, { name: "Web Hosting" });
  const domain = await createDomain(db, a.customer.id);
  const foreignService = await createService(db, b.customer.id);
  return {
    a,
    b,
    technical,
    office,
    service,
    domain,
    foreignService,
    users: { billing, tech, viewer },
    actors: {
      owner: await customerActorFor(a.owner.id, a.customer.id),
      ownerB: await customerActorFor(b.owner.id, b.customer.id),
      billing: await customerActorFor(billing.id, a.customer.id),
      tech: await customerActorFor(tech.id, a.customer.id),
      viewer: await customerActorFor(viewer.id, a.customer.id),
      outsider: await customerActorFor(outsider.id, a.customer.id),
      agent: await staffActorFor(agentUser.id),
      clerk: await staffActorFor(clerkUser.id),
    },
  };
}

let w: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  w = await buildWorld();
});

const ticketRow = (number: string) => db.ticket.findUniqueOrThrow({ where: { number } });
const emailsFor = (ticketId: string) => db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `ticket:${ticketId}:` } }, orderBy: { toAddress: "asc" } });

describe("opening a ticket", () => {
  it("numbers it, stores the first message, starts the first-response clock and emails the other contacts", async () => {
    const now = new Date("2026-11-18T03:00:00Z");
    const ticket = await openTicket(w.actors.owner, { departmentId: w.technical.id, priority: "urgent", subject: "Site down", body: "Our **site** is down", relatedTo: `service:${w.service.id}` }, [], { now });
    expect(ticket.number).toMatch(/^T-\d{6,}$/);
    const row = await ticketRow(ticket.number);
    expect(row).toMatchObject({ status: "open", priority: "urgent", contactUserId: w.a.owner.id, serviceId: w.service.id, source: "portal" });
    expect(row.dueAt).toEqual(new Date(now.getTime() + 30 * MINUTE));
    const thread = await getTicketThread(w.actors.owner, ticket.number);
    expect(thread?.messages.map((m) => [m.authorKind, m.body])).toEqual([["customer", "Our **site** is down"]]);
    expect(thread?.firstResponseMinutes).toBe(30);
    // The author is not emailed; the billing contact is; tech switched support mail off; the viewer may see tickets.
    const emails = await emailsFor(row.id);
    expect(emails.map((e) => e.userId).sort()).toEqual([w.users.billing.id, w.users.viewer.id].sort());
    expect(emails[0].subject).toContain(`[${ticket.number}#${row.replyToken}]`);
    // Replies go to the support mailbox with the ticket's token, which inbound mail routes back here.
    expect(emails[0].replyTo).toMatch(new RegExp(`\\+t\\.${row.replyToken}@`));
    expect(emails.every((e) => e.category === "support" && e.customerId === w.a.customer.id)).toBe(true);
  });

  it("counts the due time in business hours: Saturday 11:20 with a 1 h target is due Monday 08:50", async () => {
    const department = await createSupportDepartment(db, {
      calendar: { timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: false, weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "17:00" })).concat([{ day: 6, start: "08:00", end: "11:30" }]) },
      targets: { normal: [60, 60] },
    });
    // Saturday 21 Nov 2026, 11:20 in Ho Chi Minh City (UTC+7).
    const ticket = await openTicket(w.actors.billing, { departmentId: department.id, priority: "normal", subject: "Invoice question", body: "Hi" }, [], { now: new Date("2026-11-21T04:20:00Z") });
    expect((await ticketRow(ticket.number)).dueAt).toEqual(new Date("2026-11-23T01:50:00Z"));
  });

  it("relates only objects the contact may see, of their own customer", async () => {
    const input = { departmentId: w.technical.id, priority: "normal" as const, subject: "Question", body: "?" };
    await expect(openTicket(w.actors.owner, { ...input, relatedTo: `service:${w.foreignService.id}` })).rejects.toMatchObject({ key: "errors.invalidChoice", field: "relatedTo" });
    // The billing preset cannot see services or domains, so it cannot point a ticket at one.
    await expect(openTicket(w.actors.billing, { ...input, relatedTo: `domain:${w.domain.id}` })).rejects.toBeInstanceOf(TicketError);
    await expect(openTicket(w.actors.tech, { ...input, relatedTo: `domain:${w.domain.id}` })).resolves.toHaveProperty("number");
  });

  it("needs tickets.create and an existing department", async () => {
    const input = { departmentId: w.technical.id, priority: "normal" as const, subject: "Question", body: "?" };
    await expect(openTicket(w.actors.viewer, input)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(openTicket(w.actors.outsider, input)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(openTicket(w.actors.owner, { ...input, departmentId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ field: "departmentId" });
  });
});

describe("the conversation", () => {
  let number: string;
  let opened: Date;
  beforeAll(async () => {
    opened = new Date("2026-11-18T03:00:00Z");
    number = (await openTicket(w.actors.tech, { departmentId: w.technical.id, priority: "normal", subject: "DNS", body: "Please add SPF" }, [], { now: opened })).number;
  });

  it("a staff answer stops the clock and marks the ticket answered; the customer's reply restarts it on the next-response target", async () => {
    const answered = new Date(opened.getTime() + 20 * MINUTE);
    await replyToTicket(w.actors.agent, { number, body: "Done, please check.", internal: false, status: "answered" }, [], { now: answered });
    let row = await ticketRow(number);
    expect(row).toMatchObject({ status: "answered", dueAt: null, firstRespondedAt: answered });

    const replied = new Date(opened.getTime() + 90 * MINUTE);
    await replyToTicket(w.actors.tech, { number, body: "Still failing" }, [], { now: replied });
    row = await ticketRow(number);
    expect(row.status).toBe("customer_reply");
    expect(row.dueAt).toEqual(new Date(replied.getTime() + 60 * MINUTE));
    expect(row.firstRespondedAt).toEqual(answered);
  });

  it("internal notes stay with staff: not in the customer's thread, no email, no status change", async () => {
    const before = await ticketRow(number);
    const emailsBefore = (await emailsFor(before.id)).length;
    await replyToTicket(w.actors.agent, { number, body: "Customer seems to use old NS", internal: true, status: "answered" });
    const after = await ticketRow(number);
    expect(after.status).toBe(before.status);
    expect(after.dueAt).toEqual(before.dueAt);
    expect((await emailsFor(before.id)).length).toBe(emailsBefore);
    const thread = await getTicketThread(w.actors.owner, number);
    expect(thread?.messages.map((m) => m.body)).not.toContain("Customer seems to use old NS");
    expect(await db.ticketMessage.count({ where: { ticket: { number }, internal: true } })).toBe(1);
  });

  it("a staff reply is emailed to the contact even with support mail off, and to the contacts who receive support mail", async () => {
    const row = await ticketRow(number);
    await replyToTicket(w.actors.agent, { number, body: "Fixed now.", internal: false, status: "answered" });
    const emails = await db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `ticket:${row.id}:staff_replied:` } } });
    const last = await db.ticketMessage.findFirstOrThrow({ where: { ticketId: row.id, body: "Fixed now." } });
    const forLast = emails.filter((e) => e.dedupeKey?.includes(last.id));
    expect(forLast.map((e) => e.userId).sort()).toEqual([w.a.owner.id, w.users.billing.id, w.users.tech.id, w.users.viewer.id].sort());
    expect(forLast.find((e) => e.userId === w.users.tech.id)?.textBody).toContain("Fixed now.");
  });

  it("a contact who may only view tickets cannot reply; another customer cannot even find it", async () => {
    await expect(replyToTicket(w.actors.viewer, { number, body: "hi" })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(replyToTicket(w.actors.ownerB, { number, body: "hi" })).rejects.toMatchObject({ key: "errors.notFound" });
    await expect(getTicketThread(w.actors.ownerB, number)).resolves.toBeNull();
    await expect(getTicketThread(w.actors.outsider, number)).rejects.toBeInstanceOf(PermissionDenied);
  });

  it("two replies at the same moment are both kept, one after the other", async () => {
    await Promise.all([replyToTicket(w.actors.tech, { number, body: "one" }), replyToTicket(w.actors.owner, { number, body: "two" })]);
    const bodies = (await db.ticketMessage.findMany({ where: { ticket: { number } }, select: { body: true } })).map((m) => m.body);
    expect(bodies).toEqual(expect.arrayContaining(["one", "two"]));
    expect((await ticketRow(number)).status).toBe("customer_reply");
  });
});

describe("close, reopen, rate", () => {
  it("closes, refuses a rating before closing, rates, reopens onto the queue", async () => {
    const { number } = await openTicket(w.actors.owner, { departmentId: w.technical.id, priority: "low", subject: "Old question", body: "?" });
    await expect(rateTicket(w.actors.owner, { number, rating: 4, comment: "" })).rejects.toMatchObject({ key: "errors.rateOnlyClosed" });
    await expect(closeTicket(w.actors.viewer, number)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(closeTicket(w.actors.owner, number)).resolves.toEqual({ changed: true });
    await expect(closeTicket(w.actors.owner, number)).resolves.toEqual({ changed: false });
    let row = await ticketRow(number);
    expect(row).toMatchObject({ status: "closed", dueAt: null });
    expect(row.closedAt).not.toBeNull();

    await rateTicket(w.actors.viewer, { number, rating: 5, comment: "Quick and kind" });
    row = await ticketRow(number);
    expect(row).toMatchObject({ rating: 5, ratingComment: "Quick and kind" });

    await expect(reopenTicket(w.actors.owner, number)).resolves.toEqual({ changed: true });
    row = await ticketRow(number);
    expect(row.status).toBe("customer_reply");
    expect(row.closedAt).toBeNull();
    expect(row.dueAt).not.toBeNull();
    const thread = await getTicketThread(w.actors.owner, number);
    expect(thread?.messages.filter((m) => m.authorKind === "system").map((m) => m.body)).toEqual(["closed", "reopened"]);
  });
});

describe("staff changes", () => {
  it("re-prioritising recomputes the due time from the customer's message, and is audited", async () => {
    const opened = new Date(Date.now() - 10 * MINUTE);
    const { number } = await openTicket(w.actors.owner, { departmentId: w.technical.id, priority: "low", subject: "Slow site", body: "slow" }, [], { now: opened });
    expect((await ticketRow(number)).dueAt).toEqual(new Date(opened.getTime() + 120 * MINUTE));
    const { changes } = await updateTicket(w.actors.agent, { number, departmentId: w.technical.id, priority: "urgent", status: "in_progress", assigneeId: w.actors.agent.userId, serviceId: w.service.id });
    expect(changes).toMatchObject({ priority: "urgent", status: "in_progress", assigneeId: w.actors.agent.userId, serviceId: w.service.id });
    const row = await ticketRow(number);
    expect(row.dueAt).toEqual(new Date(opened.getTime() + 30 * MINUTE));
    expect(await db.auditEvent.count({ where: { action: "support.ticket.updated", targetId: row.id } })).toBe(1);
  });

  it("a billing clerk handles only Sales & Billing: a Technical ticket is not found, and cannot be moved there", async () => {
    const { number } = await openTicket(w.actors.owner, { departmentId: w.technical.id, priority: "normal", subject: "Tech thing", body: "x" });
    await expect(replyToTicket(w.actors.clerk, { number, body: "hi", internal: false, status: "answered" })).rejects.toMatchObject({ key: "errors.notFound" });
    const billingTicket = await openTicket(w.actors.owner, { departmentId: w.office.id, priority: "normal", subject: "Invoice", body: "x" });
    await expect(updateTicket(w.actors.clerk, { number: billingTicket.number, departmentId: w.technical.id, priority: "normal", status: "open", assigneeId: null, serviceId: null })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(replyToTicket(w.actors.clerk, { number: billingTicket.number, body: "We will check", internal: false, status: "answered" })).resolves.toMatchObject({ status: "answered" });
  });

  it("customers cannot use staff changes; staff cannot link another customer's service", async () => {
    const { number } = await openTicket(w.actors.owner, { departmentId: w.technical.id, priority: "normal", subject: "Link", body: "x" });
    // @ts-expect-error a customer actor is not a staff actor
    await expect(updateTicket(w.actors.owner, { number, departmentId: w.technical.id, priority: "normal", status: "open", assigneeId: null, serviceId: null })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(updateTicket(w.actors.agent, { number, departmentId: w.technical.id, priority: "normal", status: "open", assigneeId: null, serviceId: w.foreignService.id })).rejects.toMatchObject({ field: "serviceId" });
  });
});

describe("the customer's list", () => {
  it("filters by status and finds by subject words or number", async () => {
    const { number } = await openTicket(w.actors.owner, { departmentId: w.technical.id, priority: "normal", subject: "Unique zebra subject", body: "x" });
    expect((await listTickets(w.actors.owner, { status: "open", q: "zebra" })).items.map((t) => t.number)).toEqual([number]);
    expect((await listTickets(w.actors.owner, { status: "all", q: number.slice(2) })).items.map((t) => t.number)).toEqual([number]);
    expect((await listTickets(w.actors.owner, { status: "closed", q: "zebra" })).total).toBe(0);
    expect((await listTickets(w.actors.ownerB, { status: "all", q: "zebra" })).total).toBe(0);
  });
});
