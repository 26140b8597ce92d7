import "server-only";
import { randomInt } from "node:crypto";
import { type Actor, type CustomerActor, assertCan, can } from "@/lib/auth/actor-types";
import { decryptSecret, encryptSecret, safeEqual, sha256 } from "@/lib/auth/crypto";
import { PermissionDenied } from "@/lib/auth/errors";
import type { RequestInfo } from "@/lib/auth/login";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";

// The support PIN proves a caller (phone, chat) speaks for the customer: every person of the
// customer sees it in the portal, staff type what the caller says and learn only "matches" or
// "does not match". It is stored encrypted and never shown to staff or written to the audit log.

export const SUPPORT_PIN_LENGTH = 6;
/** Per staff member and customer: at most this many checks in the window, so a PIN cannot be tried out over the phone. */
export const SUPPORT_PIN_CHECK_LIMIT = 10;
export const SUPPORT_PIN_CHECK_WINDOW_MINUTES = 10;

/** A refusal shown above the form; the key is under "staffTickets". */
export class SupportPinError extends Error {
  constructor(readonly key: "errors.tooManyChecks" | "errors.customerNotFound") {
    super(key);
    this.name = "SupportPinError";
  }
}

export type SupportPin = { pin: string; updatedAt: Date };

/** Same digit six times, or a run up or down ("123456", "987654"): the first things a guesser tries. */
function isGuessable(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i] + 10) % 10));
  return steps.size === 1 && (steps.has(0) || steps.has(1) || steps.has(9));
}

function newPin(except?: string): string {
  for (;;) {
    const pin = randomInt(0, 10 ** SUPPORT_PIN_LENGTH).toString().padStart(SUPPORT_PIN_LENGTH, "0");
    if (!isGuessable(pin) && pin !== except) return pin;
  }
}

/**
 * The customer's PIN, created on first use. Takes a bare id: only for callers that already
 * established the actor belongs to this customer (getSupportPin).
 */
export async function ensureSupportPin(customerId: string): Promise<SupportPin> {
  const current = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { supportPinEnc: true, supportPinUpdatedAt: true } });
  const readable = current.supportPinEnc ? readPin(current.supportPinEnc) : null;
  if (readable !== null) return { pin: readable, updatedAt: current.supportPinUpdatedAt ?? new Date(0) };
  // None yet, or one sealed with a key that is gone (ENCRYPTION_KEY / AUTH_SECRET changed): nobody
  // can read or check that one any more, so the customer gets a new PIN instead of a broken page.
  // Conditional on the value read: two first visits at once keep one PIN, not two.
  await db.customer.updateMany({
    where: { id: customerId, supportPinEnc: current.supportPinEnc },
    data: { supportPinEnc: encryptSecret(newPin()), supportPinUpdatedAt: new Date() },
  });
  const stored = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { supportPinEnc: true, supportPinUpdatedAt: true } });
  return { pin: decryptSecret(stored.supportPinEnc!), updatedAt: stored.supportPinUpdatedAt ?? new Date() };
}

/** The stored PIN, or null when it cannot be decrypted with the current key (logged, never thrown at the page). */
function readPin(sealed: string): string | null {
  try {
    return decryptSecret(sealed);
  } catch (error) {
    console.warn(`[support-pin] a stored PIN cannot be decrypted with the current key; issuing a new one (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

function assertCustomerPerson(actor: Actor): asserts actor is CustomerActor {
  // Every person of the customer may see the PIN (it is how they identify themselves); staff never.
  if (actor.kind !== "customer") throw new PermissionDenied("account.manage");
}

/** The PIN of the actor's current customer, for the dashboard and the account page. */
export async function getSupportPin(actor: Actor): Promise<SupportPin> {
  assertCustomerPerson(actor);
  return ensureSupportPin(actor.customerId);
}

/** A new PIN (never the same as the old one); needs account.manage. Audited without the PIN. */
export async function regenerateSupportPin(actor: Actor, request: Partial<RequestInfo> = {}): Promise<SupportPin> {
  assertCustomerPerson(actor);
  assertCan(actor, "account.manage");
  return db.$transaction(async (tx) => {
    const current = await tx.customer.findUniqueOrThrow({ where: { id: actor.customerId }, select: { supportPinEnc: true } });
    const pin = newPin(current.supportPinEnc ? (readPin(current.supportPinEnc) ?? undefined) : undefined);
    const updatedAt = new Date();
    await tx.customer.update({ where: { id: actor.customerId }, data: { supportPinEnc: encryptSecret(pin), supportPinUpdatedAt: updatedAt } });
    await recordAuditEvent(
      { action: "support.pin.regenerated", actorUserId: actor.userId, customerId: actor.customerId, targetType: "customer", targetId: actor.customerId, ip: request.ip, userAgent: request.userAgent },
      tx,
    );
    return { pin, updatedAt };
  });
}

/** Equal-time comparison: both sides hashed to the same length first, so neither length nor prefix leaks. */
function pinsMatch(stored: string, given: string): boolean {
  return safeEqual(sha256(stored), sha256(given));
}

/**
 * Staff check the PIN a caller gives. Answers only whether it matches; every check is audited
 * (`support.pin.checked` with { matches }), and after SUPPORT_PIN_CHECK_LIMIT checks of one
 * customer within the window the staff member is refused ("errors.tooManyChecks", audited too).
 */
export async function checkSupportPin(actor: Actor, input: { customerId: string; pin: string }, request: Partial<RequestInfo> = {}): Promise<{ matches: boolean }> {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.tickets");
  if (!can(actor, "staff.tickets") && !can(actor, "staff.customers")) throw new PermissionDenied("staff.tickets");
  const since = new Date(Date.now() - SUPPORT_PIN_CHECK_WINDOW_MINUTES * 60_000);
  const outcome = await db.$transaction(async (tx) => {
    // One check at a time per staff member and customer, so parallel requests cannot overrun the limit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`support-pin:${actor.userId}:${input.customerId}`}, 0))`;
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true, supportPinEnc: true } });
    if (!customer) return "not_found" as const;
    const recent = await tx.auditEvent.count({ where: { action: "support.pin.checked", actorUserId: actor.userId, customerId: customer.id, createdAt: { gte: since } } });
    if (recent >= SUPPORT_PIN_CHECK_LIMIT) return "throttled" as const;
    // A customer whose PIN was never shown has none yet (or an unreadable one): nothing a caller says can match.
    const stored = customer.supportPinEnc ? readPin(customer.supportPinEnc) : null;
    const matches = stored !== null && pinsMatch(stored, input.pin);
    await recordAuditEvent(
      { action: "support.pin.checked", actorUserId: actor.userId, customerId: customer.id, targetType: "customer", targetId: customer.id, ip: request.ip, userAgent: request.userAgent, data: { matches } },
      tx,
    );
    return { matches };
  });
  if (outcome === "not_found") throw new SupportPinError("errors.customerNotFound");
  if (outcome === "throttled") {
    await recordAuditEvent({ action: "support.pin.throttled", actorUserId: actor.userId, customerId: input.customerId, targetType: "customer", targetId: input.customerId, ip: request.ip, userAgent: request.userAgent });
    throw new SupportPinError("errors.tooManyChecks");
  }
  return outcome;
}
