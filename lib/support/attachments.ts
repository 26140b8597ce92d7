import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type BlobStorage, defaultStorage } from "@/lib/integrations/storage";
import { ticketScope } from "./access";
import { ATTACHMENT_LIMITS, type AttachmentError, type AttachmentErrorCode } from "./attachment-limits";
import { ticketNumberSchema } from "./schemas";

export { ATTACHMENT_LIMITS, ATTACHMENT_MAX_MB, ATTACHMENT_ERROR_CODES, type AttachmentError, type AttachmentErrorCode } from "./attachment-limits";

// ---------------------------------------------------------------------------------------------
// Content type: from the bytes, never from the name.
// ---------------------------------------------------------------------------------------------

const startsWith = (bytes: Buffer, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly { type: string; matches: (bytes: Buffer) => boolean }[] = [
  { type: "image/png", matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: "image/jpeg", matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: "image/gif", matches: (b) => startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a")) },
  { type: "image/webp", matches: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8) },
  { type: "application/pdf", matches: (b) => startsWith(b, ascii("%PDF-")) },
  // A local file header, or the end record alone (an empty archive). Office files are zips too.
  { type: "application/zip", matches: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]) },
];

// Control characters other than tab, line feed, form feed, carriage return and ESC (colour codes
// in logs). Binary files that happen to be valid UTF-8 almost always contain one of these.
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000B\u000E-\u001A\u001C-\u001F\u007F-\u009F]/;

function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    return !FORBIDDEN_IN_TEXT.test(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return false; // not UTF-8 (UTF-16 files land here too, by their NUL bytes)
  }
}

/**
 * The type of an upload from its first bytes: PNG, JPEG, GIF, WebP, PDF, zip, or UTF-8 text;
 * null for anything else (executables, ELF, other binaries, empty files), which is refused.
 *
 * HTML and SVG are text, so they are accepted as text/plain: they are only ever served as
 * `text/plain` with `Content-Disposition: attachment`, `nosniff` and a sandbox CSP, so a browser
 * never renders them as a page of ours.
 */
export function detectContentType(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  const signature = SIGNATURES.find((s) => s.matches(bytes));
  if (signature) return signature.type;
  return isPlainText(bytes) ? "text/plain" : null;
}

// ---------------------------------------------------------------------------------------------
// File names: shown and offered on download only, never used as a path.
// ---------------------------------------------------------------------------------------------

const MAX_FILE_NAME_LENGTH = 120;
const FALLBACK_FILE_NAME = "attachment";
// Unpaired UTF-16 halves (they break encodeURIComponent and Postgres' UTF-8).
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;
// Control characters, and invisible ones that can disguise a name: bidi overrides and isolates
// ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"), zero-width characters, soft hyphen, BOM.
const INVISIBLE = /[\p{Cc}\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;

function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name); // code points, so a character is never cut in half
  if (chars.length <= max) return name;
  const extension = /\.[^.\s]{1,16}$/u.exec(name)?.[0] ?? "";
  const stem = chars.slice(0, max - Array.from(extension).length).join("").replace(/[.\s]+$/u, "");
  return stem + extension;
}

/**
 * The uploader's file name made safe to show: no directories (`/` or `\`), control or bidi
 * characters, leading dots (no hidden files) or trailing dots and spaces; at most 120 characters
 * with the extension kept; Unicode letters kept ("Hóa đơn tháng 5.pdf"). Empty → "attachment".
 */
export function cleanFileName(name: string): string {
  const base = name.replace(LONE_SURROGATE, "\uFFFD").normalize("NFC").split(/[/\\]/).pop() ?? "";
  const visible = base
    .replace(/\s+/gu, " ") // tabs and line breaks become spaces before other controls go
    .replace(INVISIBLE, "")
    .replace(/^[.\s]+/u, "")
    .replace(/[.\s]+$/u, "");
  return truncateKeepingExtension(visible, MAX_FILE_NAME_LENGTH) || FALLBACK_FILE_NAME;
}

