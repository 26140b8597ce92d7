// Contacts, invitations and access requests (issue 7) against a real database: the invitation flow
// for a new and an existing user, unusable tokens, a permission change seen on the next request,
// the one-owner rules, ownership transfer, /request-access answering alike for known and unknown
// input, and staff approving a request into an invitation.
import { randomUUID } from "node:crypto";
import { ACCESS_REQUEST_LIMIT, AccessRequestError, decideAccessRequest, requestAccess } from "@/lib/accounts/access-requests";
import { ContactError } from "@/lib/accounts/contact-errors";
import { listContacts, removeContact, transferOwnership, updateContactPermissions } from "@/lib/accounts/contacts";
import {
  acceptInvitationAsExistingUser,
  acceptInvitationAsNewUser,
  hashInvitationToken,
  inspectInvitation,
  inviteContact,
  issueInvitation,
  listPendingInvitations,
  resendInvitation,
  revokeInvitation,
} from "@/lib/accounts/invitations";
import { can } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { loginWithPassword } from "@/lib/auth/login";
import { CUSTOMER_PERMISSIONS, PRESETS } from "@/lib/auth/permissions";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { db } from "@/lib/db";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomer, createCustomerWithOwner, createUser, unique } from "@/tests/helpers/factories";

const NEW_PASSWORD = "violet-harbour-lantern-42";
const ip = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const meta = () => ({ ip: ip(), userAgent: "jest" });

/** The token in the newest invitation email to `email` (the link is the only place it exists in clear). */
async function tokenFromEmail(email: string): Promise<string> {
  const message = await db.emailMessage.findFirstOrThrow({ where: { toAddress: email }, orderBy: { createdAt: "desc" } });
  const match = /\/invite\/([A-Za-z0-9_-]+)/.exec(message.textBody);
  if (!match) throw new Error("no invitation link in the email");
  return match[1]!;
}

async function ownerWorld() {
  const { customer, owner } = await createCustomerWithOwner(db);
  return { customer, owner, actor: await customerActorFor(owner.id, customer.id) };
}

async function liveActor(email: string) {
  const login = await loginWithPassword(email, DEFAULT_TEST_PASSWORD, meta());
  if (!login.ok) throw new Error("login failed");
  return login.sessionId;
}

