// A domain's contacts (lib/domains/contacts.ts): the page's data comes from the customer's details
// until the first save; a save (domains.manage, the customer's own active domain) writes the four
// rows in one transaction, queues one set_contacts job (one per save, also when sent twice) and
// audits which roles changed with old and new values; the job hands the set to the registry. A bad
// field, another customer's domain, a domain that is not active or a user without domains.manage
// change nothing. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/domain-contacts
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { BuiltinRegistry, type ContactSet } from "@/lib/integrations/registrar";
import { DomainContactsError, contactsFromCustomer, getDomainContacts, saveDomainContacts } from "@/lib/domains/contacts";
import { runDueRegistrarJobs } from "@/lib/domains/registrar-jobs";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createDomain, createUser, unique } from "@/tests/helpers/factories";

/** The sandbox registry does not keep contacts; this one also remembers what it was sent. */
class RecordingRegistry extends BuiltinRegistry {
  readonly sent: { name: string; contacts: ContactSet }[] = [];
  async setContacts(name: string, contacts: ContactSet): Promise<void> {
    await super.setContacts(name, contacts);
    this.sent.push({ name, contacts });
  }
}

const registry = new RecordingRegistry({ delayMs: 0 });
const quiet = { warn: () => {}, error: () => {} };
const anna = { name: "Anna Kovács", organization: "Acme Kft.", email: "anna@example.hu", phone: "+36 1 555 0142", street: "Váci utca 42", city: "Budapest", postcode: "1056", country: "HU" };
const tom = { name: "Tom Tech", organization: "", email: "tom@example.hu", phone: "+36 30 123 4567", street: "Fő utca 1", city: "Budapest", postcode: "1011", country: "HU" };

let owner: CustomerActor;
let viewer: CustomerActor;
let other: CustomerActor;
let domain: { id: string; name: string };
let pendingDomain: { id: string };

const form = (overrides: Record<string, unknown> = {}) => ({
  domainId: domain.id,
  saveId: randomUUID(),
  registrant: anna,
  admin: { sameAsRegistrant: true },
  tech: { sameAsRegistrant: false, ...tom },
  billing: { sameAsRegistrant: true },
  ...overrides,
});
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof DomainContactsError ? (e.fieldErrors && Object.keys(e.fieldErrors).length ? `${e.key} ${JSON.stringify(e.fieldErrors)}` : e.key) : e instanceof PermissionDenied ? "forbidden" : `unexpected: ${String(e)}`),
  );
const state = async () => ({
  contacts: await db.domainContact.findMany({ where: { domainId: domain.id }, orderBy: { role: "asc" }, omit: { id: true, updatedAt: true } }),
  jobs: await db.registrarJob.count({ where: { domainId: domain.id } }),
  audits: await db.auditEvent.count({ where: { targetId: domain.id } }),
});

beforeAll(async () => {
  const customer = await createCustomer(db, { name: "Acme Kft.", email: "office@acme.example", phone: "+36 1 555 0142", addressLine1: "Váci utca 42", city: "Budapest", postcode: "1056", country: "HU" });
  const otherCustomer = await createCustomer(db);
  const [o, v, x] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
  await addMember(db, o.id, customer.id, { preset: "owner" });
  await addMember(db, v.id, customer.id, { preset: "technical", permissions: ["services.view", "domains.view", "tickets.view"] });
  await addMember(db, x.id, otherCustomer.id, { preset: "owner" });
  [owner, viewer, other] = await Promise.all([customerActorFor(o.id, customer.id), customerActorFor(v.id, customer.id), customerActorFor(x.id, otherCustomer.id)]);
  const name = `${unique("contacts").replace(/[^a-z0-9]/g, "")}.hu`;
  await registry.register(name, { years: 1, nameservers: [{ host: "ns1.portico.test" }, { host: "ns2.portico.test" }], contacts: { registrant: anna, admin: anna, tech: anna, billing: anna } });
  domain = await createDomain(db, customer.id, { name, status: "active" });
  pendingDomain = await createDomain(db, customer.id, { name: `${unique("pending").replace(/[^a-z0-9]/g, "")}.hu`, status: "pending_registration", expiresAt: null });
});

// The runner acts on every due job of the worker's database (other test files and the demo seed
// share it): none of theirs may be due when a test here runs the jobs.
const settleDueJobs = () => db.registrarJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });
beforeEach(settleDueJobs);
afterEach(settleDueJobs);

afterAll(async () => {
  await db.$disconnect();
});

describe("contacts from the customer", () => {
  it("fills a new domain's contacts from the account, in the registry's formats, leaving missing details empty", () => {
    expect(contactsFromCustomer({ name: "Acme Studio", email: "hello@acme.example", phone: "+84 28 3823 4567", addressLine1: "12 Nguyễn Huệ", city: "Ho Chi Minh City", postcode: "700000", country: "VN" })).toEqual({
      name: "Acme Studio",
      organization: "Acme Studio",
      email: "hello@acme.example",
      phone: "+84.2838234567",
      street: "12 Nguyễn Huệ",
      city: "Ho Chi Minh City",
      postcode: "700000",
      country: "VN",
    });
    expect(contactsFromCustomer({ name: "Beta", email: "b@beta.example", phone: null, addressLine1: null, city: null, postcode: "81106", country: "sk" })).toEqual({
      name: "Beta",
      organization: "Beta",
      email: "b@beta.example",
      phone: "",
      street: "",
      city: "",
      postcode: "811 06",
      country: "SK",
    });
  });

  it("is what the page shows before the first save", async () => {
    const view = await getDomainContacts(owner, domain.id);
    expect(view).toMatchObject({ stored: false, pending: false, canEdit: true, sameAsRegistrant: { admin: true, tech: true, billing: true } });
    expect(view!.contacts.tech).toEqual({ name: "Acme Kft.", organization: "Acme Kft.", email: "office@acme.example", phone: "+36.15550142", street: "Váci utca 42", city: "Budapest", postcode: "1056", country: "HU" });
    expect(await getDomainContacts(viewer, domain.id)).toMatchObject({ canEdit: false });
    expect(await getDomainContacts(other, domain.id)).toBeNull();
    expect(await getDomainContacts(owner, "not-a-uuid")).toBeNull();
    expect(await getDomainContacts(owner, pendingDomain.id)).toMatchObject({ canEdit: false });
  });
});

