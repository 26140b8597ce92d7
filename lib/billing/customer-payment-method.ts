import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, customerScope } from "@/lib/auth/actor-types";
import { cardPaymentsEnabled } from "./card-checkout";
import { bankDetails } from "./customer-payments";
import { DEFAULT_PAYMENT_METHODS, type DefaultPaymentMethod, type PaymentMethodInput } from "./schemas";

/** A choice the customer cannot make now (e.g. card while card payments are not configured). */
export class PaymentMethodError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = "PaymentMethodError";
  }
}

/** The methods a customer may choose as their default at the moment. */
export function selectablePaymentMethods(): DefaultPaymentMethod[] {
  return DEFAULT_PAYMENT_METHODS.filter((m) => m !== "card" || cardPaymentsEnabled());
}

export type PaymentMethodSettings = {
  current: DefaultPaymentMethod;
  selectable: DefaultPaymentMethod[];
  bankTransferOffered: boolean;
};

export async function getPaymentMethodSettings(actor: CustomerActor): Promise<PaymentMethodSettings> {
  const customerId = customerScope(actor, "billing.view");
  const { defaultPaymentMethod } = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { defaultPaymentMethod: true } });
  // "manual" is never a customer's choice; an odd stored value shows as bank transfer.
  const current: DefaultPaymentMethod = defaultPaymentMethod === "manual" ? "bank_transfer" : defaultPaymentMethod;
  return { current, selectable: selectablePaymentMethods(), bankTransferOffered: bankDetails() !== null };
}

/** Changes the customer's default payment method (billing.pay), audited in the same transaction. */
export async function setDefaultPaymentMethod(actor: CustomerActor, input: PaymentMethodInput, opts: { ip?: string | null } = {}): Promise<{ changed: boolean }> {
  const customerId = customerScope(actor, "billing.pay");
  if (!selectablePaymentMethods().includes(input.method)) throw new PaymentMethodError("errors.methodUnavailable");
  return db.$transaction(async (tx) => {
    const before = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { defaultPaymentMethod: true } });
    if (before.defaultPaymentMethod === input.method) return { changed: false };
    await tx.customer.update({ where: { id: customerId }, data: { defaultPaymentMethod: input.method } });
    await recordAuditEvent(
      {
        action: "billing.payment_method.changed",
        actorUserId: actor.userId,
        customerId,
        targetType: "customer",
        targetId: customerId,
        ip: opts.ip ?? null,
        data: { from: before.defaultPaymentMethod, to: input.method },
      },
      tx,
    );
    return { changed: true };
  });
}
