// Ticket attachments against a real Postgres: storing in one transaction with the message,
// validation by content and limits, and who may download what (404 = null for everyone else).
import { createHash, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-types";
import {
  ATTACHMENT_LIMITS,
  type UploadInput,
  type ValidUpload,
  getAttachmentForDownload,
  readUploads,
  storeAttachments,
  validateUploads,
} from "@/lib/support/attachments";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomerWithOwner, createTicket, createUser, ensureDepartment } from "@/tests/helpers/factories";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62, 0x90)]);

function valid(files: UploadInput[]): ValidUpload[] {
  const result = validateUploads(files);
  if (!result.ok) throw new Error(`unexpected rejection: ${JSON.stringify(result.errors)}`);
  return result.files;
}

async function addMessage(ticketId: string, opts: { internal?: boolean; authorKind?: "customer" | "staff" } = {}) {
  const authorKind = opts.authorKind ?? (opts.internal ? "staff" : "customer");
  return db.ticketMessage.create({
    data: { ticketId, authorKind, authorName: authorKind === "staff" ? "Agent" : "Customer", body: "See the attached file.", internal: opts.internal ?? false },
  });
}

/** A ticket of a fresh customer with one message carrying `files`, stored like a reply would be. */
async function ticketWithAttachment(opts: { internal?: boolean; department?: "technical" | "sales-billing"; files?: UploadInput[] } = {}) {
  const { customer, owner } = await createCustomerWithOwner(db);
  const department = await ensureDepartment(db, opts.department ?? "technical");
  const ticket = await createTicket(db, customer.id, { departmentId: department.id });
  const message = await addMessage(ticket.id, { internal: opts.internal });
  const files = valid(opts.files ?? [{ name: "Ảnh chụp màn hình.png", bytes: PNG }]);
  const [attachment] = await db.$transaction((tx) => storeAttachments(tx, { ticketId: ticket.id, messageId: message.id, files }));
  return { customer, owner, ticket, message, attachment };
}

const download = (actor: Actor, ticketNumber: string, attachmentId: string) => getAttachmentForDownload(actor, { ticketNumber, attachmentId });
const staff = async (role: "administrator" | "support_agent" | "billing_clerk") => staffActorFor((await createUser(db, { staffRole: role })).id);

describe("storing", () => {
  it("keeps the cleaned name, detected type, size, hash and a random key; the bytes under that key", async () => {
    const { attachment } = await ticketWithAttachment({ files: [{ name: "../../Ảnh chụp màn hình.png", bytes: PNG }] });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: attachment.id } });
    expect(row).toMatchObject({ fileName: "Ảnh chụp màn hình.png", contentType: "image/png", size: PNG.length });
    expect(row.sha256).toBe(createHash("sha256").update(PNG).digest("hex"));
    expect(row.storageKey).toMatch(/^[0-9a-f]{32}$/);
    expect(row.storageKey).not.toContain("png");
    const blob = await db.attachmentBlob.findUniqueOrThrow({ where: { key: row.storageKey } });
    expect(Buffer.from(blob.data)).toEqual(PNG);
  });

  it("commits blob and metadata together: a failure later in the transaction leaves neither", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const ticket = await createTicket(db, customer.id);
    const message = await addMessage(ticket.id);
    const marker = Buffer.from(`rollback marker ${randomUUID()}\n`);
    const files = valid([{ name: "a.txt", bytes: marker }]);
    const blobsBefore = await db.attachmentBlob.count();
    await expect(
      db.$transaction(async (tx) => {
        await storeAttachments(tx, { ticketId: ticket.id, messageId: message.id, files });
        throw new Error("the reply failed after the files were stored");
      }),
    ).rejects.toThrow("the reply failed");
    expect(await db.attachment.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await db.attachmentBlob.count()).toBe(blobsBefore);
  });

  it("stores the largest message, five files of 10 MB, within Prisma's default transaction timeout", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const ticket = await createTicket(db, customer.id);
    const message = await addMessage(ticket.id);
    const files = valid(Array.from({ length: 5 }, (_, i) => ({ name: `${i}.log`, bytes: Buffer.alloc(ATTACHMENT_LIMITS.maxBytes, 0x61 + i) })));
    // Prisma's default interactive-transaction timeout (5 s) applies here, as in the ticket commands.
    const stored = await db.$transaction((tx) => storeAttachments(tx, { ticketId: ticket.id, messageId: message.id, files }));
    expect(stored.map((s) => s.size)).toEqual(new Array(5).fill(ATTACHMENT_LIMITS.maxBytes));
  });

  it("keeps a held inbound email's files on the email, not on a ticket", async () => {
    const email = await db.inboundEmail.create({
      data: { messageId: `<${randomUUID()}@example.test>`, fromAddress: "stranger@example.test", toAddresses: ["support@example.test"], subject: "Hi", text: "See attached", status: "held" },
    });
    const [stored] = await db.$transaction((tx) => storeAttachments(tx, { inboundEmailId: email.id, files: valid([{ name: "held.txt", bytes: Buffer.from("held\n") }]) }));
    expect(await db.attachment.findUniqueOrThrow({ where: { id: stored.id }, select: { inboundEmailId: true, ticketId: true, messageId: true } })).toEqual({
      inboundEmailId: email.id,
      ticketId: null,
      messageId: null,
    });
  });

  it("refuses more than five files even when called directly", async () => {
    const { customer } = await createCustomerWithOwner(db);
    const ticket = await createTicket(db, customer.id);
    const message = await addMessage(ticket.id);
    const five = valid(Array.from({ length: 5 }, (_, i) => ({ name: `${i}.txt`, bytes: Buffer.from(`file ${i}`) })));
    await expect(db.$transaction((tx) => storeAttachments(tx, { ticketId: ticket.id, messageId: message.id, files: [...five, five[0]] }))).rejects.toThrow(/at most 5/);
  });
});

