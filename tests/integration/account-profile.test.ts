// The profile (lib/accounts/profile.ts, profile-changes.ts, email-change.ts): personal data for
// everyone, company data with account.manage, audited old → new; company name, VAT ID and country
// only through one pending change request that staff approve or reject; the login email changes
// only through a confirmation link (password in the same request, 24 h, single use, old address told).
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/account-profile
import { db } from "@/lib/db";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { sha256 } from "@/lib/auth/crypto";
import { EMAIL_CHANGE_TTL_MS, confirmEmailChange, inspectEmailChange, requestEmailChange } from "@/lib/accounts/email-change";
import { ProfileError, getProfile, requestProfileChange, updateCompany, updatePersonal } from "@/lib/accounts/profile";
import { decideProfileChange, listProfileChangeRequests } from "@/lib/accounts/profile-changes";
import { BuiltinVatChecker, type VatChecker } from "@/lib/integrations/vat";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof ProfileError ? (e.field ? `${e.key}@${e.field}` : e.key) : e instanceof PermissionDenied ? "forbidden" : `unexpected: ${String(e)}`),
  );
const meta = { ip: "203.0.113.7", userAgent: "jest" };

let customerId: string;
let owner: CustomerActor;
let billing: CustomerActor;
let other: CustomerActor;
let staff: StaffActor;
let agent: StaffActor;

beforeAll(async () => {
  const customer = await createCustomer(db, { country: "SK", postcode: "811 01", vatId: "SK2022749619", name: unique("Acme") });
  const otherCustomer = await createCustomer(db);
  customerId = customer.id;
  const [o, b, x, s, a] = await Promise.all([
    createUser(db, { name: "Olga Owner" }),
    createUser(db, { name: "Bill Billing" }),
    createUser(db),
    createUser(db, { staffRole: "billing_clerk", name: "Clara Clerk" }),
    createUser(db, { staffRole: "support_agent" }),
  ]);
  await addMember(db, o.id, customer.id, { preset: "owner" });
  await addMember(db, b.id, customer.id, { preset: "billing" });
  await addMember(db, x.id, otherCustomer.id, { preset: "owner" });
  [owner, billing, other, staff, agent] = await Promise.all([customerActorFor(o.id, customer.id), customerActorFor(b.id, customer.id), customerActorFor(x.id, otherCustomer.id), staffActorFor(s.id), staffActorFor(a.id)]);
});

afterAll(async () => {
  await db.$disconnect();
});

const audits = (action: string) => db.auditEvent.findMany({ where: { customerId, action }, orderBy: { id: "asc" } });

describe("personal data", () => {
  it("everyone changes their own name, language and time zone; audited old → new", async () => {
    expect(await updatePersonal(billing, { name: "Bill B. Billing", locale: "hu", timeZone: "Europe/Budapest" }, meta)).toEqual({ changed: true });
    const user = await db.user.findUniqueOrThrow({ where: { id: billing.userId } });
    expect([user.name, user.locale, user.timeZone]).toEqual(["Bill B. Billing", "hu", "Europe/Budapest"]);
    const [event] = await audits("account.user.updated");
    expect(event).toMatchObject({ actorUserId: billing.userId, ip: "203.0.113.7" });
    expect(event.data).toEqual({ changes: { name: { from: "Bill Billing", to: "Bill B. Billing" }, locale: { from: "en", to: "hu" }, timeZone: { from: "UTC", to: "Europe/Budapest" } } });
    expect(await updatePersonal(billing, { name: "Bill B. Billing", locale: "hu", timeZone: "Europe/Budapest" })).toEqual({ changed: false });
    expect(await audits("account.user.updated")).toHaveLength(1);
  });
});

