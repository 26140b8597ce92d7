"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button, Input, TBody, TD, TH, THead, Table } from "@/components/ui";
import { type PriceCellInput, type PriceGridInput, priceGridSchema } from "@/lib/billing/catalog-schemas";
import { BILLING_CYCLES } from "@/lib/billing/cycles";
import { SUPPORTED_CURRENCIES } from "@/lib/billing/money";
import { currencyDigits } from "@/lib/format/money";
import { saveProductPricesAction } from "./actions";
import { FormOutcome, useActionSubmit, useCatalogText } from "./form-kit";

const FIELDS = ["amount", "setupFee"] as const satisfies readonly (keyof PriceCellInput)[];

/**
 * The product's prices as one grid: a row per billing cycle, a price and a setup fee per currency.
 * An empty cell is a combination not offered. The whole grid is saved at once, and a bad cell
 * stops the save with its message under that cell.
 */
export function PriceGridForm({ defaults }: { defaults: PriceGridInput }) {
  const t = useTranslations("catalog");
  const text = useCatalogText();
  const router = useRouter();
  const [changed, setChanged] = useState<number | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<PriceGridInput>({ resolver: zodResolver(priceGridSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(saveProductPricesAction, setError, (result) => {
    setChanged(result.changed);
    router.refresh();
  });
  const errors = formState.errors.prices;

  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4" aria-label={t("prices.title")}>
      <FormOutcome error={formError ?? (errors ? "errors.fixCells" : null)} saved={saved} savedMessage={changed ? t("prices.saved", { count: changed }) : t("prices.unchanged")} />
      <ul className="space-y-0.5 text-xs text-muted">
        {SUPPORTED_CURRENCIES.map((currency) => (
          <li key={currency}>{t("prices.decimalsHint", { currency, digits: currencyDigits(currency) })}</li>
        ))}
      </ul>
      <Table caption={t("prices.caption")}>
        <THead>
          <tr>
            <TH rowSpan={2} className="align-bottom">
              {t("prices.cycle")}
            </TH>
            {SUPPORTED_CURRENCIES.map((currency) => (
              <TH key={currency} colSpan={2} scope="colgroup" className="border-l border-border text-center">
                {currency}
              </TH>
            ))}
          </tr>
          <tr>
            {SUPPORTED_CURRENCIES.flatMap((currency) =>
              FIELDS.map((field) => (
                <TH key={`${currency}-${field}`} className={field === "amount" ? "border-l border-border" : undefined}>
                  {t(`prices.${field}`)}
                </TH>
              )),
            )}
          </tr>
        </THead>
        <TBody>
          {BILLING_CYCLES.map((cycle) => (
            <tr key={cycle}>
              <TH scope="row" className="whitespace-nowrap text-sm normal-case tracking-normal text-fg">
                {t(`cycles.${cycle}`)}
              </TH>
              {SUPPORTED_CURRENCIES.flatMap((currency) =>
                FIELDS.map((field) => {
                  const id = `price-${currency}-${cycle}-${field}`;
                  const message = text(errors?.[currency]?.[cycle]?.[field]?.message);
                  return (
                    <TD key={id} className={field === "amount" ? "border-l border-border align-top" : "align-top"}>
                      <div className="w-28">
                        <Input
                          id={id}
                          inputMode="decimal"
                          autoComplete="off"
                          className="text-right tabular-nums"
                          aria-label={t(field === "amount" ? "prices.amountLabel" : "prices.setupFeeLabel", { currency, cycle: t(`cycles.${cycle}`) })}
                          aria-invalid={message ? true : undefined}
                          aria-describedby={message ? `${id}-error` : undefined}
                          {...register(`prices.${currency}.${cycle}.${field}`)}
                        />
                        {message ? (
                          <p id={`${id}-error`} className="mt-1 text-xs font-medium whitespace-normal text-danger">
                            {message}
                          </p>
                        ) : null}
                      </div>
                    </TD>
                  );
                }),
              )}
            </tr>
          ))}
        </TBody>
      </Table>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("prices.save")}
      </Button>
    </form>
  );
}
