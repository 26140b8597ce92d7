// Email in, through the real route handler: a signed Resend `email.received` delivery carrying the
// message inline becomes a new ticket, a reply, a duplicate, a held message or nothing at all.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { signWebhookPayload } from "@/lib/integrations/mail/inbound";
import { subjectTag } from "@/lib/support/email-reply";
import { acceptHeldEmail, listHeldEmails, rejectHeldEmail } from "@/lib/support/inbound-email";
import { staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createCustomerWithOwner, createTicket, createUser, ensureDepartment, unique } from "@/tests/helpers/factories";
import { POST } from "@/app/api/webhooks/inbound-email/route";

// Read by lib/env on the first request (getEnv caches per module registry, i.e. per test file).
const SECRET = `whsec_${Buffer.from("portico-inbound-email-test-secret").toString("base64")}`;
process.env.INBOUND_EMAIL_WEBHOOK_SECRET = SECRET;
process.env.SUPPORT_EMAIL_ADDRESS = "support@portico.test";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62, 0x90)]);

type MailData = {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  message_id?: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content_type: string; content: string }[];
};

const file = (filename: string, contentType: string, bytes: Buffer) => ({ filename, content_type: contentType, content: bytes.toString("base64") });

function payload(data: MailData): string {
  return JSON.stringify({
    type: "email.received",
    created_at: new Date().toISOString(),
    data: { email_id: randomUUID(), created_at: new Date().toISOString(), message_id: `<${randomUUID()}@mail.example>`, cc: [], attachments: [], ...data },
  });
}

function signedRequest(body: string, opts: { secret?: string; timestamp?: number; headers?: Record<string, string | null> } = {}): Request {
  const id = `msg_${randomUUID()}`;
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "svix-id": id,
    "svix-timestamp": String(timestamp),
    "svix-signature": signWebhookPayload({ rawBody: body, id, timestamp, secret: opts.secret ?? SECRET }),
  };
  for (const [name, value] of Object.entries(opts.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  return new Request("http://localhost/api/webhooks/inbound-email", { method: "POST", headers, body });
}

async function deliver(data: MailData, opts?: Parameters<typeof signedRequest>[1]) {
  const response = await POST(signedRequest(payload(data), opts));
  return { status: response.status, body: (await response.json()) as { outcome?: string; error?: string } };
}

const inboundRows = (messageId: string) => db.inboundEmail.findMany({ where: { messageId } });

let department: { id: string; email: string };
let customer: { id: string; contractNumber: string };
let owner: { id: string; email: string };

beforeAll(async () => {
  const slug = unique("inbound").toLowerCase();
  const row = await db.department.create({ data: { slug, name: "Inbound test", email: `${slug}@Portico.test` } });
  department = { id: row.id, email: `${slug}@portico.test` };
  const world = await createCustomerWithOwner(db);
  customer = world.customer;
  owner = world.owner;
});

describe("a new ticket from a known contact", () => {
  it("opens a ticket in the department written to, with the file, and confirms to the sender", async () => {
    const messageId = `<${randomUUID()}@mail.example>`;
    const result = await deliver({
      from: `"Owner Person" <${owner.email.toUpperCase()}>`,
      to: [department.email.toUpperCase()],
      subject: "Fwd: Server down",
      text: "The VPS does not answer since 9:00.\n\nThanks",
      message_id: messageId,
      attachments: [file("screen.png", "image/png", PNG)],
    });
    expect(result).toEqual({ status: 200, body: { outcome: "new_ticket" } });

    const [record] = await inboundRows(messageId);
    expect(record).toMatchObject({ status: "processed", fromAddress: owner.email, fromName: "Owner Person" });
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: record.ticketId! }, include: { messages: true, attachments: true } });
    expect(ticket).toMatchObject({ customerId: customer.id, departmentId: department.id, subject: "Server down", priority: "normal", status: "open", source: "email", contactUserId: owner.id });
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({ authorUserId: owner.id, source: "email", body: "The VPS does not answer since 9:00.\n\nThanks" });
    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.attachments[0]).toMatchObject({ fileName: "screen.png", contentType: "image/png", size: PNG.length, messageId: ticket.messages[0].id });
    expect(await db.attachmentBlob.count({ where: { key: ticket.attachments[0].storageKey } })).toBe(1);

    const confirmation = await db.emailMessage.findFirstOrThrow({ where: { toAddress: owner.email, dedupeKey: { startsWith: `ticket:${ticket.id}:opened:` } } });
    expect(confirmation.subject).toContain(subjectTag(ticket.number, ticket.replyToken));
  });

  it("keeps the valid files, drops a refused one and says so in the message", async () => {
    const messageId = `<${randomUUID()}@mail.example>`;
    const result = await deliver({
      from: owner.email,
      to: [department.email],
      subject: "Logs attached",
      text: "See the log.",
      message_id: messageId,
      attachments: [file("setup.exe", "application/octet-stream", EXE), file("error.log", "text/plain", Buffer.from("line 1\n"))],
    });
    expect(result.body.outcome).toBe("new_ticket");
    const [record] = await inboundRows(messageId);
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: record.ticketId! }, include: { messages: true, attachments: true } });
    expect(ticket.attachments.map((a) => a.fileName)).toEqual(["error.log"]);
    expect(ticket.messages[0].body).toMatch(/^See the log\.\n\n---\n\nThese attachments were not accepted:\n\n- setup\\\.exe: this type of file is not allowed$/);
  });

  it("holds mail from a contact who may not open tickets", async () => {
    const viewer = await createUser(db);
    await addMember(db, viewer.id, customer.id, { permissions: ["tickets.view", "billing.view"] });
    const messageId = `<${randomUUID()}@mail.example>`;
    expect((await deliver({ from: viewer.email, to: [department.email], subject: "Please help", text: "Hello", message_id: messageId })).body.outcome).toBe("held");
    expect(await inboundRows(messageId)).toEqual([expect.objectContaining({ status: "held", ticketId: null })]);
  });

  it("holds mail from a person of two customers who may open tickets for both", async () => {
    const person = await createUser(db);
    const other = await createCustomer(db);
    await addMember(db, person.id, customer.id, { preset: "technical" });
    await addMember(db, person.id, other.id, { preset: "technical" });
    expect((await deliver({ from: person.email, to: [department.email], subject: "Which one?", text: "Hello" })).body.outcome).toBe("held");
  });

  it("holds mail from a known contact to no department address", async () => {
    expect((await deliver({ from: owner.email, to: ["sales@elsewhere.example"], subject: "Hi", text: "Hello" })).body.outcome).toBe("held");
  });
});