describe("invitation for someone without a login", () => {
  it("emails a single-use link, stores only its hash, and creates the user and a Billing membership", async () => {
    const { customer, actor } = await ownerWorld();
    const email = `${unique("accountant")}@example.test`;
    await inviteContact(actor, { email: email.toUpperCase(), name: "Ann Accountant", permissions: [...PRESETS.billing] }, meta());

    const token = await tokenFromEmail(email);
    const row = await db.invitation.findFirstOrThrow({ where: { customerId: customer.id, email } });
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { toAddress: email } });
    expect(mail.customerId).toBeNull();
    expect(mail.subject).toContain(customer.name);
    expect(await listPendingInvitations(actor)).toEqual([expect.objectContaining({ email, permissions: [...PRESETS.billing].sort((a, b) => CUSTOMER_PERMISSIONS.indexOf(a) - CUSTOMER_PERMISSIONS.indexOf(b)) })]);

    expect(await inspectInvitation(token)).toEqual({ status: "open", customerName: customer.name, email, name: "Ann Accountant", hasLogin: false });
    expect(await acceptInvitationAsNewUser({ token, name: "Ann", password: "1qaz2wsx3edc" }, meta())).toEqual({ ok: false, reason: "weak_password", problem: "too_common" });
    expect(await db.user.count({ where: { email } })).toBe(0);

    const accepted = await acceptInvitationAsNewUser({ token, name: "Ann Accountant", password: NEW_PASSWORD, locale: "hu" }, meta());
    expect(accepted).toMatchObject({ ok: true, email, customerId: customer.id });
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(user.locale).toBe("hu");
    expect(user.memberships).toEqual([expect.objectContaining({ customerId: customer.id, isOwner: false, permissions: expect.arrayContaining([...PRESETS.billing]) })]);
    expect(user.memberships[0]!.permissions).toHaveLength(PRESETS.billing.length);
    expect(await db.auditEvent.count({ where: { customerId: customer.id, action: "account.invitation.accepted" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { customerId: customer.id, action: "account.invitation.sent" } })).toBe(1);

    // Single use: the same link again, as a new or an existing user, is refused.
    expect(await inspectInvitation(token)).toEqual({ status: "used" });
    expect(await acceptInvitationAsNewUser({ token, name: "Mallory", password: NEW_PASSWORD }, meta())).toEqual({ ok: false, reason: "used" });
    expect(await acceptInvitationAsExistingUser({ token, password: NEW_PASSWORD }, meta())).toEqual({ ok: false, reason: "used" });
    expect(await listPendingInvitations(actor)).toEqual([]);

    const login = await loginWithPassword(email, NEW_PASSWORD, meta());
    expect(login.ok).toBe(true);
  });

  it("makes the accepter owner of a customer that has none", async () => {
    const customer = await createCustomer(db);
    const email = `${unique("first")}@example.test`;
    const { token } = await db.$transaction((tx) => issueInvitation(tx, { customerId: customer.id, email, name: "First", permissions: [...PRESETS.billing], invitedByUserId: null }));
    expect(await acceptInvitationAsNewUser({ token, name: "First Person", password: NEW_PASSWORD }, meta())).toMatchObject({ ok: true });
    const membership = await db.membership.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(membership.isOwner).toBe(true);
    expect(membership.permissions).toHaveLength(CUSTOMER_PERMISSIONS.length);
  });
});

describe("invitation for someone who already has a login", () => {
  it("asks for their password and adds a membership: one user, several customers", async () => {
    const { customer, actor } = await ownerWorld();
    const other = await createCustomerWithOwner(db);
    const email = other.owner.email;
    await inviteContact(actor, { email, name: "", permissions: [...PRESETS.technical] }, meta());
    const token = await tokenFromEmail(email);
    expect(await inspectInvitation(token)).toMatchObject({ status: "open", hasLogin: true });

    expect(await acceptInvitationAsNewUser({ token, name: "Someone", password: NEW_PASSWORD }, meta())).toEqual({ ok: false, reason: "has_login" });
    expect(await acceptInvitationAsExistingUser({ token, password: "not-my-password-at-all" }, meta())).toEqual({ ok: false, reason: "wrong_password" });
    expect(await db.membership.count({ where: { userId: other.owner.id } })).toBe(1);

    expect(await acceptInvitationAsExistingUser({ token, password: DEFAULT_TEST_PASSWORD }, meta())).toMatchObject({ ok: true, userId: other.owner.id, customerId: customer.id });
    const memberships = await db.membership.findMany({ where: { userId: other.owner.id }, orderBy: { createdAt: "asc" } });
    expect(memberships.map((m) => [m.customerId, m.isOwner])).toEqual([
      [other.customer.id, true],
      [customer.id, false],
    ]);
    expect(await acceptInvitationAsExistingUser({ token, password: DEFAULT_TEST_PASSWORD }, meta())).toEqual({ ok: false, reason: "used" });
  });

  it("refuses to invite someone who is already a contact", async () => {
    const { customer, actor } = await ownerWorld();
    const contact = await createUser(db);
    await addMember(db, contact.id, customer.id, { preset: "billing" });
    await expect(inviteContact(actor, { email: contact.email, name: "", permissions: [...PRESETS.billing] })).rejects.toMatchObject({ key: "errors.alreadyMember", field: "email" });
  });
});

