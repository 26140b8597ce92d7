import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { customerScope } from "@/lib/auth/actor-types";
import { CUSTOMER_PERMISSIONS, type CustomerPermission, parseCustomerPermissions } from "@/lib/auth/permissions";
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { isThrottled, recordAttempt } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { queueEmail } from "@/lib/notifications";
import { emailTranslator } from "@/lib/notifications/email-translator";
import { renderEmailHtml } from "@/lib/notifications/render-email-html";
import { ContactError, assertNotImpersonating, type RequestMeta } from "./contact-errors";

// Invitations to a customer account (issue 7). The link carries a random token; only its SHA-256
// is stored, so the table (or a backup) cannot be used to accept an invitation. A link works once,
// for 7 days; resending makes a new token (the old link stops working), revoking ends it.
//
// The invitation email is written to the outbox without the customer's id: the customer's email
// log (/account/emails) shows bodies to other contacts, and a link there would let them accept in
// the invitee's place.

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const hashInvitationToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

type Tx = Prisma.TransactionClient;

function renderInvitationEmail(input: { locale: string; name: string; customerName: string; inviterName: string | null; url: string; expiresAt: Date }) {
  const { locale, t } = emailTranslator(input.locale);
  const values = { customer: input.customerName, inviter: input.inviterName ?? "", url: input.url, date: formatDateTime(input.expiresAt, locale, "UTC", "long") };
  const blocks = [
    input.name ? t("layout.greeting", { name: input.name }) : t("invitation.greetingNoName"),
    input.inviterName ? t("invitation.invitedBy", values) : t("invitation.invited", values),
    t("invitation.link", values),
    t("invitation.expires", values),
    t("invitation.ignore"),
    t("layout.signature"),
  ];
  return { subject: t("invitation.subject", values), text: blocks.join("\n\n"), html: renderEmailHtml({ locale, blocks, links: [input.url] }) };
}

async function queueInvitationEmail(tx: Tx, invitation: { id: string; customerId: string; email: string; name: string; expiresAt: Date; invitedByUserId: string | null }, token: string, locale?: string) {
  const [customer, inviter, existing] = await Promise.all([
    tx.customer.findUniqueOrThrow({ where: { id: invitation.customerId }, select: { name: true } }),
    invitation.invitedByUserId ? tx.user.findUnique({ where: { id: invitation.invitedByUserId }, select: { name: true, locale: true, staffRoleId: true } }) : null,
    tx.user.findUnique({ where: { email: invitation.email }, select: { id: true, name: true, locale: true } }),
  ]);
  const url = `${getEnv().APP_URL.replace(/\/+$/, "")}/invite/${token}`;
  const email = renderInvitationEmail({
    locale: existing?.locale ?? locale ?? inviter?.locale ?? "en",
    name: existing?.name ?? invitation.name,
    customerName: customer.name,
    // Staff who approve an access request act for the provider, not as a colleague of the invitee.
    inviterName: inviter && !inviter.staffRoleId ? inviter.name : null,
    url,
    expiresAt: invitation.expiresAt,
  });
  await queueEmail(tx, { to: invitation.email, ...email, category: "account", customerId: null, userId: existing?.id ?? null, dedupeKey: `invitation:${invitation.id}:${hashInvitationToken(token).slice(0, 16)}` });
}

export type IssueInvitationInput = {
  customerId: string;
  email: string;
  name: string;
  permissions: readonly CustomerPermission[];
  invitedByUserId: string | null;
  now?: Date;
  /** The email's language when the address has no login yet (default: the inviter's, then English). */
  locale?: string;
};

/**
 * Creates an invitation (hashed random token, 7 days) and queues its email in `tx`. An open
 * invitation of the same address to the same customer is revoked, so one link is live at a time.
 * No authorisation here: callers check (contacts.manage, staff.customers, or a request-access match).
 */