/** Plain printable ASCII for old clients: accents dropped ("Hóa đơn" → "Hoa don"), the rest "_". */
function asciiFileName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7E]/g, "_")
    // Quotes and backslashes would end or escape the quoted string; some clients decode %XX.
    .replace(/["\\%]/g, "_");
}

/** RFC 5987 ext-value: percent-encoded UTF-8, also for the characters encodeURIComponent leaves. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition` for a download: always `attachment` (never rendered inline), with an ASCII
 * `filename` for old clients and the exact name in `filename*` (RFC 6266). The name is cleaned
 * again here, so CR/LF, quotes or odd Unicode cannot break or split the header.
 */
export function contentDisposition(fileName: string): string {
  const name = cleanFileName(fileName);
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}

// ---------------------------------------------------------------------------------------------
// Uploads: read from the form, validate, store.
// ---------------------------------------------------------------------------------------------

/**
 * A file as sent. `bytes` is null when readUploads did not read it because it is refused anyway
 * (past the number of files, or larger than the limit by its declared size).
 */
export type UploadInput = { name: string; bytes: Buffer } | { name: string; size: number; bytes: null };

declare const validated: unique symbol;
/** A file that passed validateUploads; only validateUploads makes these. */
export type ValidUpload = {
  fileName: string;
  contentType: string;
  size: number;
  bytes: Buffer;
  readonly [validated]: true;
};

export type UploadValidation = { ok: true; files: ValidUpload[] } | { ok: false; errors: AttachmentError[] };

const sizeOf = (file: UploadInput) => (file.bytes ? file.bytes.length : file.size);

/** The file's detected type, or why it is refused. */
function check(file: UploadInput, index: number): { contentType: string; bytes: Buffer } | { code: AttachmentErrorCode } {
  if (index >= ATTACHMENT_LIMITS.maxFiles) return { code: "too_many" };
  if (sizeOf(file) === 0) return { code: "empty" };
  if (file.bytes === null || sizeOf(file) > ATTACHMENT_LIMITS.maxBytes) return { code: "too_large" };
  const contentType = detectContentType(file.bytes);
  return contentType ? { contentType, bytes: file.bytes } : { code: "type_not_allowed" };
}

/**
 * Checks every file against the limits and the allowed types, and reports every problem at once
 * (one per file) so the user can fix them in one go. No files is valid (an empty list).
 */
export function validateUploads(files: readonly UploadInput[]): UploadValidation {
  const errors: AttachmentError[] = [];
  const valid: ValidUpload[] = [];
  files.forEach((file, index) => {
    const result = check(file, index);
    const fileName = cleanFileName(file.name);
    if ("code" in result) errors.push({ index, fileName, code: result.code });
    else valid.push({ fileName, contentType: result.contentType, size: result.bytes.length, bytes: result.bytes } as ValidUpload);
  });
  return errors.length ? { ok: false, errors } : { ok: true, files: valid };
}

// More files than this are not even listed: they would all be "too_many".
const MAX_FILES_REPORTED = ATTACHMENT_LIMITS.maxFiles * 2;

/**
 * The files of a form field, for validateUploads. Skips the empty entry a browser sends for a file
 * input with nothing picked. Files past the limit on count, or too large by their declared size,
 * are not read into memory (their bytes are null): they are refused without looking inside.
 */
/**
 * A file input with nothing picked still posts an empty part; depending on the browser and on how
 * React serialises the action's FormData its name arrives as "", "undefined" or "blob".
 */
function isUnpickedFileInput(file: File): boolean {
  return file.size === 0 && (file.name === "" || file.name === "undefined" || file.name === "blob");
}

export async function readUploads(formData: FormData, field = "attachments"): Promise<UploadInput[]> {
  const files = formData
    .getAll(field)
    .filter((entry): entry is File => typeof entry !== "string" && !isUnpickedFileInput(entry))
    .slice(0, MAX_FILES_REPORTED);
  return Promise.all(
    files.map(async (file, index): Promise<UploadInput> => {
      if (index >= ATTACHMENT_LIMITS.maxFiles || file.size > ATTACHMENT_LIMITS.maxBytes) return { name: file.name, size: file.size, bytes: null };
      return { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) };
    }),
  );
}

const storedSelect = { id: true, fileName: true, contentType: true, size: true, sha256: true, createdAt: true } satisfies Prisma.AttachmentSelect;
export type StoredAttachment = Prisma.AttachmentGetPayload<{ select: typeof storedSelect }>;

/** 32 hex characters from a CSPRNG: the bytes' key, never derived from anything the user sent. */
const newStorageKey = () => randomBytes(16).toString("hex");

