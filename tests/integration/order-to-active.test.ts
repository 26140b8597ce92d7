// Order → invoice → payment → provisioning → active, with the simulated panel failing twice before
// it succeeds; and a service is never provisioned twice for one order line, however often the
// payment is reported or the runner runs. Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/order-to-active
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { afterInvoicePaid } from "@/lib/billing/after-paid";
import { applyIncomingPayment, payInvoiceWithCredit } from "@/lib/billing/payments";
import { BuiltinProvisioningModule } from "@/lib/integrations/provisioning";
import { activateOrderForInvoice, completeOrderOfService, orderItemJobKey } from "@/lib/services/activate-order";
import { addToCart } from "@/lib/services/order-cart";
import { checkoutCart } from "@/lib/services/order-checkout";
import { runDueProvisioningJobs } from "@/lib/services/provisioning-jobs";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

const quiet = { warn: () => {}, error: () => {} };
// This file's invoices are numbered in 2038, apart from other files' years.
const T0 = new Date("2038-01-31T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let serverId: string;
let productId: string;
let productName: string;

beforeAll(async () => {
  await db.taxRate.createMany({ data: [{ country: "SK", rateBp: 2300 }], skipDuplicates: true });
  serverId = (await db.server.create({ data: { name: "Order web", hostname: `${unique("orderweb")}.portico.test`, module: "builtin" } })).id;
  productName = unique("Order Hosting Business");
  const product = await db.product.create({
    data: {
      slug: unique("order-business"),
      kind: "hosting",
      name: productName,
      packageName: "business",
      serverId,
      requiresDomain: true,
      diskQuotaMb: 20_480,
      maxFtpAccounts: 10,
      prices: { create: [{ currency: "EUR", cycle: "monthly", amountMinor: 999n, setupFeeMinor: 500n }] },
      options: {
        create: {
          code: "extra_disk",
          name: "Extra disk",
          choices: {
            create: [
              { code: "none", label: "No extra disk", position: 0, prices: { create: [{ currency: "EUR", monthlyMinor: 0n }] } },
              { code: "plus10", label: "+10 GB", position: 1, extraDiskMb: 10_240, prices: { create: [{ currency: "EUR", monthlyMinor: 200n }] } },
            ],
          },
        },
      },
    },
  });
  productId = product.id;
});

// Each run acts on every due job of this worker's database (other test files and the demo seed
// share it): no test starts with, or leaves behind, a due job that is not its own.
const settleDueJobs = () => db.provisioningJob.updateMany({ where: { status: { in: ["queued", "retrying", "running"] } }, data: { status: "failed" } });
beforeEach(settleDueJobs);
afterEach(settleDueJobs);

afterAll(async () => {
  await db.$disconnect();
});

/** A customer (SK, EUR) with an owner who has ordered `domains` (one hosting each) and holds the invoice's amount in credit. */
async function placedOrder(domains: string[]) {
  const customer = await createCustomer(db, { currency: "EUR", country: "SK" });
  const user = await createUser(db, { name: "Olga Orderer" });
  await addMember(db, user.id, customer.id, { preset: "owner" });
  const owner: CustomerActor = await customerActorFor(user.id, customer.id);
  for (const domain of domains) await addToCart(owner, { productId, cycle: "monthly", domainAction: "own", domain, options: { extra_disk: "plus10" } });
  const result = await checkoutCart(owner, { now: T0 });
  await db.creditEntry.create({ data: { customerId: customer.id, currency: "EUR", amountMinor: result.totalMinor, kind: "adjustment", note: "test credit" } });
  return { customer, owner, ...result };
}

const servicesOf = (orderId: string) => db.service.findMany({ where: { orderItem: { orderId } }, orderBy: { domain: "asc" } });

describe("order to active", () => {
  it("pays the invoice with credit, retries the failing panel twice, and ends with an active service and a complete order", async () => {
    const domain = `${unique("shop")}.example`;
    const { customer, owner, orderId, invoiceId, totalMinor } = await placedOrder([domain]);
    // 9.99 + 2.00 (extra disk) + 5.00 setup, 23 % VAT.
    expect(totalMinor).toBe(1_699n + 391n);

    const paid = await payInvoiceWithCredit(owner, invoiceId, { now: T0 });
    expect(paid.invoicePaid).toBe(true);
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "paid", paidAt: T0 });
    const [service] = await servicesOf(orderId);
    expect(service).toMatchObject({
      customerId: customer.id,
      kind: "hosting",
      name: productName,
      label: domain,
      domain,
      status: "pending",
      productId,
      billingCycle: "monthly",
      recurringMinor: 1_199n,
      billingAnchorDay: 31,
      // Paid on 31 January: the first period ends on 27 February, the next is due on the last day of February.
      nextDueDate: new Date("2038-02-28T00:00:00Z"),
      options: [{ option: "extra_disk", choice: "plus10", monthlyMinor: "200" }],
      provisioningState: "queued",
    });
    expect(await db.serviceBillingPeriod.findMany({ where: { serviceId: service.id }, select: { periodStart: true, invoiceId: true } })).toEqual([{ periodStart: new Date("2038-01-31T00:00:00Z"), invoiceId }]);
    const [job] = await db.provisioningJob.findMany({ where: { serviceId: service.id } });
    expect(job).toMatchObject({ operation: "create", status: "queued", idempotencyKey: orderItemJobKey(service.orderItemId!), requestedByUserId: owner.userId });

    const flaky = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0, failTimes: { create: 2 } });
    const run = (now: Date) => runDueProvisioningJobs({ now, module: () => flaky, log: quiet });
    expect(await run(T0)).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: "pending", provisioningState: "retrying" });
    expect(await run(at(30))).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await run(at(90))).toEqual({ done: 1, retried: 0, failed: 0 });

    const active = await db.service.findUniqueOrThrow({ where: { id: service.id } });
    expect(active).toMatchObject({ status: "active", provisioningState: "done", provisioningError: null, serverId, username: expect.any(String) });
    expect(active.initialPasswordEnc).toMatch(/^v1\./);
    expect(await db.panelAccount.findUniqueOrThrow({ where: { serviceId: service.id } })).toMatchObject({ domain, packageName: "business", diskQuotaMb: 20_480 + 10_240 });
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", attempts: 3 });
    const welcome = await db.emailMessage.findMany({ where: { customerId: customer.id, category: "services", subject: { contains: "is ready" } } });
    expect(welcome).toHaveLength(1);

    // The runner completed the order with the finished create; calling the hook again changes nothing.
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "active" });
    expect(await db.$transaction((tx) => completeOrderOfService(tx, service.id))).toBe(false);
    expect(await db.auditEvent.count({ where: { customerId: customer.id, action: { in: ["orders.placed", "orders.paid", "orders.completed"] } } })).toBe(3);
  });

  it("the order is complete only when every line's service is active", async () => {
    const domains = [`a-${unique("two")}.example`, `b-${unique("two")}.example`];
    const { owner, orderId, invoiceId } = await placedOrder(domains);
    await payInvoiceWithCredit(owner, invoiceId, { now: T0 });
    const [first, second] = await servicesOf(orderId);
    const ok = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0 });
    const down = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 1 });
    expect(await runDueProvisioningJobs({ now: T0, module: (s) => (s.id === first.id ? ok : down), log: quiet })).toEqual({ done: 1, retried: 1, failed: 0 });
    expect(await db.$transaction((tx) => completeOrderOfService(tx, first.id))).toBe(false);
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "paid" });
    expect(await runDueProvisioningJobs({ now: at(30), module: () => ok, log: quiet })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(await db.$transaction((tx) => completeOrderOfService(tx, second.id))).toBe(false);
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "active" });
  });
});

