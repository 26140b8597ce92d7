// Password reset (issue 7): the same answer for known and unknown addresses, a hashed single-use
// link that expires after 30 minutes, throttling, every session ended, 2FA still asked afterwards.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/password-reset
import { db } from "@/lib/db";
import { sha256 } from "@/lib/auth/crypto";
import { loginWithPassword } from "@/lib/auth/login";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { RESET_PASSWORD_MIN_LENGTH } from "@/lib/auth/password-reset-schemas";
import { RESET_REQUEST_MIN_MS, RESET_TOKEN_TTL_MS, isResetLinkValid, renderPasswordResetEmail, requestPasswordReset, resetPasswordWithToken } from "@/lib/auth/password-reset";
import { resolveSessionState } from "@/lib/auth/resolve-session";
import { THROTTLE } from "@/lib/auth/throttle";
import { DEFAULT_TEST_PASSWORD, createCustomerWithOwner, createUser, unique } from "@/tests/helpers/factories";

const NEW_PASSWORD = "a-brand-new-passphrase-42";
let ipSeq = 0;
const info = () => ({ ip: `10.77.${process.pid % 250}.${++ipSeq % 250}`, userAgent: "jest" });
const fast = { minDurationMs: 0 };

/** The token from the link in the newest reset email to `email`. */
async function tokenFromEmail(email: string): Promise<string> {
  const message = await db.emailMessage.findFirstOrThrow({ where: { toAddress: email, subject: "Reset your Portico password" }, orderBy: { createdAt: "desc" } });
  const match = message.textBody.match(/\/reset-password\/([A-Za-z0-9_-]+)/);
  if (!match) throw new Error("no link in the email");
  return match[1];
}

afterAll(async () => {
  await db.$disconnect();
});

describe("asking for a reset link", () => {
  it("emails a link to a known address; the token is 32 random bytes, stored only as its SHA-256, valid for 30 minutes", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const before = Date.now();
    await requestPasswordReset(owner.email.toUpperCase(), info(), fast);
    const token = await tokenFromEmail(owner.email);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await db.passwordResetToken.findMany({ where: { userId: owner.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(sha256(token));
    expect(rows[0].tokenHash).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - before).toBeGreaterThanOrEqual(RESET_TOKEN_TTL_MS - 1000);
    expect(rows[0].expiresAt.getTime() - before).toBeLessThanOrEqual(RESET_TOKEN_TTL_MS + 5000);
    const email = await db.emailMessage.findFirstOrThrow({ where: { toAddress: owner.email, subject: "Reset your Portico password" } });
    expect(email).toMatchObject({ category: "security", userId: owner.id, status: "queued" });
    expect(email.htmlBody).toContain(`/reset-password/${token}"`);
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "auth.password_reset.requested" } })).toBe(1);
  });

  it("an unknown or disabled address gets the same (empty) answer, no email and no token, and takes as long", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const disabled = await createUser(db);
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const nobody = `${unique("nobody")}@example.test`;
    const emailsBefore = await db.emailMessage.count();

    const timed = async (email: string) => {
      const start = Date.now();
      const answer = await requestPasswordReset(email, info());
      return { answer, ms: Date.now() - start };
    };
    const known = await timed(owner.email);
    const unknown = await timed(nobody);
    const off = await timed(disabled.email);
    expect(unknown.answer).toEqual(known.answer);
    expect(off.answer).toEqual(known.answer);
    for (const r of [known, unknown, off]) expect(r.ms).toBeGreaterThanOrEqual(RESET_REQUEST_MIN_MS - 5);
    // The floor hides the work done for a known address.
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(RESET_REQUEST_MIN_MS);

    expect(await db.emailMessage.count()).toBe(emailsBefore + 1);
    expect(await db.emailMessage.count({ where: { toAddress: { in: [nobody, disabled.email] } } })).toBe(0);
    expect(await db.passwordResetToken.count({ where: { userId: disabled.id } })).toBe(0);
  });

  it("is throttled per address and per IP, with the same answer", async () => {
    const { owner } = await createCustomerWithOwner(db);
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount + 2; i++) await requestPasswordReset(owner.email, info(), fast);
    expect(await db.passwordResetToken.count({ where: { userId: owner.id } })).toBe(THROTTLE.maxFailuresPerAccount);

    const ip = `10.78.${process.pid % 250}.9`;
    for (let i = 0; i < THROTTLE.maxFailuresPerIp; i++) await requestPasswordReset(`${unique("spray")}@example.test`, { ip, userAgent: "x" }, fast);
    const { owner: victim } = await createCustomerWithOwner(db);
    await requestPasswordReset(victim.email, { ip, userAgent: "x" }, fast);
    expect(await db.passwordResetToken.count({ where: { userId: victim.id } })).toBe(0);
    await requestPasswordReset(victim.email, info(), fast);
    expect(await db.passwordResetToken.count({ where: { userId: victim.id } })).toBe(1);
  });

  it("a new link replaces the older unused one", async () => {
    const { owner } = await createCustomerWithOwner(db);
    await requestPasswordReset(owner.email, info(), fast);
    const first = await tokenFromEmail(owner.email);
    await new Promise((r) => setTimeout(r, 5));
    await requestPasswordReset(owner.email, info(), fast);
    const second = await tokenFromEmail(owner.email);
    expect(second).not.toBe(first);
    expect(await isResetLinkValid(first)).toBe(false);
    expect(await isResetLinkValid(second)).toBe(true);
  });
});