/** What files belong to: a ticket message, or a held inbound email (moved to a ticket on accept). */
export type AttachmentOwner = { ticketId: string; messageId: string } | { inboundEmailId: string };

const ownerColumns = (owner: AttachmentOwner) =>
  "inboundEmailId" in owner ? { inboundEmailId: owner.inboundEmailId } : { ticketId: owner.ticketId, messageId: owner.messageId };

/**
 * Saves validated files of one message: metadata rows and bytes, inside the caller's transaction
 * (with the Postgres storage both commit or roll back together). Give the transaction a timeout
 * that fits 5 × 10 MB (e.g. `{ timeout: 30_000 }`); Prisma's default is 5 s.
 */
export async function storeAttachments(
  tx: Prisma.TransactionClient,
  target: AttachmentOwner & { files: readonly ValidUpload[] },
  storage: BlobStorage = defaultStorage(),
): Promise<StoredAttachment[]> {
  if (target.files.length > ATTACHMENT_LIMITS.maxFiles) throw new Error(`at most ${ATTACHMENT_LIMITS.maxFiles} attachments per message`);
  const stored: StoredAttachment[] = [];
  // One after another: a transaction runs on one connection anyway.
  for (const file of target.files) {
    const storageKey = newStorageKey();
    await storage.put(storageKey, file.bytes, tx);
    const row = await tx.attachment.create({
      data: {
        ...ownerColumns(target),
        fileName: file.fileName,
        storageKey,
        contentType: file.contentType,
        size: file.size,
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
      },
      select: storedSelect,
    });
    stored.push(row);
  }
  return stored;
}

// ---------------------------------------------------------------------------------------------
// Downloads
// ---------------------------------------------------------------------------------------------

export type AttachmentDownload = { fileName: string; contentType: string; size: number; data: Buffer };

const downloadParamsSchema = z.object({ ticketNumber: ticketNumberSchema, attachmentId: z.uuid() });

/** The actor's ticket scope, or null when they may not see tickets at all (answered as 404). */
function ticketScopeOrNull(actor: Actor): Prisma.TicketWhereInput | null {
  try {
    return ticketScope(actor);
  } catch (error) {
    if (error instanceof PermissionDenied) return null;
    throw error;
  }
}

/**
 * Customers see attachments of messages that are not internal notes; staff see every attachment
 * of a ticket they handle.
 */
function visibleTo(actor: Actor, ticketNumber: string): Prisma.AttachmentWhereInput {
  if (actor.kind === "staff") return {};
  return { message: { is: { internal: false, ticket: { is: { number: ticketNumber } } } } };
}

/**
 * An attachment with its bytes, or null (→ 404) when the ids are malformed, the ticket is not one
 * the actor may see, the attachment is not on that ticket, or (for customers) it belongs to an
 * internal note.
 */
export async function getAttachmentForDownload(
  actor: Actor,
  params: { ticketNumber: string; attachmentId: string },
  storage: BlobStorage = defaultStorage(),
): Promise<AttachmentDownload | null> {
  const parsed = downloadParamsSchema.safeParse(params);
  const scope = ticketScopeOrNull(actor);
  if (!parsed.success || !scope) return null;
  const { ticketNumber, attachmentId } = parsed.data;
  const row = await db.attachment.findFirst({
    where: { id: attachmentId, ticket: { is: { ...scope, number: ticketNumber } }, ...visibleTo(actor, ticketNumber) },
    select: { fileName: true, contentType: true, size: true, storageKey: true },
  });
  if (!row) return null;
  const data = await storage.get(row.storageKey);
  if (!data) return null;
  return { fileName: row.fileName, contentType: row.contentType, size: data.length, data };
}

const PRIVATE_NO_STORE = "private, no-store";

/**
 * The HTTP answer of a download route: the bytes as an attachment, with headers that keep a
 * browser from sniffing or rendering them; 404 for null (not found and not allowed look alike).
 */
export function downloadResponse(file: AttachmentDownload | null): Response {
  if (!file) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": PRIVATE_NO_STORE, "X-Content-Type-Options": "nosniff" },
    });
  }
  // Our storage hands out Buffers over plain ArrayBuffers, never shared memory.
  const body = new Uint8Array(file.data.buffer as ArrayBuffer, file.data.byteOffset, file.data.byteLength);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType,
      "Content-Length": String(file.data.byteLength),
      "Content-Disposition": contentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": PRIVATE_NO_STORE,
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
