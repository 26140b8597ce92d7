"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button, FormField, Textarea } from "@/components/ui";
import { customerNoteSchema } from "@/lib/admin/customer-note-schema";
import { addCustomerNoteAction } from "../actions";

/** A staff note on the customer: checked with the same schema as the server. */
export function CustomerNoteForm({ customerId }: { customerId: string }) {
  const t = useTranslations("staffCustomers");
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = customerNoteSchema.safeParse({ customerId, body });
        if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "errors.noteRequired");
        startTransition(async () => {
          const result = await addCustomerNoteAction(parsed.data);
          if (result.ok) {
            setBody("");
            setError(null);
            router.refresh();
          } else setError(result.fieldErrors?.body ?? result.error ?? "errors.generic");
        });
      }}
    >
      <FormField id="customer-note" label={t("notes.add")} error={error ? t(error) : undefined}>
        <Textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} maxLength={4000} />
      </FormField>
      <Button type="submit" size="sm" disabled={pending}>
        {pending ? t("notes.saving") : t("notes.save")}
      </Button>
    </form>
  );
}
