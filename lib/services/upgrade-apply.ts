import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueProvisioningJob } from "./provisioning-queue";
import { packageChange, serviceAuditAction } from "./upgrade";

/**
 * A package change charged on `invoiceId` is applied once it is paid, in the payment's transaction:
 * the service moves to the new package and price, and the module's change_package is queued.
 * The status guard makes a second call (a repeated webhook, a retry) change nothing.
 */
export async function applyPaidUpgrades(tx: Prisma.TransactionClient, invoiceId: string, now: Date): Promise<void> {
  const upgrade = await tx.serviceUpgrade.findUnique({
    where: { invoiceId },
    select: {
      id: true,
      status: true,
      serviceId: true,
      toProductId: true,
      newRecurringMinor: true,
      netMinor: true,
      currency: true,
      requestedByUserId: true,
      service: { select: { customerId: true, name: true, status: true, product: { select: { name: true } } } },
    },
  });
  if (!upgrade || upgrade.status !== "awaiting_payment") return;
  const claimed = await tx.serviceUpgrade.updateMany({ where: { id: upgrade.id, status: "awaiting_payment" }, data: { status: "applied", appliedAt: now } });
  if (claimed.count === 0) return;

  const target = await tx.product.findUniqueOrThrow({ where: { id: upgrade.toProductId }, select: { name: true } });
  await tx.service.update({ where: { id: upgrade.serviceId }, data: packageChange(upgrade.service, target.name, upgrade.toProductId, upgrade.newRecurringMinor) });
  // A service that ended meanwhile keeps the record of the change but gets no module call.
  const live = upgrade.service.status === "active" || upgrade.service.status === "suspended";
  if (live) {
    await enqueueProvisioningJob(tx, {
      serviceId: upgrade.serviceId,
      operation: "change_package",
      idempotencyKey: `upgrade:${upgrade.id}`,
      payload: { productId: upgrade.toProductId },
      requestedByUserId: upgrade.requestedByUserId,
      now,
    });
  }
  await recordAuditEvent(
    {
      action: serviceAuditAction("services.upgrade.applied"),
      customerId: upgrade.service.customerId,
      targetType: "service",
      targetId: upgrade.serviceId,
      data: { upgradeId: upgrade.id, invoiceId, from: upgrade.service.product?.name ?? null, to: target.name, netMinor: upgrade.netMinor.toString(), currency: upgrade.currency, moduleQueued: live },
    },
    tx,
  );
}
