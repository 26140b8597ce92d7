"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert, Button, Card, FormField, Input, Select } from "@/components/ui";
import type { ActionResult } from "@/lib/actions/result";
import { CYCLE_MONTHS, type BillingCycle } from "@/lib/billing/cycles";
import { formatMoney } from "@/lib/format/money";
import { type AddToCartInput, type AddToCartValues, DOMAIN_ACTIONS, addToCartSchema } from "@/lib/services/order-schemas";

/** The product as the form needs it; amounts are minor units as strings (bigint does not cross to the client). */
export type ConfigurableProduct = {
  id: string;
  name: string;
  requiresDomain: boolean;
  currency: string;
  prices: { cycle: BillingCycle; amountMinor: string; setupFeeMinor: string }[];
  options: { code: string; name: string; choices: { code: string; label: string; monthlyMinor: string }[] }[];
};

type Props = {
  product: ConfigurableProduct;
  action: (input: AddToCartValues) => Promise<ActionResult<{ itemId: string }>>;
};

/**
 * Cycle, options and domain of one product. The price shown is a preview from the catalog's
 * numbers; the cart and the invoice are priced again on the server.
 */
export function ConfigureForm({ product, action }: Props) {
  const t = useTranslations("orders");
  const locale = useLocale();
  const router = useRouter();
  const { register, handleSubmit, setError, control, formState } = useForm<AddToCartInput, unknown, AddToCartValues>({
    resolver: zodResolver(addToCartSchema),
    defaultValues: {
      productId: product.id,
      cycle: product.prices[0]?.cycle ?? "monthly",
      domainAction: product.requiresDomain ? "register" : "",
      domain: "",
      options: Object.fromEntries(product.options.map((o) => [o.code, o.choices[0]?.code ?? ""])),
    },
  });
  const { submit, formError, pending } = useActionSubmit(action, setError, () => router.push("/services/order/cart"));
  const [cycle, domainAction, chosen] = useWatch({ control, name: ["cycle", "domainAction", "options"] });
  const money = (minor: bigint) => formatMoney(minor, product.currency, locale);

  const price = product.prices.find((p) => p.cycle === cycle);
  const months = BigInt(CYCLE_MONTHS[cycle] ?? 1);
  const optionsPerCycle = product.options.reduce((sum, o) => {
    const choice = o.choices.find((c) => c.code === chosen?.[o.code]) ?? o.choices[0];
    return sum + BigInt(choice?.monthlyMinor ?? "0") * months;
  }, 0n);
  const recurring = price ? BigInt(price.amountMinor) + optionsPerCycle : null;
  const setup = price ? BigInt(price.setupFeeMinor) : 0n;
  const errors = formState.errors;
  const fieldError = (message: string | undefined) => (message ? t(message) : undefined);

  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-6">
        {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
        {errors.productId?.message ? <Alert tone="danger">{t(errors.productId.message)}</Alert> : null}

        <Card title={t("configure.cycle")} id="order-cycle">
          <fieldset aria-describedby={errors.cycle ? "cycle-error" : undefined}>
            <legend className="sr-only">{t("configure.cycle")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {product.prices.map((p) => (
                <label key={p.cycle} className="flex cursor-pointer items-start gap-3 rounded-md border border-border p-3 hover:bg-surface-muted has-[:checked]:border-accent">
                  <input type="radio" value={p.cycle} {...register("cycle")} className="mt-1" />
                  <span>
                    <span className="block text-sm font-medium">{t(`cycles.${p.cycle}`)}</span>
                    <span className="block text-sm tabular-nums">{money(BigInt(p.amountMinor))}</span>
                    {BigInt(p.setupFeeMinor) > 0n ? <span className="block text-xs text-muted">{t("configure.setupFee", { amount: money(BigInt(p.setupFeeMinor)) })}</span> : null}
                  </span>
                </label>
              ))}
            </div>
            {errors.cycle?.message ? (
              <p id="cycle-error" className="mt-2 text-sm text-danger">
                {t(errors.cycle.message)}
              </p>
            ) : null}
          </fieldset>
        </Card>

        {product.options.length > 0 ? (
          <Card title={t("configure.options")} id="order-options">
            <div className="space-y-4">
              {product.options.map((o) => (
                <FormField key={o.code} id={`option-${o.code}`} label={o.name} error={fieldError(errors.options?.[o.code]?.message)}>
                  <Select {...register(`options.${o.code}`)}>
                    {o.choices.map((c) => (
                      <option key={c.code} value={c.code}>
                        {BigInt(c.monthlyMinor) > 0n ? t("configure.choiceWithPrice", { choice: c.label, price: money(BigInt(c.monthlyMinor)) }) : c.label}
                      </option>
                    ))}
                  </Select>
                </FormField>
              ))}
            </div>
          </Card>
        ) : null}

        <Card title={product.requiresDomain ? t("configure.domain") : t("configure.hostname")} id="order-domain">
          {product.requiresDomain ? (
            <div className="space-y-4">
              <fieldset aria-describedby={errors.domainAction ? "domain-action-error" : undefined}>
                <legend className="mb-2 text-sm font-medium">{t("configure.domainAction")}</legend>
                <div className="grid gap-2 sm:grid-cols-3">
                  {DOMAIN_ACTIONS.map((a) => (
                    <label key={a} className="flex cursor-pointer items-start gap-3 rounded-md border border-border p-3 hover:bg-surface-muted has-[:checked]:border-accent">
                      <input type="radio" value={a} {...register("domainAction")} className="mt-1" />
                      <span className="text-sm font-medium">{t(`domainActions.${a}`)}</span>
                    </label>
                  ))}
                </div>
                {errors.domainAction?.message ? (
                  <p id="domain-action-error" className="mt-2 text-sm text-danger">
                    {t(errors.domainAction.message)}
                  </p>
                ) : null}
              </fieldset>
              <FormField
                id="order-domain-name"
                label={t(`configure.domainLabel.${domainAction === "transfer" || domainAction === "own" ? domainAction : "register"}`)}
                hint={t(`configure.domainHint.${domainAction === "transfer" || domainAction === "own" ? domainAction : "register"}`)}
                error={fieldError(errors.domain?.message)}
                required
              >
                <Input {...register("domain")} inputMode="url" autoComplete="off" autoCapitalize="none" spellCheck={false} placeholder="example.com" />
              </FormField>
            </div>
          ) : (
            <FormField id="order-domain-name" label={t("configure.hostnameLabel")} hint={t("configure.hostnameHint")} error={fieldError(errors.domain?.message)}>
              <Input {...register("domain")} inputMode="url" autoComplete="off" autoCapitalize="none" spellCheck={false} placeholder="server.example.com" />
            </FormField>
          )}
        </Card>
      </div>

      <Card title={t("configure.summary")} id="order-summary" className="lg:sticky lg:top-4">
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between gap-4">
            <dt className="text-muted">{product.name}</dt>
            <dd className="tabular-nums">{price ? money(BigInt(price.amountMinor)) : "—"}</dd>
          </div>
          {optionsPerCycle > 0n ? (
            <div className="flex justify-between gap-4">
              <dt className="text-muted">{t("configure.options")}</dt>
              <dd className="tabular-nums">{money(optionsPerCycle)}</dd>
            </div>
          ) : null}
          {setup > 0n ? (
            <div className="flex justify-between gap-4">
              <dt className="text-muted">{t("cart.setupFee")}</dt>
              <dd className="tabular-nums">{money(setup)}</dd>
            </div>
          ) : null}
          <div className="flex justify-between gap-4 border-t border-border pt-2 font-semibold">
            <dt>{t("configure.perCycle", { cycle: t(`per.${cycle}`) })}</dt>
            <dd className="tabular-nums" data-testid="configure-recurring">
              {recurring === null ? "—" : money(recurring)}
            </dd>
          </div>
        </dl>
        <p className="mt-2 text-xs text-muted">{t("configure.taxNote")}</p>
        <Button type="submit" className="mt-4 w-full" disabled={pending}>
          {pending ? t("configure.adding") : t("configure.addToCart")}
        </Button>
      </Card>
    </form>
  );
}