describe("unusable invitation links", () => {
  it("expired, revoked, resent (old link dead) and unknown tokens are refused with their reason", async () => {
    const { customer, actor } = await ownerWorld();
    const email = `${unique("late")}@example.test`;
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    const expired = await db.$transaction((tx) => issueInvitation(tx, { customerId: customer.id, email, name: "", permissions: ["tickets.view"], invitedByUserId: actor.userId, now: eightDaysAgo }));
    expect(await inspectInvitation(expired.token)).toEqual({ status: "expired" });
    expect(await acceptInvitationAsNewUser({ token: expired.token, name: "Late", password: NEW_PASSWORD }, meta())).toEqual({ ok: false, reason: "expired" });
    expect(await db.user.count({ where: { email } })).toBe(0);

    // Resending makes a new link and 7 more days; the old link no longer opens anything.
    await resendInvitation(actor, expired.invitationId, meta());
    const fresh = await tokenFromEmail(email);
    expect(fresh).not.toBe(expired.token);
    expect(await inspectInvitation(expired.token)).toEqual({ status: "invalid" });
    expect(await inspectInvitation(fresh)).toMatchObject({ status: "open" });

    await revokeInvitation(actor, expired.invitationId, meta());
    expect(await inspectInvitation(fresh)).toEqual({ status: "revoked" });
    expect(await acceptInvitationAsNewUser({ token: fresh, name: "Late", password: NEW_PASSWORD }, meta())).toEqual({ ok: false, reason: "revoked" });
    await expect(revokeInvitation(actor, expired.invitationId)).rejects.toMatchObject({ key: "errors.notFound" });

    expect(await inspectInvitation("not-a-token")).toEqual({ status: "invalid" });
    expect(await acceptInvitationAsExistingUser({ token: "not-a-token", password: "x" }, meta())).toEqual({ ok: false, reason: "invalid" });
  });

  it("another customer's invitation cannot be resent or revoked", async () => {
    const a = await ownerWorld();
    const b = await ownerWorld();
    const { invitationId } = await inviteContact(a.actor, { email: `${unique("x")}@example.test`, name: "", permissions: ["tickets.view"] });
    await expect(resendInvitation(b.actor, invitationId)).rejects.toMatchObject({ key: "errors.notFound" });
    await expect(revokeInvitation(b.actor, invitationId)).rejects.toMatchObject({ key: "errors.notFound" });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).revokedAt).toBeNull();
  });
});

