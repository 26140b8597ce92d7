import type { z } from "zod";

/** What every server action returns: errors are message keys, translated by the form. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error?: string; fieldErrors?: Record<string, string> };

export const ok = <T>(data: T): ActionResult<T> => ({ ok: true, data });
export const fail = (error: string, fieldErrors?: Record<string, string>): ActionResult<never> => ({ ok: false, error, fieldErrors });

/** First message per field, keyed by the field's path. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** The string fields of a form post; anything that is not FormData (a forged call) gives {}. */
export function formDataObject(formData: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(formData instanceof FormData)) return out;
  for (const [key, value] of formData.entries()) if (typeof value === "string") out[key] = value;
  return out;
}
