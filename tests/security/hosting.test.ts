// The hosting tools (/services/[id]/backups, ftp, databases, email, subdomains): over HTTP against
// the built app, anonymous visitors are sent to /login, another customer and the Billing preset get
// 404 for Acme's pages (a mailbox page too), Acme's owner and technical contact get them. In-process,
// every hosting server action without a session redirects to sign-in and changes nothing, another
// customer's contact gets "not found", the Billing preset "forbidden" — and the panel stays as it was.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { BASE_URL, get, sessionCookie } from "@/tests/helpers/http-login";
import * as backupActions from "@/app/(portal)/services/[id]/backups/actions";
import * as databaseActions from "@/app/(portal)/services/[id]/databases/actions";
import * as emailActions from "@/app/(portal)/services/[id]/email/actions";
import * as ftpActions from "@/app/(portal)/services/[id]/ftp/actions";
import * as subdomainActions from "@/app/(portal)/services/[id]/subdomains/actions";
import { verifiedSessionId } from "@/tests/helpers/sessions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.62", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const REDIRECTS = [302, 303, 307, 308];
const locationOf = (res: Response) => new URL(res.headers.get("location") ?? "/", BASE_URL()).pathname;
const TOOLS = ["backups", "ftp", "databases", "email", "subdomains"] as const;
const PASSWORD = "Sneaky-Pass-2041!";

let serviceId: string;
let accountId: string;
let ids: { ftp: string; database: string; mailbox: string; alias: string; subdomain: string; backup: string };

beforeAll(async () => {
  const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
  const service = await db.service.findFirstOrThrow({ where: { customerId: acme.id, kind: "hosting", domain: "acme-studio.vn" }, select: { id: true, panelAccount: { select: { id: true } } } });
  serviceId = service.id;
  accountId = service.panelAccount!.id;
  const [ftp, database, mailbox, alias, subdomain, backup] = await Promise.all([
    db.panelFtpAccount.findFirstOrThrow({ where: { accountId }, select: { id: true } }),
    db.panelDatabase.findFirstOrThrow({ where: { accountId }, select: { id: true } }),
    db.panelMailbox.findFirstOrThrow({ where: { accountId }, select: { id: true } }),
    db.panelMailAlias.findFirstOrThrow({ where: { accountId }, select: { id: true } }),
    db.panelSubdomain.findFirstOrThrow({ where: { accountId }, select: { id: true } }),
    db.panelBackup.findFirstOrThrow({ where: { accountId, status: "ready" }, select: { id: true } }),
  ]);
  ids = { ftp: ftp.id, database: database.id, mailbox: mailbox.id, alias: alias.id, subdomain: subdomain.id, backup: backup.id };
});

describe("hosting tool pages over HTTP", () => {
  const pages = () => [...TOOLS.map((tool) => `/services/${serviceId}/${tool}`), `/services/${serviceId}/email/${ids.mailbox}`];

  it("send anonymous visitors to sign in", async () => {
    for (const url of pages()) {
      const res = await get(url);
      expect([url, REDIRECTS.includes(res.status), locationOf(res)]).toEqual([url, true, "/login"]);
    }
  });

  it("answer 404 to another customer and to the Billing preset (no services.view)", async () => {
    for (const email of ["other@demo.portico.test", "billing@demo.portico.test"]) {
      const cookie = await sessionCookie(email, DEMO_PASSWORD);
      for (const url of pages()) {
        const res = await get(url, cookie);
        expect([email, url, res.status]).toEqual([email, url, 404]);
        expect(await res.text()).not.toContain("deploy@acme-studio.vn");
      }
    }
  });

  it("open for Acme's owner and technical contact; an unknown mailbox or a malformed service id is a 404", async () => {
    for (const email of ["owner@demo.portico.test", "tech@demo.portico.test"]) {
      const cookie = await sessionCookie(email, DEMO_PASSWORD);
      for (const url of pages()) expect([email, url, (await get(url, cookie)).status]).toEqual([email, url, 200]);
    }
    const cookie = await sessionCookie("owner@demo.portico.test", DEMO_PASSWORD);
    expect(await (await get(`/services/${serviceId}/ftp`, cookie)).text()).toContain("deploy@acme-studio.vn");
    for (const url of [`/services/${serviceId}/email/${randomUUID()}`, "/services/not-a-uuid/ftp", `/services/${randomUUID()}/databases`]) {
      expect([url, (await get(url, cookie)).status]).toEqual([url, 404]);
    }
  });
});

