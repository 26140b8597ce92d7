"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { type AddDomainAnswer, addRegistrationAction, addTransfersAction, removeDomainCartItemAction, renewDomainAction, setDomainCartYearsAction } from "@/app/(portal)/domains/order-actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert, Badge, Button, FormField, Select, TBody, TD, TH, THead, TR, Table, Textarea } from "@/components/ui";
import { MAX_BULK_TRANSFER, bulkTransferSchema, parseTransferLines } from "@/lib/domains/domain-order-schemas";

function useText() {
  const t = useTranslations("domainOrders");
  const text = (key: string | null | undefined) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : "");
  return { t, text };
}

/** "Add to cart" next to a free name in the search results; then a link to the cart. */
export function AddRegistrationButton({ name, label }: { name: string; label: string }) {
  const { t, text } = useText();
  const router = useRouter();
  const [state, setState] = useState<{ added: boolean; error: string | null }>({ added: false, error: null });
  const [pending, startTransition] = useTransition();
  if (state.added) {
    return (
      <span className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone="success">{t("add.added")}</Badge>
        <Button href="/services/order/cart" size="sm" variant="secondary" data-testid="go-to-cart">
          {t("add.goToCart")}
        </Button>
      </span>
    );
  }
  return (
    <span className="flex flex-col items-start gap-1">
      <Button
        size="sm"
        disabled={pending}
        aria-label={t("add.addNamed", { name: label })}
        onClick={() =>
          startTransition(async () => {
            const result = await addRegistrationAction({ name, years: 1 });
            if (result.ok) {
              setState({ added: true, error: null });
              router.refresh();
            } else setState({ added: false, error: result.error ?? "errors.generic" });
          })
        }
        data-testid="add-registration"
      >
        {pending ? t("add.adding") : t("add.addToCart")}
      </Button>
      {state.error ? (
        <span role="alert" className="text-xs text-danger">
          {text(state.error)}
        </span>
      ) : null}
    </span>
  );
}

/** The cart line's years (only counts the TLD is priced for) and its remove button. */
export function DomainCartLineControls({ itemId, name, years, choices }: { itemId: string; name: string; years: number; choices: number[] }) {
  const { t, text } = useText();
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const options = choices.includes(years) ? choices : [...choices, years].sort((a, b) => a - b);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        {t("cart.yearsFor", { name })}
      </label>
      <Select
        id={id}
        value={years}
        disabled={pending || options.length < 2}
        className="w-auto"
        onChange={(e) => {
          const next = Number(e.target.value);
          startTransition(async () => {
            setError(null);
            const result = await setDomainCartYearsAction({ itemId, years: next });
            if (!result.ok) setError(result.error ?? "errors.generic");
            router.refresh();
          });
        }}
        data-testid="domain-years"
      >
        {options.map((y) => (
          <option key={y} value={y}>
            {t("cart.years", { count: y })}
          </option>
        ))}
      </Select>
      <ConfirmButton
        label={t("cart.remove")}
        ariaLabel={t("cart.removeItem", { name })}
        triggerVariant="secondary"
        size="sm"
        tone="danger"
        question={t("cart.removeQuestion", { name })}
        confirmLabel={t("cart.removeConfirm")}
        cancelLabel={t("cart.cancel")}
        errorText={(key) => text(key)}
        run={() => removeDomainCartItemAction({ itemId })}
        onDone={() => router.refresh()}
      />
      {error ? (
        <span role="alert" className="w-full text-xs text-danger">
          {text(error)}
        </span>
      ) : null}
    </div>
  );
}

type TransferAnswer = { results: AddDomainAnswer[]; added: number; refused: number };

/**
 * Up to 50 "domain auth-code" lines at once. The browser counts the lines and flags malformed ones
 * before sending (the same parser the server uses); the server checks each name with the registry
 * and answers per line: in the cart, or why not.
 */