describe("company data", () => {
  const address = { country: "SK", email: "Accounts@Acme.example", phone: "+421 2 1234 5678", addressLine1: "Obchodná 5", addressLine2: "", city: "Bratislava", postcode: "81106" };

  it("a contact with account.manage changes address, phone and billing email; audited old → new", async () => {
    expect(await updateCompany(owner, address, meta)).toEqual({ changed: true });
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect([customer.addressLine1, customer.postcode, customer.email, customer.phone]).toEqual(["Obchodná 5", "811 06", "accounts@acme.example", "+421 2 1234 5678"]);
    const [event] = await audits("account.profile.updated");
    expect((event.data as { changes: Record<string, unknown> }).changes).toMatchObject({ addressLine1: { from: "Hlavná 1", to: "Obchodná 5" }, postcode: { from: "811 01", to: "811 06" } });
  });

  it("checks the postcode against the stored country, whatever the form says", async () => {
    expect(await refusal(updateCompany(owner, { ...address, country: "HU", postcode: "1011" }))).toBe("errors.postcode.SK@postcode");
  });

  it("never changes company name, VAT ID or country directly", async () => {
    await updateCompany(owner, { ...address, name: "Evil Corp", vatId: "SK0000000000", country: "SK", city: "Košice" } as typeof address);
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect([customer.name.startsWith("Acme"), customer.vatId, customer.country, customer.city]).toEqual([true, "SK2022749619", "SK", "Košice"]);
  });

  it("needs account.manage; the page data leaves the company out without it", async () => {
    expect(await refusal(updateCompany(billing, address))).toBe("forbidden");
    expect((await getProfile(billing)).company).toBeNull();
    expect((await getProfile(owner)).company).toMatchObject({ city: "Košice", currency: "EUR", defaultPaymentMethod: "bank_transfer" });
  });
});

describe("change requests", () => {
  const checker = new BuiltinVatChecker();

  it("asks for only what differs, once; a second request waits for the first", async () => {
    const current = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(await refusal(requestProfileChange(owner, { name: current.name, country: "SK", vatId: "SK2022749619" }, meta, { checker }))).toBe("errors.nothingChanged");
    expect(await refusal(requestProfileChange(owner, { name: current.name, country: "SK", vatId: "SK2022749618" }, meta, { checker }))).toBe("errors.vatChecksum@vatId");
    expect(await refusal(requestProfileChange(billing, { name: "Acme Studio s.r.o.", country: "SK", vatId: "" }, meta, { checker }))).toBe("forbidden");

    const { id } = await requestProfileChange(owner, { name: "Acme Studio s.r.o.", country: "SK", vatId: "SK2022749619" }, meta, { checker });
    const row = await db.profileChangeRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "pending", requestedByUserId: owner.userId, changes: { name: { from: current.name, to: "Acme Studio s.r.o." } } });
    expect(await refusal(requestProfileChange(owner, { name: "Another name", country: "SK", vatId: "" }, meta, { checker }))).toBe("errors.changePending");
    expect((await getProfile(owner)).pendingChange).toMatchObject({ id, requestedBy: "Olga Owner" });
    expect(await db.profileChangeRequest.count({ where: { customerId, status: "pending" } })).toBe(1);
    expect(await audits("account.profile_change.requested")).toHaveLength(1);
  });

  it("two requests sent at once make one pending request", async () => {
    const c = await createCustomer(db);
    const u = await createUser(db);
    await addMember(db, u.id, c.id, { preset: "owner" });
    const actor = await customerActorFor(u.id, c.id);
    const results = await Promise.all([1, 2, 3].map((n) => refusal(requestProfileChange(actor, { name: `New name ${n}`, country: "SK", vatId: "" }, meta, { checker }))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(await db.profileChangeRequest.count({ where: { customerId: c.id } })).toBe(1);
  });

  it("staff with staff.customers list and approve it: the values are written and audited for the customer", async () => {
    expect(await refusal(listProfileChangeRequests(agent))).toBe("forbidden");
    const pending = (await listProfileChangeRequests(staff)).filter((r) => r.customerId === customerId);
    expect(pending).toHaveLength(1);
    expect(await refusal(decideProfileChange(agent, { id: pending[0].id, approve: true }))).toBe("forbidden");
    expect(await decideProfileChange(staff, { id: pending[0].id, approve: true, note: "Checked the register." }, meta)).toEqual({ status: "approved" });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customerId } })).name).toBe("Acme Studio s.r.o.");
    expect(await refusal(decideProfileChange(staff, { id: pending[0].id, approve: false }))).toBe("errors.alreadyDecided");
    const [event] = await audits("account.profile_change.approved");
    expect(event).toMatchObject({ actorUserId: staff.userId, data: { changes: { name: { to: "Acme Studio s.r.o." } }, note: "Checked the register." } });
    expect((await getProfile(owner)).lastDecision).toMatchObject({ status: "approved", staffNote: "Checked the register." });
  });

  it("a new EU VAT ID goes through the checker; a rejection changes nothing", async () => {
    const calls: string[] = [];
    const stub: VatChecker = {
      check: async (country, vatId) => {
        calls.push(`${country}:${vatId}`);
        return vatId.includes("12892312") ? { status: "invalid", key: "errors.vatNotRegistered", checkedBy: "vies" } : { status: "unavailable", vatId: "HU10773381", checkedBy: "builtin" };
      },
    };
    expect(await refusal(requestProfileChange(owner, { name: "Acme Studio s.r.o.", country: "HU", vatId: "HU12892312" }, meta, { checker: stub }))).toBe("errors.vatNotRegistered@vatId");
    const { id } = await requestProfileChange(owner, { name: "Acme Studio s.r.o.", country: "HU", vatId: "HU10773381" }, meta, { checker: stub });
    expect(calls).toEqual(["HU:HU12892312", "HU:HU10773381"]);
    expect((await db.profileChangeRequest.findUniqueOrThrow({ where: { id } })).changes).toEqual({
      country: { from: "SK", to: "HU" },
      vatId: { from: "SK2022749619", to: "HU10773381", check: "unavailable" },
    });
    await decideProfileChange(staff, { id, approve: false, note: "Send us the registration." });
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect([customer.country, customer.vatId]).toEqual(["SK", "SK2022749619"]);
    expect((await getProfile(owner)).lastDecision).toMatchObject({ status: "rejected", staffNote: "Send us the registration." });
  });
});

