// A customer's changes to a domain (lib/domains/manage.ts): auto-renew, lock and nameservers go
// through domains.manage for the customer's own active domain (lock and nameservers as registrar
// jobs, one lock change at a time); nameserver rules come back by field; the EPP code needs the
// password (or a 2FA code) in the same request, is audited without the code, and a wrong answer is
// refused and audited. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/domain-manage
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { BuiltinRegistry } from "@/lib/integrations/registrar";
import { DomainChangeError, requestLockChange, requestNameserverChange, revealEppCode, setAutoRenew } from "@/lib/domains/manage";
import { runDueRegistrarJobs } from "@/lib/domains/registrar-jobs";
import { customerActorFor } from "@/tests/helpers/actors";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomer, createDomain, createUser, unique } from "@/tests/helpers/factories";

const registry = new BuiltinRegistry({ delayMs: 0 });
const quiet = { warn: () => {}, error: () => {} };
const contact = { name: "Anna Kovács", email: "anna@example.hu", phone: "+36.15550142", street: "Fő utca 1", city: "Budapest", postcode: "1011", country: "HU" };
let owner: CustomerActor;
let billingContact: CustomerActor;
let other: CustomerActor;
let domain: { id: string; name: string };

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof DomainChangeError ? (e.field ? `${e.key}@${e.field}` : e.key) : e instanceof PermissionDenied ? "forbidden" : `unexpected: ${String(e)}`),
  );
const settle = () => db.registrarJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });

beforeAll(async () => {
  const customer = await createCustomer(db);
  const otherCustomer = await createCustomer(db);
  const [o, b, x] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
  await addMember(db, o.id, customer.id, { preset: "owner" });
  await addMember(db, b.id, customer.id, { preset: "billing" });
  await addMember(db, x.id, otherCustomer.id, { preset: "owner" });
  [owner, billingContact, other] = await Promise.all([customerActorFor(o.id, customer.id), customerActorFor(b.id, customer.id), customerActorFor(x.id, otherCustomer.id)]);
  const name = `${unique("manage").replace(/[^a-z0-9]/g, "")}.hu`;
  await registry.register(name, { years: 1, nameservers: [{ host: "ns1.portico.test" }, { host: "ns2.portico.test" }], contacts: { registrant: contact, admin: contact, tech: contact, billing: contact } });
  domain = await createDomain(db, customer.id, { name, status: "active" });
});
beforeEach(settle);
afterEach(settle);

afterAll(async () => {
  await db.$disconnect();
});

describe("auto-renew and lock", () => {
  it("switches auto-renew at once, audited; needs domains.manage and the customer's own domain", async () => {
    await setAutoRenew(owner, { domainId: domain.id, autoRenew: false });
    expect((await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).autoRenew).toBe(false);
    expect(await db.auditEvent.count({ where: { targetId: domain.id, action: "domains.auto_renew.disabled" } })).toBe(1);
    expect(await refusal(setAutoRenew(other, { domainId: domain.id, autoRenew: true }))).toBe("errors.notFound");
    expect(await refusal(setAutoRenew(billingContact, { domainId: domain.id, autoRenew: true }))).toBe("forbidden");
    expect((await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).autoRenew).toBe(false);
  });

  it("unlocks through a registrar job, one lock change at a time", async () => {
    expect(await refusal(requestLockChange(owner, { domainId: domain.id, locked: true }))).toBe("errors.alreadyLocked");
    await requestLockChange(owner, { domainId: domain.id, locked: false });
    expect(await refusal(requestLockChange(owner, { domainId: domain.id, locked: false }))).toBe("errors.changePending");
    await runDueRegistrarJobs({ registrar: () => registry, log: quiet });
    expect((await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).locked).toBe(false);
    expect((await registry.info(domain.name))?.locked).toBe(false);
  });
});

describe("nameservers", () => {
  it("checks the rules by field and queues a valid set", async () => {
    const ns = (...hosts: string[]) => ({ domainId: domain.id, nameservers: hosts.map((host) => ({ host, addresses: [] })) });
    expect(await refusal(requestNameserverChange(owner, ns("ns1.example.net")))).toBe("errors.nsTooFew@nameservers");
    expect(await refusal(requestNameserverChange(owner, ns("ns1.example.net", "not a host")))).toBe("errors.nsHost@nameservers.1");
    expect(await refusal(requestNameserverChange(owner, ns("ns1.example.net", `ns1.${domain.name}`)))).toBe("errors.nsGlueMissing@nameservers.1");
    await requestNameserverChange(owner, { domainId: domain.id, nameservers: [{ host: "ns1.example.net", addresses: [] }, { host: `ns2.${domain.name}`, addresses: ["192.0.2.53"] }, { host: "", addresses: [] }] });
    await runDueRegistrarJobs({ registrar: () => registry, log: quiet });
    expect((await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).nameservers).toEqual([{ host: "ns1.example.net" }, { host: `ns2.${domain.name}`, addresses: ["192.0.2.53"] }]);
    expect(await refusal(requestNameserverChange(other, ns("ns1.example.net", "ns2.example.net")))).toBe("errors.notFound");
  });
});

describe("EPP code", () => {
  it("is revealed only with the right password, audited without the code; a wrong password is refused and audited", async () => {
    expect(await refusal(revealEppCode(owner, { domainId: domain.id, password: "wrong-password" }, {}, { registrar: () => registry }))).toBe("errors.wrongPassword@password");
    expect(await refusal(revealEppCode(owner, { domainId: domain.id }, {}, { registrar: () => registry }))).toBe("errors.wrongPassword@password");
    const { code } = await revealEppCode(owner, { domainId: domain.id, password: DEFAULT_TEST_PASSWORD }, { ip: "203.0.113.5" }, { registrar: () => registry });
    expect(code).toBe(await registry.getAuthCode(domain.name));
    const events = await db.auditEvent.findMany({ where: { targetId: domain.id, action: { startsWith: "domains.epp_code." } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["domains.epp_code.refused", "domains.epp_code.refused", "domains.epp_code.revealed"]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(code);
    expect(await refusal(revealEppCode(other, { domainId: domain.id, password: DEFAULT_TEST_PASSWORD }, {}, { registrar: () => registry }))).toBe("errors.notFound");
    expect(await refusal(revealEppCode(billingContact, { domainId: domain.id, password: DEFAULT_TEST_PASSWORD }, {}, { registrar: () => registry }))).toBe("forbidden");
  });
});