describe("a reply to a ticket email", () => {
  it("adds the reply (quoted history stripped) when the token is in the reply-to address", async () => {
    const ticket = await createTicket(db, customer.id, { departmentId: department.id, status: "answered" });
    const result = await deliver({
      from: owner.email,
      to: [`support+t.${ticket.replyToken}@portico.test`],
      subject: "Re: Ticket received",
      text: "Thanks, it works again.\n\nOn Mon, 3 Nov 2026 at 09:00, Portico <support@portico.test> wrote:\n> We restarted the server.",
    });
    expect(result.body.outcome).toBe("reply");
    const after = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { messages: true } });
    expect(after.status).toBe("customer_reply");
    expect(after.messages).toEqual([expect.objectContaining({ body: "Thanks, it works again.", source: "email", authorUserId: owner.id, authorKind: "customer" })]);
  });

  it("finds the ticket by the subject tag and reopens a closed ticket", async () => {
    // A number as nextTicketNumber makes it, so the tag reads as in a real email.
    const ticket = await createTicket(db, customer.id, { departmentId: department.id, status: "closed", number: `T-9${Date.now() % 1e9}` });
    const result = await deliver({
      from: owner.email,
      to: ["support@portico.test"],
      subject: `Re: Ticket closed: Test ticket ${subjectTag(ticket.number, ticket.replyToken)}`,
      text: "It broke again.\n\n> Ticket was closed",
    });
    expect(result.body.outcome).toBe("reply");
    const after = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { messages: true } });
    expect(after).toMatchObject({ status: "customer_reply", closedAt: null });
    expect(after.messages.map((m) => m.body)).toEqual(["It broke again."]);
  });

  it("holds a reply from someone who is not a contact of the ticket's customer", async () => {
    const ticket = await createTicket(db, customer.id, { departmentId: department.id });
    const stranger = await createCustomerWithOwner(db);
    const result = await deliver({ from: stranger.owner.email, to: [`support+t.${ticket.replyToken}@portico.test`], subject: "Re: x", text: "Let me in" });
    expect(result.body.outcome).toBe("held");
    expect(await db.ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(0);
  });
});

