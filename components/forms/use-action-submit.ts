"use client";

import { useState, useTransition } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/result";

/**
 * Calls a server action with a react-hook-form form's values: the server's field errors go next to
 * their fields (the paths of the shared zod schema), anything else above the form as `formError`
 * (a message key the form translates in its own namespace).
 */
export function useActionSubmit<V extends FieldValues, R>(action: (input: V) => Promise<ActionResult<R>>, setError: UseFormSetError<V>, onDone: (data: R, values: V) => void) {
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const submit = (values: V) =>
    startTransition(async () => {
      setFormError(null);
      setSaved(false);
      const result = await action(values);
      if (result.ok) {
        setSaved(true);
        onDone(result.data, values);
        return;
      }
      setFormError(result.error ?? "errors.generic");
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as Path<V>, { message });
    });
  return { submit, formError, saved, pending };
}