describe("editing and removing contacts", () => {
  it("a permission change takes effect on the contact's very next request, audited old → new", async () => {
    const { customer, actor } = await ownerWorld();
    const contact = await createUser(db);
    const membership = await addMember(db, contact.id, customer.id, { preset: "billing" });
    const sessionId = await liveActor(contact.email);

    const before = await resolveSessionState(sessionId);
    if (before.status !== "active") throw new Error("not active");
    expect(can(before.actor, "billing.view")).toBe(true);
    expect(can(before.actor, "services.view")).toBe(false);

    await updateContactPermissions(actor, { membershipId: membership.id, permissions: [...PRESETS.technical] }, meta());
    const after = await resolveSessionState(sessionId);
    if (after.status !== "active") throw new Error("not active");
    expect(can(after.actor, "billing.view")).toBe(false);
    expect(can(after.actor, "services.view")).toBe(true);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { customerId: customer.id, action: "account.permissions.changed" } });
    expect(audit.data).toMatchObject({ contact: contact.email, oldPreset: "billing", newPreset: "technical", old: expect.arrayContaining(["billing.view"]), new: expect.arrayContaining(["services.view"]) });

    const listed = await listContacts(actor);
    expect(listed.find((c) => c.userId === contact.id)).toMatchObject({ preset: "technical", isOwner: false, twoFactor: false });

    // Removing access: the next request has no customer left to act for.
    await removeContact(actor, membership.id, meta());
    expect((await resolveSessionState(sessionId)).status).toBe("no_access");
    expect(await db.auditEvent.count({ where: { customerId: customer.id, action: "account.contact.removed", targetId: membership.id } })).toBe(1);
  });

  it("keeps one owner: the owner cannot remove themself, nobody removes or narrows the owner, only the owner transfers", async () => {
    const { customer, owner, actor } = await ownerWorld();
    const ownerMembership = await db.membership.findFirstOrThrow({ where: { customerId: customer.id, userId: owner.id } });
    const manager = await createUser(db);
    await addMember(db, manager.id, customer.id, { permissions: ["contacts.manage", "tickets.view"], isOwner: false });
    const managerActor = await customerActorFor(manager.id, customer.id);

    await expect(removeContact(actor, ownerMembership.id)).rejects.toMatchObject({ key: "errors.cannotRemoveSelf" });
    await expect(removeContact(managerActor, ownerMembership.id)).rejects.toMatchObject({ key: "errors.cannotRemoveOwner" });
    await expect(updateContactPermissions(managerActor, { membershipId: ownerMembership.id, permissions: ["tickets.view"] })).rejects.toMatchObject({ key: "errors.ownerHasAll" });
    await expect(transferOwnership(managerActor, { membershipId: ownerMembership.id, password: DEFAULT_TEST_PASSWORD })).rejects.toMatchObject({ key: "errors.onlyOwner" });
    const managerMembership = await db.membership.findFirstOrThrow({ where: { customerId: customer.id, userId: manager.id } });
    await expect(updateContactPermissions(managerActor, { membershipId: managerMembership.id, permissions: [...CUSTOMER_PERMISSIONS] })).rejects.toMatchObject({ key: "errors.notYourself" });

    expect(await db.membership.count({ where: { customerId: customer.id, isOwner: true } })).toBe(1);
    expect((await db.membership.findUniqueOrThrow({ where: { id: ownerMembership.id } })).permissions).toHaveLength(CUSTOMER_PERMISSIONS.length);
  });

  it("a contact without contacts.manage and another customer's owner are refused; nothing changes", async () => {
    const { customer } = await ownerWorld();
    const contact = await createUser(db);
    const membership = await addMember(db, contact.id, customer.id, { preset: "billing" });
    const billingActor = await customerActorFor(contact.id, customer.id);
    await expect(listContacts(billingActor)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(removeContact(billingActor, membership.id)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(inviteContact(billingActor, { email: "x@example.test", name: "", permissions: ["billing.view"] })).rejects.toBeInstanceOf(PermissionDenied);
    const stranger = await ownerWorld();
    await expect(removeContact(stranger.actor, membership.id)).rejects.toMatchObject({ key: "errors.notFound" });
    await expect(updateContactPermissions(stranger.actor, { membershipId: membership.id, permissions: [...CUSTOMER_PERMISSIONS] })).rejects.toMatchObject({ key: "errors.notFound" });
    expect(await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({ permissions: [...PRESETS.billing] });
  });

  it("refuses contact changes in an impersonated session", async () => {
    const { customer, owner } = await ownerWorld();
    const staff = await createUser(db, { staffRole: "administrator" });
    const sessionId = randomUUID();
    await db.session.create({ data: { id: sessionId, userId: owner.id, expiresAt: new Date(Date.now() + 3_600_000), twoFactorVerifiedAt: new Date(), activeCustomerId: customer.id, impersonatorUserId: staff.id } });
    const state = await resolveSessionState(sessionId);
    if (state.status !== "active" || state.actor.kind !== "customer") throw new Error("no impersonated actor");
    const actor = state.actor;
    await expect(inviteContact(actor, { email: `${unique("imp")}@example.test`, name: "", permissions: ["billing.view"] })).rejects.toMatchObject({ key: "errors.impersonating" });
    expect(await db.invitation.count({ where: { customerId: customer.id } })).toBe(0);
  });
});

describe("ownership transfer", () => {
  it("needs the owner's password; then the other contact is the one owner and the old owner keeps every permission", async () => {
    const { customer, owner, actor } = await ownerWorld();
    const next = await createUser(db);
    const nextMembership = await addMember(db, next.id, customer.id, { preset: "technical" });

    await expect(transferOwnership(actor, { membershipId: nextMembership.id, password: "wrong-password-123" }, meta())).rejects.toEqual(new ContactError("errors.wrongPassword", "password"));
    expect(await db.membership.findUniqueOrThrow({ where: { id: nextMembership.id } })).toMatchObject({ isOwner: false });

    await transferOwnership(actor, { membershipId: nextMembership.id, password: DEFAULT_TEST_PASSWORD }, meta());
    const owners = await db.membership.findMany({ where: { customerId: customer.id, isOwner: true } });
    expect(owners.map((m) => m.userId)).toEqual([next.id]);
    expect(owners[0]!.permissions).toHaveLength(CUSTOMER_PERMISSIONS.length);
    const old = await db.membership.findFirstOrThrow({ where: { customerId: customer.id, userId: owner.id } });
    expect(old).toMatchObject({ isOwner: false });
    expect(old.permissions).toHaveLength(CUSTOMER_PERMISSIONS.length);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { customerId: customer.id, action: "account.ownership.transferred" } });
    expect(audit.data).toMatchObject({ from: owner.email, to: next.email });

    // The former owner is now an ordinary contact: the new owner can remove them.
    const newOwnerActor = await customerActorFor(next.id, customer.id);
    await removeContact(newOwnerActor, old.id);
    expect(await db.membership.count({ where: { customerId: customer.id } })).toBe(1);
  });
});

