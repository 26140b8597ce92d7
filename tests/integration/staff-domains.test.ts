// Staff's domain list (lib/domains/staff-domains.ts): staff.customers only; search by name,
// customer or contract number; the expiring filter; a sync request queues a registrar job, audited.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/staff-domains
import { db } from "@/lib/db";
import { PermissionDenied } from "@/lib/auth/errors";
import { listDomainsForStaff, requestDomainSync, staffDomainListParamsSchema } from "@/lib/domains/staff-domains";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createDomain, createUser, unique } from "@/tests/helpers/factories";

const NOW = new Date("2035-01-10T10:00:00Z");
const params = (p: Record<string, string>) => staffDomainListParamsSchema.parse(p);

afterAll(async () => {
  await db.$disconnect();
});

describe("staff domains", () => {
  it("finds by name, customer or contract number, filters expiring ones, and queues a sync", async () => {
    const tag = unique("stf").replace(/[^a-z0-9]/g, "");
    const customer = await createCustomer(db, { name: `Kávéház ${tag}` });
    const soon = await createDomain(db, customer.id, { name: `${tag}-soon.hu`, status: "active", expiresAt: new Date("2035-01-25T00:00:00Z") });
    await createDomain(db, customer.id, { name: `${tag}-later.hu`, status: "active", expiresAt: new Date("2036-01-25T00:00:00Z") });
    const clerk = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
    const agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);

    expect((await listDomainsForStaff(clerk, params({ q: tag }), NOW)).items.map((d) => d.name).sort()).toEqual([`${tag}-later.hu`, `${tag}-soon.hu`]);
    expect((await listDomainsForStaff(clerk, params({ q: `kávéház ${tag}` }), NOW)).total).toBe(2);
    expect((await listDomainsForStaff(clerk, params({ q: customer.contractNumber.toLowerCase() }), NOW)).total).toBe(2);
    expect((await listDomainsForStaff(clerk, params({ q: tag, status: "expiring" }), NOW)).items.map((d) => d.name)).toEqual([`${tag}-soon.hu`]);

    await requestDomainSync(clerk, { domainId: soon.id });
    expect(await db.registrarJob.findFirstOrThrow({ where: { domainId: soon.id } })).toMatchObject({ operation: "sync", status: "queued", requestedByUserId: clerk.userId });
    expect(await db.auditEvent.count({ where: { targetId: soon.id, action: "domains.sync.requested", customerId: customer.id } })).toBe(1);
    await db.registrarJob.updateMany({ where: { domainId: soon.id }, data: { status: "failed" } });

    await expect(listDomainsForStaff(agent, params({}), NOW)).rejects.toBeInstanceOf(PermissionDenied);
    await expect(requestDomainSync(agent, { domainId: soon.id })).rejects.toBeInstanceOf(PermissionDenied);
    const owner = await createUser(db);
    await addMember(db, owner.id, customer.id, { preset: "owner" });
    await expect(listDomainsForStaff(await customerActorFor(owner.id, customer.id), params({}), NOW)).rejects.toBeInstanceOf(PermissionDenied);
  });
});
