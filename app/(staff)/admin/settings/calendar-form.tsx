"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { type FieldErrors, type UseFormRegister, useFieldArray, useForm, useWatch } from "react-hook-form";
import { Button, Checkbox, FormField, Label, Select, Textarea, cn, controlClasses } from "@/components/ui";
import { weekdayName } from "@/lib/support/calendar-display";
import { type CalendarSettingsInput, MAX_INTERVALS_PER_DAY, WEEK_ORDER, calendarSettingsSchema } from "@/lib/support/settings-schemas";
import { updateCalendarAction } from "./actions";
import { FormOutcome, useActionSubmit, useSettingsMessage } from "./form-kit";

/** Holiday dates as typed, one per line; blank lines are not dates. */
const datesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** A new interval on a day: the usual office hours, or the afternoon after the first interval. */
function nextInterval(existing: { start: string; end: string } | undefined) {
  if (!existing) return { start: "09:00", end: "17:00" };
  return existing.end < "13:00" ? { start: "13:00", end: "17:00" } : { start: existing.end < "18:00" ? "18:00" : existing.end, end: "24:00" };
}

export function CalendarForm({ defaults, timeZones }: { defaults: CalendarSettingsInput; timeZones: string[] }) {
  const t = useTranslations("settings");
  const message = useSettingsMessage();
  const { register, handleSubmit, formState, setError, control, setValue, getValues, reset } = useForm<CalendarSettingsInput>({
    resolver: zodResolver(calendarSettingsSchema, undefined, { raw: true }),
    defaultValues: defaults,
  });
  const { fields, append, remove } = useFieldArray({ control, name: "weeklyHours" });
  const [alwaysOpen, holidays] = useWatch({ control, name: ["alwaysOpen", "holidays"] });
  const [holidayText, setHolidayText] = useState(() => defaults.holidays.join("\n"));
  const { submit, formError, saved, pending } = useActionSubmit(updateCalendarAction, setError, (_, values) => {
    // The server stores the dates sorted; show them so.
    const stored = calendarSettingsSchema.parse(values);
    reset({ ...stored, holidays: [...stored.holidays].sort() });
    setHolidayText([...stored.holidays].sort().join("\n"));
  });
  const e = formState.errors;
  const hoursError = message(e.weeklyHours?.root?.message ?? e.weeklyHours?.message);
  const holidayErrors = holidays.flatMap((date, index) => {
    const error = message(e.holidays?.[index]?.message);
    return error ? [{ date, error, index }] : [];
  });

  return (
    <form method="post" noValidate className="space-y-6" onSubmit={handleSubmit(submit)}>
      <FormOutcome error={formError} saved={saved} />
      <div className="grid gap-4 sm:grid-cols-2 sm:items-end">
        <FormField id="calendar-time-zone" label={t("calendar.timeZone")} hint={t("calendar.timeZoneHint")} error={message(e.timeZone?.message)} required>
          <Select {...register("timeZone")}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </Select>
        </FormField>
        <div className="flex items-start gap-2 pb-1">
          <Checkbox id="calendar-always-open" aria-describedby="calendar-always-open-hint" className="mt-0.5" {...register("alwaysOpen")} />
          <div>
            <Label htmlFor="calendar-always-open">{t("calendar.alwaysOpen")}</Label>
            <p id="calendar-always-open-hint" className="text-xs text-muted">
              {t("calendar.alwaysOpenHint")}
            </p>
          </div>
        </div>
      </div>

      <fieldset className={cn("space-y-3", alwaysOpen && "opacity-70")} aria-describedby="calendar-hours-hint">
        <legend className="text-sm font-medium text-fg">{t("calendar.weeklyHours")}</legend>
        <p id="calendar-hours-hint" className="text-xs text-muted">
          {alwaysOpen ? t("calendar.ignoredWhileAlwaysOpen") : t("calendar.weeklyHoursHint")}
        </p>
        {hoursError ? (
          <p role="alert" className="text-xs font-medium text-danger">
            {hoursError}
          </p>
        ) : null}
        <ul className="divide-y divide-border rounded-md border border-border">
          {WEEK_ORDER.map((day) => {
            const intervals = fields.map((field, index) => ({ field, index })).filter(({ field }) => field.day === day);
            return (
              <WeekdayRow
                key={day}
                day={day}
                intervals={intervals.map(({ field, index }) => ({ key: field.id, index }))}
                register={register}
                errors={e}
                onAdd={() => {
                  const last = intervals.at(-1);
                  append({ day, ...nextInterval(last ? getValues(`weeklyHours.${last.index}`) : undefined) });
                }}
                onRemove={remove}
              />
            );
          })}
        </ul>
      </fieldset>

      <div className={cn("space-y-1.5", alwaysOpen && "opacity-70")}>
        <FormField id="calendar-holidays" label={t("calendar.holidays")} hint={t("calendar.holidaysHint", { count: holidays.length })}>
          {(control) => (
            <Textarea
              {...control}
              aria-invalid={holidayErrors.length > 0 ? true : undefined}
              aria-describedby={[control["aria-describedby"], holidayErrors.length ? "calendar-holidays-errors" : null].filter(Boolean).join(" ") || undefined}
              rows={6}
              spellCheck={false}
              placeholder={"2027-01-01\n2027-04-30"}
              className="font-mono sm:w-64"
              value={holidayText}
              onChange={(event) => {
                setHolidayText(event.target.value);
                setValue("holidays", datesOf(event.target.value), { shouldDirty: true, shouldValidate: formState.isSubmitted });
              }}
            />
          )}
        </FormField>
        {holidayErrors.length ? (
          <ul id="calendar-holidays-errors" className="space-y-0.5 text-xs font-medium text-danger">
            {holidayErrors.map(({ date, error, index }) => (
              <li key={index}>{t("calendar.holidayError", { date, error: error ?? "" })}</li>
            ))}
          </ul>
        ) : null}
      </div>

      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}

type WeekdayRowProps = {
  day: number;
  intervals: { key: string; index: number }[];
  register: UseFormRegister<CalendarSettingsInput>;
  errors: FieldErrors<CalendarSettingsInput>;
  onAdd: () => void;
  onRemove: (index: number) => void;
};

/**
 * One weekday: "closed", or one or two opening intervals, each removable; room for one more.
 * Times are text, not <input type="time">: "24:00" (the end of the day) must be typeable, and a
 * browser showing 12-hour times would not match the HH:MM the rest of the settings show.
 */
function WeekdayRow({ day, intervals, register, errors, onAdd, onRemove }: WeekdayRowProps) {
  const t = useTranslations("settings.calendar");
  const locale = useLocale();
  const message = useSettingsMessage();
  const dayName = weekdayName(day, locale, "long");
  const headingId = `weekday-${day}`;
  return (
    <li>
      <div role="group" aria-labelledby={headingId} className="flex flex-col gap-2 px-3 py-3 sm:flex-row sm:items-start sm:gap-4">
      <p id={headingId} className="w-28 shrink-0 pt-2 text-sm font-medium text-fg">
        {dayName}
      </p>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        {intervals.length === 0 ? <p className="pt-2 text-sm text-muted">{t("closed")}</p> : null}
        {intervals.map(({ key, index }, position) => {
          const error = errors.weeklyHours?.[index];
          const startError = message(error?.start?.message);
          const endError = message(error?.end?.message);
          const ids = { start: `hours-${index}-start`, end: `hours-${index}-end`, error: `hours-${index}-error` };
          const label = t("intervalLabel", { day: dayName, number: position + 1 });
          return (
            <div key={key} className="space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <label htmlFor={ids.start} className="sr-only">
                  {t("opens", { interval: label })}
                </label>
                <input
                  id={ids.start}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={5}
                  placeholder="08:00"
                  aria-invalid={startError ? true : undefined}
                  aria-describedby={startError || endError ? ids.error : undefined}
                  className={cn(controlClasses, "h-10 w-20 font-mono tabular-nums")}
                  {...register(`weeklyHours.${index}.start`)}
                />
                <span aria-hidden="true" className="text-muted">
                  –
                </span>
                <label htmlFor={ids.end} className="sr-only">
                  {t("closes", { interval: label })}
                </label>
                <input
                  id={ids.end}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={5}
                  placeholder="17:00"
                  aria-invalid={endError ? true : undefined}
                  aria-describedby={startError || endError ? ids.error : undefined}
                  className={cn(controlClasses, "h-10 w-20 font-mono tabular-nums")}
                  {...register(`weeklyHours.${index}.end`)}
                />
                <Button variant="ghost" size="sm" onClick={() => onRemove(index)}>
                  {t("remove")}
                  <span className="sr-only">: {label}</span>
                </Button>
              </div>
              {startError || endError ? (
                <p id={ids.error} className="text-xs font-medium text-danger">
                  {[startError, endError].filter(Boolean).join(" ")}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {intervals.length < MAX_INTERVALS_PER_DAY ? (
        <Button variant="secondary" size="sm" className="self-start" onClick={onAdd}>
          {intervals.length === 0 ? t("open") : t("add")}
          <span className="sr-only">: {dayName}</span>
        </Button>
      ) : null}
      </div>
    </li>
  );
}
