"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Button, Input, TBody, TD, TH, THead, Table } from "@/components/ui";
import { SUPPORTED_CURRENCIES } from "@/lib/billing/money";
import { TLD_ACTIONS, type TldPriceGridInput, tldPriceGridSchema } from "@/lib/domains/tld-catalog-schemas";
import { currencyDigits } from "@/lib/format/money";
import { saveTldPricesAction } from "./actions";
import { TldFormOutcome, useTldText } from "./tld-forms";

/**
 * The TLD's prices as one grid: per action (register, transfer, renew) a row per term of 1 up to
 * the TLD's longest term, a cell per currency with the price of the whole term. An empty cell is
 * not sold. The whole grid is saved at once; a bad cell stops the save with its message under it.
 */
export function TldPriceGridForm({ defaults }: { defaults: TldPriceGridInput }) {
  const t = useTranslations("tldCatalog");
  const text = useTldText();
  const router = useRouter();
  const [changed, setChanged] = useState<number | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<TldPriceGridInput>({ resolver: zodResolver(tldPriceGridSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(saveTldPricesAction, setError, (result) => {
    setChanged(result.changed);
    router.refresh();
  });
  const errors = formState.errors.prices;
  const terms = defaults.prices.register.length;

  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4" aria-label={t("prices.title")}>
      <TldFormOutcome error={formError ?? (errors ? "errors.fixCells" : null)} saved={saved} savedMessage={t("prices.saved", { count: changed ?? 0 })} />
      <ul className="space-y-0.5 text-xs text-muted">
        {SUPPORTED_CURRENCIES.map((currency) => (
          <li key={currency}>{t("prices.decimalsHint", { currency, digits: currencyDigits(currency) })}</li>
        ))}
      </ul>
      <Table caption={t("prices.caption")}>
        <THead>
          <tr>
            <TH>{t("prices.term")}</TH>
            {SUPPORTED_CURRENCIES.map((currency) => (
              <TH key={currency} className="border-l border-border text-center">
                {currency}
              </TH>
            ))}
          </tr>
        </THead>
        {TLD_ACTIONS.map((action) => (
          <TBody key={action} data-testid={`tld-prices-${action}`}>
            <tr>
              <TH scope="colgroup" colSpan={SUPPORTED_CURRENCIES.length + 1} className="bg-surface-muted text-sm normal-case tracking-normal text-fg">
                {t(`actions.${action}`)}
              </TH>
            </tr>
            {Array.from({ length: terms }, (_, index) => {
              const years = index + 1;
              return (
                <tr key={years}>
                  <TH scope="row" className="whitespace-nowrap text-sm font-normal normal-case tracking-normal text-fg">
                    {t("prices.years", { count: years })}
                  </TH>
                  {SUPPORTED_CURRENCIES.map((currency) => {
                    const id = `tld-price-${action}-${years}-${currency}`;
                    const message = text(errors?.[action]?.[index]?.[currency]?.message);
                    return (
                      <TD key={currency} className="border-l border-border align-top">
                        <div className="w-28">
                          <Input
                            id={id}
                            inputMode="decimal"
                            autoComplete="off"
                            className="text-right tabular-nums"
                            aria-label={t("prices.cellLabel", { action: t(`actions.${action}`), count: years, currency })}
                            aria-invalid={message ? true : undefined}
                            aria-describedby={message ? `${id}-error` : undefined}
                            {...register(`prices.${action}.${index}.${currency}`)}
                          />
                          {message ? (
                            <p id={`${id}-error`} className="mt-1 text-xs font-medium whitespace-normal text-danger">
                              {message}
                            </p>
                          ) : null}
                        </div>
                      </TD>
                    );
                  })}
                </tr>
              );
            })}
          </TBody>
        ))}
      </Table>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : t("prices.save")}
      </Button>
    </form>
  );
}