export async function issueInvitation(tx: Tx, input: IssueInvitationInput): Promise<{ invitationId: string; token: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const token = newToken();
  await tx.invitation.updateMany({ where: { customerId: input.customerId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
  const invitation = await tx.invitation.create({
    data: {
      customerId: input.customerId,
      email,
      name: input.name.trim(),
      permissions: CUSTOMER_PERMISSIONS.filter((p) => input.permissions.includes(p)),
      tokenHash: hashInvitationToken(token),
      invitedByUserId: input.invitedByUserId,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      createdAt: now,
    },
  });
  await queueInvitationEmail(tx, invitation, token, input.locale);
  return { invitationId: invitation.id, token, expiresAt: invitation.expiresAt };
}

// ───────────── The contacts page: pending invitations ─────────────

export type PendingInvitation = { id: string; email: string; name: string; permissions: CustomerPermission[]; createdAt: Date; expiresAt: Date; expired: boolean; invitedBy: string | null };

/** Invitations not yet accepted or revoked (expired ones too, so they can be resent). */
export async function listPendingInvitations(actor: CustomerActor, now = new Date()): Promise<PendingInvitation[]> {
  const customerId = customerScope(actor, "contacts.manage");
  const rows = await db.invitation.findMany({
    where: { customerId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, email: true, name: true, permissions: true, createdAt: true, expiresAt: true, invitedByUserId: true },
  });
  const inviters = new Map(
    (await db.user.findMany({ where: { id: { in: rows.map((r) => r.invitedByUserId).filter((x): x is string => Boolean(x)) } }, select: { id: true, name: true, staffRoleId: true } })).map((u) => [u.id, u.staffRoleId ? null : u.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    permissions: parseCustomerPermissions(r.permissions),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    expired: r.expiresAt <= now,
    invitedBy: r.invitedByUserId ? (inviters.get(r.invitedByUserId) ?? null) : null,
  }));
}

/** A contact inviting someone from /account/contacts (contacts.manage). */
export async function inviteContact(
  actor: CustomerActor,
  input: { email: string; name: string; permissions: CustomerPermission[] },
  meta: RequestMeta = {},
  now = new Date(),
): Promise<{ invitationId: string }> {
  const customerId = customerScope(actor, "contacts.manage");
  assertNotImpersonating(actor);
  return db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { customerId, user: { email: input.email } }, select: { id: true } });
    if (member) throw new ContactError("errors.alreadyMember", "email");
    const issued = await issueInvitation(tx, { customerId, email: input.email, name: input.name, permissions: input.permissions, invitedByUserId: actor.userId, now, locale: actor.locale });
    await recordAuditEvent(
      { action: "account.invitation.sent", actorUserId: actor.userId, customerId, targetType: "invitation", targetId: issued.invitationId, ip: meta.ip, userAgent: meta.userAgent, data: { email: input.email, permissions: input.permissions } },
      tx,
    );
    return { invitationId: issued.invitationId };
  });
}

async function openInvitation(tx: Tx, customerId: string, invitationId: string) {
  const row = await tx.invitation.findFirst({ where: { id: invitationId, customerId, acceptedAt: null, revokedAt: null } });
  if (!row) throw new ContactError("errors.notFound");
  return row;
}

/** A new link (and 7 more days) for a pending invitation; the old link stops working. */
export async function resendInvitation(actor: CustomerActor, invitationId: string, meta: RequestMeta = {}, now = new Date()): Promise<void> {
  const customerId = customerScope(actor, "contacts.manage");
  assertNotImpersonating(actor);
  await db.$transaction(async (tx) => {
    const row = await openInvitation(tx, customerId, invitationId);
    const token = newToken();
    const updated = await tx.invitation.update({ where: { id: row.id }, data: { tokenHash: hashInvitationToken(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) } });
    await queueInvitationEmail(tx, updated, token, actor.locale);
    await recordAuditEvent({ action: "account.invitation.resent", actorUserId: actor.userId, customerId, targetType: "invitation", targetId: row.id, ip: meta.ip, userAgent: meta.userAgent, data: { email: row.email } }, tx);
  });
}

export async function revokeInvitation(actor: CustomerActor, invitationId: string, meta: RequestMeta = {}, now = new Date()): Promise<void> {
  const customerId = customerScope(actor, "contacts.manage");
  assertNotImpersonating(actor);
  await db.$transaction(async (tx) => {
    const row = await openInvitation(tx, customerId, invitationId);
    await tx.invitation.update({ where: { id: row.id }, data: { revokedAt: now } });
    await recordAuditEvent({ action: "account.invitation.revoked", actorUserId: actor.userId, customerId, targetType: "invitation", targetId: row.id, ip: meta.ip, userAgent: meta.userAgent, data: { email: row.email } }, tx);
  });
}

// ───────────── /invite/[token] ─────────────

export type InvitationView =
  | { status: "invalid" | "used" | "revoked" | "expired" }
  | { status: "open"; customerName: string; email: string; name: string; hasLogin: boolean };

/** What the invitation page shows for a token (no session needed: the token is the key). */
export async function inspectInvitation(token: string, now = new Date()): Promise<InvitationView> {
  if (!token || token.length > 200) return { status: "invalid" };
  const row = await db.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, select: { email: true, name: true, acceptedAt: true, revokedAt: true, expiresAt: true, customer: { select: { name: true } } } });
  if (!row) return { status: "invalid" };
  if (row.acceptedAt) return { status: "used" };
  if (row.revokedAt) return { status: "revoked" };
  if (row.expiresAt <= now) return { status: "expired" };
  const user = await db.user.findUnique({ where: { email: row.email }, select: { id: true } });
  return { status: "open", customerName: row.customer.name, email: row.email, name: row.name, hasLogin: Boolean(user) };
}

export type AcceptResult =
  | { ok: true; userId: string; email: string; customerId: string }
  | { ok: false; reason: "invalid" | "used" | "revoked" | "expired" | "has_login" | "no_login" | "wrong_password" | "throttled" | "staff_account" }
  | { ok: false; reason: "weak_password"; problem: "too_short" | "too_long" | "too_common" };

