import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { Resend, type AttachmentData, type GetReceivingEmailResponseSuccess } from "resend";
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Webhook signature (Svix / Standard Webhooks, as Resend signs its webhooks)
// ---------------------------------------------------------------------------------------------

export type WebhookSignatureHeaders = {
  /** `svix-id` */
  id: string | null | undefined;
  /** `svix-timestamp`, seconds since the epoch */
  timestamp: string | null | undefined;
  /** `svix-signature`, e.g. "v1,<base64> v1,<base64>" (several while a secret is being rotated) */
  signature: string | null | undefined;
};

const SECRET_PREFIX = "whsec_";
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
// Bounds on attacker-controlled header sizes; real values are far below them.
const MAX_ID_LENGTH = 256;
const MAX_SIGNATURE_HEADER_LENGTH = 4096;

function decodeSecret(secret: string): Buffer | null {
  const encoded = secret.trim().startsWith(SECRET_PREFIX) ? secret.trim().slice(SECRET_PREFIX.length) : secret.trim();
  if (!BASE64.test(encoded)) return null;
  const key = Buffer.from(encoded, "base64");
  return key.length > 0 ? key : null;
}

function hmac(key: Buffer, id: string, timestamp: string, rawBody: string | Uint8Array): Buffer {
  // The raw body is hashed as received: re-serialised JSON would not match.
  return createHmac("sha256", key).update(`${id}.${timestamp}.`).update(rawBody).digest();
}

/**
 * True when one of the `v1` signatures matches the body and the timestamp is within
 * `toleranceSeconds` of `now` (either way, so replays and clock tricks are refused).
 * Never throws: anything malformed is simply not valid.
 */
export function verifyWebhookSignature(input: {
  rawBody: string | Uint8Array;
  headers: WebhookSignatureHeaders;
  secret: string;
  now?: Date;
  toleranceSeconds?: number;
}): boolean {
  try {
    const { id, timestamp, signature } = input.headers;
    if (!id || !timestamp || !signature || typeof input.secret !== "string") return false;
    if (id.length > MAX_ID_LENGTH || signature.length > MAX_SIGNATURE_HEADER_LENGTH || !/^\d{1,12}$/.test(timestamp)) return false;

    const tolerance = input.toleranceSeconds ?? 300;
    const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
    if (!Number.isFinite(tolerance) || !Number.isFinite(nowSeconds) || Math.abs(nowSeconds - Number(timestamp)) > tolerance) return false;

    const key = decodeSecret(input.secret);
    if (!key) return false;
    const expected = hmac(key, id, timestamp, input.rawBody);

    return signature
      .trim()
      .split(/\s+/)
      .some((entry) => {
        const comma = entry.indexOf(",");
        if (comma < 0 || entry.slice(0, comma) !== "v1") return false;
        const value = entry.slice(comma + 1);
        if (!BASE64.test(value)) return false;
        const given = Buffer.from(value, "base64");
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
  } catch {
    return false;
  }
}

/** The `svix-signature` value ("v1,<base64>") for a body; for the built-in mode and tests. Throws on a malformed secret. */
export function signWebhookPayload(input: { rawBody: string | Uint8Array; id: string; timestamp: string | number; secret: string }): string {
  const key = decodeSecret(input.secret);
  if (!key) throw new Error("Webhook secret must be whsec_<base64>");
  return `v1,${hmac(key, input.id, String(input.timestamp), input.rawBody).toString("base64")}`;
}

// ---------------------------------------------------------------------------------------------
// The `email.received` payload
// ---------------------------------------------------------------------------------------------

const addressField = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((value) => (value == null ? [] : Array.isArray(value) ? value : [value]));

const webhookAttachmentSchema = z.looseObject({
  id: z.string().nullish(),
  filename: z.string().nullish(),
  content_type: z.string().nullish(),
  content_disposition: z.string().nullish(),
  content_id: z.string().nullish(),
  size: z.number().nullish(),
  /** Base64 bytes; only in payloads that carry the message inline (built-in mode, tests). */
  content: z.string().nullish(),
});

/**
 * Resend's `email.received` webhook body. Resend sends metadata only; `text`, `html`, `headers`
 * and attachment `content` are our extension for payloads that carry the whole message.
 * Unknown fields are kept, so a new Resend field never makes a delivery fail.
 */
export const resendInboundEventSchema = z.looseObject({
  type: z.literal("email.received"),
  created_at: z.string(),
  data: z.looseObject({
    email_id: z.string().min(1),
    created_at: z.string().nullish(),
    from: z.string(),
    to: addressField,
    cc: addressField,
    bcc: addressField,
    received_for: addressField,
    message_id: z.string().nullish(),
    subject: z.string().nullish(),
    attachments: z
      .array(webhookAttachmentSchema)
      .nullish()
      .transform((value) => value ?? []),
    text: z.string().nullish(),
    html: z.string().nullish(),
    /** Header name → value(s), as in Resend's GET /emails/receiving/{id}. */
    headers: z.record(z.string(), z.unknown()).nullish(),
  }),
});
export type ResendInboundEvent = z.infer<typeof resendInboundEventSchema>;

// ---------------------------------------------------------------------------------------------
// The normalised message
// ---------------------------------------------------------------------------------------------

export type InboundAttachment = { fileName: string; contentType: string | null; content: Buffer };
export type RejectedAttachment = { fileName: string; reason: "too_large" | "too_many" };

export type InboundMail = {
  /** Resend's id of the received email (or the payload's `email_id`): the idempotency key. */
  providerEmailId: string;
  /** RFC 5322 Message-ID with angle brackets, e.g. "<abc@mail.example.com>". */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress;
  /** Lower-cased addresses, without display names, deduplicated. */
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: InboundAttachment[];
  /** Attachments left out by the limits; reported so the ticket can say so. */
  rejected: RejectedAttachment[];
  receivedAt: Date;
  /** `Auto-Submitted` (RFC 3834), lower-cased, e.g. "auto-replied"; absent on mail a person sent. */
  autoSubmitted?: string;
  /** `Precedence`, lower-cased ("bulk", "junk", "list", "auto_reply"): set by lists and autoresponders. */
  precedence?: string;
};

export type InboundMailLimits = { maxAttachments: number; maxAttachmentBytes: number };
export const INBOUND_MAIL_LIMITS: InboundMailLimits = { maxAttachments: 5, maxAttachmentBytes: 10 * 1024 * 1024 };

export interface InboundMailSource {
  fetch(event: ResendInboundEvent): Promise<InboundMail>;
}

/** The message could not be fetched; `retryable` false when the same request cannot succeed later. */
export class InboundMailFetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly statusCode?: number | null,
  ) {
    super(message);
    this.name = "InboundMailFetchError";
  }
}

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

