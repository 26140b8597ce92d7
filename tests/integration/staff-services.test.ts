// The staff side of services (/admin/services and /admin/settings/servers) against a real Postgres:
// the list's search, filters, sort and pages; the service page's data (jobs newest first, open
// cancellations, audit); module actions queue exactly one job per operation, refuse what the
// service's state does not allow, and leave an audit row with the customer's id; only staff with
// staff.services (servers: staff.settings) get anywhere; servers have unique host names and cannot
// be deleted while a service or product uses them.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/staff-services
import { ZodError } from "zod";
import { db } from "@/lib/db";
import type { Actor, CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { retryProvisioningJob } from "@/lib/services/provisioning-jobs";
import { createServer, deleteServer, getServerForStaff, listServersForStaff, updateServer } from "@/lib/services/staff-servers";
import { StaffServicesError, getServiceForStaff, listServicesForStaff, requestModuleAction } from "@/lib/services/staff-services";
import { type StaffServiceListParams, staffServiceListParamsSchema } from "@/lib/services/staff-services-schemas";
import type { ServiceKind, ServiceStatus } from "@/lib/generated/prisma/client";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { createCustomer, createCustomerWithOwner, createUser, unique } from "@/tests/helpers/factories";

let admin: StaffActor;
let agent: StaffActor;
let clerk: StaffActor;
let owner: CustomerActor;
let acme: { id: string; name: string; contractNumber: string };
let beta: { id: string; name: string; contractNumber: string };
let web: { id: string; hostname: string };
let vpsHost: { id: string; hostname: string };
const products: Record<"starter" | "pro" | "vps", { id: string; name: string }> = {} as never;
const tag = unique("svc").replace(/-/g, "");

async function makeProduct(kind: ServiceKind, name: string, serverId?: string) {
  return db.product.create({ data: { slug: unique(name.toLowerCase().replace(/\s+/g, "-")), kind, name, serverId }, select: { id: true, name: true } });
}

async function makeService(
  customerId: string,
  opts: { name: string; kind?: ServiceKind; status?: ServiceStatus; productId?: string; serverId?: string; domain?: string; username?: string; provisioningState?: "none" | "queued" | "failed" | "done"; createdAt?: Date },
) {
  return db.service.create({
    data: {
      customerId,
      name: opts.name,
      kind: opts.kind ?? "hosting",
      status: opts.status ?? "active",
      productId: opts.productId,
      serverId: opts.serverId,
      domain: opts.domain,
      username: opts.username,
      provisioningState: opts.provisioningState ?? "done",
      billingCycle: "monthly",
      recurringMinor: 990n,
      nextDueDate: new Date("2030-01-15"),
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
      ...(opts.status === "terminated" ? { terminatedAt: new Date() } : {}),
      ...(opts.status === "suspended" ? { suspendedAt: new Date(), suspendReason: "overdue" } : {}),
    },
    select: { id: true, customerId: true },
  });
}

const params = (over: Partial<StaffServiceListParams> = {}): StaffServiceListParams => ({ ...staffServiceListParamsSchema.parse({}), ...over });
const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();

let acmeWeb: { id: string; customerId: string };
let acmeVps: { id: string; customerId: string };
let betaSuspended: { id: string; customerId: string };
let betaGone: { id: string; customerId: string };

beforeAll(async () => {
  admin = await staffActorFor((await createUser(db, { staffRole: "administrator", name: "Ada Admin" })).id);
  agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
  clerk = await staffActorFor((await createUser(db, { staffRole: "billing_clerk" })).id);
  const mine = await createCustomerWithOwner(db);
  owner = await customerActorFor(mine.owner.id, mine.customer.id);
  acme = mine.customer;
  beta = await createCustomer(db, { name: `Beta Shop ${tag}` });

  web = await db.server.create({ data: { name: `Web ${tag}`, hostname: `web.${tag}.example.net` }, select: { id: true, hostname: true } });
  vpsHost = await db.server.create({ data: { name: `VPS ${tag}`, hostname: `vps.${tag}.example.net` }, select: { id: true, hostname: true } });
  products.starter = await makeProduct("hosting", `Starter ${tag}`);
  products.pro = await makeProduct("hosting", `Pro ${tag}`);
  products.vps = await makeProduct("vps", `VPS ${tag}`);

  acmeWeb = await makeService(acme.id, { name: `Hosting ${tag}`, productId: products.starter.id, serverId: web.id, domain: `acme-${tag}.test`, username: `acme${tag}`.slice(0, 16) });
  acmeVps = await makeService(acme.id, { name: `Cloud ${tag}`, kind: "vps", status: "pending", productId: products.vps.id, serverId: vpsHost.id, provisioningState: "none" });
  betaSuspended = await makeService(beta.id, { name: `Shop hosting ${tag}`, productId: products.starter.id, serverId: web.id, status: "suspended" });
  betaGone = await makeService(beta.id, { name: `Old shop ${tag}`, productId: products.pro.id, serverId: web.id, status: "terminated", provisioningState: "failed" });
});

describe("listServicesForStaff", () => {
  it("finds services by name, domain, username, customer name and contract number", async () => {
    const search = async (q: string) => names((await listServicesForStaff(admin, params({ q }))).items);
    expect(await search(`acme-${tag}`)).toEqual([`Hosting ${tag}`]);
    expect(await search(`acme${tag}`.slice(0, 16).toUpperCase())).toEqual([`Hosting ${tag}`]);
    expect(await search(`Old shop ${tag}`)).toEqual([`Old shop ${tag}`]);
    expect(await search(acme.contractNumber)).toEqual([`Cloud ${tag}`, `Hosting ${tag}`]);
    expect(await search(`Beta Shop ${tag}`)).toEqual([`Old shop ${tag}`, `Shop hosting ${tag}`]);
    expect(await search(acmeVps.id)).toEqual([`Cloud ${tag}`]);
    expect(await search(`nothing-${tag}`)).toEqual([]);
  });

  it("filters by status, kind, product, server, provisioning state and customer", async () => {
    const list = async (over: Partial<StaffServiceListParams>) => names((await listServicesForStaff(admin, params({ q: tag, ...over }))).items);
    expect(await list({ status: "suspended" })).toEqual([`Shop hosting ${tag}`]);
    expect(await list({ kind: "vps" })).toEqual([`Cloud ${tag}`]);
    expect(await list({ product: products.starter.id })).toEqual([`Hosting ${tag}`, `Shop hosting ${tag}`]);
    expect(await list({ server: vpsHost.id })).toEqual([`Cloud ${tag}`]);
    expect(await list({ provisioning: "failed" })).toEqual([`Old shop ${tag}`]);
    expect(await list({ provisioning: "none" })).toEqual([`Cloud ${tag}`]);
    expect(await list({ customer: beta.id, status: "terminated" })).toEqual([`Old shop ${tag}`]);
    const filtered = await listServicesForStaff(admin, params({ customer: beta.id }));
    expect(filtered.customer).toEqual({ id: beta.id, name: beta.name, contractNumber: beta.contractNumber });
    expect(filtered.options.servers.map((s) => s.id)).toEqual(expect.arrayContaining([web.id, vpsHost.id]));
    expect(filtered.options.products.map((p) => p.id)).toEqual(expect.arrayContaining([products.starter.id, products.pro.id, products.vps.id]));
  });

  it("falls back to defaults for nonsense in the URL", () => {
    expect(staffServiceListParamsSchema.parse({ status: "gone", kind: "boat", product: "x", server: "<script>", provisioning: "maybe", sort: "random", page: "-3" })).toEqual(params());
  });

  it("pages by 25, sorted as asked", async () => {
    const many = await createCustomer(db, { name: `Many ${tag}` });
    const base = Date.parse("2031-01-01T00:00:00Z");
    for (let i = 0; i < 27; i++) await makeService(many.id, { name: `Bulk ${String(i).padStart(2, "0")}`, createdAt: new Date(base + i * 60_000) });
    const first = await listServicesForStaff(admin, params({ customer: many.id }));
    expect([first.total, first.items.length, first.pageSize]).toEqual([27, 25, 25]);
    expect(first.items[0].name).toBe("Bulk 26");
    const second = await listServicesForStaff(admin, params({ customer: many.id, page: 2 }));
    expect(second.items.map((s) => s.name)).toEqual(["Bulk 01", "Bulk 00"]);
    const byName = await listServicesForStaff(admin, params({ customer: many.id, sort: "name", page: 2 }));
    expect(byName.items.map((s) => s.name)).toEqual(["Bulk 25", "Bulk 26"]);
  });
});

describe("getServiceForStaff", () => {
  it("returns the service with customer, product, server, jobs newest first, open cancellations and its audit", async () => {
    const service = await makeService(acme.id, { name: `Detail ${tag}`, productId: products.starter.id, serverId: web.id });
    await db.provisioningJob.create({ data: { serviceId: service.id, operation: "create", status: "done", attempts: 1, createdAt: new Date("2030-01-01T10:00:00Z"), finishedAt: new Date("2030-01-01T10:01:00Z") } });
    await db.provisioningJob.create({
      data: { serviceId: service.id, operation: "suspend", status: "failed", attempts: 6, lastError: "panel unavailable", requestedByUserId: admin.userId, createdAt: new Date("2030-02-01T10:00:00Z") },
    });
    await db.cancellationRequest.createMany({
      data: [
        { serviceId: service.id, customerId: acme.id, timing: "end_of_period", reason: "Moving to a VPS", effectiveOn: new Date("2030-03-01"), requestedByUserId: owner.userId },
        { serviceId: service.id, customerId: acme.id, timing: "immediate", reason: "Changed my mind", effectiveOn: new Date("2030-02-01"), status: "withdrawn" },
      ],
    });
    await db.auditEvent.create({ data: { action: "services.provisioning.create.done", customerId: acme.id, targetType: "service", targetId: service.id } });

    const detail = await getServiceForStaff(admin, service.id);
    expect(detail).not.toBeNull();
    expect(detail!.customer).toEqual({ id: acme.id, name: acme.name, contractNumber: acme.contractNumber, currency: "EUR" });
    expect(detail!.product?.id).toBe(products.starter.id);
    expect(detail!.server?.hostname).toBe(web.hostname);
    expect(detail!.jobs.map((j) => [j.operation, j.status, j.attempts, j.lastError, j.requestedBy, j.canRetry, j.canMarkDone])).toEqual([
      ["suspend", "failed", 6, "panel unavailable", "Ada Admin", true, true],
      ["create", "done", 1, null, null, false, false],
    ]);
    expect(detail!.cancellations.map((c) => [c.timing, c.reason])).toEqual([["end_of_period", "Moving to a VPS"]]);
    expect(detail!.audit.map((a) => a.action)).toEqual(["services.provisioning.create.done"]);
    // Another hosting product can be moved to; the current one and the VPS cannot.
    expect(detail!.packages.map((p) => p.id)).toContain(products.pro.id);
    expect(detail!.packages.map((p) => p.id)).not.toContain(products.starter.id);
    expect(detail!.packages.map((p) => p.id)).not.toContain(products.vps.id);
    expect(detail!.refusals).toEqual({ create: "errors.createNotPending", suspend: null, unsuspend: "errors.notSuspended", terminate: null, change_package: null });
  });

  it("is null for a malformed or unknown id", async () => {
    await expect(getServiceForStaff(admin, "not-a-uuid")).resolves.toBeNull();
    await expect(getServiceForStaff(admin, "00000000-0000-4000-8000-000000000000")).resolves.toBeNull();
  });
});

describe("requestModuleAction", () => {
  const jobsOf = (serviceId: string) => db.provisioningJob.findMany({ where: { serviceId }, orderBy: { createdAt: "asc" } });
  const auditsOf = (serviceId: string) => db.auditEvent.findMany({ where: { targetType: "service", targetId: serviceId, action: "services.module.requested" } });

  it("suspends with a staff reason: one job, a second request returns the same job, one audit row with the customer", async () => {
    const service = await makeService(acme.id, { name: `Suspend me ${tag}`, productId: products.starter.id, serverId: web.id });
    const first = await requestModuleAction(admin, { serviceId: service.id, operation: "suspend", reason: "abuse: spam run" }, { ip: "203.0.113.9", userAgent: "jest" });
    expect(first.created).toBe(true);
    const again = await requestModuleAction(admin, { serviceId: service.id, operation: "suspend", reason: "again" });
    expect(again).toEqual({ jobId: first.jobId, created: false });

    const jobs = await jobsOf(service.id);
    expect(jobs.map((j) => [j.id, j.operation, j.status, j.payload, j.requestedByUserId])).toEqual([[first.jobId, "suspend", "queued", { reason: "staff: abuse: spam run" }, admin.userId]]);
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).provisioningState).toBe("queued");
    const audits = await auditsOf(service.id);
    expect(audits.map((a) => [a.customerId, a.actorUserId, a.ip, a.data])).toEqual([[acme.id, admin.userId, "203.0.113.9", { operation: "suspend", jobId: first.jobId, reason: "abuse: spam run" }]]);
  });

  it("queues a new job once the previous one for the operation has ended", async () => {
    const service = await makeService(acme.id, { name: `Twice ${tag}`, serverId: web.id });
    const first = await requestModuleAction(admin, { serviceId: service.id, operation: "terminate" });
    await db.provisioningJob.update({ where: { id: first.jobId }, data: { status: "failed" } });
    const second = await requestModuleAction(admin, { serviceId: service.id, operation: "terminate" });
    expect(second.created).toBe(true);
    expect(second.jobId).not.toBe(first.jobId);
  });

  it("two requests at the same moment queue one job", async () => {
    const service = await makeService(acme.id, { name: `Race ${tag}`, serverId: web.id });
    const results = await Promise.all([0, 1, 2].map(() => requestModuleAction(admin, { serviceId: service.id, operation: "terminate" })));
    expect(new Set(results.map((r) => r.jobId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await jobsOf(service.id)).toHaveLength(1);
  });

  it("creates a pending service once, with the order's idempotency key", async () => {
    const first = await requestModuleAction(admin, { serviceId: acmeVps.id, operation: "create" });
    const again = await requestModuleAction(admin, { serviceId: acmeVps.id, operation: "create" });
    expect(again.jobId).toBe(first.jobId);
    const jobs = await jobsOf(acmeVps.id);
    expect(jobs.map((j) => [j.operation, j.idempotencyKey])).toEqual([["create", `create:${acmeVps.id}`]]);
  });

  it("changes the package to a product of the same kind only", async () => {
    await expect(requestModuleAction(admin, { serviceId: acmeWeb.id, operation: "change_package", productId: products.vps.id })).rejects.toMatchObject({ key: "errors.productKind", field: "productId" });
    await expect(requestModuleAction(admin, { serviceId: acmeWeb.id, operation: "change_package", productId: products.starter.id })).rejects.toMatchObject({ key: "errors.productSame" });
    await expect(requestModuleAction(admin, { serviceId: acmeWeb.id, operation: "change_package" })).rejects.toBeInstanceOf(ZodError);
    const ok = await requestModuleAction(admin, { serviceId: acmeWeb.id, operation: "change_package", productId: products.pro.id });
    const job = await db.provisioningJob.findUniqueOrThrow({ where: { id: ok.jobId } });
    expect([job.operation, job.payload]).toEqual(["change_package", { productId: products.pro.id }]);
  });

  it("refuses what the service's state does not allow, and queues nothing", async () => {
    const before = await db.provisioningJob.count({ where: { serviceId: { in: [betaGone.id, betaSuspended.id, acmeWeb.id] } } });
    const refusal = (serviceId: string, operation: "create" | "suspend" | "unsuspend" | "terminate" | "change_package", extra: { reason?: string; productId?: string } = {}) =>
      requestModuleAction(admin, { serviceId, operation, ...extra }).then(
        () => "queued",
        (error: unknown) => (error instanceof StaffServicesError ? error.key : String(error)),
      );
    expect(await refusal(betaGone.id, "suspend", { reason: "abuse" })).toBe("errors.terminated");
    expect(await refusal(betaGone.id, "terminate")).toBe("errors.terminated");
    expect(await refusal(betaSuspended.id, "suspend", { reason: "abuse" })).toBe("errors.alreadySuspended");
    expect(await refusal(betaSuspended.id, "change_package", { productId: products.pro.id })).toBe("errors.changeNeedsActive");
    expect(await refusal(acmeWeb.id, "unsuspend")).toBe("errors.notSuspended");
    expect(await refusal(acmeWeb.id, "create")).toBe("errors.createNotPending");
    expect(await refusal("00000000-0000-4000-8000-000000000000", "terminate")).toBe("errors.notFound");
    // A suspension needs a reason.
    await expect(requestModuleAction(admin, { serviceId: acmeWeb.id, operation: "suspend" })).rejects.toBeInstanceOf(ZodError);
    await expect(requestModuleAction(admin, { serviceId: acmeWeb.id, operation: "suspend", reason: "  " })).rejects.toBeInstanceOf(ZodError);
    expect(await db.provisioningJob.count({ where: { serviceId: { in: [betaGone.id, betaSuspended.id, acmeWeb.id] } } })).toBe(before);
  });
});

describe("permissions", () => {
  it("every services function refuses staff without staff.services and customers, changing nothing", async () => {
    const jobsBefore = await db.provisioningJob.count();
    const auditBefore = await db.auditEvent.count();
    for (const actor of [agent, clerk, owner] as Actor[]) {
      await expect(listServicesForStaff(actor, params())).rejects.toBeInstanceOf(PermissionDenied);
      await expect(getServiceForStaff(actor, acmeWeb.id)).rejects.toBeInstanceOf(PermissionDenied);
      await expect(requestModuleAction(actor, { serviceId: acmeWeb.id, operation: "terminate" })).rejects.toBeInstanceOf(PermissionDenied);
    }
    expect(await db.provisioningJob.count()).toBe(jobsBefore);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("the job buttons' functions refuse staff without staff.services", async () => {
    const job = await db.provisioningJob.create({ data: { serviceId: betaSuspended.id, operation: "unsuspend", status: "failed", attempts: 6, lastError: "boom" } });
    await expect(retryProvisioningJob(agent, job.id)).rejects.toBeInstanceOf(PermissionDenied);
    await retryProvisioningJob(admin, job.id);
    expect((await db.provisioningJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("queued");
    const detail = await getServiceForStaff(admin, betaSuspended.id);
    expect(detail!.jobs.find((j) => j.id === job.id)).toMatchObject({ canRetry: false, canMarkDone: true });
  });

  it("servers need staff.settings", async () => {
    for (const actor of [agent, clerk, owner] as Actor[]) {
      await expect(listServersForStaff(actor)).rejects.toBeInstanceOf(PermissionDenied);
      await expect(getServerForStaff(actor, web.id)).rejects.toBeInstanceOf(PermissionDenied);
      await expect(createServer(actor, { name: "Sneaky", hostname: `sneaky.${tag}.example.net`, location: "", module: "builtin" })).rejects.toBeInstanceOf(PermissionDenied);
      await expect(updateServer(actor, { id: web.id, name: "Sneaky", hostname: web.hostname, location: "", module: "builtin" })).rejects.toBeInstanceOf(PermissionDenied);
      await expect(deleteServer(actor, vpsHost.id)).rejects.toBeInstanceOf(PermissionDenied);
    }
    expect(await db.server.count({ where: { hostname: `sneaky.${tag}.example.net` } })).toBe(0);
    expect((await db.server.findUniqueOrThrow({ where: { id: web.id } })).name).toBe(`Web ${tag}`);
  });
});

describe("servers", () => {
  it("creates, lists and edits a server, with a unique host name (any case) and audit rows", async () => {
    const hostname = `Mail-01.${tag}.Example.net`;
    const { id } = await createServer(admin, { name: " Mail 01 ", hostname, location: "Bratislava DC2", module: "builtin" }, { ip: "203.0.113.7" });
    const row = await getServerForStaff(admin, id);
    expect(row).toMatchObject({ name: "Mail 01", hostname: hostname.toLowerCase(), location: "Bratislava DC2", module: "builtin", serviceCount: 0, productCount: 0, deletable: true });

    await expect(createServer(admin, { name: "Copy", hostname: hostname.toUpperCase(), location: "", module: "builtin" })).rejects.toMatchObject({ key: "servers.errors.hostnameTaken", field: "hostname" });
    await expect(updateServer(admin, { id, name: "Mail 01", hostname: web.hostname, location: "", module: "builtin" })).rejects.toMatchObject({ key: "servers.errors.hostnameTaken" });
    for (const bad of ["localhost", "-web.example.net", "web..example.net", "10.0.0.1", "web_01.example.net", "web.example.net.", ""]) {
      await expect(createServer(admin, { name: "Bad", hostname: bad, location: "", module: "builtin" })).rejects.toBeInstanceOf(ZodError);
    }
    await expect(createServer(admin, { name: "Bad", hostname: `ok.${tag}.example.net`, location: "", module: "cpanel" as never })).rejects.toBeInstanceOf(ZodError);

    await updateServer(admin, { id, name: "Mail 02", hostname: `mail-02.${tag}.example.net`, location: "", module: "builtin" });
    expect(await getServerForStaff(admin, id)).toMatchObject({ name: "Mail 02", hostname: `mail-02.${tag}.example.net`, location: null });

    const listed = await listServersForStaff(admin);
    expect(listed.find((s) => s.id === web.id)).toMatchObject({ serviceCount: expect.any(Number), deletable: false });
    expect(listed.find((s) => s.id === id)).toMatchObject({ deletable: true });

    const audits = await db.auditEvent.findMany({ where: { targetType: "server", targetId: id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.action, a.actorUserId, a.customerId])).toEqual([
      ["services.server.created", admin.userId, null],
      ["services.server.updated", admin.userId, null],
    ]);
    expect(audits[0].ip).toBe("203.0.113.7");
    expect(audits[1].data).toMatchObject({ before: { name: "Mail 01" }, after: { name: "Mail 02", location: null } });
  });

  it("refuses to delete a server a service or a product uses; deletes an unused one", async () => {
    await expect(deleteServer(admin, web.id)).rejects.toMatchObject({ key: "servers.errors.inUse" });

    const spare = await createServer(admin, { name: "Spare", hostname: `spare.${tag}.example.net`, location: "", module: "builtin" });
    const product = await makeProduct("hosting", `On spare ${tag}`, spare.id);
    await expect(deleteServer(admin, spare.id)).rejects.toMatchObject({ key: "servers.errors.inUse" });
    expect(await getServerForStaff(admin, spare.id)).toMatchObject({ productCount: 1, deletable: false });
    await db.product.update({ where: { id: product.id }, data: { serverId: null } });

    await deleteServer(admin, spare.id, { ip: "203.0.113.8" });
    expect(await db.server.findUnique({ where: { id: spare.id } })).toBeNull();
    await expect(deleteServer(admin, spare.id)).rejects.toMatchObject({ key: "servers.errors.notFound" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "services.server.deleted", targetId: spare.id } });
    expect(audit.data).toMatchObject({ hostname: `spare.${tag}.example.net` });
  });
});