describe("setting the new password", () => {
  it("works once: the password changes, every session ends, it is audited and the user is told", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const one = await loginWithPassword(owner.email, DEFAULT_TEST_PASSWORD, info());
    const two = await loginWithPassword(owner.email, DEFAULT_TEST_PASSWORD, info());
    if (!one.ok || !two.ok) throw new Error("login failed");
    await requestPasswordReset(owner.email, info(), fast);
    const token = await tokenFromEmail(owner.email);

    expect(await resetPasswordWithToken(token, NEW_PASSWORD, info())).toEqual({ ok: true });
    expect((await resolveSessionState(one.sessionId)).status).toBe("anonymous");
    expect((await resolveSessionState(two.sessionId)).status).toBe("anonymous");
    expect(await db.session.count({ where: { userId: owner.id, revokedAt: null } })).toBe(0);
    expect((await loginWithPassword(owner.email, DEFAULT_TEST_PASSWORD, info())).ok).toBe(false);
    expect((await loginWithPassword(owner.email, NEW_PASSWORD, info())).ok).toBe(true);
    expect(await db.auditEvent.findFirst({ where: { actorUserId: owner.id, action: "auth.password.reset" }, select: { data: true } })).toMatchObject({ data: { revokedSessions: 2 } });
    expect(await db.emailMessage.count({ where: { userId: owner.id, subject: "Your Portico password was reset", category: "security" } })).toBe(1);

    // Single use: the same link again is refused, and the password stays.
    expect(await resetPasswordWithToken(token, "yet-another-passphrase-77", info())).toEqual({ ok: false, reason: "invalid" });
    expect(await isResetLinkValid(token)).toBe(false);
    expect((await loginWithPassword(owner.email, NEW_PASSWORD, info())).ok).toBe(true);
  });

  it("of two racing requests with the same link exactly one wins", async () => {
    const { owner } = await createCustomerWithOwner(db);
    await requestPasswordReset(owner.email, info(), fast);
    const token = await tokenFromEmail(owner.email);
    const results = await Promise.all([resetPasswordWithToken(token, "racing-passphrase-one-1", info()), resetPasswordWithToken(token, "racing-passphrase-two-2", info())]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("expires after 30 minutes", async () => {
    const { owner } = await createCustomerWithOwner(db);
    const asked = new Date(Date.now() - RESET_TOKEN_TTL_MS - 1000);
    await requestPasswordReset(owner.email, info(), { ...fast, now: asked });
    const token = await tokenFromEmail(owner.email);
    expect(await isResetLinkValid(token, new Date(asked.getTime() + RESET_TOKEN_TTL_MS - 60_000))).toBe(true);
    expect(await isResetLinkValid(token)).toBe(false);
    expect(await resetPasswordWithToken(token, NEW_PASSWORD, info())).toEqual({ ok: false, reason: "invalid" });
    expect((await loginWithPassword(owner.email, DEFAULT_TEST_PASSWORD, info())).ok).toBe(true);
  });

  it("applies the password rules of a password change and keeps the link for another try", async () => {
    const { owner } = await createCustomerWithOwner(db);
    await requestPasswordReset(owner.email, info(), fast);
    const token = await tokenFromEmail(owner.email);
    expect(await resetPasswordWithToken(token, "short", info())).toEqual({ ok: false, reason: "too_short" });
    expect(await resetPasswordWithToken(token, "1qaz2wsx3edc", info())).toEqual({ ok: false, reason: "too_common" });
    expect(await isResetLinkValid(token)).toBe(true);
    expect(RESET_PASSWORD_MIN_LENGTH).toBe(PASSWORD_MIN_LENGTH);
  });

  it("an unknown link and a used one answer the same, and wrong links are throttled per IP", async () => {
    const ip = `10.79.${process.pid % 250}.3`;
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) {
      expect(await resetPasswordWithToken(`forged-${i}-${"x".repeat(40)}`, NEW_PASSWORD, { ip, userAgent: "x" })).toEqual({ ok: false, reason: "invalid" });
    }
    const { owner } = await createCustomerWithOwner(db);
    await requestPasswordReset(owner.email, info(), fast);
    const token = await tokenFromEmail(owner.email);
    expect(await resetPasswordWithToken(token, NEW_PASSWORD, { ip, userAgent: "x" })).toEqual({ ok: false, reason: "throttled" });
    expect(await resetPasswordWithToken(token, NEW_PASSWORD, info())).toEqual({ ok: true });
  });

  it("does not skip two-factor authentication: signing in afterwards still asks for the second factor", async () => {
    const { owner } = await createCustomerWithOwner(db, { totpSecret: "JBSWY3DPEHPK3PXP" });
    await requestPasswordReset(owner.email, info(), fast);
    expect(await resetPasswordWithToken(await tokenFromEmail(owner.email), NEW_PASSWORD, info())).toEqual({ ok: true });
    expect(await db.session.count({ where: { userId: owner.id, revokedAt: null } })).toBe(0);
    const login = await loginWithPassword(owner.email, NEW_PASSWORD, info());
    expect(login).toMatchObject({ ok: true, stage: "password" });
    if (login.ok) expect((await resolveSessionState(login.sessionId)).status).toBe("two_factor_required");
    const user = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user.totpEnabledAt).not.toBeNull();
  });
});

describe("the reset email", () => {
  it.each(["en", "vi", "sk", "hu"])("is complete in %s, with the link and its expiry in the recipient's time zone", (locale) => {
    const email = renderPasswordResetEmail({
      recipient: { name: "Ada", email: "ada@example.test", locale, timeZone: "Asia/Ho_Chi_Minh" },
      token: "TOKEN_abc-123",
      expiresAt: new Date("2026-05-01T00:45:00Z"),
      appUrl: "https://portal.example.com/",
    });
    expect(email.subject).not.toMatch(/passwordReset/);
    expect(email.text).not.toMatch(/email\.|passwordReset\./);
    expect(email.text).toContain("https://portal.example.com/reset-password/TOKEN_abc-123");
    expect(email.text).toContain("ada@example.test");
    expect(email.text).toContain("07:45");
    expect(email.text).toContain("30");
    expect(email.html).toContain('<a href="https://portal.example.com/reset-password/TOKEN_abc-123"');
  });
});
