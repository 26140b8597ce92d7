"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert, Button } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";
import type { CheckoutInput, RemoveCartItemInput } from "@/lib/services/order-schemas";

/** "Remove" on a cart line, after a confirmation. */
export function RemoveCartItemButton({ itemId, productName, action }: { itemId: string; productName: string; action: (input: RemoveCartItemInput) => Promise<ActionResult<undefined>> }) {
  const t = useTranslations("orders");
  const router = useRouter();
  return (
    <ConfirmButton
      label={t("cart.remove")}
      ariaLabel={t("cart.removeItem", { product: productName })}
      triggerVariant="secondary"
      size="sm"
      tone="danger"
      question={t("cart.removeQuestion", { product: productName })}
      confirmLabel={t("cart.removeConfirm")}
      cancelLabel={t("cart.cancel")}
      errorText={(key) => t(key)}
      run={() => action({ itemId })}
      onDone={() => router.refresh()}
    />
  );
}

/** Places the order; the server prices the cart again and answers with the invoice to go to. */
export function CheckoutButton({ total, action }: { total: string; action: (input: CheckoutInput) => Promise<ActionResult<{ orderNumber: number; href: string }>> }) {
  const t = useTranslations("orders");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [pending, startTransition] = useTransition();
  const busy = pending || leaving;
  const placeOrder = () =>
    startTransition(async () => {
      setError(null);
      const result = await action({});
      if (result.ok) {
        setLeaving(true);
        router.push(result.data.href);
      } else {
        setError(result.error ?? "errors.generic");
        router.refresh();
      }
    });
  return (
    <div className="space-y-3">
      {error ? <Alert tone="danger">{t(error)}</Alert> : null}
      <Button className="w-full" onClick={placeOrder} disabled={busy} data-testid="checkout-button">
        {busy ? t("cart.placing") : t("cart.checkout", { total })}
      </Button>
    </div>
  );
}
