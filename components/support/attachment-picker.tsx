"use client";

import { type ChangeEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button, FormField, cn } from "@/components/ui";
import {
  ATTACHMENT_ERROR_CODES,
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_LIMITS,
  ATTACHMENT_MAX_MB,
  type AttachmentErrorCode,
} from "@/lib/support/attachment-limits";
import { formatFileSize } from "./attachment-list";

type AttachmentPickerProps = {
  /** The form field the files are sent under. */
  name?: string;
  /** The server's verdict on the last submission (it is the authority; this picker only pre-checks). */
  errors?: readonly { fileName: string; code: string }[];
};

/** What the browser can tell before sending: blocking problems, or a hint that the type looks wrong. */
type PreCheck = { code: AttachmentErrorCode } | { warning: true } | null;

const isErrorCode = (code: string): code is AttachmentErrorCode => (ATTACHMENT_ERROR_CODES as readonly string[]).includes(code);
const extensionOf = (fileName: string) => /\.[^.]+$/.exec(fileName.toLowerCase())?.[0] ?? "";
const fileKey = (file: File) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

// Same limits as lib/support/attachments.ts. The extension is only a hint: the server looks at the
// content, so a .docx (a zip) passes and a renamed .exe does not.
function preCheck(file: File, index: number): PreCheck {
  if (index >= ATTACHMENT_LIMITS.maxFiles) return { code: "too_many" };
  if (file.size === 0) return { code: "empty" };
  if (file.size > ATTACHMENT_LIMITS.maxBytes) return { code: "too_large" };
  return (ATTACHMENT_EXTENSIONS as readonly string[]).includes(extensionOf(file.name)) ? null : { warning: true };
}

/** Puts `files` into the input, so the form sends exactly the list shown. False where unsupported. */
function setInputFiles(input: HTMLInputElement, files: readonly File[]): boolean {
  try {
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
    return true;
  } catch {
    return false;
  }
}

/**
 * A multiple file input that lists the chosen files with their size and a remove button. Picking
 * again adds to the list. Files the server would refuse are marked at once, and the form is not
 * sent until they are removed; an unusual extension only gets a warning.
 */
export function AttachmentPicker({ name = "attachments", errors }: AttachmentPickerProps) {
  const t = useTranslations("attachments");
  const locale = useLocale();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  // Server errors describe the files of the last submission; once the user changes the
  // selection they are out of date.
  const [staleErrors, setStaleErrors] = useState<AttachmentPickerProps["errors"]>();
  const serverErrors = errors && errors !== staleErrors ? errors : [];

  const limits = { max: ATTACHMENT_LIMITS.maxFiles, maxMb: ATTACHMENT_MAX_MB };
  const errorMessage = (code: string, fileName: string) => (isErrorCode(code) ? t(`errors.${code}`, { ...limits, fileName }) : t("notSent"));
  const checks = useMemo(() => files.map(preCheck), [files]);
  const firstBlocking = checks.findIndex((check) => check !== null && "code" in check);
  const blockingMessage = firstBlocking >= 0 ? errorMessage((checks[firstBlocking] as { code: AttachmentErrorCode }).code, files[firstBlocking].name) : "";

  // The input is invalid while a chosen file would be refused, and the form is not sent: also
  // for forms with `noValidate` (react-hook-form), whose React onSubmit this listener runs before.
  useEffect(() => {
    const input = inputRef.current;
    input?.setCustomValidity(blockingMessage);
    const form = input?.form;
    if (!input || !form || !blockingMessage) return;
    const block = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
      input.reportValidity();
    };
    form.addEventListener("submit", block);
    return () => form.removeEventListener("submit", block);
  }, [blockingMessage]);

  // React resets a form after its action; the list must follow the emptied input.
  useEffect(() => {
    const form = inputRef.current?.form;
    if (!form) return;
    const clear = () => setFiles([]);
    form.addEventListener("reset", clear);
    return () => form.removeEventListener("reset", clear);
  }, []);

  function update(input: HTMLInputElement, next: File[]) {
    setStaleErrors(errors);
    // Without DataTransfer the input keeps only the latest pick; show what will really be sent.
    setFiles(setInputFiles(input, next) ? next : Array.from(input.files ?? []));
  }

  function onPick(event: ChangeEvent<HTMLInputElement>) {
    const known = new Set(files.map(fileKey));
    const picked = Array.from(event.currentTarget.files ?? []).filter((file) => !known.has(fileKey(file)));
    update(event.currentTarget, [...files, ...picked]);
  }

  function remove(index: number) {
    if (inputRef.current) update(inputRef.current, files.filter((_, i) => i !== index));
  }

  // The form says that nothing was sent; next to the field, what is wrong with which file.
  const serverMessages = [...new Set(serverErrors.map((error) => errorMessage(error.code, error.fileName)))];
  const serverErrorText = serverMessages.length ? (
    <>
      {serverMessages.map((message) => (
        <span key={message} className="block">
          {message}
        </span>
      ))}
    </>
  ) : undefined;

  return (
    <div className="space-y-2">
      <FormField id={id} label={t("label")} hint={t("hint", limits)} error={serverErrorText}>
        {(control) => (
          <input
            {...control}
            ref={inputRef}
            type="file"
            name={name}
            multiple
            onChange={onPick}
            aria-invalid={control["aria-invalid"] ?? (firstBlocking >= 0 ? true : undefined)}
            className="block w-full text-sm text-fg file:mr-3 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-fg hover:file:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          />
        )}
      </FormField>
      {files.length > 0 ? (
        <ul aria-label={t("selected")} aria-live="polite" className="divide-y divide-border rounded-md border border-border">
          {files.map((file, index) => {
            const check = checks[index];
            return (
              <li key={fileKey(file)} className="flex items-start justify-between gap-3 px-3 py-2 text-sm">
                <div className="min-w-0">
                  <p className="truncate text-fg">
                    {file.name} <span className="text-xs text-muted">{formatFileSize(file.size, locale)}</span>
                  </p>
                  {check ? (
                    <p className={cn("text-xs", "code" in check ? "font-medium text-danger" : "text-warning")}>
                      {"code" in check ? errorMessage(check.code, file.name) : t("typeWarning", { fileName: file.name })}
                    </p>
                  ) : null}
                </div>
                <Button variant="ghost" size="sm" onClick={() => remove(index)} aria-label={t("removeFile", { fileName: file.name })}>
                  {t("remove")}
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
