"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { Alert, Button, Card, Checkbox } from "@/components/ui";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import {
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type NotificationPreferencesInput,
  RISKY_WHEN_OFF,
  notificationPreferencesSchema,
} from "@/lib/accounts/mail-schemas";
import { saveNotificationPreferencesAction } from "./actions";

type Preference = { category: NotificationCategory; enabled: boolean; receivesWithPermissions: boolean };

export function NotificationPreferencesForm({ preferences }: { preferences: Preference[] }) {
  const t = useTranslations("accountMail");
  const initial = Object.fromEntries(preferences.map((p) => [p.category, p.enabled])) as NotificationPreferencesInput;
  const { register, handleSubmit, setError, control, reset } = useForm<NotificationPreferencesInput>({ resolver: zodResolver(notificationPreferencesSchema), defaultValues: initial });
  const { submit, formError, saved, pending } = useActionSubmit(saveNotificationPreferencesAction, setError, (_data, values) => reset(values));
  const values = useWatch({ control });
  const riskyOff = RISKY_WHEN_OFF.filter((c) => values[c] === false);
  const byCategory = new Map(preferences.map((p) => [p.category, p]));

  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate>
      <Card title={t("notifications.categoriesTitle")} description={t("notifications.categoriesIntro")}>
        <ul className="divide-y divide-border">
          <li className="flex items-start gap-3 py-3 first:pt-0">
            <Checkbox id="pref-security" checked disabled readOnly className="mt-0.5" aria-describedby="pref-security-hint" />
            <div>
              <label htmlFor="pref-security" className="text-sm font-medium text-fg">
                {t("categories.security.label")} <span className="font-normal text-muted">({t("notifications.alwaysOn")})</span>
              </label>
              <p id="pref-security-hint" className="text-sm text-muted">
                {t("categories.security.hint")}
              </p>
            </div>
          </li>
          {NOTIFICATION_CATEGORIES.map((category) => (
            <li key={category} className="flex items-start gap-3 py-3 last:pb-0">
              <Checkbox id={`pref-${category}`} className="mt-0.5" aria-describedby={`pref-${category}-hint`} {...register(category)} />
              <div>
                <label htmlFor={`pref-${category}`} className="text-sm font-medium text-fg">
                  {t(`categories.${category}.label`)}
                </label>
                <p id={`pref-${category}-hint`} className="text-sm text-muted">
                  {t(`categories.${category}.hint`)}
                  {byCategory.get(category)?.receivesWithPermissions === false ? ` ${t("notifications.notWithPermissions")}` : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <div className="mt-4 space-y-3">
        {riskyOff.length ? (
          <Alert tone="warning" data-testid="notifications-warning">
            {t("notifications.warning", { categories: riskyOff.length === 2 ? "both" : riskyOff[0] })}
          </Alert>
        ) : null}
        {formError ? <Alert tone="danger">{t(formError)}</Alert> : null}
        {saved ? <Alert tone="success">{t("notifications.saved")}</Alert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? t("notifications.saving") : t("notifications.save")}
        </Button>
      </div>
    </form>
  );
}