describe("request access by contract number", () => {
  it("answers the same for a known address, an unknown address and an unknown contract number", async () => {
    const customer = await createCustomer(db, { email: `${unique("office")}@example.test` });
    const { owner } = { owner: await createUser(db) };
    await addMember(db, owner.id, customer.id, { preset: "owner" });
    const stranger = `${unique("stranger")}@example.test`;

    const known = await requestAccess({ contractNumber: customer.contractNumber.toLowerCase(), email: customer.email.toUpperCase(), name: "Office", message: "" }, meta());
    const unknownAddress = await requestAccess({ contractNumber: customer.contractNumber, email: stranger, name: "Stranger", message: "I am the new accountant" }, meta());
    const unknownContract = await requestAccess({ contractNumber: `NOPE-${randomUUID().slice(0, 6)}`, email: stranger, name: "Stranger", message: "" }, meta());
    expect(known).toEqual({ ok: true });
    expect(unknownAddress).toEqual(known);
    expect(unknownContract).toEqual(known);

    // Known: an invitation went out at once, with the Billing preset.
    const invitation = await db.invitation.findFirstOrThrow({ where: { customerId: customer.id, email: customer.email } });
    expect(invitation.permissions.sort()).toEqual([...PRESETS.billing].sort());
    expect(await db.emailMessage.count({ where: { toAddress: customer.email } })).toBe(1);
    // Unknown: waiting for staff, and nobody was emailed.
    const requests = await db.accessRequest.findMany({ where: { email: { in: [customer.email, stranger] } }, orderBy: { createdAt: "asc" } });
    expect(requests.map((r) => [r.email, r.status, r.customerId])).toEqual([
      [customer.email, "invited", customer.id],
      [stranger, "pending", customer.id],
      [stranger, "pending", null],
    ]);
    expect(await db.emailMessage.count({ where: { toAddress: stranger } })).toBe(0);
  });

  it("a contact's address gets a re-invite that keeps their permissions", async () => {
    const { customer } = await ownerWorld();
    const contact = await createUser(db);
    await addMember(db, contact.id, customer.id, { preset: "technical" });
    expect(await requestAccess({ contractNumber: customer.contractNumber, email: contact.email, name: "Tech", message: "" }, meta())).toEqual({ ok: true });
    const token = await tokenFromEmail(contact.email);
    expect(await acceptInvitationAsExistingUser({ token, password: DEFAULT_TEST_PASSWORD }, meta())).toMatchObject({ ok: true });
    const membership = await db.membership.findFirstOrThrow({ where: { customerId: customer.id, userId: contact.id } });
    expect(membership.permissions.sort()).toEqual([...PRESETS.technical].sort());
  });

  it("is rate-limited per contract number and per IP, for known and unknown numbers alike", async () => {
    const customer = await createCustomer(db);
    for (let i = 0; i < ACCESS_REQUEST_LIMIT.perContract; i++) {
      expect(await requestAccess({ contractNumber: customer.contractNumber, email: `${unique("r")}@example.test`, name: "R", message: "" }, meta())).toEqual({ ok: true });
    }
    expect(await requestAccess({ contractNumber: customer.contractNumber, email: `${unique("r")}@example.test`, name: "R", message: "" }, meta())).toEqual({ ok: false, reason: "throttled" });

    const sameIp = meta();
    for (let i = 0; i < ACCESS_REQUEST_LIMIT.perIp; i++) {
      expect(await requestAccess({ contractNumber: `UNKNOWN-${randomUUID().slice(0, 8)}`, email: `${unique("r")}@example.test`, name: "R", message: "" }, sameIp)).toEqual({ ok: true });
    }
    expect(await requestAccess({ contractNumber: `UNKNOWN-${randomUUID().slice(0, 8)}`, email: `${unique("r")}@example.test`, name: "R", message: "" }, sameIp)).toEqual({ ok: false, reason: "throttled" });
  });
});

