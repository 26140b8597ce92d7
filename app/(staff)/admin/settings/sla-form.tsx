"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { Button, TBody, TH, THead, Table, cn, controlClasses } from "@/components/ui";
import { formatDurationMinutes } from "@/lib/format";
import { SLA_MAX_MINUTES, type SlaPoliciesInput, slaPoliciesSchema } from "@/lib/support/settings-schemas";
import { updateSlaPoliciesAction } from "./actions";
import { FormOutcome, useActionSubmit, useSettingsMessage } from "./form-kit";

const TARGETS = ["firstResponseMinutes", "nextResponseMinutes"] as const;

/** The three priorities' first- and next-response targets, in minutes, saved together. */
export function SlaForm({ defaults }: { defaults: SlaPoliciesInput }) {
  const t = useTranslations("settings.sla");
  const tSettings = useTranslations("settings");
  const locale = useLocale();
  const message = useSettingsMessage();
  const { register, handleSubmit, formState, setError, control, reset } = useForm<SlaPoliciesInput>({
    resolver: zodResolver(slaPoliciesSchema, undefined, { raw: true }),
    defaultValues: defaults,
  });
  const { submit, formError, saved, pending } = useActionSubmit(updateSlaPoliciesAction, setError, (_, values) => reset(values));
  const policies = useWatch({ control, name: "policies" });
  const e = formState.errors;
  const formLevel = message(e.policies?.root?.message ?? e.policies?.message);

  return (
    <form method="post" noValidate className="space-y-4" onSubmit={handleSubmit(submit)}>
      <FormOutcome error={formError} saved={saved} />
      {formLevel ? (
        <p role="alert" className="text-xs font-medium text-danger">
          {formLevel}
        </p>
      ) : null}
      <Table caption={t("caption")}>
        <THead>
          <tr>
            <TH>{t("priority")}</TH>
            <TH>{t("firstResponse")}</TH>
            <TH>{t("nextResponse")}</TH>
          </tr>
        </THead>
        <TBody>
          {defaults.policies.map((policy, index) => (
            <tr key={policy.priority}>
              <TH scope="row" className="align-top font-medium normal-case text-fg">
                {t(`priorities.${policy.priority}`)}
              </TH>
              {TARGETS.map((target) => {
                const id = `sla-${policy.priority}-${target}`;
                const error = message(e.policies?.[index]?.[target]?.message);
                const minutes = policies?.[index]?.[target];
                const valid = typeof minutes === "number" && Number.isInteger(minutes) && minutes >= 1 && minutes <= SLA_MAX_MINUTES;
                return (
                  <td key={target} className="px-3 py-2 align-top">
                    <label htmlFor={id} className="sr-only">
                      {t(target === "firstResponseMinutes" ? "firstResponseFor" : "nextResponseFor", { priority: t(`priorities.${policy.priority}`) })}
                    </label>
                    <div className="flex items-center gap-2">
                      <input
                        id={id}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={SLA_MAX_MINUTES}
                        step={1}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={`${id}-note`}
                        className={cn(controlClasses, "h-10 w-24 tabular-nums")}
                        {...register(`policies.${index}.${target}`, { valueAsNumber: true })}
                      />
                      <span className="text-xs text-muted">{t("minutes")}</span>
                    </div>
                    <p id={`${id}-note`} className={cn("mt-1 text-xs", error ? "font-medium text-danger" : "text-muted")}>
                      {error ?? (valid ? formatDurationMinutes(minutes, locale) : "\u00a0")}
                    </p>
                  </td>
                );
              })}
            </tr>
          ))}
        </TBody>
      </Table>
      <p className="text-xs text-muted">{t("hint", { max: SLA_MAX_MINUTES })}</p>
      <Button type="submit" disabled={pending}>
        {pending ? tSettings("saving") : tSettings("save")}
      </Button>
    </form>
  );
}
