// Cancellation requests: the request sets Service.cancelAt so the renewal run bills nothing more;
// one open request per service even when two arrive at once; withdrawing; staff approving (an
// immediate one queues terminate at once, an end-of-period one on its date, once) and rejecting;
// the confirmation and decision emails; and who may do what.
import { db } from "@/lib/db";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { runRenewalBilling } from "@/lib/billing/billing-run";
import {
  CancellationError,
  getCancellationState,
  listCancellationRequests,
  processCancellation,
  requestCancellation,
  runDueCancellations,
  withdrawCancellation,
} from "@/lib/services/cancellation";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

// This file's services renew in 2037, so other files' billing runs and invoice numbers are untouched.
const NOW = new Date("2037-05-10T10:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const REASON = "We are moving our websites to another provider.";
const quiet = { warn() {}, error() {} };

let owner: CustomerActor;
let tech: CustomerActor;
let billingContact: CustomerActor;
let otherOwner: CustomerActor;
let admin: StaffActor;
let agent: StaffActor;
let customerId: string;
let productId: string;

const newService = (cid = customerId) =>
  db.service.create({
    data: { customerId: cid, kind: "hosting", name: "Web Hosting Business", label: unique("site"), status: "active", productId, billingCycle: "monthly", recurringMinor: 999n, nextDueDate: day("2037-05-20"), billingAnchorDay: 20 },
  });

beforeAll(async () => {
  await db.taxRate.createMany({ data: [{ country: "SK", rateBp: 2300 }], skipDuplicates: true });
  productId = (await db.product.create({ data: { slug: unique("p"), kind: "hosting", name: "Web Hosting Business" } })).id;
  const customer = await createCustomer(db, { currency: "EUR", country: "SK" });
  customerId = customer.id;
  const ownerUser = await createUser(db);
  const techUser = await createUser(db, { locale: "sk" });
  const billingUser = await createUser(db);
  await addMember(db, ownerUser.id, customerId, { preset: "owner" });
  await addMember(db, techUser.id, customerId, { preset: "technical" });
  await addMember(db, billingUser.id, customerId, { preset: "billing" });
  owner = await customerActorFor(ownerUser.id, customerId);
  tech = await customerActorFor(techUser.id, customerId);
  billingContact = await customerActorFor(billingUser.id, customerId);
  const other = await createCustomer(db);
  const otherUser = await createUser(db);
  await addMember(db, otherUser.id, other.id, { preset: "owner" });
  otherOwner = await customerActorFor(otherUser.id, other.id);
  admin = await staffActorFor((await createUser(db, { staffRole: "administrator" })).id);
  agent = await staffActorFor((await createUser(db, { staffRole: "support_agent" })).id);
});

const jobsOf = (serviceId: string) => db.provisioningJob.findMany({ where: { serviceId } });
const linesOf = (serviceId: string) => db.invoiceLine.count({ where: { serviceId } });

describe("requestCancellation", () => {
  it("at the end of the period: cancelAt is the next due date and the renewal run bills nothing for it", async () => {
    const cancelled = await newService();
    const control = await newService();
    const { requestId, effectiveOn } = await requestCancellation(tech, { serviceId: cancelled.id, timing: "end_of_period", reason: REASON }, { now: NOW });
    expect(effectiveOn).toEqual(day("2037-05-20"));
    expect(await db.service.findUniqueOrThrow({ where: { id: cancelled.id } })).toMatchObject({ cancelAt: day("2037-05-20"), status: "active" });
    expect(await db.cancellationRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "requested", timing: "end_of_period", reason: REASON, requestedByUserId: tech.userId, customerId });

    const run = await runRenewalBilling({ now: NOW, daysAhead: 14, log: quiet });
    expect(run.failed).toBe(0);
    expect(await linesOf(cancelled.id)).toBe(0);
    expect(await linesOf(control.id)).toBe(1);

    // The requester (in Slovak) and the owner are told; the billing contact is not.
    const emails = await db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `cancellation:${requestId}:requested:` } } });
    expect(emails.map((e) => e.userId).sort()).toEqual([owner.userId, tech.userId].sort());
    expect(emails.find((e) => e.userId === tech.userId)?.subject).toContain("Žiadosť o zrušenie");
    expect(emails.find((e) => e.userId === owner.userId)?.textBody).toContain("May 19, 2037");
    expect(await db.auditEvent.count({ where: { action: "services.cancellation.requested", targetId: cancelled.id, customerId } })).toBe(1);

    const state = await getCancellationState(owner, cancelled.id, { now: NOW });
    expect(state).toMatchObject({ open: { id: requestId }, canRequest: false });
  });

  it("one open request per service, even when two arrive at once", async () => {
    const service = await newService();
    const results = await Promise.allSettled([
      requestCancellation(owner, { serviceId: service.id, timing: "immediate", reason: REASON }, { now: NOW }),
      requestCancellation(tech, { serviceId: service.id, timing: "end_of_period", reason: REASON }, { now: NOW }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ key: "cancel.errors.alreadyRequested" });
    expect(await db.cancellationRequest.count({ where: { serviceId: service.id } })).toBe(1);
  });

  it("immediately: the first day without service is today", async () => {
    const service = await newService();
    const { effectiveOn } = await requestCancellation(owner, { serviceId: service.id, timing: "immediate", reason: REASON }, { now: NOW });
    expect(effectiveOn).toEqual(day("2037-05-10"));
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).cancelAt).toEqual(day("2037-05-10"));
  });

  it("checks the reason, the service's owner and services.manage", async () => {
    const service = await newService();
    await expect(requestCancellation(owner, { serviceId: service.id, timing: "immediate", reason: "too short" }, { now: NOW })).rejects.toMatchObject({ key: "cancel.errors.reasonShort" });
    await expect(requestCancellation(otherOwner, { serviceId: service.id, timing: "immediate", reason: REASON }, { now: NOW })).rejects.toMatchObject({ key: "cancel.errors.notFound" });
    await expect(requestCancellation(billingContact, { serviceId: service.id, timing: "immediate", reason: REASON }, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await getCancellationState(otherOwner, service.id, { now: NOW })).toBeNull();
    await expect(getCancellationState(billingContact, service.id, { now: NOW })).rejects.toBeInstanceOf(PermissionDenied);
    expect(await db.cancellationRequest.count({ where: { serviceId: service.id } })).toBe(0);
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).cancelAt).toBeNull();
  });
});

