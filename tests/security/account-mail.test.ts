// Password reset, notification preferences and the email log (issue 7) over HTTP and in-process:
// /forgot-password and /reset-password answer byte for byte the same for known and unknown inputs;
// every page and action of /account/notifications and /account/emails as anonymous, as another
// customer's owner and as a contact without the permission; an email's text cannot inject HTML.
import fs from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { sha256 } from "@/lib/auth/crypto";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { createCustomerWithOwner, unique } from "@/tests/helpers/factories";
import { BASE_URL, get, sessionCookie } from "@/tests/helpers/http-login";
import * as emailActions from "@/app/(portal)/account/emails/actions";
import * as notificationActions from "@/app/(portal)/account/notifications/actions";
import { verifiedSessionId } from "@/tests/helpers/sessions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.71", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const DIST = process.env.NEXT_DIST_DIR || ".next";
const isRedirectToLogin = (res: Response) => [302, 303, 307, 308].includes(res.status) && new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname === "/login";

/** The id of a server action in the build, by its file and export name. */
function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(`${DIST}/server/server-reference-manifest.json`, "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${filename}#${exportedName} in the build`);
  return found[0];
}

let ipSeq = 0;
/** Calls a server action over HTTP as the browser would, each call from its own client address. */
async function callAction(path: string, id: string, input: unknown): Promise<{ status: number; body: string; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${BASE_URL()}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", "x-forwarded-for": `198.18.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}` },
    body: JSON.stringify([input]),
  });
  return { status: res.status, body: await res.text(), ms: Date.now() - started };
}