describe("login email change", () => {
  let actor: CustomerActor;
  let oldEmail: string;

  beforeAll(async () => {
    const user = await createUser(db, { name: "Eve Email" });
    await addMember(db, user.id, customerId, { preset: "technical" });
    actor = await customerActorFor(user.id, customerId);
    oldEmail = user.email;
  });

  it("needs the password in the same request; a wrong one is refused and audited", async () => {
    expect(await refusal(requestEmailChange(actor, { newEmail: "eve.new@example.test", password: "wrong-password-123" }, meta))).toBe("errors.wrongPassword@password");
    expect(await refusal(requestEmailChange(actor, { newEmail: oldEmail, password: DEFAULT_TEST_PASSWORD }, meta))).toBe("errors.sameEmail@newEmail");
    expect(await db.auditEvent.count({ where: { actorUserId: actor.userId, action: "account.email_change.refused" } })).toBe(1);
    expect(await db.emailChangeRequest.count({ where: { userId: actor.userId } })).toBe(0);
  });

  it("is refused for an address another login has", async () => {
    expect(await refusal(requestEmailChange(actor, { newEmail: owner.email.toUpperCase(), password: DEFAULT_TEST_PASSWORD }, meta))).toBe("errors.emailTaken@newEmail");
  });

  it("is refused while staff impersonate the user", async () => {
    expect(await refusal(requestEmailChange({ ...actor, impersonator: { userId: staff.userId, name: "Clara" } }, { newEmail: "x@example.test", password: DEFAULT_TEST_PASSWORD }))).toBe("errors.impersonating");
  });

  it("sends a link to the new address and tells the old one; the email changes only when the link is used, once", async () => {
    const newEmail = `${unique("eve")}@example.test`;
    const { id, token } = await requestEmailChange(actor, { newEmail: newEmail.toUpperCase(), password: DEFAULT_TEST_PASSWORD }, meta);
    const row = await db.emailChangeRequest.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(row.tokenHash).not.toContain(token);
    expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - EMAIL_CHANGE_TTL_MS)).toBeLessThan(5000);
    const mails = await db.emailMessage.findMany({ where: { userId: actor.userId, dedupeKey: { startsWith: `email-change:${id}` } }, orderBy: { dedupeKey: "asc" } });
    expect(mails.map((m) => [m.toAddress, m.category])).toEqual([
      [newEmail, "security"],
      [oldEmail, "security"],
    ]);
    expect(mails[0].textBody).toContain(`/account/profile/confirm-email/${token}`);
    expect(mails[1].textBody).not.toContain(token);
    expect((await db.user.findUniqueOrThrow({ where: { id: actor.userId } })).email).toBe(oldEmail);
    expect((await getProfile(actor)).pendingEmail).toMatchObject({ newEmail });

    // Someone else's session cannot use the link.
    expect(await inspectEmailChange(owner, token)).toEqual({ state: "invalid" });
    expect(await refusal(confirmEmailChange(owner, token))).toBe("errors.tokenInvalid");

    expect(await inspectEmailChange(actor, token)).toEqual({ state: "ready", newEmail });
    expect(await confirmEmailChange(actor, token, meta)).toEqual({ email: newEmail });
    expect((await db.user.findUniqueOrThrow({ where: { id: actor.userId } })).email).toBe(newEmail);
    expect(await db.emailMessage.count({ where: { dedupeKey: `email-change:${id}:changed`, toAddress: oldEmail, category: "security" } })).toBe(1);
    const [event] = await db.auditEvent.findMany({ where: { actorUserId: actor.userId, action: "account.email.changed" } });
    expect(event.data).toEqual({ changes: { email: { from: oldEmail, to: newEmail } } });

    expect(await inspectEmailChange(actor, token)).toEqual({ state: "used" });
    expect(await refusal(confirmEmailChange(actor, token))).toBe("errors.tokenUsed");
    oldEmail = newEmail;
  });

  it("an expired link does nothing, and a newer request replaces an older link", async () => {
    const first = await requestEmailChange(actor, { newEmail: `${unique("late")}@example.test`, password: DEFAULT_TEST_PASSWORD }, meta);
    const later = new Date(Date.now() + EMAIL_CHANGE_TTL_MS + 60_000);
    expect(await inspectEmailChange(actor, first.token, later)).toEqual({ state: "expired" });
    expect(await refusal(confirmEmailChange(actor, first.token, meta, later))).toBe("errors.tokenExpired");

    const second = await requestEmailChange(actor, { newEmail: `${unique("again")}@example.test`, password: DEFAULT_TEST_PASSWORD }, meta);
    expect(await refusal(confirmEmailChange(actor, first.token))).toBe("errors.tokenExpired");
    expect(await inspectEmailChange(actor, second.token)).toMatchObject({ state: "ready" });
    expect((await db.user.findUniqueOrThrow({ where: { id: actor.userId } })).email).toBe(oldEmail);
  });

  it("is a clear error when the address was taken between the request and the link", async () => {
    const wanted = `${unique("race")}@example.test`;
    const { token } = await requestEmailChange(actor, { newEmail: wanted, password: DEFAULT_TEST_PASSWORD }, meta);
    await createUser(db, { email: wanted });
    expect(await refusal(confirmEmailChange(actor, token))).toBe("errors.emailTaken");
    expect((await db.user.findUniqueOrThrow({ where: { id: actor.userId } })).email).toBe(oldEmail);
  });

  it("refuses a malformed token without a lookup", async () => {
    expect(await inspectEmailChange(actor, "../../etc/passwd")).toEqual({ state: "invalid" });
    expect(await refusal(confirmEmailChange(actor, "x"))).toBe("errors.tokenInvalid");
  });

  it("another customer's owner sees none of this customer's requests", async () => {
    expect((await getProfile(other)).pendingChange).toBeNull();
    expect((await getProfile(other)).company?.name).not.toMatch(/Acme/);
  });
});