describe("staff decide on access requests", () => {
  it("approving with a preset issues an invitation; rejecting sends nothing; a decision is made once", async () => {
    const { customer } = await ownerWorld();
    const staff = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
    const agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
    const email = `${unique("newtech")}@example.test`;
    await requestAccess({ contractNumber: customer.contractNumber, email, name: "New Tech", message: "please" }, meta());
    const request = await db.accessRequest.findFirstOrThrow({ where: { email } });
    expect(request.status).toBe("pending");

    await expect(decideAccessRequest(agent, { requestId: request.id, decision: "approve", preset: "technical" })).rejects.toBeInstanceOf(PermissionDenied);
    const { invitationId } = await decideAccessRequest(staff, { requestId: request.id, decision: "approve", preset: "technical" }, meta());
    const invitation = await db.invitation.findUniqueOrThrow({ where: { id: invitationId! } });
    expect(invitation).toMatchObject({ customerId: customer.id, email, name: "New Tech", invitedByUserId: staff.userId });
    expect(invitation.permissions.sort()).toEqual([...PRESETS.technical].sort());
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "approved", decidedByUserId: staff.userId });
    const token = await tokenFromEmail(email);
    expect(await acceptInvitationAsNewUser({ token, name: "New Tech", password: NEW_PASSWORD }, meta())).toMatchObject({ ok: true, customerId: customer.id });
    await expect(decideAccessRequest(staff, { requestId: request.id, decision: "reject" })).rejects.toEqual(new AccessRequestError("errors.alreadyDecided"));

    const other = `${unique("nope")}@example.test`;
    await requestAccess({ contractNumber: `NONE-${randomUUID().slice(0, 6)}`, email: other, name: "Nope", message: "" }, meta());
    const orphan = await db.accessRequest.findFirstOrThrow({ where: { email: other } });
    await expect(decideAccessRequest(staff, { requestId: orphan.id, decision: "approve", preset: "billing" })).rejects.toEqual(new AccessRequestError("errors.noCustomer"));
    await decideAccessRequest(staff, { requestId: orphan.id, decision: "reject" });
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ status: "rejected" });
    expect(await db.emailMessage.count({ where: { toAddress: other } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: { in: [request.id, orphan.id] }, action: { in: ["staff.access_request.approved", "staff.access_request.rejected"] } } })).toBe(2);
  });
});