describe("saving", () => {
  it("writes the four rows, queues one set_contacts job per save, audits, and the job hands them to the registry", async () => {
    const input = form();
    const first = await saveDomainContacts(owner, input, { ip: "203.0.113.9", userAgent: "jest" });
    expect(first.changedRoles).toEqual(["registrant", "admin", "tech", "billing"]);
    const rows = await db.domainContact.findMany({ where: { domainId: domain.id } });
    expect(rows).toHaveLength(4);
    const byRole = Object.fromEntries(rows.map((r) => [r.role, r]));
    expect(byRole.registrant).toMatchObject({ name: "Anna Kovács", organization: "Acme Kft.", phone: "+36.15550142", postcode: "1056", country: "HU" });
    expect(byRole.admin).toMatchObject({ name: "Anna Kovács", email: "anna@example.hu", phone: "+36.15550142" });
    expect(byRole.tech).toMatchObject({ name: "Tom Tech", organization: null, phone: "+36.301234567" });

    // The same save again (a double click) changes nothing and finds the same job.
    expect(await saveDomainContacts(owner, input)).toEqual({ changedRoles: [], jobId: first.jobId });
    const jobs = await db.registrarJob.findMany({ where: { domainId: domain.id, operation: "set_contacts" } });
    expect(jobs.map((j) => [j.id, j.status, j.requestedByUserId])).toEqual([[first.jobId, "queued", owner.userId]]);
    const audits = await db.auditEvent.findMany({ where: { targetId: domain.id, action: "domains.contacts.requested" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: owner.userId, customerId: owner.customerId, ip: "203.0.113.9" });
    expect(audits[0].data).toMatchObject({ name: domain.name, jobId: first.jobId, roles: ["registrant", "admin", "tech", "billing"], changes: { tech: { phone: { from: null, to: "+36.301234567" } } } });
    expect(await getDomainContacts(owner, domain.id)).toMatchObject({ stored: true, pending: true, sameAsRegistrant: { admin: true, tech: false, billing: true } });

    expect(await runDueRegistrarJobs({ registrar: () => registry, log: quiet })).toMatchObject({ done: 1, failed: 0 });
    expect(await db.registrarJob.findUniqueOrThrow({ where: { id: first.jobId! } })).toMatchObject({ status: "done" });
    expect(registry.sent).toEqual([{ name: domain.name, contacts: expect.objectContaining({ tech: expect.objectContaining({ name: "Tom Tech", phone: "+36.301234567" }), billing: expect.objectContaining({ name: "Anna Kovács" }) }) }]);
    expect(await getDomainContacts(owner, domain.id)).toMatchObject({ pending: false });
  });

  it("audits only the roles and fields that changed, old → new", async () => {
    const before = await db.registrarJob.count({ where: { domainId: domain.id } });
    const result = await saveDomainContacts(owner, form({ tech: { sameAsRegistrant: false, ...tom, phone: "+36 30 765 4321" } }));
    expect(result.changedRoles).toEqual(["tech"]);
    expect(await db.registrarJob.count({ where: { domainId: domain.id } })).toBe(before + 1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: domain.id, action: "domains.contacts.requested" }, orderBy: { createdAt: "desc" } });
    expect(audit.data).toEqual({ name: domain.name, jobId: result.jobId, roles: ["tech"], changes: { tech: { phone: { from: "+36.301234567", to: "+36.307654321" } } } });
    await runDueRegistrarJobs({ registrar: () => registry, log: quiet });
  });

  it("a bad field changes nothing and comes back by field", async () => {
    const before = await state();
    expect(await refusal(saveDomainContacts(owner, form({ registrant: { ...anna, email: "anna@" }, tech: { sameAsRegistrant: false, ...tom, phone: "06 30 123 4567", postcode: "811 06" } })))).toBe(
      `errors.invalidForm ${JSON.stringify({ "registrant.email": "errors.email", "tech.phone": "errors.phoneInternational", "tech.postcode": "errors.postcode.HU" })}`,
    );
    expect(await state()).toEqual(before);
  });

  it("another customer finds nothing, a user without domains.manage is refused, a domain that is not active says so; nothing changes", async () => {
    const before = await state();
    expect(await refusal(saveDomainContacts(other, form()))).toBe("errors.notFound");
    expect(await refusal(saveDomainContacts(other, form({ domainId: randomUUID() })))).toBe("errors.notFound");
    expect(await refusal(saveDomainContacts(viewer, form({ registrant: { ...anna, name: "Mallory" } })))).toBe("forbidden");
    expect(await refusal(saveDomainContacts(owner, form({ domainId: pendingDomain.id })))).toBe("errors.notActive");
    expect(await state()).toEqual(before);
    expect(await db.domainContact.count({ where: { domainId: pendingDomain.id } })).toBe(0);
  });
});
