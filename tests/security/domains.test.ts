// Domains and DNS over HTTP and in-process (issue 6): another customer's domain page, zone, zone
// export and contacts answer 404; every domain and DNS server action without a session goes to sign-in, as
// another customer's owner finds nothing, as the Billing preset is refused; a technical contact
// without dns.manage cannot change a record, one without domains.manage sees the contacts read-only
// and cannot save them. Nothing changes in any of these cases.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { addMember, createUser } from "@/tests/helpers/factories";
import { get, sessionCookie } from "@/tests/helpers/http-login";
import * as domainActions from "@/app/(portal)/domains/[id]/actions";
import * as dnsActions from "@/app/(portal)/domains/[id]/dns/actions";
import * as contactsActions from "@/app/(portal)/domains/[id]/contacts/actions";
import { verifiedSessionId } from "@/tests/helpers/sessions";

const mockSessionId: { current: string | null } = { current: null };
jest.mock("@/lib/auth/auth", () => ({ auth: async () => (mockSessionId.current ? { sid: mockSessionId.current } : null) }));
jest.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "203.0.113.64", userAgent: "security-test" }) }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

describe("domains and DNS", () => {
  let domainId: string;
  let noDnsUserEmail: string;
  let viewOnlyUserEmail: string;

  beforeAll(async () => {
    const acme = await db.customer.findUniqueOrThrow({ where: { contractNumber: "C-1001" }, select: { id: true } });
    domainId = (await db.domain.findUniqueOrThrow({ where: { name: "acme-studio.vn" }, select: { id: true } })).id;
    // A technical contact of Acme who may see domains but not change DNS.
    const user = await createUser(db, { password: DEMO_PASSWORD });
    await addMember(db, user.id, acme.id, { preset: "technical", permissions: ["services.view", "domains.view", "domains.manage", "tickets.view"] });
    noDnsUserEmail = user.email;
    // One who may see domains and their contacts but not change them.
    const viewer = await createUser(db, { password: DEMO_PASSWORD });
    await addMember(db, viewer.id, acme.id, { preset: "technical", permissions: ["services.view", "domains.view", "tickets.view"] });
    viewOnlyUserEmail = viewer.email;
  });

  describe("pages over HTTP", () => {
    it("answer 404 to another customer for the domain, its zone and the zone file", async () => {
      const cookie = await sessionCookie("other@demo.portico.test", DEMO_PASSWORD);
      for (const path of [`/domains/${domainId}`, `/domains/${domainId}/dns`, `/domains/${domainId}/dns/export`, `/domains/${randomUUID()}/dns`, `/domains/${domainId}/contacts`, `/domains/${randomUUID()}/contacts`]) {
        const res = await get(path, cookie);
        expect([path, res.status]).toEqual([path, 404]);
        expect(await res.text()).not.toContain("203.0.113.");
      }
    });

    it("show a contact without dns.manage the zone read-only", async () => {
      const cookie = await sessionCookie(noDnsUserEmail, DEMO_PASSWORD);
      const res = await get(`/domains/${domainId}/dns`, cookie);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("changing them needs the DNS permission");
      expect(html).not.toContain('data-testid="save-zone"');
    });

    it("show a contact without domains.manage the contacts read-only", async () => {
      const cookie = await sessionCookie(viewOnlyUserEmail, DEMO_PASSWORD);
      const res = await get(`/domains/${domainId}/contacts`, cookie);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('data-testid="contacts-read-only"');
      expect(html).not.toContain('data-testid="save-contacts"');
    });
  });

  describe("server actions", () => {
    afterEach(() => {
      mockSessionId.current = null;
    });

    const contact = { name: "Mallory", organization: "", email: "mallory@evil.example", phone: "+84 28 3823 4567", street: "1 Evil St", city: "Hanoi", postcode: "100000", country: "VN" };
    const contactsSave = () => contactsActions.saveDomainContactsAction({ domainId, saveId: randomUUID(), registrant: contact, admin: { sameAsRegistrant: true }, tech: { sameAsRegistrant: true }, billing: { sameAsRegistrant: true } });
    const zoneSave = () => dnsActions.saveZoneAction({ domainId, serial: "0", records: [{ name: "evil", type: "A", ttl: 300, content: "203.0.113.66", priority: "" }] });
    const calls = (): [name: string, call: () => Promise<unknown>][] => [
      ["saveZoneAction", zoneSave],
      ["previewImportAction", () => dnsActions.previewImportAction({ domainId, text: "evil IN A 203.0.113.66" })],
      ["setAutoRenewAction", () => domainActions.setAutoRenewAction({ domainId, autoRenew: false })],
      ["setLockAction", () => domainActions.setLockAction({ domainId, locked: false })],
      ["setNameserversAction", () => domainActions.setNameserversAction({ domainId, nameservers: [{ host: "ns1.evil.example", addresses: [] }, { host: "ns2.evil.example", addresses: [] }] })],
      ["revealEppCodeAction", () => domainActions.revealEppCodeAction({ domainId, password: DEMO_PASSWORD })],
      ["saveDomainContactsAction", contactsSave],
    ];

    const state = async () => ({
      domain: await db.domain.findUniqueOrThrow({ where: { id: domainId }, select: { autoRenew: true, locked: true, nameservers: true } }),
      zones: await db.dnsZone.count({ where: { name: "acme-studio.vn" } }),
      records: await db.dnsRecord.count({ where: { zone: { name: "acme-studio.vn" } } }),
      jobs: await db.registrarJob.count({ where: { domainId } }),
      revealed: await db.auditEvent.count({ where: { targetId: domainId, action: "domains.epp_code.revealed" } }),
      contacts: await db.domainContact.findMany({ where: { domainId }, orderBy: { role: "asc" }, omit: { id: true, updatedAt: true } }),
    });

    it("covers every exported server action", () => {
      expect(calls().map(([name]) => name).sort()).toEqual([...Object.keys(dnsActions), ...Object.keys(domainActions), ...Object.keys(contactsActions)].sort());
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

    it("another customer finds nothing, the Billing preset is refused, a contact without dns.manage cannot save; nothing changes", async () => {
      const before = await state();
      mockSessionId.current = await verifiedSessionId("other@demo.portico.test");
      for (const [name, call] of calls()) expect([name, await call()]).toMatchObject([name, { ok: false, error: "errors.notFound" }]);
      mockSessionId.current = await verifiedSessionId("billing@demo.portico.test");
      for (const [name, call] of calls()) expect([name, await call()]).toEqual([name, { ok: false, error: "errors.forbidden" }]);
      mockSessionId.current = await verifiedSessionId(noDnsUserEmail);
      expect(await zoneSave()).toEqual({ ok: false, error: "errors.forbidden" });
      expect(await dnsActions.previewImportAction({ domainId, text: "x IN A 192.0.2.1" })).toEqual({ ok: false, error: "errors.forbidden" });
      mockSessionId.current = await verifiedSessionId(viewOnlyUserEmail);
      expect(await contactsSave()).toEqual({ ok: false, error: "errors.forbidden" });
      expect(await state()).toEqual(before);
    });
  });
});