/**
 * Marks the invitation used (the conditional update is what makes a token single-use even when two
 * requests race) and gives `userId` the membership. A customer without an owner gets this person as
 * its owner with every permission: there is always one owner.
 */
async function consume(tx: Tx, token: string, now: Date, userId: string, meta: RequestMeta, joinedAs: "new_user" | "existing_user") {
  const row = await tx.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) } });
  if (!row) return { ok: false as const, reason: "invalid" as const };
  const taken = await tx.invitation.updateMany({ where: { id: row.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now, acceptedUserId: userId } });
  if (taken.count !== 1) return { ok: false as const, reason: row.acceptedAt ? ("used" as const) : row.revokedAt ? ("revoked" as const) : ("expired" as const) };
  const hasOwner = (await tx.membership.count({ where: { customerId: row.customerId, isOwner: true } })) > 0;
  const permissions = hasOwner ? parseCustomerPermissions(row.permissions) : [...CUSTOMER_PERMISSIONS];
  const existing = await tx.membership.findUnique({ where: { userId_customerId: { userId, customerId: row.customerId } }, select: { id: true } });
  // Already a member (a re-invite through /request-access): the permissions they have stay as they are.
  if (!existing) await tx.membership.create({ data: { userId, customerId: row.customerId, isOwner: !hasOwner, permissions } });
  await recordAuditEvent(
    { action: "account.invitation.accepted", actorUserId: userId, customerId: row.customerId, targetType: "invitation", targetId: row.id, ip: meta.ip, userAgent: meta.userAgent, data: { email: row.email, joinedAs, permissions: existing ? "unchanged" : permissions, owner: !existing && !hasOwner } },
    tx,
  );
  return { ok: true as const, customerId: row.customerId, email: row.email };
}

/** Someone without a login: creates their user (name, password) and membership in one transaction. */
export async function acceptInvitationAsNewUser(input: { token: string; name: string; password: string; locale?: string }, meta: RequestMeta = {}, now = new Date()): Promise<AcceptResult> {
  const view = await inspectInvitation(input.token, now);
  if (view.status !== "open") return { ok: false, reason: view.status };
  if (view.hasLogin) return { ok: false, reason: "has_login" };
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, reason: "weak_password", problem };
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // The address may have got a login since the page was opened; a unique email stops a second one.
    const created = await tx.user.createManyAndReturn({ data: [{ email: view.email, name: input.name.trim(), passwordHash, locale: input.locale ?? "en" }], skipDuplicates: true, select: { id: true } });
    if (created.length !== 1) return { ok: false as const, reason: "has_login" as const };
    const userId = created[0]!.id;
    await recordAuditEvent({ action: "auth.user.created", actorUserId: userId, ip: meta.ip, userAgent: meta.userAgent, data: { via: "invitation" } }, tx);
    const result = await consume(tx, input.token, now, userId, meta, "new_user");
    // Rolls the new user back with the refused invitation.
    if (!result.ok) throw new InvitationRace(result.reason);
    return { ok: true as const, userId, email: result.email, customerId: result.customerId };
  }).catch((error: unknown) => {
    if (error instanceof InvitationRace) return { ok: false as const, reason: error.reason };
    throw error;
  });
}

class InvitationRace extends Error {
  constructor(readonly reason: "invalid" | "used" | "revoked" | "expired") {
    super(reason);
  }
}

/**
 * Someone who already has a login with the invited address confirms with their password and gets a
 * membership of this customer too (one user, several customers). Failed passwords count towards
 * the same throttle as the sign-in form.
 */
export async function acceptInvitationAsExistingUser(input: { token: string; password: string }, meta: RequestMeta & { ip: string }, now = new Date()): Promise<AcceptResult> {
  const view = await inspectInvitation(input.token, now);
  if (view.status !== "open") return { ok: false, reason: view.status };
  if (await isThrottled(view.email, meta.ip, now)) return { ok: false, reason: "throttled" };
  const user = await db.user.findUnique({ where: { email: view.email }, select: { id: true, passwordHash: true, disabledAt: true, staffRoleId: true } });
  if (!user) {
    await verifyAgainstDummy(input.password);
    return { ok: false, reason: "no_login" };
  }
  if (user.disabledAt || !(await verifyPassword(user.passwordHash, input.password))) {
    await recordAttempt(view.email, meta.ip, false);
    await recordAuditEvent({ action: "auth.login.failed", actorUserId: user.id, ip: meta.ip, userAgent: meta.userAgent, data: { email: view.email, via: "invitation" } });
    return { ok: false, reason: "wrong_password" };
  }
  // A staff login is the provider's, never a customer's contact.
  if (user.staffRoleId) return { ok: false, reason: "staff_account" };
  const result = await db.$transaction((tx) => consume(tx, input.token, now, user.id, meta, "existing_user"));
  return result.ok ? { ok: true, userId: user.id, email: result.email, customerId: result.customerId } : result;
}