describe("withdrawCancellation", () => {
  it("takes the request back before staff process it; renewals resume", async () => {
    const service = await newService();
    const { requestId } = await requestCancellation(owner, { serviceId: service.id, timing: "end_of_period", reason: REASON }, { now: NOW });
    await expect(withdrawCancellation(otherOwner, requestId, { now: NOW })).rejects.toMatchObject({ key: "cancel.errors.notFound" });
    await withdrawCancellation(tech, requestId, { now: NOW });
    expect(await db.cancellationRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "withdrawn" });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).cancelAt).toBeNull();
    await expect(withdrawCancellation(owner, requestId, { now: NOW })).rejects.toMatchObject({ key: "cancel.errors.notOpen" });
    expect(await db.auditEvent.count({ where: { action: "services.cancellation.withdrawn", targetId: service.id } })).toBe(1);
    // A new request is possible again.
    await expect(requestCancellation(owner, { serviceId: service.id, timing: "immediate", reason: REASON }, { now: NOW })).resolves.toBeDefined();
  });
});

describe("processCancellation", () => {
  it("approving an immediate cancellation queues terminate at once, once", async () => {
    const service = await newService();
    const { requestId } = await requestCancellation(owner, { serviceId: service.id, timing: "immediate", reason: REASON }, { now: NOW });
    const result = await processCancellation(admin, { requestId, decision: "approve", note: "" }, { now: NOW });
    expect(result).toEqual({ status: "processed", jobQueued: true });
    expect(await db.cancellationRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "processed", processedByUserId: admin.userId, processedAt: NOW });
    await expect(processCancellation(admin, { requestId, decision: "approve", note: "" }, { now: NOW })).rejects.toMatchObject({ key: "staff.errors.alreadyProcessed" });
    const jobs = await jobsOf(service.id);
    expect(jobs.map((j) => [j.operation, j.idempotencyKey])).toEqual([["terminate", `cancel:${requestId}`]]);
    // runDueCancellations does not queue it a second time.
    await runDueCancellations(day("2037-06-30"));
    expect(await jobsOf(service.id)).toHaveLength(1);
    const decision = await db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `cancellation:${requestId}:approved:` } } });
    expect(decision.map((e) => e.userId)).toEqual([owner.userId]);
    expect(await db.auditEvent.findFirst({ where: { action: "services.cancellation.approved", targetId: service.id } })).toMatchObject({ actorUserId: admin.userId, customerId });
  });

  it("approving at the end of the period leaves terminate to runDueCancellations on the date, once", async () => {
    const service = await newService();
    const { requestId } = await requestCancellation(owner, { serviceId: service.id, timing: "end_of_period", reason: REASON }, { now: NOW });
    expect(await processCancellation(admin, { requestId, decision: "approve", note: "Thank you for being with us." }, { now: NOW })).toEqual({ status: "processed", jobQueued: false });
    expect(await jobsOf(service.id)).toHaveLength(0);
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).cancelAt).toEqual(day("2037-05-20"));

    await runDueCancellations(new Date("2037-05-19T23:00:00Z"));
    expect(await jobsOf(service.id)).toHaveLength(0);
    const [first, second] = await Promise.all([runDueCancellations(new Date("2037-05-20T00:10:00Z")), runDueCancellations(new Date("2037-05-20T00:10:00Z"))]);
    await runDueCancellations(new Date("2037-05-21T00:10:00Z"));
    const jobs = await jobsOf(service.id);
    expect(jobs.map((j) => [j.operation, j.idempotencyKey])).toEqual([["terminate", `cancel:${requestId}`]]);
    expect(first.queued + second.queued).toBeGreaterThanOrEqual(1);
    expect(await db.auditEvent.count({ where: { action: "services.cancellation.terminate_queued", targetId: service.id } })).toBe(1);
    const [mail] = await db.emailMessage.findMany({ where: { dedupeKey: `cancellation:${requestId}:approved:${owner.userId}` } });
    expect(mail.textBody).toContain("Thank you for being with us.");
  });

  it("rejecting clears cancelAt (renewals resume), needs a note, and tells the customer", async () => {
    const service = await newService();
    const { requestId } = await requestCancellation(owner, { serviceId: service.id, timing: "end_of_period", reason: REASON }, { now: NOW });
    await expect(processCancellation(admin, { requestId, decision: "reject", note: "" }, { now: NOW })).rejects.toMatchObject({ key: "staff.errors.noteRequired" });
    expect(await processCancellation(admin, { requestId, decision: "reject", note: "Contract runs until 2038." }, { now: NOW })).toEqual({ status: "rejected", jobQueued: false });
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).cancelAt).toBeNull();
    expect(await db.cancellationRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "rejected", staffNote: "Contract runs until 2038." });
    await runDueCancellations(day("2037-06-30"));
    expect(await jobsOf(service.id)).toHaveLength(0);
    expect(await db.emailMessage.count({ where: { dedupeKey: { startsWith: `cancellation:${requestId}:rejected:` } } })).toBe(1);
    await expect(withdrawCancellation(owner, requestId)).rejects.toBeInstanceOf(CancellationError);
  });

  it("is for staff with staff.services; the list filters by status", async () => {
    const service = await newService();
    const { requestId } = await requestCancellation(owner, { serviceId: service.id, timing: "immediate", reason: REASON }, { now: NOW });
    await expect(processCancellation(agent, { requestId, decision: "approve", note: "" })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(listCancellationRequests(agent, { status: "requested", page: 1 })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(listCancellationRequests(owner as unknown as StaffActor, { status: "requested", page: 1 })).rejects.toBeInstanceOf(PermissionDenied);
    const open = await listCancellationRequests(admin, { status: "requested", page: 1 });
    const item = open.items.find((i) => i.id === requestId);
    expect(item).toMatchObject({ timing: "immediate", reason: REASON, service: { id: service.id }, customer: { id: customerId }, requestedBy: { email: owner.email } });
    expect(open.items.every((i) => i.status === "requested")).toBe(true);
    const rejected = await listCancellationRequests(admin, { status: "rejected", page: 1 });
    expect(rejected.items.some((i) => i.id === requestId)).toBe(false);
    expect(await db.cancellationRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "requested" });
  });
});
