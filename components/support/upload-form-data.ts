/**
 * The FormData of a form with file inputs, read from the submitted form element. A file input with
 * nothing picked still adds an empty, nameless file, which a server action may receive without its
 * name and refuse as an "empty" upload, so empty files are left out.
 */
export function uploadFormData(form: HTMLFormElement): FormData {
  const formData = new FormData(form);
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key);
    if (!values.some((v) => typeof v !== "string" && v.size === 0)) continue;
    formData.delete(key);
    for (const v of values) if (typeof v === "string" || v.size > 0) formData.append(key, v);
  }
  return formData;
}