describe("account mail and password reset", () => {
  let acmeId: string;
  let billingEmailId: string;
  let techSecurityEmailId: string;
  let announcementId: string;

  beforeAll(async () => {
    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
    acmeId = acme.id;
    const [owner, billing, tech] = await Promise.all(
      ["owner", "billing", "tech"].map((p) => db.user.findUniqueOrThrow({ where: { email: `${p}@demo.portico.test` }, select: { id: true, email: true } })),
    );
    const mail = (data: { category: string; toAddress: string; userId: string; subject: string; textBody: string; customerId?: string | null }) =>
      db.emailMessage.create({ data: { customerId: acmeId, ...data }, select: { id: true } });
    billingEmailId = (await mail({ category: "billing", toAddress: billing.email, userId: billing.id, subject: "Invoice SEC-1 issued", textBody: "Invoice SEC-1: 10.00 EUR" })).id;
    techSecurityEmailId = (await mail({ category: "security", toAddress: tech.email, userId: tech.id, customerId: null, subject: "Tech sign-in notice", textBody: "New sign-in" })).id;
    announcementId = (
      await mail({
        category: "announcements",
        toAddress: owner.email,
        userId: owner.id,
        subject: "Maintenance <b>tonight</b>",
        textBody: 'Hello <script>alert("x")</script><img src=x onerror=alert(1)> and a link http://localhost/reset-password/Zm9vYmFyLWZvb2Jhci1mb29iYXItZm9vYmFyLWZvb2Jhcg',
      })
    ).id;
  });

  describe("pages over HTTP", () => {
    it("send an anonymous visitor to sign-in", async () => {
      for (const path of ["/account/notifications", "/account/emails", `/account/emails/${billingEmailId}`]) expect([path, isRedirectToLogin(await get(path))]).toEqual([path, true]);
    });

    it("answer 404 to another customer's owner for Acme's emails, and list none of them", async () => {
      const cookie = await sessionCookie("other@demo.portico.test", DEMO_PASSWORD);
      for (const path of [`/account/emails/${billingEmailId}`, `/account/emails/${announcementId}`, `/account/emails/${techSecurityEmailId}`, `/account/emails/${randomUUID()}`, "/account/emails/not-a-uuid"]) {
        expect([path, (await get(path, cookie)).status]).toEqual([path, 404]);
      }
      const list = await get("/account/emails", cookie);
      expect(list.status).toBe(200);
      const html = await list.text();
      expect(html).not.toContain("Invoice SEC-1");
      expect(html).not.toContain("Maintenance");
    });

    it("hide from a contact the emails their permissions or person do not allow", async () => {
      const tech = await sessionCookie("tech@demo.portico.test", DEMO_PASSWORD);
      const billing = await sessionCookie("billing@demo.portico.test", DEMO_PASSWORD);
      expect((await get(`/account/emails/${billingEmailId}`, tech)).status).toBe(404);
      expect(await (await get("/account/emails", tech)).text()).not.toContain("Invoice SEC-1");
      expect((await get(`/account/emails/${billingEmailId}`, billing)).status).toBe(200);
      expect((await get(`/account/emails/${techSecurityEmailId}`, billing)).status).toBe(404);
      expect((await get(`/account/emails/${techSecurityEmailId}`, tech)).status).toBe(200);
      for (const cookie of [tech, billing]) expect((await get("/account/notifications", cookie)).status).toBe(200);
    });

    it("show an email's text as text: no injected markup, no live secret link", async () => {
      const cookie = await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD);
      const res = await get(`/account/emails/${announcementId}`, cookie);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain('<script>alert("x")</script>');
      expect(html).not.toContain("<img src=x");
      expect(html).not.toContain("<b>tonight</b>");
      expect(html).toContain("&lt;script&gt;");
      expect(html).not.toContain("Zm9vYmFyLWZvb2Jhci1mb29iYXItZm9vYmFyLWZvb2Jhcg");
    });
  });

  describe("forgot and reset password answer the same for known and unknown inputs", () => {
    it("/forgot-password: a known, an unknown and a disabled address get the same response, in about the same time", async () => {
      const id = actionId("app/(auth)/forgot-password/actions.ts", "requestPasswordResetAction");
      const { owner } = await createCustomerWithOwner(db);
      const { owner: disabled } = await createCustomerWithOwner(db);
      await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
      const known = await callAction("/forgot-password", id, { email: owner.email });
      const unknown = await callAction("/forgot-password", id, { email: `${unique("nobody")}@example.test` });
      const off = await callAction("/forgot-password", id, { email: disabled.email });
      expect(known.status).toBe(200);
      expect(unknown).toMatchObject({ status: known.status, body: known.body });
      expect(off).toMatchObject({ status: known.status, body: known.body });
      expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(300);
      expect(await db.passwordResetToken.count({ where: { userId: owner.id } })).toBe(1);
      expect(await db.passwordResetToken.count({ where: { userId: disabled.id } })).toBe(0);
      // The page itself is public and the same for everyone.
      expect((await get("/forgot-password")).status).toBe(200);
    });

    it("/reset-password: an unknown, a used and an expired link get the same response and change nothing", async () => {
      const id = actionId("app/(auth)/reset-password/[token]/actions.ts", "resetPasswordAction");
      const { owner } = await createCustomerWithOwner(db);
      const used = randomBytes(32).toString("base64url");
      const expired = randomBytes(32).toString("base64url");
      await db.passwordResetToken.createMany({
        data: [
          { userId: owner.id, tokenHash: sha256(used), expiresAt: new Date(Date.now() + 600_000), usedAt: new Date() },
          { userId: owner.id, tokenHash: sha256(expired), expiresAt: new Date(Date.now() - 1000) },
        ],
      });
      const before = (await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { passwordHash: true } })).passwordHash;
      const input = (token: string) => ({ token, password: "a-brand-new-passphrase-42", confirm: "a-brand-new-passphrase-42" });
      const unknown = await callAction(`/reset-password/${"x".repeat(43)}`, id, input(randomBytes(32).toString("base64url")));
      expect(unknown.status).toBe(200);
      expect(unknown.body).toContain("errors.invalidLink");
      for (const token of [used, expired]) expect(await callAction(`/reset-password/${token}`, id, input(token))).toMatchObject({ status: unknown.status, body: unknown.body });
      expect((await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { passwordHash: true } })).passwordHash).toBe(before);

      for (const token of ["x".repeat(43), used, expired]) {
        const page = await get(`/reset-password/${token}`);
        expect([token, page.status]).toEqual([token, 200]);
        const html = await page.text();
        expect(html).toContain('data-testid="reset-link-invalid"');
        expect(html).not.toContain('name="password"');
      }
    });
  });

  describe("server actions", () => {
    afterEach(() => {
      mockSessionId.current = null;
    });

    const allOff = { billing: false, support: false, services: false, domains: false, announcements: false };
    const calls = (): [name: string, call: () => Promise<unknown>][] => [
      ["resendEmailAction", () => emailActions.resendEmailAction({ id: billingEmailId })],
      ["saveNotificationPreferencesAction", () => notificationActions.saveNotificationPreferencesAction(allOff)],
    ];

    const state = async () => ({
      emails: await db.emailMessage.count({ where: { customerId: acmeId } }),
      allEmails: await db.emailMessage.count(),
      acmePreferences: await db.notificationPreference.findMany({ where: { user: { memberships: { some: { customerId: acmeId } } } }, orderBy: [{ userId: "asc" }, { category: "asc" }] }),
      resent: await db.auditEvent.count({ where: { action: "account.email.resent" } }),
    });

    it("covers every exported server action", () => {
      expect(calls().map(([name]) => name).sort()).toEqual([...Object.keys(emailActions), ...Object.keys(notificationActions)].sort());
    });

    it("without a session: every action goes to sign-in and nothing changes", async () => {
      const before = await state();
      for (const [name, call] of calls()) {
        const error = await call().then(
          () => null,
          (e: unknown) => e,
        );
        expect([name, String((error as { digest?: string } | null)?.digest ?? error)]).toEqual([name, expect.stringMatching(/^NEXT_REDIRECT;.*\/login/)]);
      }
      expect(await state()).toEqual(before);
    });

    it("another customer's owner and a contact without billing.view cannot resend Acme's invoice email; preferences change only for oneself", async () => {
      const before = await state();
      mockSessionId.current = await verifiedSessionId("other@demo.portico.test");
      expect(await emailActions.resendEmailAction({ id: billingEmailId })).toEqual({ ok: false, error: "errors.notFound" });
      expect(await emailActions.resendEmailAction({ id: announcementId })).toEqual({ ok: false, error: "errors.notFound" });
      mockSessionId.current = await verifiedSessionId("tech@demo.portico.test");
      expect(await emailActions.resendEmailAction({ id: billingEmailId })).toEqual({ ok: false, error: "errors.notFound" });
      mockSessionId.current = await verifiedSessionId("billing@demo.portico.test");
      expect(await emailActions.resendEmailAction({ id: techSecurityEmailId })).toEqual({ ok: false, error: "errors.notFound" });
      expect(await emailActions.resendEmailAction({ id: "not-a-uuid" })).toMatchObject({ ok: false, error: "errors.invalidForm" });
      expect(await state()).toEqual(before);

      // Beta's owner saves their own preferences: Acme's people keep theirs.
      mockSessionId.current = await verifiedSessionId("other@demo.portico.test");
      expect(await notificationActions.saveNotificationPreferencesAction(allOff)).toMatchObject({ ok: true });
      expect((await state()).acmePreferences).toEqual(before.acmePreferences);
      const other = await db.user.findUniqueOrThrow({ where: { email: "other@demo.portico.test" }, select: { id: true } });
      expect(await db.notificationPreference.count({ where: { userId: other.id, enabled: false } })).toBe(5);
      await db.notificationPreference.deleteMany({ where: { userId: other.id } });
    });

    it("a contact may resend what they may see, to themselves only", async () => {
      mockSessionId.current = await verifiedSessionId("billing@demo.portico.test");
      const before = await db.emailMessage.count();
      expect(await emailActions.resendEmailAction({ id: billingEmailId })).toEqual({ ok: true, data: undefined });
      expect(await db.emailMessage.count()).toBe(before + 1);
      const copy = await db.emailMessage.findFirstOrThrow({ where: { dedupeKey: { startsWith: `resend:${billingEmailId}:` } } });
      expect(copy.toAddress).toBe("billing@demo.portico.test");
    });
  });
});
