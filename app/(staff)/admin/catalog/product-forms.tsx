"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert, Button, Checkbox, FormField, Input, Label, Select, Textarea } from "@/components/ui";
import {
  PRODUCT_DESCRIPTION_MAX,
  PRODUCT_KINDS,
  PRODUCT_NAME_MAX,
  PRODUCT_POSITION_MAX,
  PRODUCT_SLUG_MAX,
  type ProductInput,
  productSchema,
} from "@/lib/billing/catalog-schemas";
import { deleteProductAction, saveProductAction, setProductActiveAction } from "./actions";
import { ConfirmAction, FormOutcome, useActionSubmit, useCatalogText } from "./form-kit";

/** "Web Hosting Pro 2026" → "web-hosting-pro-2026": a suggestion for a new product's slug. */
function slugFrom(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, PRODUCT_SLUG_MAX)
    .replace(/-+$/, "");
}

/** Create (no `defaults.id`) or edit a product. A new product goes on to its page for prices. */
export function ProductForm({ defaults }: { defaults: ProductInput }) {
  const t = useTranslations("catalog");
  const text = useCatalogText();
  const router = useRouter();
  const isNew = !defaults.id;
  // `values` (not only defaults): when "Deactivate" beside the form changes the product, the
  // refreshed page brings the new state in, so saving the form later does not undo it.
  const { register, handleSubmit, formState, setError, setValue, getFieldState } = useForm<ProductInput>({
    resolver: zodResolver(productSchema),
    defaultValues: defaults,
    values: isNew ? undefined : defaults,
    resetOptions: { keepDirtyValues: true },
  });
  const { submit, formError, saved, pending } = useActionSubmit(saveProductAction, setError, ({ id }) => {
    if (isNew) router.push(`/admin/catalog/${id}?created=1`);
    else router.refresh();
  });
  const e = formState.errors;
  const name = register("name", {
    // Until the slug is typed by hand, a new product's slug follows its name.
    onChange: (event: { target: { value: string } }) => {
      if (isNew && !getFieldState("slug").isDirty) setValue("slug", slugFrom(event.target.value));
    },
  });

  return (
    <form method="post" onSubmit={handleSubmit(submit)} noValidate className="space-y-4" aria-label={isNew ? t("product.titleNew") : t("product.titleEdit")}>
      <FormOutcome error={formError} saved={saved && !isNew} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="product-name" label={t("product.name")} error={text(e.name?.message)} required>
          <Input maxLength={PRODUCT_NAME_MAX} autoComplete="off" {...name} />
        </FormField>
        <FormField id="product-slug" label={t("product.slug")} hint={t("product.slugHint")} error={text(e.slug?.message)} required>
          <Input maxLength={PRODUCT_SLUG_MAX} autoComplete="off" spellCheck={false} className="font-mono" {...register("slug")} />
        </FormField>
        <FormField id="product-kind" label={t("product.kind")} error={text(e.kind?.message)} required>
          <Select {...register("kind")}>
            {PRODUCT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="product-position" label={t("product.position")} hint={t("product.positionHint")} error={text(e.position?.message)} required>
          <Input type="number" inputMode="numeric" min={0} max={PRODUCT_POSITION_MAX} step={1} className="max-w-32" {...register("position", { valueAsNumber: true })} />
        </FormField>
      </div>
      <FormField id="product-description" label={t("product.description")} hint={t("product.descriptionHint")} error={text(e.description?.message)}>
        <Textarea rows={4} maxLength={PRODUCT_DESCRIPTION_MAX} {...register("description")} />
      </FormField>
      <div className="flex items-start gap-2">
        <Checkbox id="product-active" aria-describedby="product-active-hint" className="mt-0.5" {...register("active")} />
        <div>
          <Label htmlFor="product-active">{t("product.active")}</Label>
          <p id="product-active-hint" className="text-xs text-muted">
            {t("product.activeHint")}
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("common.saving") : isNew ? t("product.create") : t("common.save")}
      </Button>
    </form>
  );
}

/**
 * Taking a product off sale, or deleting it: a product that services use can only be deactivated
 * (it is what they were sold as); an unused one may be deleted, after a confirmation.
 */
export function ProductLifecycle({ id, name, active, serviceCount }: { id: string; name: string; active: boolean; serviceCount: number }) {
  const t = useTranslations("catalog");
  const text = useCatalogText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toggle = () =>
    startTransition(async () => {
      setError(null);
      const result = await setProductActiveAction({ id, active: !active });
      if (result.ok) router.refresh();
      else setError(result.error ?? "errors.generic");
    });
  return (
    <div className="space-y-3 text-sm">
      <p>{serviceCount > 0 ? t("lifecycle.inUse", { count: serviceCount }) : t("lifecycle.unused")}</p>
      {error ? <Alert tone="danger">{text(error)}</Alert> : null}
      <div className="flex flex-wrap items-start gap-2">
        <Button variant="secondary" onClick={toggle} disabled={pending}>
          {active ? t("lifecycle.deactivate") : t("lifecycle.activate")}
        </Button>
        {serviceCount === 0 ? (
          <ConfirmAction
            id={`delete-${id}`}
            label={t("lifecycle.delete")}
            confirmText={t("lifecycle.confirmDelete", { name })}
            confirmLabel={t("lifecycle.deleteYes")}
            run={() => deleteProductAction({ id })}
            onDone={() => router.push("/admin/catalog")}
          />
        ) : null}
      </div>
    </div>
  );
}