describe("never provisioned twice", () => {
  it("a payment reported twice, a webhook replayed and the runner run twice make one service, one job and one panel account", async () => {
    const domain = `${unique("twice")}.example`;
    const { customer, orderId, invoiceId, totalMinor } = await placedOrder([domain]);
    await db.creditEntry.deleteMany({ where: { customerId: customer.id } });
    const card = { invoiceId, method: "card" as const, amountMinor: totalMinor, currency: "EUR", externalId: `pi_${unique("x")}`, now: T0 };
    await applyIncomingPayment(card);
    // The same webhook again: a duplicate, nothing changes.
    expect((await applyIncomingPayment(card)).duplicate).toBe(true);
    // A second, different payment for the paid invoice goes to credit and activates nothing new.
    expect(await applyIncomingPayment({ ...card, externalId: `pi_${unique("y")}` })).toMatchObject({ invoicePaid: false, creditedMinor: totalMinor });
    // And the hook itself, called again (a retry of the payment's follow-up).
    await db.$transaction((tx) => afterInvoicePaid(tx, invoiceId, at(5)));
    await db.$transaction((tx) => activateOrderForInvoice(tx, invoiceId, at(10)));

    const services = await servicesOf(orderId);
    expect(services).toHaveLength(1);
    expect(await db.provisioningJob.count({ where: { serviceId: services[0].id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { customerId: customer.id, action: "orders.paid" } })).toBe(1);

    const ok = new BuiltinProvisioningModule({ delayMs: 0, failureRate: 0 });
    const results = await Promise.all([runDueProvisioningJobs({ now: T0, module: () => ok, log: quiet }), runDueProvisioningJobs({ now: T0, module: () => ok, log: quiet })]);
    expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(1);
    expect(await runDueProvisioningJobs({ now: at(3600), module: () => ok, log: quiet })).toEqual({ done: 0, retried: 0, failed: 0 });
    // Paid once more after it is active: still one service, no new job.
    await db.$transaction((tx) => activateOrderForInvoice(tx, invoiceId, at(7200)));
    expect(await db.provisioningJob.count({ where: { serviceId: services[0].id } })).toBe(1);
    expect(await db.panelAccount.count({ where: { serviceId: services[0].id } })).toBe(1);
    expect(await db.service.findUniqueOrThrow({ where: { id: services[0].id } })).toMatchObject({ status: "active", provisioningState: "done" });
  });

  it("an unpaid or partly paid order starts nothing, and an invoice without an order is left alone", async () => {
    const { customer, orderId, invoiceId, totalMinor } = await placedOrder([`${unique("part")}.example`]);
    await db.creditEntry.deleteMany({ where: { customerId: customer.id } });
    await applyIncomingPayment({ invoiceId, method: "bank_transfer", amountMinor: totalMinor - 1n, currency: "EUR", externalId: unique("bank"), now: T0 });
    expect(await servicesOf(orderId)).toEqual([]);
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "pending" });
    const stray = await db.invoice.create({ data: { customerId: customer.id, currency: "EUR", totalMinor: 100n, status: "paid", dueDate: T0 } });
    await expect(db.$transaction((tx) => activateOrderForInvoice(tx, stray.id, T0))).resolves.toBeUndefined();
  });
});
