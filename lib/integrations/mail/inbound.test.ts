import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Resend } from "resend";
import {
  INBOUND_MAIL_LIMITS,
  InboundMailFetchError,
  PayloadInboundMailSource,
  ResendInboundMailSource,
  type ResendInboundEvent,
  htmlToText,
  inboundMailFromPayload,
  inboundMailSourceFor,
  parseAddressList,
  parseMailbox,
  resendInboundEventSchema,
  signWebhookPayload,
  verifyWebhookSignature,
} from "./inbound";

const SECRET = `whsec_${randomBytes(32).toString("base64")}`;
const NOW = new Date("2026-11-03T10:00:00Z");
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
const MB = 1024 * 1024;

function signed(rawBody: string, options: { secret?: string; timestamp?: number; id?: string } = {}) {
  const id = options.id ?? "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
  const timestamp = String(options.timestamp ?? NOW_SECONDS);
  return { id, timestamp, signature: signWebhookPayload({ rawBody, id, timestamp, secret: options.secret ?? SECRET }) };
}

describe("verifyWebhookSignature", () => {
  const rawBody = JSON.stringify({ type: "email.received", created_at: "2026-11-03T10:00:00.000Z", data: { email_id: "e1" } });
  const verify = (headers: { id?: string | null; timestamp?: string | null; signature?: string | null }, overrides: { rawBody?: string; secret?: string; now?: Date; toleranceSeconds?: number } = {}) =>
    verifyWebhookSignature({ rawBody: overrides.rawBody ?? rawBody, headers: { id: headers.id, timestamp: headers.timestamp, signature: headers.signature }, secret: overrides.secret ?? SECRET, now: overrides.now ?? NOW, toleranceSeconds: overrides.toleranceSeconds });

  it("accepts a valid signature", () => {
    expect(verify(signed(rawBody))).toBe(true);
  });

  it("matches an independent Standard Webhooks example", () => {
    // From the Standard Webhooks / Svix documentation's test vector.
    expect(
      verifyWebhookSignature({
        rawBody: '{"test": 2432232314}',
        headers: { id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: "1614265330", signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" },
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        now: new Date(1614265330 * 1000),
      }),
    ).toBe(true);
  });

  it("agrees with the Resend SDK's own verification", () => {
    // The SDK checks against the real clock, so sign with the current time here.
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = signed(rawBody, { timestamp });
    expect(new Resend("re_test").webhooks.verify({ payload: rawBody, headers, webhookSecret: SECRET })).toMatchObject({ type: "email.received" });
    expect(verifyWebhookSignature({ rawBody, headers, secret: SECRET })).toBe(true);
  });

  it("refuses a tampered body", () => {
    expect(verify(signed(rawBody), { rawBody: rawBody.replace("e1", "e2") })).toBe(false);
    expect(verify(signed(rawBody), { rawBody: `${rawBody} ` })).toBe(false);
  });

  it("refuses another secret", () => {
    expect(verify(signed(rawBody), { secret: `whsec_${randomBytes(32).toString("base64")}` })).toBe(false);
  });

  it("refuses a tampered id or timestamp", () => {
    const headers = signed(rawBody);
    expect(verify({ ...headers, id: "msg_other" })).toBe(false);
    expect(verify({ ...headers, timestamp: String(NOW_SECONDS + 1) })).toBe(false);
  });

  it("refuses stale and future timestamps, accepts the edges of the tolerance", () => {
    expect(verify(signed(rawBody, { timestamp: NOW_SECONDS - 301 }))).toBe(false);
    expect(verify(signed(rawBody, { timestamp: NOW_SECONDS + 301 }))).toBe(false);
    expect(verify(signed(rawBody, { timestamp: NOW_SECONDS - 300 }))).toBe(true);
    expect(verify(signed(rawBody, { timestamp: NOW_SECONDS + 300 }))).toBe(true);
    expect(verify(signed(rawBody, { timestamp: NOW_SECONDS - 3600 }), { toleranceSeconds: 7200 })).toBe(true);
  });

  it("accepts a match anywhere in a list of signatures (secret rotation)", () => {
    const oldSecret = `whsec_${randomBytes(32).toString("base64")}`;
    const mine = signed(rawBody);
    const theirs = signed(rawBody, { secret: oldSecret });
    expect(verify({ ...mine, signature: `${theirs.signature} ${mine.signature}` })).toBe(true);
    expect(verify({ ...mine, signature: `v1a,${mine.signature.slice(3)} ${mine.signature}` })).toBe(true);
    expect(verify({ ...mine, signature: `${theirs.signature} v1,AAAA` })).toBe(false);
  });

  it("ignores signatures of other versions", () => {
    const mine = signed(rawBody);
    expect(verify({ ...mine, signature: mine.signature.replace("v1,", "v2,") })).toBe(false);
  });

  it.each([
    ["missing id", { id: null }],
    ["missing timestamp", { timestamp: undefined }],
    ["missing signature", { signature: "" }],
    ["non-numeric timestamp", { timestamp: "1730628000.5" }],
    ["ISO timestamp", { timestamp: "2026-11-03T10:00:00Z" }],
    ["signature without version", { signature: "c2lnbmF0dXJl" }],
    ["signature that is not base64", { signature: "v1,!!!not-base64!!!" }],
    ["huge signature header", { signature: `v1,${"A".repeat(10_000)}` }],
  ])("returns false for a %s", (_label, override) => {
    expect(verify({ ...signed(rawBody), ...override })).toBe(false);
  });

  it.each([
    ["empty secret", ""],
    ["prefix only", "whsec_"],
    ["secret that is not base64", "whsec_not base64!"],
  ])("returns false for an %s", (_label, secret) => {
    expect(verify(signed(rawBody), { secret })).toBe(false);
  });

  it("accepts a secret given without the whsec_ prefix", () => {
    expect(verify(signed(rawBody), { secret: SECRET.slice("whsec_".length) })).toBe(true);
  });

  it("signs bytes like the same string", () => {
    const headers = signed(rawBody);
    expect(verifyWebhookSignature({ rawBody: Buffer.from(rawBody), headers, secret: SECRET, now: NOW })).toBe(true);
  });
});

describe("parseMailbox / parseAddressList", () => {
  it.each([
    ['"Jane Doe" <Jane.Doe@Example.COM>', { address: "jane.doe@example.com", name: "Jane Doe" }],
    ["Jane Doe <jane@x.com>", { address: "jane@x.com", name: "Jane Doe" }],
    ["<jane@x.com>", { address: "jane@x.com", name: null }],
    ["JANE@X.COM", { address: "jane@x.com", name: null }],
    ["jane@x.com (Jane Doe)", { address: "jane@x.com", name: "Jane Doe" }],
    ['"Doe, Jane" <jane@x.com>', { address: "jane@x.com", name: "Doe, Jane" }],
    ['"Jane \\"JD\\" Doe" <jane@x.com>', { address: "jane@x.com", name: 'Jane "JD" Doe' }],
    ['"Portico <support@example.com>" <real@x.com>', { address: "real@x.com", name: "Portico <support@example.com>" }],
    ["jane@x.com <jane@x.com>", { address: "jane@x.com", name: null }],
    ["=?UTF-8?B?S292w6FjcyBBbm5h?= <anna@x.hu>", { address: "anna@x.hu", name: "Kovács Anna" }],
    ["=?iso-8859-2?Q?P=E9ter_Nov=E1k?= <peter@x.sk>", { address: "peter@x.sk", name: "Péter Novák" }],
    ["=?utf-8?q?Nguy=E1=BB=85n?= =?utf-8?q?_V=C4=83n_An?= <an@x.vn>", { address: "an@x.vn", name: "Nguyễn Văn An" }],
    ["  Jane   Doe  <mailto:jane@x.com> ", { address: "jane@x.com", name: "Jane Doe" }],
  ])("%s", (input, expected) => {
    expect(parseMailbox(input)).toEqual(expected);
  });

  it.each(["", "Jane Doe", "<not an address>", "jane@", "@x.com", "jane doe@x.com"])("returns null for %j", (input) => {
    expect(parseMailbox(input)).toBeNull();
  });

  it("splits lists on commas outside quotes, skips junk and duplicates", () => {
    expect(parseAddressList(['"Doe, Jane" <jane@x.com>, bob@y.com; Undisclosed', "JANE@x.com", "Team: carl@z.com, dora@z.com;"])).toEqual([
      { address: "jane@x.com", name: "Doe, Jane" },
      { address: "bob@y.com", name: null },
      { address: "carl@z.com", name: null },
      { address: "dora@z.com", name: null },
    ]);
    expect(parseAddressList(null)).toEqual([]);
  });
});

describe("htmlToText", () => {
  it("keeps paragraphs and line breaks, drops tags, styles and entities", () => {
    expect(htmlToText("<html><head><style>p{}</style></head><body><p>Hello&nbsp;Jane,</p><p>line 1<br>line 2 &amp; &lt;3 &#8364;</p></body></html>")).toBe(
      "Hello Jane,\nline 1\nline 2 & <3 €",
    );
  });
});

// Resend's documented example payload, plus a field Resend may add later.
const RESEND_EXAMPLE = {
  type: "email.received",
  created_at: "2026-02-22T23:41:12.126Z",
  data: {
    email_id: "56761188-7520-42d8-8898-ff6fc54ce618",
    created_at: "2026-02-22T23:41:11.894719+00:00",
    from: "Acme <onboarding@resend.dev>",
    to: ["delivered@resend.dev"],
    bcc: [],
    cc: [],
    message_id: "<example+123>",
    subject: "Sending this example",
    attachments: [{ id: "2a0c9ce0-3112-4728-976e-47ddcd16a318", filename: "avatar.png", content_type: "image/png", content_disposition: "inline", content_id: "img001" }],
    spam_score: 0.1,
  },
};

function inlineEvent(data: Partial<ResendInboundEvent["data"]> & Record<string, unknown> = {}): ResendInboundEvent {
  return resendInboundEventSchema.parse({
    type: "email.received",
    created_at: "2026-11-03T10:00:01.000Z",
    data: {
      email_id: "inline-1",
      created_at: "2026-11-03T10:00:00.000Z",
      from: '"Jane Doe" <Jane@Customer.example>',
      to: ["Portico Support <SUPPORT+t.abcdefghijklmnopqrstuv23@example.com>"],
      cc: ["bob@customer.example, Carol <carol@customer.example>"],
      message_id: "<CAF=reply@mail.gmail.com>",
      subject: "Re: [T-1042#abcdefghijklmnopqrstuv23] Server down",
      text: "It works again.\r\n\r\nOn Mon, 3 Nov 2026 at 09:00, Portico <support@example.com> wrote:\r\n> Fixed?",
      html: "<p>It works again.</p>",
      headers: { "In-Reply-To": "<ticket-1042-reply-3@example.com>", references: "<ticket-1042@example.com>\r\n <ticket-1042-reply-3@example.com>" },
      attachments: [{ filename: "log.txt", content_type: "text/plain", content: Buffer.from("line 1\n").toString("base64") }],
      ...data,
    },
  });
}

describe("resendInboundEventSchema", () => {
  it("parses Resend's example and keeps unknown fields", () => {
    const event = resendInboundEventSchema.parse(RESEND_EXAMPLE);
    expect(event.data.email_id).toBe("56761188-7520-42d8-8898-ff6fc54ce618");
    expect(event.data.attachments[0]).toMatchObject({ filename: "avatar.png", content_type: "image/png" });
    expect((event.data as Record<string, unknown>).spam_score).toBe(0.1);
  });

  it("fills in missing lists and accepts a single address string", () => {
    const event = resendInboundEventSchema.parse({ type: "email.received", created_at: "x", data: { email_id: "e", from: "a@b.c", to: "d@e.f" } });
    expect(event.data).toMatchObject({ to: ["d@e.f"], cc: [], bcc: [], attachments: [] });
  });

  it("refuses other event types and payloads without an email id", () => {
    expect(resendInboundEventSchema.safeParse({ ...RESEND_EXAMPLE, type: "email.sent" }).success).toBe(false);
    expect(resendInboundEventSchema.safeParse({ ...RESEND_EXAMPLE, data: { ...RESEND_EXAMPLE.data, email_id: "" } }).success).toBe(false);
    expect(resendInboundEventSchema.safeParse(null).success).toBe(false);
  });
});

describe("inboundMailFromPayload", () => {
  it("normalises an inline payload", () => {
    const mail = inboundMailFromPayload(inlineEvent());
    expect(mail).toEqual({
      providerEmailId: "inline-1",
      messageId: "<CAF=reply@mail.gmail.com>",
      inReplyTo: "<ticket-1042-reply-3@example.com>",
      references: ["<ticket-1042@example.com>", "<ticket-1042-reply-3@example.com>"],
      from: { address: "jane@customer.example", name: "Jane Doe" },
      to: ["support+t.abcdefghijklmnopqrstuv23@example.com"],
      cc: ["bob@customer.example", "carol@customer.example"],
      subject: "Re: [T-1042#abcdefghijklmnopqrstuv23] Server down",
      text: "It works again.\n\nOn Mon, 3 Nov 2026 at 09:00, Portico <support@example.com> wrote:\n> Fixed?",
      html: "<p>It works again.</p>",
      attachments: [{ fileName: "log.txt", contentType: "text/plain", content: Buffer.from("line 1\n") }],
      rejected: [],
      receivedAt: new Date("2026-11-03T10:00:00.000Z"),
    });
  });

  it("derives text from an HTML-only message and fills in what is missing", () => {
    const mail = inboundMailFromPayload(inlineEvent({ text: null, html: "<div>Hello<br>there</div>", message_id: null, headers: null, subject: null, created_at: "garbage", attachments: [] }));
    expect(mail).toMatchObject({ text: "Hello\nthere", messageId: "<inline-1@inbound.invalid>", inReplyTo: null, references: [], subject: "" });
    expect(mail.receivedAt).toEqual(new Date("2026-11-03T10:00:01.000Z"));
  });

  it("wraps a bare Message-ID in angle brackets", () => {
    expect(inboundMailFromPayload(inlineEvent({ message_id: "abc@mail.example" })).messageId).toBe("<abc@mail.example>");
  });

  it("applies the attachment limits", () => {
    const file = (name: string, bytes: number) => ({ filename: name, content_type: "application/octet-stream", content: Buffer.alloc(bytes, 1).toString("base64") });
    const mail = inboundMailFromPayload(inlineEvent({ attachments: [file("big.bin", 11), file("a", 1), file("b", 1), file("c", 1), file("../../etc/passwd", 10)] }), {
      maxAttachments: 3,
      maxAttachmentBytes: 10,
    });
    expect(mail.attachments.map((a) => a.fileName)).toEqual(["a", "b", "c"]);
    expect(mail.rejected).toEqual([
      { fileName: "big.bin", reason: "too_large" },
      { fileName: "passwd", reason: "too_many" },
    ]);
  });

  it("refuses a payload without a body and a sender without an address", async () => {
    const metadataOnly = resendInboundEventSchema.parse(RESEND_EXAMPLE);
    expect(() => inboundMailFromPayload(metadataOnly)).toThrow(InboundMailFetchError);
    await expect(new PayloadInboundMailSource().fetch(metadataOnly)).rejects.toMatchObject({ retryable: false });
    expect(() => inboundMailFromPayload(inlineEvent({ from: "Mailer Daemon" }))).toThrow(/no sender address/);
  });

  it("picks the source by configuration", () => {
    expect(inboundMailSourceFor({})).toBeInstanceOf(PayloadInboundMailSource);
    expect(inboundMailSourceFor({ RESEND_API_KEY: "re_test" })).toBeInstanceOf(ResendInboundMailSource);
  });
});

// --- The Resend API, impersonated on 127.0.0.1 --------------------------------------------------

type StubFile = { id: string; filename: string | null; contentType: string; body: Buffer; declaredSize?: number; contentLength?: number };
type StubLog = { method: string; path: string; authorization: string | undefined };

async function startReceivingStub() {
  const log: StubLog[] = [];
  const emails = new Map<string, { email: Record<string, unknown>; files: StubFile[] }>();
  let failStatus: number | null = null;
  let base = "";

  const server = http.createServer((req, res) => {
    const path = req.url ?? "";
    log.push({ method: req.method ?? "", path, authorization: req.headers.authorization });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (failStatus) return json(failStatus, { statusCode: failStatus, name: "internal_server_error", message: "stub failure" });

    const download = /^\/cdn\/([^/]+)\/([^/?]+)\?signature=sig$/.exec(path);
    if (download) {
      const file = emails.get(download[1])?.files.find((f) => f.id === download[2]);
      if (!file) return json(404, { statusCode: 404, name: "not_found", message: "no file" });
      if (file.contentLength) {
        // Announce a huge body and send only the start of it: the client must stop on the header.
        res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.contentLength) });
        res.write(file.body);
        return;
      }
      // Two writes: sent chunked, without a Content-Length.
      res.writeHead(200, { "content-type": file.contentType });
      res.write(file.body.subarray(0, 1));
      return res.end(file.body.subarray(1));
    }

    if (!req.headers.authorization?.startsWith("Bearer ")) return json(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key" });
    const route = /^\/emails\/receiving\/([^/?]+)(\/attachments(?:\/([^/?]+))?)?(?:\?.*)?$/.exec(path);
    const entry = route ? emails.get(route[1]) : undefined;
    if (!route || !entry) return json(404, { statusCode: 404, name: "not_found", message: "Email not found" });
    const signedFile = (file: StubFile) => ({
      object: "attachment",
      id: file.id,
      filename: file.filename ?? undefined,
      size: file.declaredSize ?? file.body.length,
      content_type: file.contentType,
      content_disposition: "attachment",
      download_url: `${base}/cdn/${route[1]}/${file.id}?signature=sig`,
      expires_at: "2026-11-03T11:00:00.000Z",
    });
    if (route[3]) {
      const file = entry.files.find((f) => f.id === route[3]);
      return file ? json(200, signedFile(file)) : json(404, { statusCode: 404, name: "not_found", message: "Attachment not found" });
    }
    // Like a paginated first page: the last file is left for a by-id request.
    if (route[2]) return json(200, { object: "list", has_more: entry.files.length > 6, data: entry.files.slice(0, 6).map(signedFile) });
    return json(200, {
      ...entry.email,
      attachments: entry.files.map((f) => ({ id: f.id, filename: f.filename, size: f.declaredSize ?? f.body.length, content_type: f.contentType, content_id: null, content_disposition: "attachment" })),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    log,
    add: (id: string, email: Record<string, unknown>, files: StubFile[] = []) => emails.set(id, { email, files }),
    failWith: (status: number | null) => {
      failStatus = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

describe("ResendInboundMailSource (against a local stand-in for the Resend API)", () => {
  let stub: Awaited<ReturnType<typeof startReceivingStub>>;
  beforeAll(async () => {
    stub = await startReceivingStub();
  });
  afterAll(async () => {
    await stub.close();
  });
  beforeEach(() => {
    stub.log.length = 0;
    stub.failWith(null);
  });

  const source = () => new ResendInboundMailSource({ apiKey: "re_test_key", baseUrl: stub.url });
  const webhookFor = (emailId: string, attachments: { id: string; filename: string }[] = []) =>
    resendInboundEventSchema.parse({
      type: "email.received",
      created_at: "2026-11-03T10:00:02.000Z",
      data: {
        email_id: emailId,
        created_at: "2026-11-03T10:00:00.000Z",
        from: "Jane Doe <jane@customer.example>",
        to: ["support@example.com"],
        cc: [],
        bcc: [],
        message_id: "<webhook@mail.example>",
        subject: "Server down",
        attachments: attachments.map((a) => ({ ...a, content_type: "application/octet-stream", content_disposition: "attachment", content_id: null })),
      },
    });
  const receivedEmail = (id: string) => ({
    object: "email",
    id,
    to: ["Portico Support <support+t.abcdefghijklmnopqrstuv23@example.com>"],
    from: '"Doe, Jane" <Jane@Customer.example>',
    created_at: "2026-11-03T10:00:00.123456+00:00",
    subject: "Re: [T-1042#abcdefghijklmnopqrstuv23] Server down",
    bcc: null,
    cc: ["bob@customer.example"],
    reply_to: null,
    received_for: ["support+t.abcdefghijklmnopqrstuv23@example.com"],
    html: "<p>It is down again.</p>",
    text: "It is down again.\n\n> earlier",
    headers: { "message-id": "<CAF123@mail.gmail.com>", "in-reply-to": "<ticket-1042-reply-3@example.com>", references: "<ticket-1042@example.com> <ticket-1042-reply-3@example.com>" },
    message_id: "<CAF123@mail.gmail.com>",
    raw: null,
  });

  it("fetches the message and its attachments", async () => {
    const pdf = Buffer.from("%PDF-1.7 fake");
    stub.add("email-1", receivedEmail("email-1"), [
      { id: "att-1", filename: "invoice.pdf", contentType: "application/pdf", body: pdf },
      { id: "att-2", filename: null, contentType: "image/png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    ]);
    const mail = await source().fetch(webhookFor("email-1", [{ id: "att-1", filename: "invoice.pdf" }]));

    expect(mail).toEqual({
      providerEmailId: "email-1",
      messageId: "<CAF123@mail.gmail.com>",
      inReplyTo: "<ticket-1042-reply-3@example.com>",
      references: ["<ticket-1042@example.com>", "<ticket-1042-reply-3@example.com>"],
      from: { address: "jane@customer.example", name: "Doe, Jane" },
      to: ["support+t.abcdefghijklmnopqrstuv23@example.com"],
      cc: ["bob@customer.example"],
      subject: "Re: [T-1042#abcdefghijklmnopqrstuv23] Server down",
      text: "It is down again.\n\n> earlier",
      html: "<p>It is down again.</p>",
      attachments: [
        { fileName: "invoice.pdf", contentType: "application/pdf", content: pdf },
        { fileName: "attachment-2", contentType: "image/png", content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      ],
      rejected: [],
      receivedAt: new Date("2026-11-03T10:00:00.123Z"),
    });
    expect(stub.log.map((r) => r.path)).toEqual([
      "/emails/receiving/email-1",
      "/emails/receiving/email-1/attachments",
      "/cdn/email-1/att-1?signature=sig",
      "/cdn/email-1/att-2?signature=sig",
    ]);
    // The API key goes to the API only, never to the signed download URL.
    for (const request of stub.log) expect(request.authorization).toBe(request.path.startsWith("/cdn/") ? undefined : "Bearer re_test_key");
  });

  it("does not call the attachment endpoints for a message without attachments", async () => {
    stub.add("email-2", receivedEmail("email-2"));
    const mail = await source().fetch(webhookFor("email-2"));
    expect(mail.attachments).toEqual([]);
    expect(stub.log.map((r) => r.path)).toEqual(["/emails/receiving/email-2"]);
  });

  it("reports an attachment over 10 MB by its metadata without requesting it", async () => {
    stub.add("email-3", receivedEmail("email-3"), [
      { id: "huge", filename: "backup.tar.gz", contentType: "application/gzip", body: Buffer.from("x"), declaredSize: INBOUND_MAIL_LIMITS.maxAttachmentBytes + 1 },
      { id: "ok", filename: "notes.txt", contentType: "text/plain", body: Buffer.from("notes") },
    ]);
    const mail = await source().fetch(webhookFor("email-3"));
    expect(mail.attachments.map((a) => a.fileName)).toEqual(["notes.txt"]);
    expect(mail.rejected).toEqual([{ fileName: "backup.tar.gz", reason: "too_large" }]);
    expect(stub.log.some((r) => r.path.includes("/cdn/email-3/huge"))).toBe(false);
  });

  it("stops a download whose Content-Length is over 10 MB without reading the body", async () => {
    stub.add("email-4", receivedEmail("email-4"), [
      // The metadata understates the size; the download response tells the truth.
      { id: "liar", filename: "video.mp4", contentType: "video/mp4", body: Buffer.alloc(64 * 1024), declaredSize: 1000, contentLength: 11 * MB },
    ]);
    const started = Date.now();
    const mail = await source().fetch(webhookFor("email-4"));
    expect(mail.attachments).toEqual([]);
    expect(mail.rejected).toEqual([{ fileName: "video.mp4", reason: "too_large" }]);
    expect(stub.log.some((r) => r.path === "/cdn/email-4/liar?signature=sig")).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("stops a chunked download once it passes the limit", async () => {
    stub.add("email-8", receivedEmail("email-8"), [
      // No Content-Length (chunked) and a small declared size: only counting the bytes catches it.
      { id: "chunked", filename: "dump.sql", contentType: "application/sql", body: Buffer.alloc(5000, 65), declaredSize: 100 },
      { id: "small", filename: "ok.txt", contentType: "text/plain", body: Buffer.alloc(1000, 66) },
    ]);
    const limited = new ResendInboundMailSource({ apiKey: "re_test_key", baseUrl: stub.url, limits: { maxAttachmentBytes: 1000 } });
    const mail = await limited.fetch(webhookFor("email-8"));
    expect(mail.attachments).toEqual([{ fileName: "ok.txt", contentType: "text/plain", content: Buffer.alloc(1000, 66) }]);
    expect(mail.rejected).toEqual([{ fileName: "dump.sql", reason: "too_large" }]);
  });

  it("downloads at most 5 attachments and reports the rest", async () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ id: `f${i + 1}`, filename: `photo-${i + 1}.jpg`, contentType: "image/jpeg", body: Buffer.from(`jpeg ${i + 1}`) }));
    stub.add("email-5", receivedEmail("email-5"), files);
    const mail = await source().fetch(webhookFor("email-5"));
    expect(mail.attachments.map((a) => a.content.toString())).toEqual(["jpeg 1", "jpeg 2", "jpeg 3", "jpeg 4", "jpeg 5"]);
    expect(mail.rejected).toEqual([
      { fileName: "photo-6.jpg", reason: "too_many" },
      { fileName: "photo-7.jpg", reason: "too_many" },
    ]);
    expect(stub.log.filter((r) => r.path.startsWith("/cdn/")).length).toBe(5);
  });

  it("asks for an attachment by id when the list does not include it", async () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ id: `g${i + 1}`, filename: `f${i + 1}.txt`, contentType: "text/plain", body: Buffer.from(`${i + 1}`) }));
    stub.add("email-6", receivedEmail("email-6"), files);
    const mail = await new ResendInboundMailSource({ apiKey: "re_test_key", baseUrl: stub.url, limits: { maxAttachments: 10 } }).fetch(webhookFor("email-6"));
    expect(mail.attachments.map((a) => a.content.toString())).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(stub.log.map((r) => r.path)).toContain("/emails/receiving/email-6/attachments/g7");
  });

  it("uses an inline payload without calling the API", async () => {
    const mail = await source().fetch(inlineEvent());
    expect(mail.providerEmailId).toBe("inline-1");
    expect(stub.log).toEqual([]);
  });

  it("throws a retryable error when Resend fails", async () => {
    stub.add("email-7", receivedEmail("email-7"));
    stub.failWith(500);
    await expect(source().fetch(webhookFor("email-7"))).rejects.toMatchObject({ name: "InboundMailFetchError", retryable: true, statusCode: 500 });
  });

  it("throws for an unknown email", async () => {
    await expect(source().fetch(webhookFor("missing"))).rejects.toMatchObject({ name: "InboundMailFetchError", statusCode: 404 });
  });
});
