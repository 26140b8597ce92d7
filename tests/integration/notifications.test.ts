// The email outbox end to end: queued in the caller's transaction, claimed by exactly one sender,
// delivered through the Resend SDK (against a local stub of its HTTP API) or the built-in outbox,
// retried with backoff. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/notifications
import { db } from "@/lib/db";
import { mailTransportFor, ResendTransport } from "@/lib/integrations/mail";
import { drainOutbox } from "@/lib/jobs/email-outbox-job";
import { notifySecurityEvent } from "@/lib/notifications/notify-security-event";
import { queueEmail, type QueueEmailInput } from "@/lib/notifications/queue-email";
import { MAX_ATTEMPTS, RETRY_BASE_MS, SENDING_LEASE_MS, sendDueEmails } from "@/lib/notifications/send-due-emails";
import { createUser, unique } from "@/tests/helpers/factories";
import { startResendStub, type ResendStub } from "@/tests/helpers/resend-stub";

const FROM = "Portico Test <noreply@portico.test>";
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

let stub: ResendStub;
let resend: ResendTransport;

beforeAll(async () => {
  stub = await startResendStub();
  resend = new ResendTransport({ apiKey: "re_test_key", baseUrl: stub.url });
});

afterAll(async () => {
  await stub.close();
  await db.$disconnect();
});

beforeEach(async () => {
  stub.reset();
  // Test files of one jest worker share its database: start every test with an empty outbox.
  await db.emailMessage.deleteMany({});
});

const message = (overrides: Partial<QueueEmailInput> = {}): QueueEmailInput => ({
  to: `${unique("to")}@example.test`,
  subject: "Your invoice",
  text: "Hello, here it is.",
  html: "<p>Hello, here it is.</p>",
  category: "billing",
  ...overrides,
});

const queue = (overrides: Partial<QueueEmailInput> = {}) => db.$transaction((tx) => queueEmail(tx, message(overrides)));
const row = (id: string) => db.emailMessage.findUniqueOrThrow({ where: { id } });
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe("queueEmail", () => {
  it("writes a queued message that commits with the caller's transaction", async () => {
    const { id, queued } = await queue({ subject: "Welcome" });
    expect(queued).toBe(true);
    expect(await row(id)).toMatchObject({ status: "queued", subject: "Welcome", attempts: 0, sentAt: null });
  });

  it("leaves nothing behind when the caller's transaction rolls back", async () => {
    const to = `${unique("rollback")}@example.test`;
    await expect(
      db.$transaction(async (tx) => {
        await queueEmail(tx, message({ to }));
        throw new Error("the change that caused the email failed");
      }),
    ).rejects.toThrow("the change that caused the email failed");
    expect(await db.emailMessage.count({ where: { toAddress: to } })).toBe(0);
  });

  it("writes one row for the same dedupeKey, however often it is queued", async () => {
    const dedupeKey = unique("invoice:issued");
    const first = await queue({ dedupeKey });
    const second = await queue({ dedupeKey, subject: "a second attempt" });
    const inOneTransaction = await db.$transaction(async (tx) => [await queueEmail(tx, message({ dedupeKey })), await queueEmail(tx, message({ dedupeKey }))]);

    expect(first.queued).toBe(true);
    expect(second).toEqual({ id: first.id, queued: false });
    expect(inOneTransaction.map((r) => r.id)).toEqual([first.id, first.id]);
    expect(await db.emailMessage.count({ where: { dedupeKey } })).toBe(1);
    expect((await row(first.id)).subject).toBe("Your invoice");
  });

  it("keeps the caller's transaction usable after a duplicate", async () => {
    const dedupeKey = unique("dup");
    await queue({ dedupeKey });
    const count = await db.$transaction(async (tx) => {
      await queueEmail(tx, message({ dedupeKey }));
      return tx.emailMessage.count({ where: { dedupeKey } });
    });
    expect(count).toBe(1);
  });
});

