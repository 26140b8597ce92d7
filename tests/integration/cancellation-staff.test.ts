// The staff side of cancellations: the waiting list oldest first with pages, approve and reject
// through processCancellation, the hourly job that terminates end-of-period cancellations on their
// date (once), and every refusal the staff page can get has a message in its own block.
import { db } from "@/lib/db";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { CANCELLATIONS_QUEUE, terminateDueCancellations } from "@/lib/jobs/cancellation-jobs";
import { CANCELLATIONS_PAGE_SIZE, CancellationError, listCancellationRequests, processCancellation, requestCancellation } from "@/lib/services/cancellation";
import { processCancellationSchema } from "@/lib/services/cancellation-schemas";
import en from "@/messages/en/staffServices.json";
import { customerActorFor, staffActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

// This file's services renew in 2038, apart from other files' billing periods.
const NOW = new Date("2038-03-10T09:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const REASON = "We are consolidating our servers with another provider.";
const quiet = { info() {}, warn() {}, error() {} };

let owner: CustomerActor;
let admin: StaffActor;
let customerId: string;

const newService = () =>
  db.service.create({
    data: { customerId, kind: "voip", name: "VoIP Trunk (4 channels)", label: unique("trunk"), status: "active", billingCycle: "monthly", recurringMinor: 1_500n, nextDueDate: day("2038-03-20"), billingAnchorDay: 20 },
  });

/** The page translates "staff.errors.x" as "cancellationRequests.errors.x". */
const pageMessage = (key: string) => {
  const path = `cancellationRequests.${key.replace(/^staff\./, "")}`.split(".");
  let node: unknown = en.staffServices;
  for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
};

beforeAll(async () => {
  const customer = await createCustomer(db, { currency: "EUR", country: "SK" });
  customerId = customer.id;
  const ownerUser = await createUser(db);
  await addMember(db, ownerUser.id, customerId, { preset: "owner" });
  owner = await customerActorFor(ownerUser.id, customerId);
  admin = await staffActorFor((await createUser(db, { staffRole: "administrator" })).id);
});

describe("staff cancellations", () => {
  it("lists waiting requests oldest first, one page at a time", async () => {
    const ids: string[] = [];
    for (let i = 0; i < CANCELLATIONS_PAGE_SIZE + 2; i++) {
      const service = await newService();
      ids.push((await requestCancellation(owner, { serviceId: service.id, timing: "end_of_period", reason: REASON }, { now: new Date(NOW.getTime() + i * 1000) })).requestId);
    }
    const mine = (items: { id: string }[]) => items.filter((r) => ids.includes(r.id)).map((r) => r.id);
    const first = await listCancellationRequests(admin, { status: "requested", page: 1 });
    const second = await listCancellationRequests(admin, { status: "requested", page: 2 });
    expect(first.items).toHaveLength(CANCELLATIONS_PAGE_SIZE);
    expect([...mine(first.items), ...mine(second.items)].sort()).toEqual([...ids].sort());
    const times = [...first.items, ...second.items].map((r) => r.createdAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Leave no waiting requests behind: other files in this worker's database page the same list.
    await db.cancellationRequest.updateMany({ where: { id: { in: ids } }, data: { status: "withdrawn" } });
    await db.service.updateMany({ where: { cancellations: { some: { id: { in: ids } } } }, data: { cancelAt: null } });
  });

  it("approving at the end of the period: the job terminates on the date, once", async () => {
    const service = await newService();
    const { requestId } = await requestCancellation(owner, { serviceId: service.id, timing: "end_of_period", reason: REASON }, { now: NOW });
    expect(await processCancellation(admin, { requestId, decision: "approve", note: "" }, { now: NOW })).toEqual({ status: "processed", jobQueued: false });
    const jobsOf = () => db.provisioningJob.findMany({ where: { serviceId: service.id } });

    await terminateDueCancellations(quiet, new Date("2038-03-19T12:00:00Z"));
    expect(await jobsOf()).toHaveLength(0);
    const onTheDay = await terminateDueCancellations(quiet, new Date("2038-03-20T01:00:00Z"));
    expect(onTheDay.queued).toBeGreaterThanOrEqual(1);
    expect(await jobsOf()).toMatchObject([{ operation: "terminate", idempotencyKey: `cancel:${requestId}` }]);
    await terminateDueCancellations(quiet, new Date("2038-03-20T02:00:00Z"));
    expect(await jobsOf()).toHaveLength(1);
    expect(CANCELLATIONS_QUEUE).toBe("services.cancellations-due");
  });

  it("rejecting needs a reason and ends the request; deciding twice is refused", async () => {
    const service = await newService();
    const { requestId } = await requestCancellation(owner, { serviceId: service.id, timing: "immediate", reason: REASON }, { now: NOW });
    await expect(processCancellation(admin, { requestId, decision: "reject", note: "" }, { now: NOW })).rejects.toMatchObject({ key: "staff.errors.noteRequired" });
    expect(await processCancellation(admin, { requestId, decision: "reject", note: "Minimum term until June." }, { now: NOW })).toEqual({ status: "rejected", jobQueued: false });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ cancelAt: null, status: "active" });
    await expect(processCancellation(admin, { requestId, decision: "approve", note: "" }, { now: NOW })).rejects.toMatchObject({ key: "staff.errors.alreadyProcessed" });
  });

  it("every refusal the staff page can get has a message in its block", async () => {
    const keys = new Set<string>(["staff.errors.notFound", "staff.errors.alreadyProcessed", "errors.forbidden", "errors.invalidForm", "errors.generic"]);
    const bad = [
      { requestId: "x", decision: "approve", note: "" },
      { requestId: "00000000-0000-4000-8000-000000000000", decision: "maybe", note: "" },
      { requestId: "00000000-0000-4000-8000-000000000000", decision: "reject", note: "" },
      { requestId: "00000000-0000-4000-8000-000000000000", decision: "approve", note: "x".repeat(5_000) },
    ];
    for (const input of bad) for (const issue of processCancellationSchema.safeParse(input).error?.issues ?? []) keys.add(issue.message);
    await processCancellation(admin, { requestId: "00000000-0000-4000-8000-000000000000", decision: "approve", note: "" }).catch((e: CancellationError) => keys.add(e.key));
    expect(keys.size).toBeGreaterThanOrEqual(8);
    for (const key of keys) expect([key, typeof pageMessage(key)]).toEqual([key, "string"]);
  });
});