describe("hosting server actions", () => {
  afterEach(() => {
    mockSessionId.current = null;
  });

  const calls = (): [name: string, call: () => Promise<unknown>][] => [
    ["createBackupAction", () => backupActions.createBackupAction({ serviceId })],
    ["restoreBackupAction", () => backupActions.restoreBackupAction({ serviceId, backupId: ids.backup })],
    ["backupDownloadLinkAction", () => backupActions.backupDownloadLinkAction({ serviceId, backupId: ids.backup })],
    ["createFtpAccountAction", () => ftpActions.createFtpAccountAction({ serviceId, name: "sneaky", password: PASSWORD, directory: "/", quotaMb: "" })],
    ["changeFtpPasswordAction", () => ftpActions.changeFtpPasswordAction({ serviceId, ftpId: ids.ftp, password: PASSWORD })],
    ["deleteFtpAccountAction", () => ftpActions.deleteFtpAccountAction({ serviceId, ftpId: ids.ftp })],
    ["createDatabaseAction", () => databaseActions.createDatabaseAction({ serviceId, name: "sneaky", password: PASSWORD })],
    ["changeDatabasePasswordAction", () => databaseActions.changeDatabasePasswordAction({ serviceId, databaseId: ids.database, password: PASSWORD })],
    ["deleteDatabaseAction", () => databaseActions.deleteDatabaseAction({ serviceId, databaseId: ids.database })],
    ["createMailboxAction", () => emailActions.createMailboxAction({ serviceId, localPart: "sneaky", password: PASSWORD, quotaMb: "" })],
    ["changeMailboxPasswordAction", () => emailActions.changeMailboxPasswordAction({ serviceId, mailboxId: ids.mailbox, password: PASSWORD })],
    ["changeMailboxQuotaAction", () => emailActions.changeMailboxQuotaAction({ serviceId, mailboxId: ids.mailbox, quotaMb: "4000" })],
    ["setAutoReplyAction", () => emailActions.setAutoReplyAction({ serviceId, mailboxId: ids.mailbox, enabled: true, subject: "Gone", body: "Gone fishing.", until: "" })],
    ["deleteMailboxAction", () => emailActions.deleteMailboxAction({ serviceId, mailboxId: ids.mailbox })],
    ["createAliasAction", () => emailActions.createAliasAction({ serviceId, localPart: "sneaky", destination: "thief@example.org" })],
    ["deleteAliasAction", () => emailActions.deleteAliasAction({ serviceId, aliasId: ids.alias })],
    ["createSubdomainAction", () => subdomainActions.createSubdomainAction({ serviceId, label: "sneaky", documentRoot: "/public_html/sneaky" })],
    ["deleteSubdomainAction", () => subdomainActions.deleteSubdomainAction({ serviceId, subdomainId: ids.subdomain })],
  ];

  const state = async () => ({
    account: await db.panelAccount.findUniqueOrThrow({ where: { id: accountId }, select: { suspended: true, passwordHash: true, updatedAt: true } }),
    backups: await db.panelBackup.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    ftp: await db.panelFtpAccount.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    databases: await db.panelDatabase.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    mailboxes: await db.panelMailbox.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    aliases: await db.panelMailAlias.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    subdomains: await db.panelSubdomain.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    audits: await db.auditEvent.count({ where: { targetType: "service", targetId: serviceId } }),
  });

  it("covers every exported server action", () => {
    const exported = [backupActions, ftpActions, databaseActions, emailActions, subdomainActions].flatMap((m) => Object.keys(m));
    expect(calls().map(([name]) => name).sort()).toEqual(exported.sort());
  });

  it("without a session: every action goes to sign-in and nothing changes", async () => {
    const before = await state();
    for (const [name, call] of calls()) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      // next/navigation's redirect() throws NEXT_REDIRECT with the target in its digest.
      expect([name, String((error as { digest?: string } | null)?.digest ?? error)]).toEqual([name, expect.stringMatching(/^NEXT_REDIRECT;.*\/login/)]);
    }
    expect(await state()).toEqual(before);
  });

  it("another customer's contact gets 'not found' and the Billing preset 'forbidden'; nothing changes", async () => {
    const before = await state();
    mockSessionId.current = await verifiedSessionId("other@demo.portico.test");
    for (const [name, call] of calls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.notFound" }]);
    mockSessionId.current = await verifiedSessionId("billing@demo.portico.test");
    for (const [name, call] of calls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
    expect(await state()).toEqual(before);
  });

  it("a weak password from Acme's owner is refused on its field, and nothing changes", async () => {
    const before = await state();
    mockSessionId.current = await verifiedSessionId("owner@demo.portico.test");
    expect(await ftpActions.createFtpAccountAction({ serviceId, name: "weak", password: "password", directory: "/", quotaMb: "" })).toEqual({
      ok: false,
      error: "errors.invalidForm",
      fieldErrors: { password: "errors.passwordShort" },
    });
    expect(await state()).toEqual(before);
  });
});