export function BulkTransferForm({ initialText = "" }: { initialText?: string }) {
  const { t, text } = useText();
  const router = useRouter();
  const [value, setValue] = useState(initialText);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<TransferAnswer | null>(null);
  const [pending, startTransition] = useTransition();
  const parsed = parseTransferLines(value);
  const count = parsed.entries.length + parsed.problems.length;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const checked = bulkTransferSchema.safeParse({ text: value });
    if (!checked.success || parsed.tooMany) return setFieldError("errors.tooMany");
    if (count === 0) return setFieldError("errors.transferEmpty");
    setFieldError(null);
    startTransition(async () => {
      const result = await addTransfersAction({ text: value });
      if (result.ok) {
        setAnswer(result.data);
        // Keep only the lines that still need attention, so they can be fixed and sent again.
        const refused = new Set(result.data.results.filter((r) => !r.ok).map((r) => r.line));
        setValue(value.split(/\r?\n/).filter((_, i) => refused.has(i + 1)).join("\n"));
        router.refresh();
      } else setFieldError(result.fieldErrors?.text ?? result.error ?? "errors.generic");
    });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-3" noValidate>
        <FormField id="transfer-lines" label={t("transfer.label")} hint={t("transfer.hint", { max: MAX_BULK_TRANSFER })} error={fieldError ? text(fieldError) : undefined}>
          <Textarea
            name="text"
            rows={8}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder={t("transfer.placeholder")}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
        </FormField>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending} data-testid="transfer-submit">
            {pending ? t("transfer.checking", { count }) : t("transfer.submit", { count })}
          </Button>
          <span className={parsed.tooMany ? "text-sm text-danger" : "text-sm text-muted"} aria-live="polite">
            {t("transfer.counter", { count, max: MAX_BULK_TRANSFER })}
          </span>
        </div>
      </form>
      {answer ? (
        <div className="space-y-3" data-testid="transfer-results">
          <Alert tone={answer.refused ? "warning" : "success"}>
            {t("transfer.summaryAdded", { count: answer.added })} {answer.refused ? t("transfer.summaryRefused", { count: answer.refused }) : null}
          </Alert>
          <Table caption={t("transfer.resultsCaption")}>
            <THead>
              <TR>
                <TH>{t("transfer.line")}</TH>
                <TH>{t("transfer.domain")}</TH>
                <TH>{t("transfer.result")}</TH>
              </TR>
            </THead>
            <TBody>
              {answer.results.map((r) => (
                <TR key={`${r.line}-${r.name}`} data-testid="transfer-result">
                  <TD className="tabular-nums">{r.line}</TD>
                  <TD className="break-all">{r.name}</TD>
                  <TD>{r.ok ? <Badge tone="success">{t(r.key === "updated" ? "transfer.updated" : "transfer.added")}</Badge> : <span className="text-sm text-danger">{text(r.key)}</span>}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          {answer.added ? (
            <Button href="/services/order/cart" data-testid="transfer-go-to-cart">
              {t("add.goToCart")}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** "Renew now": years with their price; creates the invoice and goes to it. */
export function RenewDomainForm({ domainId, choices }: { domainId: string; choices: { years: number; price: string }[] }) {
  const { t, text } = useText();
  const router = useRouter();
  const id = useId();
  const [years, setYears] = useState(choices[0]?.years ?? 1);
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [pending, startTransition] = useTransition();
  const busy = pending || leaving;
  return (
    <form
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          setError(null);
          const result = await renewDomainAction({ domainId, years });
          if (result.ok) {
            setLeaving(true);
            router.push(result.data.href);
          } else setError(result.fieldErrors?.years ?? result.error ?? "errors.generic");
        });
      }}
    >
      <FormField id={id} label={t("renew.years")} error={error ? text(error) : undefined}>
        <Select value={years} onChange={(e) => setYears(Number(e.target.value))} disabled={busy} data-testid="renew-years">
          {choices.map((c) => (
            <option key={c.years} value={c.years}>
              {t("renew.choice", { count: c.years, price: c.price })}
            </option>
          ))}
        </Select>
      </FormField>
      <Button type="submit" disabled={busy} data-testid="renew-submit" className="sm:mb-0.5">
        {busy ? t("renew.creating") : t("renew.submit")}
      </Button>
    </form>
  );
}