export type MailAddress = { address: string; name: string | null };

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+$/;

function cleanAddress(raw: string): string | null {
  const address = raw
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
  return ADDRESS.test(address) ? address : null;
}

function cleanName(raw: string, address: string): string | null {
  let name = raw.trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  else name = name.replace(/"/g, "");
  name = decodeEncodedWords(name).replace(/\s+/g, " ").trim();
  // Many clients repeat the address as the name; that is no name.
  if (!name || name.toLowerCase() === address || name.toLowerCase() === `<${address}>`) return null;
  return name;
}

/** `"Jane Doe" <Jane@X.com>`, `Jane <jane@x.com>`, `<jane@x.com>`, `jane@x.com (Jane)` or a bare address; null if there is no address. */
export function parseMailbox(input: string): MailAddress | null {
  const value = input.trim();
  // The last <…> is the address: a quoted name may itself contain "<…>".
  const angle = /<([^<>]*)>[^<>"]*$/.exec(value);
  if (angle) {
    const address = cleanAddress(angle[1]);
    return address ? { address, name: cleanName(value.slice(0, angle.index), address) } : null;
  }
  const comment = /^(\S+)\s*\(([^()]*)\)$/.exec(value);
  if (comment) {
    const address = cleanAddress(comment[1]);
    return address ? { address, name: cleanName(comment[2], address) } : null;
  }
  const address = cleanAddress(value);
  return address ? { address, name: null } : null;
}

// Commas inside quotes, <…> or (…) do not separate addresses: `"Doe, Jane" <jane@x.com>`.
function splitAddressList(value: string): string[] {
  const parts: string[] = [];
  let current = "";
  let inQuotes = false;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (inQuotes) {
      current += ch;
      if (ch === "\\" && i + 1 < value.length) current += value[++i];
      else if (ch === '"') inQuotes = false;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === "<" || ch === "(") depth++;
    else if (ch === ">" || ch === ")") depth = Math.max(0, depth - 1);
    else if ((ch === "," || ch === ";") && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  // A group ("Team: a@x.com, b@x.com;") leaves "Team:" in front of its first member.
  return parts.map((part) => part.replace(/^[^"<>@:]*:(?=.*@)/, "").trim()).filter(Boolean);
}

/** Every address in one or more header values, lower-cased and deduplicated; unparseable entries are skipped. */
export function parseAddressList(input: string | readonly string[] | null | undefined): MailAddress[] {
  const values = input == null ? [] : typeof input === "string" ? [input] : input;
  const seen = new Set<string>();
  const result: MailAddress[] = [];
  for (const part of values.flatMap(splitAddressList)) {
    const mailbox = parseMailbox(part);
    if (!mailbox || seen.has(mailbox.address)) continue;
    seen.add(mailbox.address);
    result.push(mailbox);
  }
  return result;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`), which some providers leave in display names. */
function decodeEncodedWords(value: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)\s+(?==\?[^?\s]+\?[BbQq]\?)/g, "$1");
  return joined.replace(ENCODED_WORD, (whole, charset: string, encoding: string, text: string) => {
    try {
      const bytes = encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : decodeQ(text);
      return new TextDecoder(charset.split("*")[0]).decode(bytes);
    } catch {
      return whole;
    }
  });
}

function decodeQ(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "_") bytes.push(0x20);
    else if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, "utf8"));
  }
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------------
// Normalisation shared by both sources
// ---------------------------------------------------------------------------------------------

type MessageParts = {
  emailId: string;
  messageId: string | null | undefined;
  headers: Record<string, unknown> | null | undefined;
  from: string;
  to: readonly string[];
  cc: readonly string[];
  subject: string | null | undefined;
  text: string | null | undefined;
  html: string | null | undefined;
  createdAt: (string | null | undefined)[];
};

function headerValue(headers: Record<string, unknown> | null | undefined, name: string): string | null {
  if (!headers) return null;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === "string") return value;
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string").join(" ") || null;
  }
  return null;
}

function messageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed;
  return value
    .split(/\s+/)
    .filter((id) => id.includes("@"))
    .map((id) => `<${id}>`);
}

function normaliseMessageId(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  return messageIds(trimmed)[0] ?? (/\s/.test(trimmed) ? null : `<${trimmed.replace(/^<|>$/g, "")}>`);
}

function firstDate(values: (string | null | undefined)[]): Date {
  for (const value of values) {
    const date = value ? new Date(value) : null;
    if (date && !Number.isNaN(date.getTime())) return date;
  }
  return new Date();
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1].toLowerCase() === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

/** A readable plain-text version of an HTML-only message; the ticket thread stores text. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|table)\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function safeFileName(raw: string | null | undefined, index: number): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, 255);
  return cleaned && cleaned !== "." && cleaned !== ".." ? cleaned : `attachment-${index + 1}`;
}

function normalise(parts: MessageParts, files: { attachments: InboundAttachment[]; rejected: RejectedAttachment[] }): InboundMail {
  const from = parseMailbox(parts.from) ?? parseAddressList(parts.from)[0];
  if (!from) throw new InboundMailFetchError(`Inbound email ${parts.emailId}: no sender address in "${parts.from}"`, false);
  const html = parts.html?.length ? parts.html : null;
  return {
    providerEmailId: parts.emailId,
    // Without a Message-ID the provider id stands in, so the value stays unique and stable.
    messageId: normaliseMessageId(parts.messageId) ?? normaliseMessageId(headerValue(parts.headers, "message-id")) ?? `<${parts.emailId}@inbound.invalid>`,
    inReplyTo: messageIds(headerValue(parts.headers, "in-reply-to"))[0] ?? null,
    references: messageIds(headerValue(parts.headers, "references")),
    from,
    to: parseAddressList(parts.to).map((a) => a.address),
    cc: parseAddressList(parts.cc).map((a) => a.address),
    subject: (parts.subject ?? "").trim(),
    text: parts.text?.trim() ? parts.text.replace(/\r\n?/g, "\n") : html ? htmlToText(html) : "",
    html,
    attachments: files.attachments,
    rejected: files.rejected,
    receivedAt: firstDate(parts.createdAt),
    // Left out when absent, so the mail of a person carries no auto-reply markers at all.
    autoSubmitted: headerValue(parts.headers, "auto-submitted")?.trim().toLowerCase() || undefined,
    precedence: headerValue(parts.headers, "precedence")?.trim().toLowerCase() || undefined,
  };
}

function limitsWith(overrides: Partial<InboundMailLimits> | undefined): InboundMailLimits {
  return { ...INBOUND_MAIL_LIMITS, ...overrides };
}

// ---------------------------------------------------------------------------------------------
// Payload-inline source
// ---------------------------------------------------------------------------------------------

/** True when the payload carries the body and every attachment's bytes, so nothing needs fetching. */
export function hasInlineContent(event: ResendInboundEvent): boolean {
  const { data } = event;
  return (typeof data.text === "string" || typeof data.html === "string") && data.attachments.every((a) => typeof a.content === "string");
}

/** Normalises a payload that carries the whole message (see `hasInlineContent`). */
export function inboundMailFromPayload(event: ResendInboundEvent, limits?: Partial<InboundMailLimits>): InboundMail {
  if (!hasInlineContent(event)) {
    throw new InboundMailFetchError(`Inbound email ${event.data.email_id}: the payload has no body; it must be fetched from Resend (set RESEND_API_KEY)`, false);
  }
  const { maxAttachments, maxAttachmentBytes } = limitsWith(limits);
  const { data } = event;
  const attachments: InboundAttachment[] = [];
  const rejected: RejectedAttachment[] = [];
  data.attachments.forEach((attachment, index) => {
    const fileName = safeFileName(attachment.filename, index);
    const content = Buffer.from(attachment.content ?? "", "base64");
    if (content.length > maxAttachmentBytes) rejected.push({ fileName, reason: "too_large" });
    else if (attachments.length >= maxAttachments) rejected.push({ fileName, reason: "too_many" });
    else attachments.push({ fileName, contentType: attachment.content_type ?? null, content });
  });
  return normalise(
    {
      emailId: data.email_id,
      messageId: data.message_id,
      headers: data.headers,
      from: data.from,
      to: data.to,
      cc: data.cc,
      subject: data.subject,
      text: data.text,
      html: data.html,
      createdAt: [data.created_at, event.created_at],
    },
    { attachments, rejected },
  );
}

/** Built-in mode (no Resend key): only payloads that carry the message inline can be read. */
export class PayloadInboundMailSource implements InboundMailSource {
  constructor(private readonly limits?: Partial<InboundMailLimits>) {}

  async fetch(event: ResendInboundEvent): Promise<InboundMail> {
    return inboundMailFromPayload(event, this.limits);
  }
}

// ---------------------------------------------------------------------------------------------
// Resend source
// ---------------------------------------------------------------------------------------------

// The request itself is wrong (bad id): asking again gives the same answer.
const PERMANENT_STATUS = new Set([400, 422]);
const DOWNLOAD_TIMEOUT_MS = 60_000;

type ResendError = { name: string; message: string; statusCode?: number | null };

function apiError(what: string, error: ResendError): InboundMailFetchError {
  const statusCode = error.statusCode ?? null;
  return new InboundMailFetchError(`Resend ${what}: ${statusCode ?? "(no response)"} ${error.name}: ${error.message}`, !PERMANENT_STATUS.has(statusCode ?? 0), statusCode);
}

/** The body up to `maxBytes`, or "too_large" as soon as the declared or streamed size passes it. */
async function downloadBounded(url: string, maxBytes: number): Promise<Buffer | "too_large"> {
  if (!/^https?:\/\//i.test(url)) throw new InboundMailFetchError(`Attachment download URL is not http(s): ${url}`, false);
  // A signed URL: the API key is not sent along.
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok) {
    await response.body?.cancel();
    // Signed URLs expire; a retry lists the attachments again and gets fresh ones.
    throw new InboundMailFetchError(`Attachment download failed: HTTP ${response.status}`, true, response.status);
  }
  const declared = response.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    await response.body?.cancel();
    return "too_large";
  }
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a received email through Resend's API: GET /emails/receiving/{id} for the body, headers and
 * attachment metadata (with sizes), then GET /emails/receiving/{id}/attachments for signed download
 * URLs, and downloads at most `maxAttachments` files of at most `maxAttachmentBytes` each. Payloads
 * that already carry the message are used as they are.
 */
export class ResendInboundMailSource implements InboundMailSource {
  private client: Resend | undefined;
  private readonly limits: InboundMailLimits;

  constructor(private readonly options: { apiKey: string; baseUrl?: string; limits?: Partial<InboundMailLimits> }) {
    this.limits = limitsWith(options.limits);
  }

  // `new Resend()` throws without a key, so it is created on first use, not at import.
  private resend(): Resend {
    return (this.client ??= new Resend(this.options.apiKey, this.options.baseUrl ? { baseUrl: this.options.baseUrl } : undefined));
  }

  async fetch(event: ResendInboundEvent): Promise<InboundMail> {
    if (hasInlineContent(event)) return inboundMailFromPayload(event, this.limits);

    const emailId = event.data.email_id;
    const { data: email, error } = await this.resend().emails.receiving.get(emailId);
    if (error) throw apiError(`GET /emails/receiving/${emailId}`, error);
    if (!email) throw new InboundMailFetchError(`Resend GET /emails/receiving/${emailId}: empty response`, true);

    const files = await this.downloadAttachments(emailId, email);
    return normalise(
      {
        emailId,
        messageId: email.message_id ?? event.data.message_id,
        headers: email.headers,
        from: email.from ?? event.data.from,
        to: email.to ?? event.data.to,
        cc: email.cc ?? event.data.cc,
        subject: email.subject ?? event.data.subject,
        text: email.text,
        html: email.html,
        createdAt: [email.created_at, event.data.created_at, event.created_at],
      },
      files,
    );
  }

  private async downloadAttachments(emailId: string, email: GetReceivingEmailResponseSuccess) {
    const { maxAttachments, maxAttachmentBytes } = this.limits;
    const attachments: InboundAttachment[] = [];
    const rejected: RejectedAttachment[] = [];
    let signed: Map<string, AttachmentData> | undefined;

    for (const [index, meta] of (email.attachments ?? []).entries()) {
      const fileName = safeFileName(meta.filename, index);
      // Decided from the metadata first, so an oversized or surplus file is never requested.
      if (meta.size > maxAttachmentBytes) {
        rejected.push({ fileName, reason: "too_large" });
        continue;
      }
      if (attachments.length >= maxAttachments) {
        rejected.push({ fileName, reason: "too_many" });
        continue;
      }
      signed ??= await this.listSigned(emailId);
      const download = signed.get(meta.id) ?? (await this.getSigned(emailId, meta.id));
      const content = await downloadBounded(download.download_url, maxAttachmentBytes);
      if (content === "too_large") rejected.push({ fileName, reason: "too_large" });
      else attachments.push({ fileName, contentType: meta.content_type || download.content_type || null, content });
    }
    return { attachments, rejected };
  }

  private async listSigned(emailId: string): Promise<Map<string, AttachmentData>> {
    const { data, error } = await this.resend().emails.receiving.attachments.list({ emailId });
    if (error) throw apiError(`GET /emails/receiving/${emailId}/attachments`, error);
    return new Map((data?.data ?? []).map((attachment) => [attachment.id, attachment]));
  }

  // The list is paginated; an attachment missing from the first page is asked for by id.
  private async getSigned(emailId: string, id: string): Promise<AttachmentData> {
    const { data, error } = await this.resend().emails.receiving.attachments.get({ emailId, id });
    if (error) throw apiError(`GET /emails/receiving/${emailId}/attachments/${id}`, error);
    if (!data) throw new InboundMailFetchError(`Resend GET /emails/receiving/${emailId}/attachments/${id}: empty response`, true);
    return data;
  }
}

/** Resend when RESEND_API_KEY is set, otherwise payloads must carry the message inline. */
export function inboundMailSourceFor(config: { RESEND_API_KEY?: string; RESEND_BASE_URL?: string }): InboundMailSource {
  if (config.RESEND_API_KEY) return new ResendInboundMailSource({ apiKey: config.RESEND_API_KEY, baseUrl: config.RESEND_BASE_URL });
  return new PayloadInboundMailSource();
}