describe("sendDueEmails through Resend", () => {
  it("sends a queued email once, with the right from, to and subject", async () => {
    const { id } = await queue({ to: "alice@example.test", subject: "Invoice INV-1" });

    expect(await sendDueEmails({ transport: resend, from: FROM })).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(await sendDueEmails({ transport: resend, from: FROM })).toEqual({ claimed: 0, delivered: 0, retrying: 0, failed: 0 });

    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request).toMatchObject({ method: "POST", path: "/emails" });
    expect(request.headers.authorization).toBe("Bearer re_test_key");
    expect(request.headers["idempotency-key"]).toBe(`email-message/${id}`);
    expect(request.body).toMatchObject({ from: FROM, to: "alice@example.test", subject: "Invoice INV-1", text: "Hello, here it is.", html: "<p>Hello, here it is.</p>" });

    const sent = await row(id);
    expect(sent).toMatchObject({ status: "sent", providerId: "stub-1", attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it("retries a 500 after a backoff and then succeeds, under the same idempotency key", async () => {
    const { id } = await queue();
    stub.failNext(1, 500);
    const t0 = new Date();

    expect(await sendDueEmails({ transport: resend, from: FROM, now: t0 })).toMatchObject({ claimed: 1, retrying: 1 });
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
    expect(waiting.lastError).toMatch(/500/);
    expect(waiting.nextAttemptAt.getTime()).toBe(t0.getTime() + RETRY_BASE_MS);

    // Not due yet: nothing is sent before the backoff has passed.
    expect(await sendDueEmails({ transport: resend, from: FROM, now: later(t0, RETRY_BASE_MS - 1000) })).toMatchObject({ claimed: 0 });
    expect(stub.requests).toHaveLength(1);

    expect(await sendDueEmails({ transport: resend, from: FROM, now: later(t0, RETRY_BASE_MS + 1000) })).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(stub.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(new Set(stub.requests.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([`email-message/${id}`]));
  });

  it("doubles the backoff each time and gives up after MAX_ATTEMPTS", async () => {
    const { id } = await queue();
    stub.failNext(100, 503);
    let now = new Date();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await sendDueEmails({ transport: resend, from: FROM, now })).toMatchObject({ claimed: 1 });
      const after = await row(id);
      delays.push(after.nextAttemptAt.getTime() - now.getTime());
      now = later(after.nextAttemptAt, 1);
    }
    expect(delays.slice(0, MAX_ATTEMPTS - 1)).toEqual([1, 2, 4, 8, 16].map((f) => f * RETRY_BASE_MS));
    expect(await row(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(await sendDueEmails({ transport: resend, from: FROM, now: later(now, 24 * 3600_000) })).toMatchObject({ claimed: 0 });
    expect(stub.requests).toHaveLength(MAX_ATTEMPTS);
  });

  it("does not retry a request Resend rejects as invalid", async () => {
    const { id } = await queue();
    stub.failNext(1, 422);
    expect(await sendDueEmails({ transport: resend, from: FROM })).toMatchObject({ claimed: 1, failed: 1 });
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("sends every message exactly once when several senders run at the same time", async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => queue({ subject: `Message ${i}` }).then((r) => r.id)));
    stub.setDelay(15);

    const runs = await Promise.all([
      sendDueEmails({ transport: resend, from: FROM, batchSize: 30 }),
      sendDueEmails({ transport: resend, from: FROM, batchSize: 30 }),
      drainOutbox({ transport: resend, from: FROM, batchSize: 4 }, quiet),
      drainOutbox({ transport: resend, from: FROM, batchSize: 4 }, quiet),
    ]);

    expect(runs.reduce((sum, r) => sum + r.delivered, 0)).toBe(30);
    expect(stub.requests).toHaveLength(30);
    const keys = stub.requests.map((r) => r.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(30);
    expect(await db.emailMessage.count({ where: { id: { in: ids }, status: "sent", attempts: 1 } })).toBe(30);
  });

  it("takes over a message whose sender crashed once its lease has run out", async () => {
    const { id } = await queue();
    const t0 = new Date();
    // What a worker that died after claiming leaves behind.
    await db.emailMessage.update({ where: { id }, data: { status: "sending", attempts: 1, nextAttemptAt: later(t0, SENDING_LEASE_MS) } });

    expect(await sendDueEmails({ transport: resend, from: FROM, now: later(t0, SENDING_LEASE_MS - 1000) })).toMatchObject({ claimed: 0 });
    expect(await sendDueEmails({ transport: resend, from: FROM, now: later(t0, SENDING_LEASE_MS + 1000) })).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("uses Resend when RESEND_API_KEY is configured", () => {
    expect(mailTransportFor({ RESEND_API_KEY: "re_x", RESEND_BASE_URL: stub.url }).name).toBe("resend");
    expect(mailTransportFor({}).name).toBe("builtin");
  });
});

describe("sendDueEmails without RESEND_API_KEY", () => {
  const saved = { key: process.env.RESEND_API_KEY, base: process.env.RESEND_BASE_URL };
  beforeAll(() => {
    delete process.env.RESEND_API_KEY;
    // Even with the stub configured as the endpoint, nothing may reach it.
    process.env.RESEND_BASE_URL = stub.url;
  });
  afterAll(() => {
    process.env.RESEND_API_KEY = saved.key;
    process.env.RESEND_BASE_URL = saved.base;
    if (saved.key === undefined) delete process.env.RESEND_API_KEY;
    if (saved.base === undefined) delete process.env.RESEND_BASE_URL;
  });

  it("marks the message delivered to the built-in outbox and makes no HTTP call", async () => {
    const { id } = await queue();
    expect(await sendDueEmails()).toMatchObject({ claimed: 1, delivered: 1 });
    const delivered = await row(id);
    expect(delivered).toMatchObject({ status: "delivered_builtin", providerId: `builtin:${id}`, attempts: 1 });
    expect(delivered.sentAt).toBeInstanceOf(Date);
    expect(stub.requests).toHaveLength(0);
  });
});

describe("notifySecurityEvent", () => {
  it("queues the notice in the user's language and time zone", async () => {
    const user = await createUser(db, { name: "Jana Nováková", locale: "sk", timeZone: "Europe/Bratislava" });
    const at = new Date("2026-03-01T09:30:00Z");
    const result = await db.$transaction((tx) => notifySecurityEvent(tx, { userId: user.id, kind: "new_login", ip: "203.0.113.7", userAgent: "Firefox <script>", at }));

    const email = await row(result!.id);
    expect(email).toMatchObject({ status: "queued", category: "security", userId: user.id, toAddress: user.email, subject: "Nové prihlásenie do vášho účtu Portico" });
    expect(email.textBody).toContain("Dobrý deň, Jana Nováková,");
    expect(email.textBody).toContain("IP adresa: 203.0.113.7");
    expect(email.textBody).toContain("10:30"); // 09:30 UTC in Bratislava (CET)
    expect(email.textBody).toContain("/account/security");
    expect(email.htmlBody).toContain("Firefox &lt;script&gt;");
    expect(email.htmlBody).not.toContain("<script>");
  });

  it.each([
    ["en", "2fa_enabled", "Two-factor authentication was turned on"],
    ["vi", "2fa_disabled", "Xác thực hai yếu tố đã bị tắt"],
    ["hu", "password_changed", "Megváltozott a Portico-jelszava"],
  ] as const)("writes %s for %s", async (locale, kind, subject) => {
    const user = await createUser(db, { locale });
    const result = await db.$transaction((tx) => notifySecurityEvent(tx, { userId: user.id, kind }));
    expect((await row(result!.id)).subject).toBe(subject);
  });

  it("is sent by the outbox like any other email", async () => {
    const user = await createUser(db, { locale: "en" });
    await db.$transaction((tx) => notifySecurityEvent(tx, { userId: user.id, kind: "password_changed", dedupeKey: unique("pw") }));
    await sendDueEmails({ transport: resend, from: FROM });
    expect(stub.sent()).toHaveLength(1);
    expect(stub.sent()[0].body).toMatchObject({ to: user.email, subject: "Your Portico password was changed" });
  });

  it("returns null for an unknown user", async () => {
    expect(await db.$transaction((tx) => notifySecurityEvent(tx, { userId: "00000000-0000-4000-8000-000000000000", kind: "new_login" }))).toBeNull();
  });
});