describe("the same message delivered twice", () => {
  it("is stored once when delivered again later", async () => {
    const ticket = await createTicket(db, customer.id, { departmentId: department.id });
    const mail = { from: owner.email, to: [`support+t.${ticket.replyToken}@portico.test`], subject: "Re: x", text: "Once only", message_id: `<${randomUUID()}@mail.example>` };
    expect((await deliver(mail)).body.outcome).toBe("reply");
    expect((await deliver(mail)).body.outcome).toBe("duplicate");
    expect(await db.ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect(await inboundRows(mail.message_id)).toHaveLength(1);
  });

  it("is stored once when both deliveries arrive at the same moment", async () => {
    const ticket = await createTicket(db, customer.id, { departmentId: department.id });
    const mail = { from: owner.email, to: [`support+t.${ticket.replyToken}@portico.test`], subject: "Re: x", text: "Racing", message_id: `<${randomUUID()}@mail.example>` };
    const results = await Promise.all([deliver(mail), deliver(mail)]);
    expect(results.map((r) => r.body.outcome).sort()).toEqual(["duplicate", "reply"]);
    expect(await db.ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("opens one ticket when a new mail arrives twice at the same moment", async () => {
    const mail = { from: owner.email, to: [department.email], subject: "Double", text: "Twice", message_id: `<${randomUUID()}@mail.example>` };
    const results = await Promise.all([deliver(mail), deliver(mail)]);
    expect(results.map((r) => r.body.outcome).sort()).toEqual(["duplicate", "new_ticket"]);
    expect(await db.ticket.count({ where: { customerId: customer.id, subject: "Double" } })).toBe(1);
  });
});

describe("an unknown sender", () => {
  it("is held with its files; staff accept it as a ticket of the customer they choose", async () => {
    const messageId = `<${randomUUID()}@mail.example>`;
    const from = `${unique("stranger")}@somewhere.example`;
    const result = await deliver({ from: `Pat Stranger <${from}>`, to: [department.email], subject: "Re: Quote", text: "Please call me.", message_id: messageId, attachments: [file("plan.png", "image/png", PNG)] });
    expect(result.body.outcome).toBe("held");
    const [held] = await inboundRows(messageId);
    expect(held).toMatchObject({ status: "held", fromAddress: from, ticketId: null });
    const files = await db.attachment.findMany({ where: { inboundEmailId: held.id } });
    expect(files).toEqual([expect.objectContaining({ fileName: "plan.png", ticketId: null, messageId: null })]);

    const admin = await staffActorFor((await createUser(db, { staffRole: "administrator" })).id);
    const listed = (await listHeldEmails(admin)).items.find((item) => item.id === held.id);
    expect(listed).toMatchObject({ fromAddress: from, fromName: "Pat Stranger", subject: "Re: Quote", excerpt: "Please call me.", attachments: [expect.objectContaining({ fileName: "plan.png" })], suggestedDepartmentId: department.id });

    const { ticketNumber } = await acceptHeldEmail(admin, { inboundEmailId: held.id, contractNumber: customer.contractNumber, departmentId: department.id });
    const ticket = await db.ticket.findUniqueOrThrow({ where: { number: ticketNumber }, include: { messages: true, attachments: true } });
    expect(ticket).toMatchObject({ customerId: customer.id, departmentId: department.id, subject: "Quote", source: "email", status: "open", contactUserId: null });
    expect(ticket.messages).toEqual([expect.objectContaining({ body: "Please call me.", authorName: "Pat Stranger", authorEmail: from, authorUserId: null, source: "email" })]);
    expect(ticket.attachments).toEqual([expect.objectContaining({ id: files[0].id, messageId: ticket.messages[0].id, inboundEmailId: null })]);
    expect(await db.inboundEmail.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: "accepted", ticketId: ticket.id, decidedById: admin.userId });
    expect(await db.auditEvent.count({ where: { action: "support.inbound_email.accepted", targetId: held.id } })).toBe(1);

    await expect(acceptHeldEmail(admin, { inboundEmailId: held.id, customerId: customer.id, departmentId: department.id })).rejects.toMatchObject({ key: "errors.alreadyDecided" });
  });

  it("is held; rejecting it opens nothing and deletes its files", async () => {
    const messageId = `<${randomUUID()}@mail.example>`;
    await deliver({ from: "spam@spam.example", to: [department.email], subject: "Offer", text: "Buy now", message_id: messageId, attachments: [file("offer.png", "image/png", PNG)] });
    const [held] = await inboundRows(messageId);
    const [stored] = await db.attachment.findMany({ where: { inboundEmailId: held.id } });

    const agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
    await rejectHeldEmail(agent, { inboundEmailId: held.id });
    expect(await db.inboundEmail.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: "rejected", ticketId: null, decidedById: agent.userId });
    expect(await db.attachment.count({ where: { id: stored.id } })).toBe(0);
    expect(await db.attachmentBlob.count({ where: { key: stored.storageKey } })).toBe(0);
    expect((await listHeldEmails(agent)).items.map((i) => i.id)).not.toContain(held.id);
    await expect(rejectHeldEmail(agent, { inboundEmailId: held.id })).rejects.toMatchObject({ key: "errors.alreadyDecided" });
  });

  it("is shown to staff of other departments only when sent to one of theirs", async () => {
    const messageId = `<${randomUUID()}@mail.example>`;
    await deliver({ from: "someone@nowhere.example", to: [department.email], subject: "Tech question", text: "?", message_id: messageId });
    const [held] = await inboundRows(messageId);
    const clerk = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
    expect((await listHeldEmails(clerk)).items.map((i) => i.id)).not.toContain(held.id);
    await expect(rejectHeldEmail(clerk, { inboundEmailId: held.id })).rejects.toMatchObject({ key: "errors.notFound" });
    const billing = await ensureDepartment(db, "sales-billing");
    await expect(acceptHeldEmail(clerk, { inboundEmailId: held.id, customerId: customer.id, departmentId: billing.id })).rejects.toMatchObject({ key: "errors.notFound" });
    expect(await db.inboundEmail.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: "held" });
  });

  it("is not listed for staff without staff.tickets", async () => {
    const admin = await staffActorFor((await createUser(db, { staffRole: "administrator" })).id);
    const withoutTickets = { ...admin, permissions: new Set(["staff.access" as const]) };
    await expect(listHeldEmails(withoutTickets)).rejects.toThrow(/staff\.tickets/);
  });
});

describe("automatic mail", () => {
  it("records an auto-reply and a bounce without opening a ticket", async () => {
    const vacation = `<${randomUUID()}@mail.example>`;
    const bounce = `<${randomUUID()}@mail.example>`;
    expect((await deliver({ from: owner.email, to: [department.email], subject: "Out of office", text: "Back Monday", message_id: vacation, headers: { "Auto-Submitted": "auto-replied" } })).body.outcome).toBe("ignored");
    expect((await deliver({ from: "MAILER-DAEMON@mx.example", to: [department.email], subject: "Undelivered", text: "failed", message_id: bounce })).body.outcome).toBe("ignored");
    expect((await inboundRows(vacation))[0]).toMatchObject({ status: "rejected", ticketId: null, decidedById: null });
    expect(await db.ticket.count({ where: { customerId: customer.id, subject: "Out of office" } })).toBe(0);
  });
});

describe("signature and shape", () => {
  const mail = () => ({ from: owner.email, to: [department.email], subject: "Signed?", text: "x", message_id: `<${randomUUID()}@mail.example>` });

  it.each([
    ["a wrong secret", { secret: `whsec_${Buffer.from("another-secret-entirely").toString("base64")}` }],
    ["a stale timestamp", { timestamp: Math.floor(Date.now() / 1000) - 3600 }],
    ["a timestamp from the future", { timestamp: Math.floor(Date.now() / 1000) + 3600 }],
    ["no signature header", { headers: { "svix-signature": null } }],
    ["no id header", { headers: { "svix-id": null } }],
    ["no timestamp header", { headers: { "svix-timestamp": null } }],
  ])("answers 401 to %s and stores nothing", async (_name, opts) => {
    const data = mail();
    expect(await deliver(data, opts)).toEqual({ status: 401, body: { error: "invalid_signature" } });
    expect(await inboundRows(data.message_id)).toEqual([]);
  });

  it("answers 401 when the body was changed after signing", async () => {
    const data = mail();
    const request = signedRequest(payload(data));
    const tampered = new Request(request.url, { method: "POST", headers: request.headers, body: payload({ ...data, text: "changed" }) });
    expect((await POST(tampered)).status).toBe(401);
    expect(await inboundRows(data.message_id)).toEqual([]);
  });

  it("answers 400 to a signed body that is not an email.received event", async () => {
    expect((await POST(signedRequest("{not json"))).status).toBe(400);
    expect((await POST(signedRequest(JSON.stringify({ type: "email.received", created_at: "x", data: { from: "a@b.c" } })))).status).toBe(400);
  });

  it("acknowledges other event types without storing anything", async () => {
    const response = await POST(signedRequest(JSON.stringify({ type: "email.delivered", created_at: "x", data: {} })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: "ignored" });
  });

  it("answers 413 to a body over the limit", async () => {
    const request = new Request("http://localhost/api/webhooks/inbound-email", { method: "POST", headers: { "content-length": String(41 * 1024 * 1024) }, body: "{}" });
    expect((await POST(request)).status).toBe(413);
  });

  it("answers 503 and stores nothing while no secret is configured", async () => {
    const saved = process.env.INBOUND_EMAIL_WEBHOOK_SECRET;
    delete process.env.INBOUND_EMAIL_WEBHOOK_SECRET;
    try {
      const data = mail();
      await jest.isolateModulesAsync(async () => {
        // A fresh module registry: lib/env parses the environment again, now without the secret.
        const route = await import("@/app/api/webhooks/inbound-email/route");
        const response = await route.POST(signedRequest(payload(data)));
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ error: "not_configured" });
      });
      expect(await inboundRows(data.message_id)).toEqual([]);
    } finally {
      process.env.INBOUND_EMAIL_WEBHOOK_SECRET = saved;
    }
  });
});
