import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { addDays, periodFor } from "@/lib/billing/cycles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { completeOrderIfSettled } from "@/lib/domains/domain-orders";
import { enqueueProvisioningJob } from "./provisioning-queue";

type Tx = Prisma.TransactionClient;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dateOnly = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** The provisioning job of an order line: one per line, however often payment is reported. */
export const orderItemJobKey = (orderItemId: string) => `order-item:${orderItemId}`;

/**
 * An order paid by `invoiceId` starts provisioning, in the payment's transaction (called by
 * afterInvoicePaid): the order becomes paid, each of its lines gets its Service (pending, at the
 * price and cycle ordered, its first period starting today and billed by this invoice) and a
 * "create" job for the worker. Service.orderItemId is unique and the job's idempotency key is the
 * line's, so a second call (a repeated webhook, a second payment of the same invoice) creates
 * neither a second service nor a second job.
 */
export async function activateOrderForInvoice(tx: Tx, invoiceId: string, now: Date): Promise<void> {
  const found = await tx.order.findUnique({ where: { invoiceId }, select: { id: true } });
  if (!found) return;
  await tx.$executeRaw`SELECT 1 FROM "Order" WHERE "id" = ${found.id}::uuid FOR UPDATE`;
  const order = await tx.order.findUniqueOrThrow({
    where: { id: found.id },
    select: {
      id: true,
      number: true,
      status: true,
      customerId: true,
      placedByUserId: true,
      items: {
        orderBy: { id: "asc" },
        select: { id: true, productId: true, cycle: true, domain: true, options: true, recurringMinor: true, product: { select: { kind: true, name: true } } },
      },
    },
  });
  if (order.status === "cancelled") return;
  const firstPayment = order.status === "pending";
  if (firstPayment) await tx.order.update({ where: { id: order.id }, data: { status: "paid", paidAt: now } });

  const start = isoDate(now);
  const anchorDay = Number(start.slice(8, 10));
  const services: string[] = [];
  for (const item of order.items) {
    const period = periodFor(start, item.cycle, anchorDay);
    // ON CONFLICT DO NOTHING on orderItemId: a line never makes two services, and a conflict does not abort the payment.
    const created = await tx.service.createManyAndReturn({
      data: [
        {
          customerId: order.customerId,
          kind: item.product.kind,
          name: item.product.name,
          label: item.domain,
          domain: item.domain,
          status: "pending",
          productId: item.productId,
          billingCycle: item.cycle,
          recurringMinor: item.recurringMinor,
          billingAnchorDay: anchorDay,
          nextDueDate: dateOnly(addDays(period.end, 1)),
          options: item.options ?? [],
          orderItemId: item.id,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    const serviceId = created[0]?.id ?? (await tx.service.findUniqueOrThrow({ where: { orderItemId: item.id }, select: { id: true } })).id;
    if (created.length) {
      // The first period is billed by the order's invoice: the renewal run starts with the next one.
      await tx.serviceBillingPeriod.createMany({ data: [{ serviceId, periodStart: dateOnly(period.start), invoiceId }], skipDuplicates: true });
    }
    await enqueueProvisioningJob(tx, { serviceId, operation: "create", idempotencyKey: orderItemJobKey(item.id), requestedByUserId: order.placedByUserId, now });
    services.push(serviceId);
  }

  if (firstPayment) {
    await recordAuditEvent(
      { action: "orders.paid", actorUserId: order.placedByUserId, customerId: order.customerId, targetType: "order", targetId: order.id, data: { number: order.number, invoiceId, services } },
      tx,
    );
  }
}

/**
 * The hook of the provisioning runner: after a service's create has finished (or was marked done
 * by staff), its order may be complete (completeOrderIfSettled: services and domains). The order
 * row is locked first, so two lines finishing at once cannot both miss the other's change.
 * Returns whether the order became active now. Safe to call for any service and any number of times.
 */
export async function completeOrderOfService(tx: Tx, serviceId: string): Promise<boolean> {
  const service = await tx.service.findUnique({ where: { id: serviceId }, select: { orderItem: { select: { orderId: true } } } });
  const orderId = service?.orderItem?.orderId;
  return orderId ? completeOrderIfSettled(tx, orderId) : false;
}
