"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Button, Checkbox, FormField, Input, Label, Select, Textarea } from "@/components/ui";
import { LOCALES } from "@/i18n/locales";
import { ANNOUNCEMENT_AUDIENCES, type AnnouncementInput, announcementSchema } from "@/lib/announcements/schemas";
import { KB_STATUSES, type KbArticleInput, type KbCategoryInput, kbArticleSchema, kbCategorySchema } from "@/lib/kb/schemas";
import { saveAnnouncementAction, saveArticleAction, saveCategoryAction } from "./actions";
import { FormOutcome, useActionSubmit } from "./form-kit";

function useKbT() {
  const t = useTranslations("kb");
  // Field errors are message keys (from the shared zod schema or the server).
  const err = (message: string | undefined) => (message ? t(message as "errors.generic") : undefined);
  return { t, err };
}

export function ArticleForm({ defaults, categories, isNew }: { defaults: KbArticleInput; categories: { id: string; name: string }[]; isNew: boolean }) {
  const { t, err } = useKbT();
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<KbArticleInput>({ resolver: zodResolver(kbArticleSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(saveArticleAction, setError, ({ id }) => {
    if (isNew) router.push(`/admin/kb/articles/${id}`);
    else router.refresh();
  });
  const e = formState.errors;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4">
      <FormOutcome error={formError} saved={saved && !isNew} />
      {isNew ? null : <input type="hidden" {...register("locale")} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="categoryId" label={t("admin.articleForm.category")} hint={t("admin.articleForm.categoryShared")} error={err(e.categoryId?.message)} required>
          <Select {...register("categoryId")}>
            <option value="">{t("admin.articleForm.chooseCategory")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="status" label={t("admin.articleForm.status")} hint={t("admin.articleForm.statusHint")} error={err(e.status?.message)} required>
          <Select {...register("status")}>
            {KB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.status.${s}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="slug" label={t("admin.articleForm.slug")} hint={t("admin.articleForm.slugHint")} error={err(e.slug?.message)} required>
          <Input autoComplete="off" spellCheck={false} readOnly={!isNew} className={isNew ? undefined : "bg-surface-muted"} {...register("slug")} />
        </FormField>
        <FormField id="locale" label={t("admin.articleForm.language")} error={err(e.locale?.message)} required>
          {/* Fixed once saved: a translation is a new version, not a change of language. */}
          {isNew ? (
            <Select {...register("locale")}>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </Select>
          ) : (
            <Input readOnly value={t(`languages.${defaults.locale}`)} className="bg-surface-muted" />
          )}
        </FormField>
      </div>
      <FormField id="title" label={t("admin.articleForm.title")} error={err(e.title?.message)} required>
        <Input maxLength={200} {...register("title")} />
      </FormField>
      <FormField id="body" label={t("admin.articleForm.body")} hint={t("admin.articleForm.bodyHint")} error={err(e.body?.message)} required>
        <Textarea rows={16} className="font-mono" {...register("body")} />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("admin.saving") : t("admin.save")}
      </Button>
    </form>
  );
}

export function CategoryForm({ defaults, isNew }: { defaults: KbCategoryInput; isNew: boolean }) {
  const { t, err } = useKbT();
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<KbCategoryInput>({ resolver: zodResolver(kbCategorySchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(saveCategoryAction, setError, () => {
    if (isNew) router.push("/admin/kb/categories");
    else router.refresh();
  });
  const e = formState.errors;
  const names = [
    ["nameEn", true],
    ["nameVi", false],
    ["nameSk", false],
    ["nameHu", false],
  ] as const;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4">
      <FormOutcome error={formError} saved={saved && !isNew} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="slug" label={t("admin.categoryForm.slug")} error={err(e.slug?.message)} required>
          <Input autoComplete="off" spellCheck={false} {...register("slug")} />
        </FormField>
        <FormField id="position" label={t("admin.categoryForm.position")} hint={t("admin.categoryForm.positionHint")} error={err(e.position?.message)} required>
          <Input inputMode="numeric" {...register("position")} />
        </FormField>
        {names.map(([field, required]) => (
          <FormField key={field} id={field} label={t(`admin.categoryForm.${field}`)} hint={required ? undefined : t("admin.categoryForm.nameHint")} error={err(e[field]?.message)} required={required}>
            <Input maxLength={100} {...register(field)} />
          </FormField>
        ))}
      </div>
      <div className="flex items-start gap-2">
        <Checkbox id="isFaq" aria-describedby="isFaq-hint" className="mt-0.5" {...register("isFaq")} />
        <div>
          <Label htmlFor="isFaq">{t("admin.categoryForm.isFaq")}</Label>
          <p id="isFaq-hint" className="text-xs text-muted">
            {t("admin.categoryForm.isFaqHint")}
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("admin.saving") : t("admin.save")}
      </Button>
    </form>
  );
}

export function AnnouncementForm({ defaults, isNew }: { defaults: AnnouncementInput; isNew: boolean }) {
  const { t, err } = useKbT();
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<AnnouncementInput>({ resolver: zodResolver(announcementSchema), defaultValues: defaults });
  const { submit, formError, saved, pending } = useActionSubmit(saveAnnouncementAction, setError, () => {
    if (isNew) router.push("/admin/kb/announcements");
    else router.refresh();
  });
  const e = formState.errors;
  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4">
      <FormOutcome error={formError} saved={saved && !isNew} />
      <FormField id="locale" label={t("admin.announcementForm.audience")} hint={t("admin.announcementForm.audienceHint")} error={err(e.locale?.message)} className="sm:max-w-xs">
        <Select {...register("locale")}>
          {ANNOUNCEMENT_AUDIENCES.map((l) => (
            <option key={l || "all"} value={l}>
              {t(`languages.${l || "all"}`)}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField id="title" label={t("admin.announcementForm.title")} error={err(e.title?.message)} required>
        <Input maxLength={200} {...register("title")} />
      </FormField>
      <FormField id="body" label={t("admin.announcementForm.body")} hint={t("admin.articleForm.bodyHint")} error={err(e.body?.message)} required>
        <Textarea rows={10} {...register("body")} />
      </FormField>
      <div className="flex items-start gap-2">
        <Checkbox id="published" aria-describedby="published-hint" className="mt-0.5" {...register("published")} />
        <div>
          <Label htmlFor="published">{t("admin.announcementForm.published")}</Label>
          <p id="published-hint" className="text-xs text-muted">
            {t("admin.announcementForm.publishedHint")}
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("admin.saving") : t("admin.save")}
      </Button>
    </form>
  );
}