describe("validation", () => {
  it("refuses a renamed executable by its content", () => {
    expect(validateUploads([{ name: "invoice.pdf", bytes: EXE }])).toEqual({ ok: false, errors: [{ index: 0, fileName: "invoice.pdf", code: "type_not_allowed" }] });
  });

  it("refuses a sixth file", async () => {
    const form = new FormData();
    for (let i = 1; i <= 6; i++) form.append("attachments", new Blob([`log ${i}\n`]), `${i}.log`);
    const result = validateUploads(await readUploads(form));
    expect(result).toEqual({ ok: false, errors: [{ index: 5, fileName: "6.log", code: "too_many" }] });
  });

  it("refuses 10 MB + 1 byte and stores exactly 10 MB", async () => {
    const form = new FormData();
    form.append("attachments", new Blob([new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 1).fill(0x61)]), "big.log");
    expect(validateUploads(await readUploads(form))).toEqual({ ok: false, errors: [{ index: 0, fileName: "big.log", code: "too_large" }] });

    const exact = Buffer.alloc(ATTACHMENT_LIMITS.maxBytes, 0x61);
    const { owner, customer, ticket, attachment } = await ticketWithAttachment({ files: [{ name: "exact.log", bytes: exact }] });
    expect(attachment.size).toBe(ATTACHMENT_LIMITS.maxBytes);
    const file = await download(await customerActorFor(owner.id, customer.id), ticket.number, attachment.id);
    expect(file?.size).toBe(ATTACHMENT_LIMITS.maxBytes);
    expect(file?.data.equals(exact)).toBe(true);
  });
});

describe("who may download", () => {
  it("the customer's owner, with name, type and bytes", async () => {
    const { owner, customer, ticket, attachment } = await ticketWithAttachment();
    const file = await download(await customerActorFor(owner.id, customer.id), ticket.number, attachment.id);
    expect(file).toEqual({ fileName: "Ảnh chụp màn hình.png", contentType: "image/png", size: PNG.length, data: PNG });
  });

  it("not a contact of the same customer without tickets.view", async () => {
    const { customer, ticket, attachment } = await ticketWithAttachment();
    const accountant = await createUser(db);
    await addMember(db, accountant.id, customer.id, { preset: "billing", permissions: ["billing.view", "billing.pay"] });
    const actor = await customerActorFor(accountant.id, customer.id);
    expect(actor.permissions.has("tickets.view")).toBe(false);
    expect(await download(actor, ticket.number, attachment.id)).toBeNull();
  });

  it("not another customer, even with the right ids", async () => {
    const { ticket, attachment } = await ticketWithAttachment();
    const other = await createCustomerWithOwner(db);
    expect(await download(await customerActorFor(other.owner.id, other.customer.id), ticket.number, attachment.id)).toBeNull();
  });

  it("not through another ticket's number", async () => {
    const { owner, customer, attachment } = await ticketWithAttachment();
    const ownSecondTicket = await createTicket(db, customer.id);
    expect(await download(await customerActorFor(owner.id, customer.id), ownSecondTicket.number, attachment.id)).toBeNull();
  });

  it("a support agent", async () => {
    const { ticket, attachment } = await ticketWithAttachment();
    expect((await download(await staff("support_agent"), ticket.number, attachment.id))?.data).toEqual(PNG);
  });

  it("not a billing clerk for a Technical ticket, but for a Sales & Billing one", async () => {
    const clerk = await staff("billing_clerk");
    const technical = await ticketWithAttachment({ department: "technical" });
    expect(await download(clerk, technical.ticket.number, technical.attachment.id)).toBeNull();
    const billing = await ticketWithAttachment({ department: "sales-billing" });
    expect(await download(clerk, billing.ticket.number, billing.attachment.id)).not.toBeNull();
  });

  it("an internal note's file: staff yes, the customer never", async () => {
    const { owner, customer, ticket, attachment } = await ticketWithAttachment({ internal: true });
    expect(await download(await customerActorFor(owner.id, customer.id), ticket.number, attachment.id)).toBeNull();
    expect(await download(await staff("support_agent"), ticket.number, attachment.id)).not.toBeNull();
  });

  it("a file on the ticket but on no message: staff only", async () => {
    const { owner, customer, ticket, attachment } = await ticketWithAttachment();
    await db.attachment.update({ where: { id: attachment.id }, data: { messageId: null } });
    expect(await download(await customerActorFor(owner.id, customer.id), ticket.number, attachment.id)).toBeNull();
    expect(await download(await staff("support_agent"), ticket.number, attachment.id)).not.toBeNull();
  });

  it("nobody with malformed or unknown ids", async () => {
    const { owner, customer, ticket, attachment } = await ticketWithAttachment();
    const actor = await customerActorFor(owner.id, customer.id);
    const admin = await staff("administrator");
    for (const who of [actor, admin]) {
      expect(await download(who, ticket.number, "not-a-uuid")).toBeNull();
      expect(await download(who, ticket.number, `${attachment.id}' OR '1'='1`)).toBeNull();
      expect(await download(who, ticket.number, randomUUID())).toBeNull();
      expect(await download(who, "../../etc/passwd", attachment.id)).toBeNull();
      expect(await download(who, "", attachment.id)).toBeNull();
    }
  });
});
